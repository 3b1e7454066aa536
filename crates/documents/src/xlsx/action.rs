//! The action-plan sheet, laid out as a department's 5-year action plan is (the detail tables
//! of seed 004): the strategy cell (strategic issue, its goal, its strategies) | KPIs | unit |
//! a target per year | project | a budget per year in baht and their total | responsible
//! units. A top-level element's KPIs and its projects share its rows, one of each per row, so
//! the importer reads the sheet back as such a plan.

use phaen_domain::{Element, ElementKind, Kpi, Plan, ResponsibleRole, Target};
use rust_decimal::Decimal;

use super::grid::{Row, Sheet, Total, Value};
use super::{heading, kpi_name};
use crate::layout::Cell;

pub const NAME: &str = "แผนปฏิบัติการ";

pub fn sheet(plan: &Plan) -> Sheet {
    let years: Vec<_> = plan.period.years().collect();
    let ny = years.len() as u16;
    let project_col = 3 + ny;
    let first_budget = project_col + 1;
    let total_col = first_budget + ny;
    let header = vec![
        Cell::head("ยุทธศาสตร์ / เป้าหมาย / กลยุทธ์").span(1, 2),
        Cell::head("ตัวชี้วัดเป้าหมาย").span(1, 2),
        Cell::head("หน่วยนับ").span(1, 2),
        Cell::head("ค่าเป้าหมาย").span(ny, 1),
        Cell::head("โครงการ/กิจกรรม").span(1, 2),
        Cell::head("วงเงินงบประมาณปี (บาท)").span(ny + 1, 1),
        Cell::head("หน่วยงานรับผิดชอบ").span(1, 2),
    ];
    let mut second: Vec<Cell> = years.iter().map(|y| Cell::head(y.to_string())).collect();
    second.extend(years.iter().map(|y| Cell::head(y.to_string())));
    second.push(Cell::head("รวม"));

    let mut rows = Vec::new();
    let (summary, tables): (Vec<&Element>, Vec<&Element>) = plan.elements.iter().partition(|e| {
        matches!(e.kind, ElementKind::Mission | ElementKind::Goal) && e.children.is_empty()
    });
    for top in tables {
        let kpis = kpis_under(top);
        let entries = entries_under(top);
        let n = kpis.len().max(entries.len()).max(1);
        let mut last_chain: Vec<&Element> = vec![];
        for i in 0..n {
            let mut cells = Vec::new();
            // The strategy cell: the chain above this row's project, where it changes.
            let (chain, project) = match entries.get(i) {
                Some((chain, project)) => (chain.clone(), *project),
                None => (last_chain.clone(), None),
            };
            let new: Vec<&Element> = chain
                .iter()
                .filter(|e| !last_chain.iter().any(|l| l.id == e.id))
                .copied()
                .collect();
            cells.push(Value::Text(
                new.iter().map(|e| heading(e)).collect::<Vec<_>>().join(" "),
            ));
            last_chain = chain;
            match kpis.get(i) {
                Some(k) => {
                    cells.push(Value::Text(kpi_name(k.label.as_deref(), &k.name)));
                    cells.push(Value::Centre(k.unit.clone().unwrap_or_default()));
                    for y in &years {
                        cells.push(target(k.target_for(*y)));
                    }
                }
                None => {
                    cells.push(Value::Text(String::new()));
                    cells.push(Value::Text(String::new()));
                    cells.extend(years.iter().map(|_| Value::Text(String::new())));
                }
            }
            match project {
                Some(p) => {
                    cells.push(Value::Text(heading(p)));
                    let mut sum = Decimal::ZERO;
                    for y in &years {
                        let amount: Option<Decimal> = {
                            let lines: Vec<_> =
                                p.budget.iter().filter(|b| b.year == Some(*y)).collect();
                            (!lines.is_empty())
                                .then(|| lines.iter().map(|b| b.amount_baht.amount()).sum())
                        };
                        sum += amount.unwrap_or_default();
                        cells.push(Value::Baht(amount));
                    }
                    cells.push(Value::RowSum {
                        from: first_budget,
                        to: total_col - 1,
                        value: sum,
                    });
                    cells.push(Value::Text(units(p)));
                }
                None => {
                    cells.extend((0..=ny + 2).map(|_| Value::Text(String::new())));
                }
            }
            rows.push(Row::Cells(cells));
        }
    }
    let mut widths = vec![36.0, 30.0, 10.0];
    widths.extend(years.iter().map(|_| 9.0));
    widths.push(40.0);
    widths.extend(years.iter().map(|_| 14.0));
    widths.push(16.0);
    widths.push(20.0);
    let mut sum_cols: Vec<u16> = (first_budget..total_col).collect();
    sum_cols.push(total_col);
    Sheet {
        name: NAME.into(),
        title: vec![
            plan.title.clone(),
            plan.owner.name_th.clone(),
            format!(
                "รายละเอียดแผนปฏิบัติการ (พ.ศ. {} - {})",
                plan.period.from, plan.period.to
            ),
            String::new(),
        ],
        before: summary_block(plan, &summary),
        widths,
        header: vec![header, second],
        rows,
        total: Some(Total {
            label: "รวมงบประมาณ".into(),
            label_cols: project_col + 1,
            sum_cols,
        }),
    }
}

