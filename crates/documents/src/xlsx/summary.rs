//! Two sheets that sum up the plan: every KPI at every level with its unit and a target per
//! year, and the budget of each strategy (the element projects sit under) per year, with its
//! total across the years and the plan's total per year as SUM formulas. Their second title
//! line starts with `SUMMARY_MARK`, so an importer reading the workbook back knows they only
//! repeat the action-plan sheet.

use phaen_domain::{Element, ElementKind, Plan, Target};
use rust_decimal::Decimal;

use super::grid::{Row, Sheet, Total, Value};
use super::{heading, kpi_name};
use crate::layout::Cell;

pub const KPI_SHEET: &str = "ตัวชี้วัด";
pub const BUDGET_SHEET: &str = "งบประมาณ";
/// How the second title line of a summary sheet starts.
pub const SUMMARY_MARK: &str = "ตารางสรุป";

pub fn kpis(plan: &Plan) -> Sheet {
    let years: Vec<_> = plan.period.years().collect();
    let ny = years.len() as u16;
    let header = vec![
        vec![
            Cell::head("ระดับ").span(1, 2),
            Cell::head("ตัวชี้วัด").span(1, 2),
            Cell::head("หน่วยนับ").span(1, 2),
            Cell::head("ค่าเป้าหมาย").span(ny, 1),
        ],
        years.iter().map(|y| Cell::head(y.to_string())).collect(),
    ];
    let mut rows = Vec::new();
    for (owner, k) in plan.all_kpis() {
        let mut cells = vec![
            Value::Text(owner.map_or_else(|| "ทั้งแผน".to_string(), heading)),
            Value::Text(kpi_name(k.label.as_deref(), &k.name)),
            Value::Centre(k.unit.clone().unwrap_or_default()),
        ];
        for y in &years {
            cells.push(match k.target_for(*y) {
                None | Some(Target::None) => Value::Centre("-".into()),
                Some(Target::Numeric {
                    comparator: phaen_domain::Comparator::Eq,
                    value,
                    percent: false,
                }) => Value::Number(*value),
                Some(t) => Value::Centre(t.to_string()),
            });
        }
        rows.push(Row::Cells(cells));
    }
    let mut widths = vec![40.0, 50.0, 10.0];
    widths.extend(years.iter().map(|_| 12.0));
    Sheet {
        name: KPI_SHEET.into(),
        title: vec![
            plan.title.clone(),
            format!("{SUMMARY_MARK}: ตัวชี้วัดและค่าเป้าหมายทุกระดับของแผน"),
            String::new(),
        ],
        before: Vec::new(),
        widths,
        header,
        rows,
        total: None,
    }
}

pub fn budget(plan: &Plan) -> Sheet {
    let years: Vec<_> = plan.period.years().collect();
    let ny = years.len() as u16;
    let header = vec![
        vec![
            Cell::head("ยุทธศาสตร์ / กลยุทธ์").span(1, 2),
            Cell::head("งบประมาณ (บาท)").span(ny + 1, 1),
        ],
        years
            .iter()
            .map(|y| Cell::head(y.to_string()))
            .chain([Cell::head("รวม")])
            .collect(),
    ];
    let mut rows = Vec::new();
    for top in &plan.elements {
        let mut holders: Vec<&Element> = Vec::new();
        holders_of(top, &mut holders);
        if holders.is_empty() {
            continue;
        }
        if holders.len() > 1 || holders[0].id != top.id {
            rows.push(Row::Group(heading(top)));
        }
        for h in holders {
            let mut cells = vec![Value::Text(heading(h))];
            let mut sum = Decimal::ZERO;
            for y in &years {
                let amount: Decimal = h
                    .children
                    .iter()
                    .filter(|c| c.kind == ElementKind::Project)
                    .flat_map(|p| &p.budget)
                    .filter(|b| b.year == Some(*y))
                    .map(|b| b.amount_baht.amount())
                    .sum();
                sum += amount;
                cells.push(Value::Baht(Some(amount)));
            }
            cells.push(Value::RowSum {
                from: 1,
                to: ny,
                value: sum,
            });
            rows.push(Row::Cells(cells));
        }
    }
    let mut widths = vec![60.0];
    widths.extend(years.iter().map(|_| 16.0));
    widths.push(18.0);
    Sheet {
        name: BUDGET_SHEET.into(),
        title: vec![
            plan.title.clone(),
            format!("{SUMMARY_MARK}: งบประมาณตามกลยุทธ์และปี"),
            String::new(),
        ],
        before: Vec::new(),
        widths,
        header,
        rows,
        total: Some(Total {
            label: "รวม".into(),
            label_cols: 1,
            sum_cols: (1..=ny + 1).collect(),
        }),
    }
}

/// The elements under `e` (itself included) that hold projects with budgets.
fn holders_of<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    if e.children
        .iter()
        .any(|c| c.kind == ElementKind::Project && !c.budget.is_empty())
    {
        out.push(e);
    }
    for c in &e.children {
        if c.kind != ElementKind::Project {
            holders_of(c, out);
        }
    }
}
