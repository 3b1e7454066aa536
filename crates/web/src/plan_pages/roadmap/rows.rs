//! The roadmap's rows in the viewer's language: phaen-documents' `roadmap_rows`, which the
//! roadmap's PDF lays out too.

use phaen_domain::Plan;

pub use phaen_documents::roadmap_rows::{Filter, Group, Roadmap, Row, Strategy, YearColumn};

use crate::i18n::Lang;

/// The plan's roadmap rows that pass `filter`.
pub fn roadmap(plan: &Plan, filter: &Filter, lang: Lang) -> Roadmap {
    phaen_documents::roadmap_rows::roadmap(plan, filter, lang == Lang::En)
}
