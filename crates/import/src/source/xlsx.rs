//! Excel (.xlsx) files: each worksheet's used range, read cell by cell, split into blocks at
//! empty rows: a block whose rows hold text in column A only is paragraphs (the title lines
//! and headings a sheet carries above and between its tables), any other block is a table. It
//! is read cell by cell (never as one allocation the sheet's header asks for:
//! calamine#428). Values read as Excel shows them unformatted: text as written (numbers stored
//! as text stay text), numbers without float noise, dates in ISO form; a merged region keeps
//! its value in its top-left cell only, as a text export shows it.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::panic::AssertUnwindSafe;

use calamine::{DataRef, Dimensions, Reader, Xlsx, XlsxError};

use crate::doc::{Block, Cell, Doc, Loc, Para, Row, Table};
use crate::error::{Error, Result};
use crate::repair;
use crate::report::Repair;

use super::zip_guard::{Archive, MAX_CELLS};

const FORMAT: &str = "xlsx";
/// Most rows a sheet's used range may span.
pub const MAX_ROWS: u32 = 100_000;
/// Most columns a sheet's used range may span.
pub const MAX_COLUMNS: u32 = 200;

/// Reads a .xlsx file into a document.
pub fn parse(bytes: &[u8]) -> Result<(Doc, Vec<Repair>)> {
    refuse_dtds(&mut Archive::open(bytes, FORMAT)?)?;
    // calamine can panic on a malformed sheet (a reversed dimension such as 'B2:A1' overflows
    // where overflow checks are on): a damaged upload must be an error, never a crash.
    std::panic::catch_unwind(AssertUnwindSafe(|| read_book(bytes))).unwrap_or_else(|_| {
        Err(Error::Corrupt {
            format: FORMAT,
            why: "the spreadsheet reader stopped on a malformed part".into(),
        })
    })
}

fn read_book(bytes: &[u8]) -> Result<(Doc, Vec<Repair>)> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut doc = Doc::default();
    let mut repairs = Vec::new();
    let mut budget = MAX_CELLS;
    for name in book.sheet_names() {
        let merges = book.merge_cells_by_sheet_name(&name).map_err(corrupt)?;
        let cells = match book.worksheet_cells_reader(&name) {
            Ok(reader) => read_cells(reader, &name)?,
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(corrupt(e)),
        };
        let table = Sheet::new(&name, cells, &merges, &mut budget)?.table(&mut repairs);
        doc.blocks.extend(blocks(table));
    }
    Ok((doc, repairs))
}

