//! The roll-up as a workbook: a sheet per table of the page (targets, strategies by year,
//! organizations below, organizations below by target, KPI achievement by year), Thai headings, baht in a number
//! format and totals as SUM formulas.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Formula, Workbook, XlsxError};

use super::super::readable_plan;
use super::page::RollupTexts;
use super::{RollupQuery, RollupView, rollup_view};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;

pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const BAHT: &str = "#,##0.00";

/// The column letter of a zero-based column (A..Z, then AA..).
fn letter(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    s
}

/// A SUM formula over rows `from..to` (zero-based, `to` exclusive) of a column, with its value.
fn sum(col: u16, from: u32, to: u32, value: rust_decimal::Decimal) -> Formula {
    let c = letter(col);
    Formula::new(format!("=SUM({c}{}:{c}{})", from + 1, to.max(from + 1)))
        .set_result(value.normalize().to_string())
}

pub fn workbook(v: &RollupView, r: &RollupTexts) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_background_color("#DDEBF7");
    let title = Format::new().set_bold().set_font_size(14);
    let baht = Format::new().set_num_format(BAHT);
    let total = Format::new().set_bold().set_num_format(BAHT);
    let heading = format!("{} · {} · {}", r.heading, v.plan_title, v.org_name);
    let year_note = v
        .year
        .map_or_else(|| r.every_year.to_string(), |y| format!("{} {y}", r.year));

    let s = wb.add_worksheet();
    s.set_name("targets")?;
    s.write_with_format(0, 0, &heading, &title)?;
    s.write(1, 0, &year_note)?;
    for (c, h) in [r.target, r.orgs, r.items, r.budget].iter().enumerate() {
        s.write_with_format(3, c as u16, *h, &head)?;
    }
    let first = 4;
    for (i, t) in v.targets.iter().enumerate() {
        let row = first + i as u32;
        s.write(
            row,
            0,
            format!("{}{} {}", "  ".repeat(t.depth), t.kind, t.text),
        )?;
        s.write(row, 1, t.orgs as f64)?;
        s.write(row, 2, t.items as f64)?;
        s.write_with_format(row, 3, t.budget, &baht)?;
    }
    s.set_column_width(0, 70)?;
    s.set_column_width(3, 18)?;

    let s = wb.add_worksheet();
    s.set_name("strategies")?;
    s.write_with_format(0, 0, &heading, &title)?;
    let mut columns: Vec<i64> = v.years.clone();
    columns.push(0);
    s.write_with_format(2, 0, r.strategy, &head)?;
    for (c, y) in columns.iter().enumerate() {
        let label = if *y == 0 {
            r.no_year.to_string()
        } else {
            y.to_string()
        };
        s.write_with_format(2, c as u16 + 1, label, &head)?;
    }
    let total_col = columns.len() as u16 + 1;
    s.write_with_format(2, total_col, r.total, &head)?;
    let first = 3;
    for (i, st) in v.strategies.iter().enumerate() {
        let row = first + i as u32;
        s.write(row, 0, &st.text)?;
        for (c, y) in columns.iter().enumerate() {
            let amount = st.budget_by_year.get(y).copied().unwrap_or_default();
            s.write_with_format(row, c as u16 + 1, amount, &baht)?;
        }
        let row_total: rust_decimal::Decimal = st.budget_by_year.values().copied().sum();
        let f = Formula::new(format!(
            "=SUM(B{}:{}{})",
            row + 1,
            letter(total_col - 1),
            row + 1
        ))
        .set_result(row_total.normalize().to_string());
        s.write_formula_with_format(row, total_col, f, &total)?;
    }
    let end = first + v.strategies.len() as u32;
    s.write_with_format(end, 0, r.total, &head)?;
    for c in 1..=total_col {
        let value: rust_decimal::Decimal = if c == total_col {
            v.strategies
                .iter()
                .flat_map(|s| s.budget_by_year.values())
                .copied()
                .sum()
        } else {
            let y = columns[usize::from(c - 1)];
            v.strategies
                .iter()
                .filter_map(|s| s.budget_by_year.get(&y))
                .copied()
                .sum()
        };
        s.write_formula_with_format(end, c, sum(c, first, end, value), &total)?;
    }
    s.set_column_width(0, 60)?;

    let s = wb.add_worksheet();
    s.set_name("below")?;
    s.write_with_format(0, 0, &heading, &title)?;
    s.write(1, 0, &year_note)?;
    for (c, h) in [r.org, r.targets_served, r.items, r.budget]
        .iter()
        .enumerate()
    {
        s.write_with_format(3, c as u16, *h, &head)?;
    }
    let first = 4;
    for (i, c) in v.children.iter().enumerate() {
        let row = first + i as u32;
        s.write(row, 0, &c.name)?;
        s.write(row, 1, c.targets_served as f64)?;
        s.write(row, 2, c.items as f64)?;
        s.write_with_format(row, 3, c.budget, &baht)?;
    }
    let end = first + v.children.len() as u32;
    s.write_with_format(end, 0, r.total, &head)?;
    let budget: rust_decimal::Decimal = v.children.iter().map(|c| c.budget).sum();
    s.write_formula_with_format(end, 3, sum(3, first, end, budget), &total)?;
    s.set_column_width(0, 50)?;

    let s = wb.add_worksheet();
    s.set_name("below by target")?;
    for (c, h) in [r.org, r.target, r.orgs, r.items, r.budget]
        .iter()
        .enumerate()
    {
        s.write_with_format(0, c as u16, *h, &head)?;
    }
    let mut row = 1;
    for c in &v.children {
        for t in &v.targets {
            if let Some((items, orgs, budget)) = c.by_target.get(&t.id) {
                s.write(row, 0, &c.name)?;
                s.write(row, 1, format!("{} {}", t.kind, t.text))?;
                s.write(row, 2, *orgs as f64)?;
                s.write(row, 3, *items as f64)?;
                s.write_with_format(row, 4, *budget, &baht)?;
                row += 1;
            }
        }
    }
    let s = wb.add_worksheet();
    s.set_name("achievement")?;
    s.write_with_format(0, 0, r.achievement, &title)?;
    let statuses = ["achieved", "partly", "not_achieved", "no_data", "no_target"];
    s.write_with_format(2, 0, r.year, &head)?;
    for (c, st) in statuses.iter().enumerate() {
        s.write_with_format(2, c as u16 + 1, *st, &head)?;
    }
    for (i, (year, by)) in v.achievement.iter().enumerate() {
        let row = 3 + i as u32;
        s.write(row, 0, *year as f64)?;
        for (c, st) in statuses.iter().enumerate() {
            s.write(
                row,
                c as u16 + 1,
                by.get(*st).copied().unwrap_or_default() as f64,
            )?;
        }
    }
    wb.save_to_buffer()
}

/// GET /plans/{id}/rollup.xlsx[?org=CODE&year=YYYY]
pub async fn rollup_xlsx(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<RollupQuery>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let v = rollup_view(&state, &viewer, &plan, &q).await?;
    let bytes = match workbook(&v, RollupTexts::of(viewer.lang)) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "writing the roll-up workbook failed");
            let why = "เขียนไฟล์ XLSX ไม่ได้ / the XLSX file could not be written";
            return Ok((StatusCode::INTERNAL_SERVER_ERROR, why).into_response());
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, CONTENT_TYPE.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"phaen-rollup-{}-{}.xlsx\"",
                    v.plan_id, v.org
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}
