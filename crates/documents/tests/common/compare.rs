//! What "the same plan" means for a round trip through a document: the tree's elements (kind,
//! label number, title), every KPI (name, unit, target per year; where it sits is
//! compared by the top-level element it falls under, because the official action-plan table
//! lists a goal's KPIs beside its strategic issue and reads back there) and every project's
//! budget per year in exact baht. Spaces are ignored and Thai digits read as Arabic, since a
//! document may write either.

use phaen_domain::thai::to_arabic_digits;
use phaen_domain::{Element, ElementKind, Kpi, Plan, Target};

/// What a kind of document carries: a workbook holds the action-plan table, so not a
/// project's activities nor the KPIs of projects (they live on the project sheets of a printed
/// plan).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Carries {
    Everything,
    ActionTable,
}

/// One comparable line per fact of the plan, in tree order.
pub fn facts(plan: &Plan, carries: Carries) -> Vec<String> {
    let mut out = Vec::new();
    for k in &plan.kpis {
        out.push(kpi_fact("plan", k));
    }
    let mut top = String::new();
    for w in plan.walk() {
        let e = w.element;
        let below_project =
            |k: ElementKind| matches!(k, ElementKind::Project | ElementKind::Activity);
        if carries == Carries::ActionTable && e.kind == ElementKind::Activity {
            continue;
        }
        let at = element_key(e);
        if w.parent.is_none() {
            top = at.clone();
        }
        out.push(format!("{:?} {at} {}", e.kind, norm(&e.title)));
        if carries == Carries::Everything || !below_project(e.kind) {
            for k in &e.kpis {
                out.push(kpi_fact(&top, k));
            }
        }
        for b in &e.budget {
            if let Some(y) = b.year {
                out.push(format!(
                    "budget {at} {y} {}",
                    b.amount_baht.amount().normalize()
                ));
            }
        }
    }
    out
}

fn kpi_fact(at: &str, k: &Kpi) -> String {
    let targets: Vec<String> = k
        .targets
        .iter()
        .filter(|t| t.target != Target::None)
        .map(|t| format!("{}={}", t.year, norm(&t.target.to_string())))
        .collect();
    format!(
        "kpi {at} {} [{}] {}",
        norm(&k.name),
        norm(k.unit.as_deref().unwrap_or_default()),
        targets.join(" ")
    )
}

/// An element's label reduced to its number ('กลยุทธ์ ๑.๒' -> '1.2').
pub fn element_key(e: &Element) -> String {
    let digits: String = to_arabic_digits(e.label.as_deref().unwrap_or_default())
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.trim_matches('.').to_string()
}

pub fn norm(s: &str) -> String {
    to_arabic_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The facts one plan has and the other lacks, both ways.
pub fn differences(a: &Plan, b: &Plan, carries: Carries) -> (Vec<String>, Vec<String>) {
    let (fa, fb) = (facts(a, carries), facts(b, carries));
    let only_a = fa.iter().filter(|f| !fb.contains(f)).cloned().collect();
    let only_b = fb.iter().filter(|f| !fa.contains(f)).cloned().collect();
    (only_a, only_b)
}
