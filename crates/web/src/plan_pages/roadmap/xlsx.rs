//! The roadmap as one XLSX sheet: the plan's title, owner, 'data as of' and revision in the
//! title rows, two rows of Thai (or English) headings, a merged row for each strategy and each
//! cooperative type, baht in a number format, and the total as a SUM formula over the rows.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, XlsxError};

use phaen_domain::Plan;

use super::RoadmapTexts;
use super::rows::{Filter, Roadmap};

pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The sheet's name.
pub const SHEET: &str = "Road Map";

/// The first row of headings (zero-based); the title rows are above it.
pub const HEADER_ROW: u32 = 4;

/// The column of the budget (zero-based: 'F').
pub const BUDGET_COL: u16 = 5;

/// Baht with thousands separators and satang.
const BAHT: &str = "#,##0.00";

struct Formats {
    title: Format,
    note: Format,
    head: Format,
    band: Format,
    group: Format,
    text: Format,
    centre: Format,
    baht: Format,
    total_label: Format,
    total: Format,
}

fn formats() -> Formats {
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    Formats {
        title: Format::new().set_bold().set_font_size(14),
        note: Format::new(),
        head: cell
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color("#DDEBF7"),
        band: cell.clone().set_bold().set_background_color("#FFF2CC"),
        group: cell.clone().set_bold().set_italic(),
        text: cell.clone(),
        centre: cell.clone().set_align(FormatAlign::Center),
        baht: cell.clone().set_num_format(BAHT),
        total_label: cell.clone().set_bold().set_align(FormatAlign::Right),
        total: cell.set_bold().set_num_format(BAHT),
    }
}