/// A sheet's rows as paragraphs and tables, split at empty rows.
fn blocks(sheet: Table) -> Vec<Block> {
    let mut out = Vec::new();
    let mut run: Vec<Row> = Vec::new();
    let flush = |run: &mut Vec<Row>, out: &mut Vec<Block>| {
        if run.is_empty() {
            return;
        }
        let prose = run
            .iter()
            .all(|r| r.cells.iter().skip(1).all(Cell::is_empty));
        if prose {
            for row in run.drain(..) {
                let Some(cell) = row.cells.into_iter().next() else {
                    continue;
                };
                out.push(Block::Para(Para {
                    text: cell.lines.join(" "),
                    loc: cell.loc,
                    heading: None,
                }));
            }
        } else {
            out.push(Block::Table(Table {
                rows: std::mem::take(run),
            }));
        }
    };
    for row in sheet.rows {
        if row.cells.iter().all(Cell::is_empty) {
            flush(&mut run, &mut out);
        } else {
            run.push(row);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn corrupt(e: XlsxError) -> Error {
    Error::Corrupt {
        format: FORMAT,
        why: e.to_string(),
    }
}

/// Office files never declare a DTD; one that does is refused rather than handed to a parser.
fn refuse_dtds(zip: &mut Archive) -> Result<()> {
    for (i, name) in zip.names().into_iter().enumerate() {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let head = zip.read_prefix(i, Some(1024))?;
        if head
            .windows(9)
            .any(|w| w.eq_ignore_ascii_case(b"<!DOCTYPE"))
        {
            return Err(Error::Corrupt {
                format: FORMAT,
                why: format!(
                    "its part '{name}' declares a DTD (<!DOCTYPE>); Office files never do, and Phaen does not expand the entities one can define"
                ),
            });
        }
    }
    Ok(())
}

fn too_big(sheet: &str, what: String) -> Error {
    Error::at(
        format!("sheet '{sheet}'"),
        format!(
            "{what}; Phaen reads sheets of at most {MAX_ROWS} rows and {MAX_COLUMNS} columns, and at most {MAX_CELLS} cells in a workbook"
        ),
    )
}

/// The non-empty cells of a sheet as (row, column, text), 0-based, streamed so that no cell
/// outside the limits is ever stored.
fn read_cells(
    mut reader: calamine::XlsxCellReader<'_, Cursor<&[u8]>>,
    sheet: &str,
) -> Result<Vec<(u32, u32, String)>> {
    let declared = reader.dimensions();
    let (rows, columns) = extent(&declared);
    if rows > u64::from(MAX_ROWS) || columns > u64::from(MAX_COLUMNS) {
        return Err(too_big(
            sheet,
            format!("its header declares {}", size(rows, columns)),
        ));
    }
    let mut cells = Vec::new();
    let mut bounds: Option<Dimensions> = None;
    while let Some(cell) = reader.next_cell().map_err(corrupt)? {
        let Some(text) = value(cell.get_value()) else {
            continue;
        };
        let (r, c) = cell.get_position();
        let b = bounds.get_or_insert(Dimensions::new((r, c), (r, c)));
        b.start = (b.start.0.min(r), b.start.1.min(c));
        b.end = (b.end.0.max(r), b.end.1.max(c));
        let (rows, columns) = extent(b);
        if rows > u64::from(MAX_ROWS) || columns > u64::from(MAX_COLUMNS) {
            return Err(too_big(
                sheet,
                format!("its cells span {}", size(rows, columns)),
            ));
        }
        if cells.len() >= MAX_CELLS {
            return Err(too_big(sheet, format!("it holds over {MAX_CELLS} cells")));
        }
        cells.push((r, c, text));
    }
    Ok(cells)
}

/// '1 row by 301 columns'.
fn size(rows: u64, columns: u64) -> String {
    let s = |n: u64| if n == 1 { "" } else { "s" };
    format!("{rows} row{} by {columns} column{}", s(rows), s(columns))
}

fn extent(d: &Dimensions) -> (u64, u64) {
    (
        u64::from(d.end.0.saturating_sub(d.start.0)) + 1,
        u64::from(d.end.1.saturating_sub(d.start.1)) + 1,
    )
}

/// A cell's value as text, or `None` when it is empty.
fn value(v: &DataRef) -> Option<String> {
    let text = match v {
        DataRef::Empty => return None,
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(d) => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            if d.is_duration() {
                let hours = (d.as_f64() * 24.0).floor();
                format!("{hours}:{mi:02}:{s:02}")
            } else if d.as_f64() < 1.0 && d.as_f64() >= 0.0 {
                format!("{h:02}:{mi:02}:{s:02}")
            } else if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}")
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    };
    Some(text)
}

/// A number as Excel shows it unformatted: 15 significant digits, then the shortest form
/// ('3', not '3.0'; '0.3', not '0.30000000000000004').
pub fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == 0.0 {
        return "0".into();
    }
    rounded.to_string()
}

/// A sheet's used range, its values and its merged regions.
struct Sheet<'a> {
    name: &'a str,
    start: (u32, u32),
    rows: usize,
    columns: usize,
    values: HashMap<(u32, u32), String>,
}

impl<'a> Sheet<'a> {
    fn new(
        name: &'a str,
        cells: Vec<(u32, u32, String)>,
        merges: &[Dimensions],
        budget: &mut usize,
    ) -> Result<Self> {
        let mut values: HashMap<(u32, u32), String> =
            cells.into_iter().map(|(r, c, t)| ((r, c), t)).collect();
        let Some(mut start) = values
            .keys()
            .copied()
            .reduce(|a, b| (a.0.min(b.0), a.1.min(b.1)))
        else {
            return Ok(Sheet {
                name,
                start: (0, 0),
                rows: 0,
                columns: 0,
                values,
            });
        };
        let mut end = values
            .keys()
            .copied()
            .reduce(|a, b| (a.0.max(b.0), a.1.max(b.1)))
            .unwrap_or(start);
        // A merged value spreads its region over the range, as a text export shows it.
        for m in merges.iter().filter(|m| values.contains_key(&m.start)) {
            end.0 = end.0.max(m.end.0.min(start.0.saturating_add(MAX_ROWS - 1)));
            end.1 = end
                .1
                .max(m.end.1.min(start.1.saturating_add(MAX_COLUMNS - 1)));
        }
        start = (start.0.min(end.0), start.1.min(end.1));
        let rows = (end.0 - start.0) as usize + 1;
        let columns = (end.1 - start.1) as usize + 1;
        let area = rows * columns;
        if area > *budget {
            return Err(too_big(
                name,
                format!("its used range is {}", size(rows as u64, columns as u64)),
            ));
        }
        *budget -= area;
        clear_merged(&mut values, merges, start, rows, columns);
        Ok(Sheet {
            name,
            start,
            rows,
            columns,
            values,
        })
    }

