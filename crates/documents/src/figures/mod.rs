//! Drawings a plan's pages and documents share: the strategy map as SVG.

pub mod map;
pub mod map_draw;
pub mod svg;
