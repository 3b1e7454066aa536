//! What a document says, in order, before it is written as PDF or DOCX: a cover, headings that
//! build the table of contents, paragraphs, lists, tables (with header rows that repeat when a
//! table breaks across pages) and figures, in portrait or landscape parts.
//!
//! A layout holds finished text: numbers, years and money are already written with the digits
//! the reader chose, so the writers never format anything themselves.

pub mod model;

pub use model::*;