    fn table(mut self, repairs: &mut Vec<Repair>) -> Table {
        let mut rows = Vec::with_capacity(self.rows);
        for r in 0..self.rows as u32 {
            let row = self.start.0 + r;
            let cells = (0..self.columns as u32)
                .map(|c| {
                    let col = self.start.1 + c;
                    let loc = Loc::Cell {
                        sheet: self.name.to_string(),
                        cell: a1(row, col),
                    };
                    let lines = self
                        .values
                        .remove(&(row, col))
                        .map(|text| lines(&text, &loc, repairs))
                        .unwrap_or_default();
                    Cell { lines, loc }
                })
                .collect();
            let loc = Loc::Cell {
                sheet: self.name.to_string(),
                cell: format!("{n}:{n}", n = row + 1),
            };
            rows.push(Row { cells, loc });
        }
        Table { rows }
    }
}

/// Empties every cell a merged region covers except its top-left one, in time proportional to
/// the regions plus the range (a 2-D difference array), however large the regions claim to be.
fn clear_merged(
    values: &mut HashMap<(u32, u32), String>,
    merges: &[Dimensions],
    start: (u32, u32),
    rows: usize,
    columns: usize,
) {
    if merges.is_empty() {
        return;
    }
    let w = columns + 1;
    let mut diff = vec![0i64; (rows + 1) * w];
    let mut top_lefts = HashSet::new();
    for m in merges {
        let r0 = m.start.0.max(start.0) - start.0;
        let c0 = m.start.1.max(start.1) - start.1;
        let (Some(r1), Some(c1)) = (m.end.0.checked_sub(start.0), m.end.1.checked_sub(start.1))
        else {
            continue;
        };
        let (r0, c0) = (r0 as usize, c0 as usize);
        let (r1, c1) = ((r1 as usize).min(rows - 1), (c1 as usize).min(columns - 1));
        if r0 > r1 || c0 > c1 || m.start.0 > m.end.0 || m.start.1 > m.end.1 {
            continue;
        }
        top_lefts.insert(m.start);
        diff[r0 * w + c0] += 1;
        diff[r0 * w + c1 + 1] -= 1;
        diff[(r1 + 1) * w + c0] -= 1;
        diff[(r1 + 1) * w + c1 + 1] += 1;
    }
    // Prefix sums, rows then columns: diff[r][c] becomes how many regions cover (r, c).
    for r in 0..=rows {
        for c in 1..w {
            diff[r * w + c] += diff[r * w + c - 1];
        }
    }
    for r in 1..=rows {
        for c in 0..w {
            diff[r * w + c] += diff[(r - 1) * w + c];
        }
    }
    values.retain(|&(r, c), _| {
        let (i, j) = ((r - start.0) as usize, (c - start.1) as usize);
        diff[i * w + j] == 0 || top_lefts.contains(&(r, c))
    });
}

/// A cell's text as lines: split on line breaks, spaces normalised, empty lines dropped,
/// each repaired.
fn lines(text: &str, loc: &Loc, repairs: &mut Vec<Repair>) -> Vec<String> {
    text.split('\n')
        .map(|l| {
            l.replace('\u{200b}', "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty())
        .map(|l| repair::repair(&l, loc, repairs))
        .collect()
}

/// 'B7' for row 6, column 1 (0-based).
fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_without_float_noise() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1234.5), "1234.5");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(85.0 / 100.0), "0.85");
        assert_eq!(number(12345678901234.0), "12345678901234");
    }

    #[test]
    fn cell_names_are_a1_style() {
        assert_eq!(a1(6, 1), "B7");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn merged_regions_keep_only_their_top_left_value() {
        let mut values: HashMap<(u32, u32), String> = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)]
            .into_iter()
            .map(|p| (p, "x".to_string()))
            .collect();
        let huge = Dimensions::new((2, 2), (u32::MAX - 1, u32::MAX - 1));
        let merges = [Dimensions::new((0, 0), (1, 1)), huge];
        clear_merged(&mut values, &merges, (0, 0), 3, 3);
        let mut kept: Vec<_> = values.into_keys().collect();
        kept.sort();
        assert_eq!(kept, vec![(0, 0), (2, 2)]);
    }
}
