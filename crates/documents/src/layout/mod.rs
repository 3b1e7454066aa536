//! What a document says, in order, before it is written as PDF or DOCX: a cover, headings that
//! build the table of contents, paragraphs, lists, tables (with header rows that repeat when a
//! table breaks across pages) and figures, in portrait or landscape parts.
//!
//! A layout holds finished text: numbers, years and money are already written with the digits
//! the reader chose, so the writers never format anything themselves. The builders here turn a
//! plan into that model in the layout Thai agencies file for its kind.

pub mod action;
pub mod common;
pub mod model;
pub mod options;
pub mod strategic;
pub mod walk;

pub use model::*;
pub use options::{Digits, Options};
pub use walk::{map_text, texts};

use phaen_domain::{Plan, PlanKind};

/// The plan laid out as its kind is filed: a strategic plan as seed 000, a 5-year action plan
/// as seed 004, a development plan with its strategy map as seed 002, a roadmap as seed 003.
pub fn plan_document(plan: &Plan, o: &Options) -> Document {
    match plan.kind {
        PlanKind::StrategicPlan | PlanKind::DevelopmentPlan | PlanKind::Roadmap => {
            strategic::build(plan, o)
        }
        PlanKind::ActionPlan => action::build(plan, o),
    }
}

/// Every table of the document, for checks.
pub fn tables(doc: &Document) -> impl Iterator<Item = &Table> {
    doc.parts
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
}
