//! A roadmap plan as the rows a provincial office keeps: grouped by national strategy and,
//! within one, by cooperative type; each row with its alignment, project, KPI, target group,
//! budget, readiness per year, main and supporting units and results. Filters by year (the
//! rows ready or planned that year), unit and cooperative keep only the rows that match.

use std::collections::BTreeMap;

use phaen_domain::{AlignKind, BeYear, Element, ElementKind, Plan, ReadinessKind, ResponsibleRole};
use rust_decimal::Decimal;

use super::Lang;

/// Which rows to keep; `None` keeps every row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Rows ticked (ready, or in a plan) for this year.
    pub year: Option<BeYear>,
    /// Rows with this unit among their main or supporting units (as the plan writes it).
    pub unit: Option<String>,
    /// Rows a cooperative takes part in, by its organization code.
    pub coop: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.year.is_none() && self.unit.is_none() && self.coop.is_none()
    }
}

/// One row of work.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    /// The row's number as written ('1'), counted within its strategy.
    pub no: String,
    /// What of the national plan it answers ('ตัวชี้วัดที่ 1 · แนวทางที่ 5').
    pub alignment: Vec<String>,
    pub project: String,
    pub kpis: Vec<String>,
    pub target_groups: Vec<String>,
    /// The estimated budget in baht; `None` when the row names none ('-').
    pub budget: Option<Decimal>,
    /// One flag per year of the plan: ticked, not ticked, or not stated.
    pub readiness: Vec<Option<bool>>,
    pub main: Vec<String>,
    pub support: Vec<String>,
    pub results: Vec<String>,
}

/// Rows under one cooperative type ('ทุกประเภท'), or straight under the strategy.
#[derive(Debug, Clone)]
pub struct Group {
    /// The cooperative type and the group's heading, when the rows sit in a group.
    pub heading: Option<String>,
    pub rows: Vec<Row>,
}

/// A national strategy and its groups of rows.
#[derive(Debug, Clone)]
pub struct Strategy {
    pub heading: String,
    pub groups: Vec<Group>,
}

/// A year's readiness column: the year and what a tick means that year.
#[derive(Debug, Clone, Copy)]
pub struct YearColumn {
    pub year: BeYear,
    pub kind: Option<ReadinessKind>,
}

/// The roadmap, filtered, with what the filters may choose from.
#[derive(Debug, Clone)]
pub struct Roadmap {
    pub years: Vec<YearColumn>,
    pub strategies: Vec<Strategy>,
    /// Every unit named as main or supporting, in the order first met.
    pub units: Vec<String>,
    /// Every cooperative (organization other than the plan's owner) named: (code, name).
    pub coops: Vec<(String, String)>,
}

impl Roadmap {
    /// The rows kept, in order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.strategies
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.rows)
    }

    /// The sum of the kept rows' budgets, exact.
    pub fn total_budget(&self) -> Decimal {
        self.rows().filter_map(|r| r.budget).sum()
    }
}

/// The plan's roadmap rows that pass `filter`; strategies and groups left without rows are
/// left out.
pub fn roadmap(plan: &Plan, filter: &Filter, lang: Lang) -> Roadmap {
    let years: Vec<BeYear> = plan.period.years().collect();
    let mut units = Vec::new();
    let mut coops: BTreeMap<String, String> = BTreeMap::new();
    let owner = plan.owner.code.to_string();
    for w in plan.walk() {
        for r in &w.element.responsible {
            if !units.contains(&r.text) {
                units.push(r.text.clone());
            }
            if let Some(org) = r.org.as_ref().filter(|o| **o != owner) {
                coops.entry(org.clone()).or_insert_with(|| r.text.clone());
            }
        }
    }
    let mut strategies = Vec::new();
    for top in &plan.elements {
        let mut groups: Vec<Group> = Vec::new();
        collect(top, None, &mut groups, &years, filter, lang);
        groups.retain(|g| !g.rows.is_empty());
        if !groups.is_empty() {
            strategies.push(Strategy {
                heading: heading(top),
                groups,
            });
        }
    }
    Roadmap {
        years: year_columns(plan, &years),
        strategies,
        units,
        coops: coops.into_iter().collect(),
    }
}

/// 'ยุทธศาสตร์ที่ 1 : ...' as the plan labels its strategy.
fn heading(e: &Element) -> String {
    match e.label.as_deref().filter(|l| !l.trim().is_empty()) {
        Some(l) => format!("{l} : {}", e.title),
        None => e.title.clone(),
    }
}

/// A group's heading: its cooperative type, and its title when that says more.
fn group_heading(e: &Element) -> String {
    match e.coop_type.as_deref() {
        Some(t) if t != e.title => format!("{t} : {}", e.title),
        Some(t) => t.to_string(),
        None => e.title.clone(),
    }
}

