//! Word (.docx) files: the body's paragraphs and tables, read from the zip with bounded
//! expansion and from the XML without any DTD (a part that declares one is refused, so no
//! entity is ever expanded). Headings come from paragraph styles and outline levels, list
//! numbers from word/numbering.xml, merged cells read as a text export shows them: the text,
//! then empty cells.

mod numbering;
mod styles;
mod xml;

use quick_xml::events::{BytesStart, Event};

use crate::doc::{Block, Cell, Doc, Loc, Para, Row, Table};
use crate::error::{Error, Result};
use crate::repair;
use crate::report::Repair;

use super::zip_guard::{Archive, MAX_CELLS};
use numbering::Numbering;
use styles::Styles;
use xml::{Xml, attr, end_name, name};

const FORMAT: &str = "docx";
/// Deepest nesting of paragraphs in text boxes and tables in tables that is read.
const MAX_NESTING: usize = 64;
/// Widest a merged cell may claim to be; Word allows 63 columns.
const MAX_SPAN: usize = 64;

/// Elements whose whole content is not part of the visible text: deleted and moved-away
/// revisions, earlier formatting kept for revision marks, a second rendering of the same
/// drawing, field codes.
const SKIPPED: &[&str] = &[
    "del",
    "moveFrom",
    "delText",
    "instrText",
    "pPrChange",
    "rPrChange",
    "tblPrChange",
    "tcPrChange",
    "trPrChange",
    "sectPrChange",
    "Fallback",
];

