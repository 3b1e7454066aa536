//! The plan's read-only pages beyond the overview: strategy map, mission–goal–strategy table,
//! element pages, budgets by year, revisions and their comparison. Each page checks access the
//! way the overview does and links to the others through one sub-navigation.

pub mod budgets;
pub mod compare;
pub mod coverage;
pub mod diff;
pub mod element;
pub mod export;
pub mod map;
pub mod money;
pub mod office;
pub mod revisions;
pub mod roadmap;
pub mod rollup;
pub mod table;
pub mod texts;
pub mod timeline;

use phaen_domain::{Plan, PlanKind};

use crate::i18n::Lang;

pub use texts::PlanPageTexts;

/// Which page of the sub-navigation is being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Current {
    Overview,
    Map,
    Table,
    Roadmap,
    Budgets,
    Revisions,
    Progress,
    Dashboard,
    Coverage,
    Rollup,
    /// A page the navigation has no entry for (an element page).
    Other,
}

/// One link of the sub-navigation.
pub struct NavItem {
    pub href: String,
    pub label: &'static str,
    pub current: bool,
}

/// The sub-navigation between a plan's pages.
pub struct PlanNav {
    pub label: &'static str,
    pub items: Vec<NavItem>,
    /// 'ดาวน์โหลดเอกสาร' and the plan's documents to download (PDF in Thai or Arabic digits, Word, Excel).
    pub downloads_label: &'static str,
    pub downloads: Vec<NavItem>,
}

impl PlanNav {
    /// The links of `plan`'s pages; a roadmap has its roadmap table among them.
    pub fn new(plan: &Plan, lang: Lang, current: Current) -> PlanNav {
        let p = PlanPageTexts::of(lang);
        let plan_id = plan.id.as_str();
        let roadmap = (plan.kind == PlanKind::Roadmap).then_some((
            "/roadmap",
            roadmap::RoadmapTexts::of(lang).title,
            Current::Roadmap,
        ));
        let entries = [("", p.overview, Current::Overview)]
            .into_iter()
            .chain(roadmap)
            .chain([
                ("/map", p.map, Current::Map),
                ("/table", p.table, Current::Table),
                ("/budgets", p.budgets, Current::Budgets),
                ("/revisions", p.revisions, Current::Revisions),
                ("/progress", p.progress, Current::Progress),
                ("/dashboard", p.dashboard, Current::Dashboard),
                ("/coverage", p.coverage, Current::Coverage),
                ("/rollup", p.rollup, Current::Rollup),
            ]);
        let downloads = [
            ("export.pdf?digits=thai", p.pdf_thai_digits),
            ("export.pdf?digits=arabic", p.pdf_arabic_digits),
            ("export.docx", p.docx),
            ("export.xlsx", p.xlsx),
        ]
        .into_iter()
        .map(|(file, label)| NavItem {
            href: format!("/plans/{plan_id}/{file}"),
            label,
            current: false,
        })
        .collect();
        PlanNav {
            label: p.nav_label,
            downloads_label: p.downloads,
            downloads,
            items: entries
                .map(|(path, label, page)| NavItem {
                    href: format!("/plans/{plan_id}{path}"),
                    label,
                    current: page == current,
                })
                .collect(),
        }
    }
}

/// The plan `id` names, or the same 404 for a plan that is missing and for one the viewer may
/// not read: the check the overview makes.
pub(crate) use crate::pages::readable_plan;

/// An element's label and title as one line: '2.1 เพิ่มรายได้'.
pub fn labelled(label: Option<&str>, title: &str) -> String {
    match label {
        Some(l) if !l.trim().is_empty() => format!("{l} {title}"),
        _ => title.to_string(),
    }
}

/// 'กลยุทธ์ 2.1 เพิ่มรายได้', leaving out the kind when the label already says it
/// ('ยุทธศาสตร์ที่ 1 ...' rather than 'ยุทธศาสตร์ ยุทธศาสตร์ที่ 1 ...').
pub fn with_kind(kind: &str, label: Option<&str>, title: &str) -> String {
    let text = labelled(label, title);
    if label.is_some_and(|l| l.trim_start().starts_with(kind)) {
        text
    } else {
        format!("{kind} {text}")
    }
}

/// The revision number a plan is at: 1 when it names none.
pub fn revision_number(plan: &Plan) -> u32 {
    plan.revision.as_ref().map_or(1, |r| r.number)
}