/// Walks down from `e`, putting each project into the group of its nearest group element
/// (consecutive rows of one group stay one group).
fn collect(
    e: &Element,
    group: Option<&Element>,
    out: &mut Vec<Group>,
    years: &[BeYear],
    filter: &Filter,
    lang: Lang,
) {
    let group = if e.kind == ElementKind::Group {
        Some(e)
    } else {
        group
    };
    if e.kind == ElementKind::Project {
        if keep(e, years, filter) {
            let heading = group.map(group_heading);
            let row = row(e, years, lang);
            match out.last_mut() {
                Some(g) if g.heading == heading => g.rows.push(row),
                _ => out.push(Group {
                    heading,
                    rows: vec![row],
                }),
            }
        }
        return;
    }
    for child in &e.children {
        collect(child, group, out, years, filter, lang);
    }
}

fn keep(e: &Element, years: &[BeYear], filter: &Filter) -> bool {
    let year_ok = filter
        .year
        .is_none_or(|y| years.contains(&y) && e.readiness.iter().any(|r| r.year == y && r.ready));
    let unit_ok = filter
        .unit
        .as_deref()
        .is_none_or(|u| e.responsible.iter().any(|r| r.text == u));
    let coop_ok = filter
        .coop
        .as_deref()
        .is_none_or(|c| e.responsible.iter().any(|r| r.org.as_deref() == Some(c)));
    year_ok && unit_ok && coop_ok
}

fn row(e: &Element, years: &[BeYear], lang: Lang) -> Row {
    let units = |role| {
        e.responsible
            .iter()
            .filter(|r| r.role == role)
            .map(|r| r.text.clone())
            .collect()
    };
    let budget =
        (!e.budget.is_empty()).then(|| e.budget.iter().map(|b| b.amount_baht.amount()).sum());
    Row {
        id: e.id.to_string(),
        no: e.label.clone().unwrap_or_default(),
        alignment: alignment(e, lang),
        project: e.title.clone(),
        kpis: e
            .kpis
            .iter()
            .map(|k| {
                let name = match k.label.as_deref() {
                    Some(l) if !l.trim().is_empty() => format!("{l} {}", k.name),
                    _ => k.name.clone(),
                };
                match k.unit.as_deref().filter(|u| !u.is_empty()) {
                    Some(u) => format!("{name} ({u})"),
                    None => name,
                }
            })
            .collect(),
        target_groups: e.target_groups.iter().map(|t| t.text.clone()).collect(),
        budget,
        readiness: years
            .iter()
            .map(|y| e.readiness.iter().find(|r| r.year == *y).map(|r| r.ready))
            .collect(),
        main: units(ResponsibleRole::Main),
        support: units(ResponsibleRole::Support),
        results: e.results.iter().map(|r| r.narrative.clone()).collect(),
    }
}

/// The alignment cells as written, each once; links without words are spelt out.
fn alignment(e: &Element, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for link in &e.aligned_to {
        let text = link.written.clone().unwrap_or_else(|| {
            let scope = link
                .scope
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            format!("{} {}{scope}", kind_word(link.kind, lang), link.label)
        });
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

fn kind_word(kind: AlignKind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::Th, AlignKind::Kpi) => "ตัวชี้วัดที่",
        (Lang::Th, AlignKind::Guideline) => "แนวทางที่",
        (Lang::Th, AlignKind::Strategy) => "กลยุทธ์ที่",
        (Lang::Th, AlignKind::StrategicIssue) => "ยุทธศาสตร์ที่",
        (Lang::Th, AlignKind::Goal) => "เป้าประสงค์ที่",
        (Lang::Th, AlignKind::Mission) => "พันธกิจที่",
        (Lang::Th, AlignKind::Project) => "โครงการที่",
        (Lang::En, AlignKind::Kpi) => "KPI",
        (Lang::En, AlignKind::Guideline) => "Guideline",
        (Lang::En, AlignKind::Strategy) => "Strategy",
        (Lang::En, AlignKind::StrategicIssue) => "Strategic issue",
        (Lang::En, AlignKind::Goal) => "Goal",
        (Lang::En, AlignKind::Mission) => "Mission",
        (Lang::En, AlignKind::Project) => "Project",
    }
}

/// What a tick means in each year: the kind most rows give that year.
fn year_columns(plan: &Plan, years: &[BeYear]) -> Vec<YearColumn> {
    years
        .iter()
        .map(|y| {
            let mut counts: Vec<(ReadinessKind, usize)> = Vec::new();
            for w in plan.walk() {
                for r in w.element.readiness.iter().filter(|r| r.year == *y) {
                    match counts.iter_mut().find(|(k, _)| *k == r.kind) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((r.kind, 1)),
                    }
                }
            }
            let kind = counts.iter().max_by_key(|(_, n)| *n).map(|(k, _)| *k);
            YearColumn { year: *y, kind }
        })
        .collect()
}
