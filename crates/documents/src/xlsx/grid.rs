//! One sheet of a workbook as Phaen writes its tables: title lines above, header rows with
//! merged cells (given as layout cells with spans, checked like a layout table), body rows
//! of text, numbers, baht and per-row sums, bands that run across the sheet, and a total row
//! whose amounts are SUM formulas over the body (their values stored too, for readers that do
//! not calculate). Text is written in the digits the reader chose; numbers stay numbers.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use crate::layout::Digits;
use crate::layout::{Cell, Table};

/// One sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The tab's name (at most 31 characters; Excel's rule).
    pub name: String,
    /// Lines above the table, one a row: the first is the title; an empty line leaves its
    /// row empty. The header starts on the row after the last line.
    pub title: Vec<String>,
    /// Rows of plain text between the title and the table (a summary block such as the vision
    /// and missions), followed by an empty row.
    pub before: Vec<Vec<String>>,
    /// Column widths in characters; their count is the number of columns.
    pub widths: Vec<f64>,
    /// Header rows, as layout cells with spans.
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Row>,
    /// The total row: its label over the first `label_cols` columns, SUMs in `sum_cols`.
    pub total: Option<Total>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A heading row merged across the sheet (a strategy's band).
    Band(String),
    /// A lesser heading row merged across the sheet (a group, a cooperative type).
    Group(String),
    Cells(Vec<Value>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// Short text centred (a number as written, a tick).
    Centre(String),
    /// A plain number (a target), written as a number.
    Number(Decimal),
    /// Baht in the baht number format; `None` writes '-'.
    Baht(Option<Decimal>),
    /// The SUM of this row's columns `from..=to` (baht), with its value.
    RowSum {
        from: u16,
        to: u16,
        value: Decimal,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Total {
    pub label: String,
    pub label_cols: u16,
    pub sum_cols: Vec<u16>,
}

/// Baht with thousands separators and satang.
pub const BAHT: &str = "#,##0.00";
/// The same, shown in Thai digits (numeral system 0D, Thai locale 041E).
pub const BAHT_THAI: &str = "[$-D00041E]#,##0.00";
const NUMBER: &str = "General";
const NUMBER_THAI: &str = "[$-D00041E]General";

struct Formats {
    title: Format,
    note: Format,
    head: Format,
    band: Format,
    group: Format,
    text: Format,
    centre: Format,
    number: Format,
    baht: Format,
    total_label: Format,
    total: Format,
}

fn formats(digits: Digits) -> Formats {
    let (baht, number) = match digits {
        Digits::Thai => (BAHT_THAI, NUMBER_THAI),
        Digits::Arabic => (BAHT, NUMBER),
    };
    let font = Format::new()
        .set_font_name(crate::docx::FONT)
        .set_font_size(16);
    let cell = font
        .clone()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    Formats {
        title: font.clone().set_bold().set_font_size(18),
        note: font,
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
        number: cell.clone().set_num_format(number),
        baht: cell.clone().set_num_format(baht),
        total_label: cell.clone().set_bold().set_align(FormatAlign::Right),
        total: cell.set_bold().set_num_format(baht),
    }
}

/// Where the header starts (zero-based row): right below the title lines, or below the block
/// between them and the table and its empty row.
pub fn header_row(sheet: &Sheet) -> u32 {
    let before = if sheet.before.is_empty() {
        0
    } else {
        sheet.before.len() + 1
    };
    (sheet.title.len() + before) as u32
}

/// Writes the sheets as one workbook. Each sheet's header is checked first (its rows must
/// cover its columns once spans are counted), so nothing half-written comes out.
pub fn workbook(sheets: &[Sheet], digits: Digits) -> crate::Result<Vec<u8>> {
    for s in sheets {
        let header = Table {
            caption: None,
            widths: vec![1; s.widths.len()],
            header: s.header.clone(),
            body: Vec::new(),
        };
        header
            .check()
            .map_err(|why| crate::Error::Layout(format!("sheet '{}': {why}", s.name)))?;
    }
    let write = || -> Result<Vec<u8>, XlsxError> {
        let f = formats(digits);
        let mut book = Workbook::new();
        for sheet in sheets {
            let ws = book.add_worksheet();
            write_sheet(ws, sheet, &f, digits)?;
        }
        book.save_to_buffer()
    };
    write().map_err(|e| crate::Error::Write {
        format: "xlsx",
        why: e.to_string(),
    })
}

fn write_sheet(
    ws: &mut Worksheet,
    s: &Sheet,
    f: &Formats,
    digits: Digits,
) -> Result<(), XlsxError> {
    let text = |t: &str| digits.apply(t);
    ws.set_name(&s.name)?;
    let cols = u16::try_from(s.widths.len()).unwrap_or(u16::MAX).max(1);
    let last = cols - 1;
    for (i, line) in s.title.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        let fmt = if i == 0 { &f.title } else { &f.note };
        ws.write_string_with_format(i as u32, 0, text(line), fmt)?;
    }
    for (i, row) in s.before.iter().enumerate() {
        let r = (s.title.len() + i) as u32;
        for (c, t) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            let fmt = if c == 0 { &f.band } else { &f.text };
            ws.write_string_with_format(r, c as u16, text(t), fmt)?;
        }
    }
    let top = header_row(s);
    // The header: the same place-walk as a layout table, spans merged.
    let mut covered = vec![vec![false; usize::from(cols)]; s.header.len()];
    for (r, row) in s.header.iter().enumerate() {
        let mut c = 0usize;
        for cell in row {
            while c < usize::from(cols) && covered[r][c] {
                c += 1;
            }
            let (rs, cs) = (
                usize::from(cell.rowspan.max(1)),
                usize::from(cell.colspan.max(1)),
            );
            for line in covered.iter_mut().skip(r).take(rs) {
                for slot in line.iter_mut().skip(c).take(cs) {
                    *slot = true;
                }
            }
            let (r0, c0) = (top + r as u32, c as u16);
            let (r1, c1) = (r0 + rs as u32 - 1, c0 + cs as u16 - 1);
            let words = text(&cell.lines.join("\n"));
            if r1 > r0 || c1 > c0 {
                ws.merge_range(r0, c0, r1, c1, &words, &f.head)?;
            } else {
                ws.write_string_with_format(r0, c0, &words, &f.head)?;
            }
            c += cs;
        }
    }
    let first = top + s.header.len() as u32;
    let mut at = first;
    let mut sums = vec![Decimal::ZERO; usize::from(cols)];
    for row in &s.rows {
        match row {
            Row::Band(t) | Row::Group(t) => {
                let fmt = if matches!(row, Row::Band(_)) {
                    &f.band
                } else {
                    &f.group
                };
                if last > 0 {
                    ws.merge_range(at, 0, at, last, &text(t), fmt)?;
                } else {
                    ws.write_string_with_format(at, 0, text(t), fmt)?;
                }
            }
            Row::Cells(values) => {
                for (c, v) in values.iter().enumerate() {
                    let c16 = c as u16;
                    match v {
                        Value::Text(t) => ws.write_string_with_format(at, c16, text(t), &f.text)?,
                        Value::Centre(t) => {
                            ws.write_string_with_format(at, c16, text(t), &f.centre)?
                        }
                        Value::Number(n) => ws.write_with_format(at, c16, *n, &f.number)?,
                        Value::Baht(Some(b)) => {
                            sums[c] += *b;
                            ws.write_with_format(at, c16, *b, &f.baht)?
                        }
                        Value::Baht(None) => {
                            ws.write_string_with_format(at, c16, "-", &f.centre)?
                        }
                        Value::RowSum { from, to, value } => {
                            sums[c] += *value;
                            let formula = Formula::new(format!(
                                "=SUM({}{n}:{}{n})",
                                column_letter(*from),
                                column_letter(*to),
                                n = at + 1
                            ))
                            .set_result(value.normalize().to_string());
                            ws.write_formula_with_format(at, c16, formula, &f.baht)?
                        }
                    };
                }
            }
        }
        at += 1;
    }
    if let Some(t) = &s.total {
        if t.label_cols > 1 {
            ws.merge_range(at, 0, at, t.label_cols - 1, &text(&t.label), &f.total_label)?;
        } else {
            ws.write_string_with_format(at, 0, text(&t.label), &f.total_label)?;
        }
        for &c in &t.sum_cols {
            let letter = column_letter(c);
            let formula = if at > first {
                format!("=SUM({letter}{}:{letter}{at})", first + 1)
            } else {
                "=0".to_string()
            };
            let value = sums.get(usize::from(c)).copied().unwrap_or_default();
            let formula = Formula::new(formula).set_result(value.normalize().to_string());
            ws.write_formula_with_format(at, c, formula, &f.total)?;
        }
    }
    for (c, w) in s.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(first, 0)?;
    Ok(())
}

/// 'A' for 0, 'F' for 5, 'AA' for 26.
pub fn column_letter(col: u16) -> String {
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
