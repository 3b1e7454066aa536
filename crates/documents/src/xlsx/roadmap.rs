//! The roadmap as one sheet: the plan's title, owner, 'data as of' and revision (and the
//! filters in force) in the title rows, two rows of headings, a merged row for each strategy
//! and each cooperative type, baht in a number format, and the total a SUM over the budget
//! column. The web's roadmap download and the plan's workbook both write it.

use phaen_domain::Plan;

use super::grid::{Row, Sheet, Total, Value};
use crate::layout::Cell;
use crate::roadmap::{Filter, Roadmap, Words};

/// The sheet's name.
pub const NAME: &str = "Road Map";
/// The column of the budget (zero-based: 'F').
pub const BUDGET_COL: u16 = 5;

pub fn sheet(plan: &Plan, roadmap: &Roadmap, filter: &Filter, w: &Words) -> Sheet {
    let years = roadmap.years.len() as u16;
    let mut first = vec![
        Cell::head(w.no).span(1, 2),
        Cell::head(w.alignment).span(1, 2),
        Cell::head(w.project).span(1, 2),
        Cell::head(w.kpi).span(1, 2),
        Cell::head(w.target_group).span(1, 2),
        Cell::head(w.budget).span(1, 2),
    ];
    if years > 0 {
        first.push(Cell::head(w.readiness).span(years, 1));
    }
    first.push(Cell::head(w.units).span(2, 1));
    first.push(Cell::head(w.results).span(1, 2));
    let mut second: Vec<Cell> = roadmap
        .years
        .iter()
        .map(|c| Cell::head(w.year_heading(c.year, c.kind)))
        .collect();
    second.push(Cell::head(w.main));
    second.push(Cell::head(w.support));

    let mut rows = Vec::new();
    for s in &roadmap.strategies {
        rows.push(Row::Band(s.heading.clone()));
        for g in &s.groups {
            if let Some(h) = &g.heading {
                rows.push(Row::Group(h.clone()));
            }
            for r in &g.rows {
                let mut cells = vec![
                    Value::Centre(r.no.clone()),
                    Value::Text(r.alignment.join("\n")),
                    Value::Text(r.project.clone()),
                    Value::Text(r.kpis.join("\n")),
                    Value::Text(r.target_groups.join("\n")),
                    Value::Baht(r.budget),
                ];
                for flag in &r.readiness {
                    cells.push(Value::Centre(
                        match flag {
                            Some(true) => w.ticked,
                            Some(false) => w.not_ticked,
                            None => "",
                        }
                        .to_string(),
                    ));
                }
                cells.push(Value::Text(r.main.join("\n")));
                cells.push(Value::Text(r.support.join("\n")));
                cells.push(Value::Text(r.results.join("\n")));
                rows.push(Row::Cells(cells));
            }
        }
    }
    let mut widths = vec![6.0, 24.0, 40.0, 36.0, 24.0, 16.0];
    widths.extend((0..years).map(|_| 14.0));
    widths.extend([16.0, 24.0, 40.0]);
    let filter_line = if filter.is_empty() {
        String::new()
    } else {
        w.filter_line(filter)
    };
    Sheet {
        name: NAME.into(),
        title: vec![
            plan.title.clone(),
            plan.owner.name_th.clone(),
            w.stamp_line(plan),
            filter_line,
        ],
        before: Vec::new(),
        widths,
        header: vec![first, second],
        rows,
        total: Some(Total {
            label: w.total.into(),
            label_cols: BUDGET_COL,
            sum_cols: vec![BUDGET_COL],
        }),
    }
}
