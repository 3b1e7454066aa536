//! Documents out: a plan laid out the way Thai agencies file it (`layout`), then written as a
//! file a cooperative can print, sign and send: PDF (`pdf`), Word (`docx`), Excel (`xlsx`).

pub mod digits;
pub mod docx;
pub mod error;
pub mod figures;
pub mod layout;
pub mod pdf;
pub mod roadmap;
pub mod roadmap_rows;
pub mod xlsx;

pub use error::{Error, Result};
pub use layout::Digits;
