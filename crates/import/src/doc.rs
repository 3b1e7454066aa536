//! The one shape every reader produces: a document as paragraphs and tables of cells, each
//! with the place it came from. Recognizers read this, never the file format.

use std::fmt;

use serde::Serialize;

/// Where a piece of text came from, for the import report.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Loc {
    /// A line of a text export, 1-based; `column` for a tab-separated cell, 1-based.
    Line {
        line: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<usize>,
    },
    /// A cell of a spreadsheet: 'KPI!B7'.
    Cell { sheet: String, cell: String },
    /// A Word paragraph (1-based) or a table cell (table, row, column; 1-based).
    Word {
        #[serde(skip_serializing_if = "Option::is_none")]
        paragraph: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        table: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        row: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        column: Option<usize>,
    },
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Loc::Line { line, column: None } => write!(f, "line {line}"),
            Loc::Line {
                line,
                column: Some(c),
            } => write!(f, "line {line}, column {c}"),
            Loc::Cell { sheet, cell } => write!(f, "{sheet}!{cell}"),
            Loc::Word {
                paragraph: Some(p), ..
            } => write!(f, "paragraph {p}"),
            Loc::Word {
                table, row, column, ..
            } => write!(
                f,
                "table {}, row {}, column {}",
                table.unwrap_or(0),
                row.unwrap_or(0),
                column.unwrap_or(0)
            ),
        }
    }
}

/// A paragraph of running text, a heading or a list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// The text with markup removed and spaces normalised; one line.
    pub text: String,
    pub loc: Loc,
    /// Markdown heading level (1 for '#'), when the source marked it as a heading.
    pub heading: Option<u8>,
}

/// A table cell: its text split into the lines the source separated (paragraphs, list items).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub lines: Vec<String>,
    pub loc: Loc,
}

impl Cell {
    /// The whole cell on one line.
    pub fn text(&self) -> String {
        self.lines.join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }
}

/// A table row; cells keep their source positions, empty cells included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub loc: Loc,
}

impl Row {
    /// The text of cell `i`, or "" when the row is shorter.
    pub fn cell(&self, i: usize) -> String {
        self.cells.get(i).map(Cell::text).unwrap_or_default()
    }

    /// The non-empty cells with their column index.
    pub fn filled(&self) -> impl Iterator<Item = (usize, &Cell)> {
        self.cells.iter().enumerate().filter(|(_, c)| !c.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// A document as its reader understood it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    pub blocks: Vec<Block>,
}
