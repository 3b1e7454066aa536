//! Counts and totals of a plan, as `phaen plan summary` reports them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::element::ElementKind;
use crate::money::Baht;
use crate::plan::Plan;
use crate::swot::SwotKind;

/// How many of each thing a plan holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Counts {
    pub missions: usize,
    pub goals: usize,
    pub strategic_issues: usize,
    pub strategies: usize,
    pub guidelines: usize,
    pub groups: usize,
    pub projects: usize,
    pub activities: usize,
    /// KPIs at every level.
    pub kpis: usize,
    /// Year targets of every KPI, '-' years included.
    pub kpi_targets: usize,
    pub budget_lines: usize,
    pub responsible: usize,
    pub alignment_links: usize,
    pub readiness_flags: usize,
    pub results: usize,
    pub perspectives: usize,
    pub tows: usize,
}

pub fn counts(plan: &Plan) -> Counts {
    let mut c = Counts {
        perspectives: plan.perspectives.len(),
        tows: plan.tows.len(),
        ..Counts::default()
    };
    for w in plan.walk() {
        let e = w.element;
        match e.kind {
            ElementKind::Mission => c.missions += 1,
            ElementKind::Goal => c.goals += 1,
            ElementKind::StrategicIssue => c.strategic_issues += 1,
            ElementKind::Strategy => c.strategies += 1,
            ElementKind::Guideline => c.guidelines += 1,
            ElementKind::Group => c.groups += 1,
            ElementKind::Project => c.projects += 1,
            ElementKind::Activity => c.activities += 1,
        }
        c.budget_lines += e.budget.len();
        c.responsible += e.responsible.len();
        c.alignment_links += e.aligned_to.len();
        c.readiness_flags += e.readiness.len();
        c.results += e.results.len();
    }
    for (_, k) in plan.all_kpis() {
        c.kpis += 1;
        c.kpi_targets += k.targets.len();
        c.alignment_links += k.aligned_to.len();
    }
    c
}

/// SWOT items per kind.
pub fn swot_counts(plan: &Plan) -> BTreeMap<char, usize> {
    let mut m: BTreeMap<char, usize> = SwotKind::ALL.iter().map(|k| (k.letter(), 0)).collect();
    for s in &plan.swot {
        *m.entry(s.kind.letter()).or_default() += 1;
    }
    m
}

/// Budget per year in exact baht; lines without a year are left out (see `budget_without_year`).
pub fn budget_by_year(plan: &Plan) -> BTreeMap<u16, Baht> {
    let mut m: BTreeMap<u16, Baht> = BTreeMap::new();
    for w in plan.walk() {
        for b in &w.element.budget {
            if let Some(y) = b.year {
                let slot = m.entry(y.get()).or_default();
                *slot = [*slot, b.amount_baht].into_iter().sum();
            }
        }
    }
    m
}

/// The budget of lines that name no year (a roadmap's whole-project estimates).
pub fn budget_without_year(plan: &Plan) -> Baht {
    plan.walk()
        .iter()
        .flat_map(|w| w.element.budget.iter())
        .filter(|b| b.year.is_none())
        .map(|b| b.amount_baht)
        .sum()
}