/// Reads a .docx file into a document.
pub fn parse(bytes: &[u8]) -> Result<(Doc, Vec<Repair>)> {
    let mut zip = Archive::open(bytes, FORMAT)?;
    let main = xml::relationship(&mut zip, "", "_rels/.rels", "/officeDocument")?
        .unwrap_or_else(|| "word/document.xml".into());
    let Some(document) = zip.read_text(&main)? else {
        return Err(Error::Corrupt {
            format: FORMAT,
            why: format!("it has no document part ('{main}')"),
        });
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let rels = format!("{dir}/_rels/{file}.rels");
    let part = |zip: &mut Archive, kind: &str, default: &str| -> Result<Option<String>> {
        let target = xml::relationship(zip, dir, &rels, kind)?.unwrap_or_else(|| default.into());
        zip.read_text(&target)
    };
    let styles = match part(&mut zip, "/styles", "word/styles.xml")? {
        Some(text) => Styles::parse(&text)?,
        None => Styles::default(),
    };
    let numbering = match part(&mut zip, "/numbering", "word/numbering.xml")? {
        Some(text) => Numbering::parse(&text)?,
        None => Numbering::default(),
    };
    Body::new(styles, numbering).read(&document)
}

/// A paragraph being read: its properties and the lines its breaks separate.
#[derive(Default)]
struct ParaB {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
    lines: Vec<String>,
    cur: String,
}

impl ParaB {
    fn line_break(&mut self) {
        self.lines.push(std::mem::take(&mut self.cur));
    }

    fn into_lines(mut self) -> Vec<String> {
        self.line_break();
        self.lines
    }
}

/// What encloses the element being read.
enum Frame {
    Para(ParaB),
    /// A table; `top` when it is not inside another table.
    Table {
        top: bool,
    },
    /// A cell; `top` when it belongs to a top-level table.
    Cell {
        top: bool,
    },
}

/// A cell of a top-level table being read.
#[derive(Default)]
struct CellB {
    lines: Vec<String>,
    span: usize,
    continued: bool,
}

/// The top-level table being read.
#[derive(Default)]
struct TableB {
    rows: Vec<Row>,
    row: Option<Vec<Cell>>,
    grid_after: usize,
    cell: Option<CellB>,
}

struct Body {
    styles: Styles,
    numbering: Numbering,
    doc: Doc,
    repairs: Vec<Repair>,
    frames: Vec<Frame>,
    table: TableB,
    tables: usize,
    paragraphs: usize,
    cells: usize,
    in_ppr: usize,
    in_text: bool,
    hidden_run: bool,
}

impl Body {
    fn new(styles: Styles, numbering: Numbering) -> Self {
        Body {
            styles,
            numbering,
            doc: Doc::default(),
            repairs: Vec::new(),
            frames: Vec::new(),
            table: TableB::default(),
            tables: 0,
            paragraphs: 0,
            cells: 0,
            in_ppr: 0,
            in_text: false,
            hidden_run: false,
        }
    }

    fn read(mut self, document: &str) -> Result<(Doc, Vec<Repair>)> {
        let mut xml = Xml::new(document, "word/document.xml");
        loop {
            match xml.next()? {
                Event::Start(e) => {
                    if SKIPPED.contains(&name(&e)) {
                        xml.skip()?;
                    } else {
                        self.start(&e, false)?;
                    }
                }
                Event::Empty(e) if !SKIPPED.contains(&name(&e)) => self.start(&e, true)?,
                Event::End(e) => self.end(end_name(&e))?,
                Event::Text(t) if self.in_text => self.text(&t.xml10_content()),
                Event::CData(t) if self.in_text => self.text(&t.xml10_content()),
                Event::GeneralRef(r) if self.in_text => {
                    if let Some(s) = xml::resolve(&r) {
                        self.text(&s);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok((self.doc, self.repairs))
    }

    fn para(&mut self) -> Option<&mut ParaB> {
        match self.frames.last_mut() {
            Some(Frame::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn text(&mut self, s: &str) {
        if self.hidden_run {
            return;
        }
        if let Some(p) = self.para() {
            p.cur.push_str(s);
        }
    }

    fn push(&mut self, frame: Frame) -> Result<()> {
        if self.frames.len() >= MAX_NESTING {
            return Err(Error::Corrupt {
                format: FORMAT,
                why: format!("its paragraphs and tables nest more than {MAX_NESTING} deep"),
            });
        }
        self.frames.push(frame);
        Ok(())
    }

    /// The innermost table is a top-level one and no cell of it is open.
    fn at_top_table(&self) -> bool {
        matches!(self.frames.last(), Some(Frame::Table { top: true }))
    }

    fn at_top_cell(&self) -> bool {
        matches!(self.frames.last(), Some(Frame::Cell { top: true }))
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<()> {
        let val = || attr(e, "val");
        match name(e) {
            "p" if !empty => self.push(Frame::Para(ParaB::default()))?,
            "p" => self.end_para(ParaB::default())?,
            "tbl" if !empty => {
                let top = !self.frames.iter().any(|f| matches!(f, Frame::Table { .. }));
                if top {
                    self.tables += 1;
                    self.table = TableB::default();
                }
                self.push(Frame::Table { top })?;
            }
            "tr" if self.at_top_table() => {
                self.table.row = Some(Vec::new());
                self.table.grid_after = 0;
                if empty {
                    self.end_row()?;
                }
            }
            "tc" if !empty => {
                let top = self.at_top_table();
                if top {
                    self.table.cell = Some(CellB {
                        span: 1,
                        ..CellB::default()
                    });
                }
                self.push(Frame::Cell { top })?;
            }
            "tc" if self.at_top_table() => {
                self.table.cell = Some(CellB {
                    span: 1,
                    ..CellB::default()
                });
                self.end_cell()?;
            }
            "gridBefore" if self.at_top_table() => {
                let n = count(val());
                self.empty_cells(n)?;
            }
            "gridAfter" if self.at_top_table() => self.table.grid_after = count(val()),
            "gridSpan" if self.at_top_cell() => {
                if let Some(c) = self.table.cell.as_mut() {
                    c.span = count(val()).max(1);
                }
            }
            "vMerge" | "hMerge" if self.at_top_cell() => {
                if let Some(c) = self.table.cell.as_mut() {
                    c.continued = val().as_deref() != Some("restart");
                }
            }
            "pPr" if !empty => self.in_ppr += 1,
            "pStyle" if self.in_ppr > 0 => {
                if let Some(p) = self.para() {
                    p.style = val();
                }
            }
            "numId" if self.in_ppr > 0 => {
                if let Some(p) = self.para() {
                    p.num_id = val();
                }
            }
            "ilvl" if self.in_ppr > 0 => {
                if let Some(p) = self.para() {
                    p.ilvl = val().and_then(|v| v.parse().ok());
                }
            }
            "outlineLvl" if self.in_ppr > 0 => {
                if let Some(p) = self.para() {
                    p.outline = val().and_then(|v| v.parse().ok());
                }
            }
            "r" => self.hidden_run = false,
            "vanish" if self.in_ppr == 0 => {
                self.hidden_run = !matches!(val().as_deref(), Some("0" | "false" | "off"));
            }
            "t" if !empty => self.in_text = true,
            "tab" | "ptab" if self.in_ppr == 0 => self.text(" "),
            "noBreakHyphen" => self.text("-"),
            "br" | "cr" if self.in_ppr == 0 && !self.hidden_run => {
                if let Some(p) = self.para() {
                    p.line_break();
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, element: &str) -> Result<()> {
        match element {
            "p" => {
                if matches!(self.frames.last(), Some(Frame::Para(_)))
                    && let Some(Frame::Para(p)) = self.frames.pop()
                {
                    self.in_ppr = 0;
                    self.end_para(p)?;
                }
            }
            "tbl" => {
                if let Some(Frame::Table { top }) = self.frames.last() {
                    let top = *top;
                    self.frames.pop();
                    if top {
                        let table = std::mem::take(&mut self.table);
                        if !table.rows.is_empty() {
                            self.doc
                                .blocks
                                .push(Block::Table(Table { rows: table.rows }));
                        }
                    }
                }
            }
            "tr" if self.at_top_table() => self.end_row()?,
            "tc" => {
                if let Some(Frame::Cell { top }) = self.frames.last() {
                    let top = *top;
                    self.frames.pop();
                    if top {
                        self.end_cell()?;
                    }
                }
            }
            "pPr" => self.in_ppr = self.in_ppr.saturating_sub(1),
            "r" => self.hidden_run = false,
            "t" => self.in_text = false,
            _ => {}
        }
        Ok(())
    }

    /// A paragraph ended: it goes to the enclosing paragraph (a text box), the enclosing
    /// top-level cell, or the body.
    fn end_para(&mut self, p: ParaB) -> Result<()> {
        let num = p
            .num_id
            .clone()
            .or_else(|| self.styles.num_id(p.style.as_deref()));
        let ilvl = p
            .ilvl
            .or_else(|| self.styles.ilvl(p.style.as_deref()))
            .unwrap_or(0);
        let label = num.and_then(|n| self.numbering.label(&n, ilvl));
        let heading = match p.outline {
            Some(o @ 0..=5) => Some(o + 1),
            Some(_) => None,
            None => self.styles.heading(p.style.as_deref()),
        };
        let mut lines: Vec<String> = p.into_lines().iter().map(|l| tidy(l)).collect();
        if let Some(label) = label
            && let Some(first) = lines.iter_mut().find(|l| !l.is_empty())
        {
            *first = format!("{label} {first}");
        }
        let in_table = self.frames.iter().any(|f| matches!(f, Frame::Table { .. }));
        let dest = self.frames.iter_mut().rev().find_map(|f| match f {
            Frame::Para(parent) => Some(Some(parent)),
            Frame::Cell { top: true } => Some(None),
            _ => None,
        });
        match dest {
            Some(Some(parent)) => {
                parent.line_break();
                parent.lines.extend(lines);
            }
            Some(None) => {
                let column = self.table.row.as_ref().map_or(0, Vec::len) + 1;
                let loc = self.cell_loc(column);
                if let Some(cell) = self.table.cell.as_mut() {
                    for line in lines.into_iter().filter(|l| !l.is_empty()) {
                        cell.lines
                            .push(repair::repair(&line, &loc, &mut self.repairs));
                    }
                }
            }
            None if in_table => {}
            None => {
                self.paragraphs += 1;
                let loc = Loc::Word {
                    paragraph: Some(self.paragraphs),
                    table: None,
                    row: None,
                    column: None,
                };
                let text = tidy(&lines.join(" "));
                let text = repair::repair(&text, &loc, &mut self.repairs);
                if !text.is_empty() {
                    self.doc
                        .blocks
                        .push(Block::Para(Para { text, loc, heading }));
                }
            }
        }
        Ok(())
    }

    fn cell_loc(&self, column: usize) -> Loc {
        Loc::Word {
            paragraph: None,
            table: Some(self.tables),
            row: Some(self.table.rows.len() + 1),
            column: Some(column),
        }
    }

    fn end_cell(&mut self) -> Result<()> {
        let Some(cell) = self.table.cell.take() else {
            return Ok(());
        };
        let Some(row) = self.table.row.as_ref() else {
            return Ok(());
        };
        let loc = self.cell_loc(row.len() + 1);
        let lines = if cell.continued {
            Vec::new()
        } else {
            cell.lines
        };
        self.add_cell(Cell { lines, loc })?;
        self.empty_cells(cell.span.min(MAX_SPAN) - 1)
    }

    fn empty_cells(&mut self, n: usize) -> Result<()> {
        for _ in 0..n.min(MAX_SPAN) {
            let Some(row) = self.table.row.as_ref() else {
                return Ok(());
            };
            let loc = self.cell_loc(row.len() + 1);
            self.add_cell(Cell {
                lines: Vec::new(),
                loc,
            })?;
        }
        Ok(())
    }

    fn count_cell(&mut self) -> Result<()> {
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(Error::Corrupt {
                format: FORMAT,
                why: format!("its tables hold more than {MAX_CELLS} cells"),
            });
        }
        Ok(())
    }

    fn add_cell(&mut self, cell: Cell) -> Result<()> {
        self.count_cell()?;
        if let Some(row) = self.table.row.as_mut() {
            row.push(cell);
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<()> {
        self.empty_cells(self.table.grid_after)?;
        if let Some(cells) = self.table.row.take() {
            // A row costs about what a cell does: count it, so rows of nothing stay bounded.
            self.count_cell()?;
            let loc = Loc::Word {
                paragraph: None,
                table: Some(self.tables),
                row: Some(self.table.rows.len() + 1),
                column: None,
            };
            self.table.rows.push(Row { cells, loc });
        }
        Ok(())
    }
}

/// A count attribute (gridSpan, gridBefore), bounded.
fn count(v: Option<String>) -> usize {
    v.and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(MAX_SPAN)
}

/// Normalises spaces, as the text reader does: runs of white space (non-breaking spaces
/// included) become one space, zero-width spaces vanish.
fn tidy(s: &str) -> String {
    s.replace('\u{200b}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
