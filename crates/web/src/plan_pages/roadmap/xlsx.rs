//! The roadmap download: the same sheet the plan's workbook carries
//! (`phaen_documents::xlsx::roadmap`), with the page's filters and the viewer's language.

use phaen_documents::roadmap::{Filter, Roadmap, Words};
use phaen_documents::xlsx::{grid, roadmap};
use phaen_documents::{Digits, Result};
use phaen_domain::Plan;

pub use phaen_documents::xlsx::CONTENT_TYPE;

/// The workbook's bytes.
pub fn workbook(plan: &Plan, rows: &Roadmap, filter: &Filter, words: &Words) -> Result<Vec<u8>> {
    grid::workbook(&[roadmap::sheet(plan, rows, filter, words)], Digits::Arabic)
}
