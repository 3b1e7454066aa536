//! A plan as an Excel workbook: the action-plan table in the layout of a department's 5-year
//! action plan (strategy, KPIs with a target per year, projects with a budget per year and its
//! total, responsible units), every KPI with its targets, the budget per strategy and year,
//! and for a roadmap its rows as a provincial office keeps them; one sheet each, headers
//! merged, baht in a number format and every total a SUM formula.

pub mod action;
pub mod grid;
pub mod roadmap;
pub mod summary;

use phaen_domain::{Element, ElementKind, Plan, PlanKind};

use crate::error::Result;
use crate::layout::Digits;
pub use grid::{Row, Sheet, Total, Value};

pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The sheets of a plan's workbook, in order; a sheet with nothing to show is left out.
pub fn sheets(plan: &Plan) -> Vec<Sheet> {
    let mut out = Vec::new();
    if plan.kind == PlanKind::Roadmap {
        let filter = crate::roadmap::Filter::default();
        let rows = crate::roadmap::roadmap(plan, &filter, crate::roadmap::Lang::Th);
        out.push(roadmap::sheet(plan, &rows, &filter, &crate::roadmap::TH));
    } else if !plan.projects().is_empty() || !plan.all_kpis().is_empty() {
        out.push(action::sheet(plan));
    }
    if !plan.all_kpis().is_empty() {
        out.push(summary::kpis(plan));
    }
    if plan.projects().iter().any(|p| !p.budget.is_empty()) {
        out.push(summary::budget(plan));
    }
    out
}

/// The plan's workbook, its text in the chosen digits.
pub fn write(plan: &Plan, digits: Digits) -> Result<Vec<u8>> {
    grid::workbook(&sheets(plan), digits)
}

/// The word a kind of element is named with before its number in the official tables.
pub(crate) fn kind_word(kind: ElementKind) -> &'static str {
    match kind {
        ElementKind::Mission => "พันธกิจที่",
        ElementKind::Goal => "เป้าหมาย",
        ElementKind::StrategicIssue => "ยุทธศาสตร์ที่",
        ElementKind::Strategy => "กลยุทธ์",
        ElementKind::Guideline => "แนวทางที่",
        ElementKind::Group => "",
        ElementKind::Project => "",
        ElementKind::Activity => "",
    }
}

/// 'ยุทธศาสตร์ที่ 1 การพัฒนา...', 'กลยุทธ์ 1.1 ส่งเสริม...', '1.1.1 โครงการ...': the kind's word
/// (unless the label already starts with it), the label's number and the title.
pub(crate) fn heading(e: &Element) -> String {
    let word = kind_word(e.kind);
    let label = e.label.as_deref().map(str::trim).unwrap_or_default();
    let number = label
        .trim_start_matches(word)
        .trim_start_matches(e.kind.label_th())
        .trim_start_matches("ที่")
        .trim();
    let mut parts: Vec<&str> = Vec::new();
    if !word.is_empty() {
        parts.push(word);
    }
    if !number.is_empty() {
        parts.push(number);
    }
    parts.push(e.title.trim());
    parts.join(" ")
}

/// A KPI's name with its label ('1. ร้อยละของ...').
pub(crate) fn kpi_name(label: Option<&str>, name: &str) -> String {
    match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) if l.ends_with('.') => format!("{l} {name}"),
        Some(l) => format!("{l}. {name}"),
        None => name.to_string(),
    }
}