/// A target as written: a plain number stays a number; anything else is its words.
fn target(t: Option<&Target>) -> Value {
    match t {
        None | Some(Target::None) => Value::Centre("-".into()),
        Some(Target::Numeric {
            comparator: phaen_domain::Comparator::Eq,
            value,
            percent: false,
        }) => Value::Number(*value),
        Some(other) => Value::Centre(other.to_string()),
    }
}

/// The KPIs of an element and of the elements below it, projects and activities excepted.
fn kpis_under(e: &Element) -> Vec<&Kpi> {
    let mut out: Vec<&Kpi> = e.kpis.iter().collect();
    for c in &e.children {
        if !matches!(c.kind, ElementKind::Project | ElementKind::Activity) {
            out.extend(kpis_under(c));
        }
    }
    out
}

/// The rows a top-level element takes: one per project, with the chain of elements from the
/// top down to the project's parent, and one for each element with no project below it, so
/// every strategy is named even when it has no project yet.
type Entry<'a> = (Vec<&'a Element>, Option<&'a Element>);

fn entries_under(e: &Element) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    walk(e, &mut vec![], &mut out);
    out
}

fn walk<'a>(e: &'a Element, chain: &mut Vec<&'a Element>, out: &mut Vec<Entry<'a>>) {
    if e.kind == ElementKind::Project {
        out.push((chain.clone(), Some(e)));
        return;
    }
    if e.kind == ElementKind::Activity {
        return;
    }
    chain.push(e);
    let before = out.len();
    for c in &e.children {
        walk(c, chain, out);
    }
    if out.len() == before {
        out.push((chain.clone(), None));
    }
    chain.pop();
}

/// The vision, the missions and the plan's own goals above the table, as the summary matrix
/// of a department's action plan gives them.
fn summary_block(plan: &Plan, tops: &[&Element]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    if let Some(v) = &plan.vision {
        out.push(vec!["วิสัยทัศน์".to_string(), v.clone()]);
    }
    let mut first = true;
    for m in tops.iter().filter(|e| e.kind == ElementKind::Mission) {
        let label = m.label.as_deref().map(str::trim).unwrap_or_default();
        let text = if label.is_empty() {
            m.title.clone()
        } else if label.ends_with('.') {
            format!("{label} {}", m.title)
        } else {
            format!("{label}. {}", m.title)
        };
        let word = if first { "พันธกิจ" } else { "" };
        first = false;
        out.push(vec![word.to_string(), text]);
    }
    for g in tops.iter().filter(|e| e.kind == ElementKind::Goal) {
        out.push(vec!["เป้าหมายเชิงยุทธศาสตร์".to_string(), g.title.clone()]);
    }
    out
}

/// Main units first, then supporting ones, as the plan writes them.
fn units(p: &Element) -> String {
    let mut out: Vec<&str> = Vec::new();
    for role in [ResponsibleRole::Main, ResponsibleRole::Support] {
        out.extend(
            p.responsible
                .iter()
                .filter(|r| r.role == role)
                .map(|r| r.text.as_str()),
        );
    }
    out.join(" ")
}