/// The workbook's bytes.
pub fn workbook(
    plan: &Plan,
    roadmap: &Roadmap,
    filter: &Filter,
    r: &RoadmapTexts,
) -> Result<Vec<u8>, XlsxError> {
    let f = formats();
    let years = u16::try_from(roadmap.years.len()).unwrap_or(u16::MAX);
    let ready_col = BUDGET_COL + 1;
    let main_col = ready_col + years;
    let last_col = main_col + 2;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(SHEET)?;

    // Title rows: the plan, its owner, 'data as of' and revision, the filters in force.
    ws.merge_range(0, 0, 0, last_col, &plan.title, &f.title)?;
    ws.merge_range(1, 0, 1, last_col, &plan.owner.name_th, &f.note)?;
    ws.merge_range(2, 0, 2, last_col, &super::stamp_line(plan, r), &f.note)?;
    if !filter.is_empty() {
        ws.merge_range(3, 0, 3, last_col, &filter_line(filter, r), &f.note)?;
    }

    // Two rows of headings: single columns merged down, readiness and units across.
    let (h1, h2) = (HEADER_ROW, HEADER_ROW + 1);
    let single = [
        (0, r.no),
        (1, r.alignment),
        (2, r.project),
        (3, r.kpi),
        (4, r.target_group),
        (BUDGET_COL, r.budget),
        (last_col, r.results),
    ];
    for (col, text) in single {
        ws.merge_range(h1, col, h2, col, text, &f.head)?;
    }
    span(ws, h1, ready_col, main_col - 1, r.readiness, &f.head)?;
    for (i, c) in roadmap.years.iter().enumerate() {
        let col = ready_col + u16::try_from(i).unwrap_or(u16::MAX);
        ws.write_string_with_format(h2, col, r.year_heading(c.year, c.kind), &f.head)?;
    }
    ws.merge_range(h1, main_col, h1, main_col + 1, r.units, &f.head)?;
    ws.write_string_with_format(h2, main_col, r.main, &f.head)?;
    ws.write_string_with_format(h2, main_col + 1, r.support, &f.head)?;

    // The rows, under a band for each strategy and each cooperative type.
    let mut at = h2 + 1;
    let first_data = at;
    for s in &roadmap.strategies {
        ws.merge_range(at, 0, at, last_col, &s.heading, &f.band)?;
        at += 1;
        for g in &s.groups {
            if let Some(h) = &g.heading {
                ws.merge_range(at, 0, at, last_col, h, &f.group)?;
                at += 1;
            }
            for row in &g.rows {
                ws.write_string_with_format(at, 0, &row.no, &f.centre)?;
                ws.write_string_with_format(at, 1, row.alignment.join("\n"), &f.text)?;
                ws.write_string_with_format(at, 2, &row.project, &f.text)?;
                ws.write_string_with_format(at, 3, row.kpis.join("\n"), &f.text)?;
                ws.write_string_with_format(at, 4, row.target_groups.join("\n"), &f.text)?;
                match row.budget {
                    Some(b) => ws.write_with_format(at, BUDGET_COL, b, &f.baht)?,
                    None => ws.write_string_with_format(at, BUDGET_COL, "-", &f.centre)?,
                };
                for (i, flag) in row.readiness.iter().enumerate() {
                    let col = ready_col + u16::try_from(i).unwrap_or(u16::MAX);
                    let mark = match flag {
                        Some(true) => r.ticked,
                        Some(false) => r.not_ticked,
                        None => "",
                    };
                    ws.write_string_with_format(at, col, mark, &f.centre)?;
                }
                ws.write_string_with_format(at, main_col, row.main.join("\n"), &f.text)?;
                ws.write_string_with_format(at, main_col + 1, row.support.join("\n"), &f.text)?;
                ws.write_string_with_format(at, last_col, row.results.join("\n"), &f.text)?;
                at += 1;
            }
        }
    }

    // The total: a formula over the budget column (text and bands count as nothing), with
    // its value stored too for readers that do not calculate.
    ws.merge_range(at, 0, at, BUDGET_COL - 1, r.total, &f.total_label)?;
    let column = column_letter(BUDGET_COL);
    let formula = if at > first_data {
        format!("=SUM({column}{}:{column}{})", first_data + 1, at)
    } else {
        "=0".to_string()
    };
    let total = Formula::new(formula).set_result(roadmap.total_budget().normalize().to_string());
    ws.write_formula_with_format(at, BUDGET_COL, total, &f.total)?;

    let widths = [6.0, 24.0, 40.0, 36.0, 24.0, 16.0];
    for (col, w) in widths.into_iter().enumerate() {
        ws.set_column_width(u16::try_from(col).unwrap_or(0), w)?;
    }
    for col in ready_col..main_col {
        ws.set_column_width(col, 14.0)?;
    }
    ws.set_column_width(main_col, 16.0)?;
    ws.set_column_width(main_col + 1, 24.0)?;
    ws.set_column_width(last_col, 40.0)?;
    ws.set_freeze_panes(h2 + 1, 0)?;
    book.save_to_buffer()
}

/// A heading across columns `first..=last` (one column needs no merge).
fn span(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    first: u16,
    last: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if last > first {
        ws.merge_range(row, first, row, last, text, format)?;
    } else {
        ws.write_string_with_format(row, first, text, format)?;
    }
    Ok(())
}

/// 'เลือกแสดง: ปี 2568 · หน่วยงาน กตส. · สหกรณ์ PNW-SAV01'.
fn filter_line(filter: &Filter, r: &RoadmapTexts) -> String {
    let mut parts = Vec::new();
    if let Some(y) = filter.year {
        parts.push(format!("{} {y}", r.year));
    }
    if let Some(u) = &filter.unit {
        parts.push(format!("{} {u}", r.unit));
    }
    if let Some(c) = &filter.coop {
        parts.push(format!("{} {c}", r.coop));
    }
    format!("{}: {}", r.filters, parts.join(" · "))
}

/// 'A' for 0, 'F' for 5, 'AA' for 26.
fn column_letter(col: u16) -> String {
    let mut n = u32::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from_u32(u32::from(b'A') + rem).unwrap_or('A'));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(5), "F");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
