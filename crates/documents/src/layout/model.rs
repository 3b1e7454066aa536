//! The document model the PDF and DOCX writers share.

/// One document: its cover and its parts in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The title stored in the file's properties and shown by viewers.
    pub title: String,
    /// Who the document is by (the plan owner's name), stored in the file's properties.
    pub author: String,
    pub cover: Option<Cover>,
    pub parts: Vec<Part>,
}

/// The cover page: centred lines, the first the largest.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub lines: Vec<String>,
}

/// A run of blocks on pages of one orientation. A part starts on a new page.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub orientation: Orientation,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The table of contents: every heading of level 1 and 2 with its page.
    Contents {
        title: String,
    },
    /// A heading; level 1 starts a chapter, 2 and 3 are sections within it.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// A bulleted (or, when `numbered`, numbered) list.
    List {
        numbered: bool,
        items: Vec<String>,
    },
    Table(Table),
    /// A drawing (the strategy map), as SVG, with its caption.
    Figure {
        svg: String,
        caption: String,
    },
    PageBreak,
}

/// A table. `header` rows repeat at the top of every page the table continues on.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: Option<String>,
    /// Relative column widths; their count is the table's number of columns.
    pub widths: Vec<u16>,
    pub header: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
}

/// A table cell. A cell spanning several columns or rows is given once, at its top-left place;
/// the places it covers are left out of the following cells of that row and of the rows below.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Lines of text; an empty list is an empty cell.
    pub lines: Vec<String>,
    pub colspan: u16,
    pub rowspan: u16,
    pub align: Align,
    pub bold: bool,
    pub shade: Shade,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Background of a cell: none, the light grey of header rows, or the darker band of a group
/// heading row (a strategy's row in a roadmap, a total row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    None,
    Header,
    Band,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            lines: if text.is_empty() {
                Vec::new()
            } else {
                vec![text]
            },
            colspan: 1,
            rowspan: 1,
            align: Align::Left,
            bold: false,
            shade: Shade::None,
        }
    }

    pub fn lines(lines: Vec<String>) -> Cell {
        Cell {
            lines,
            ..Cell::text("")
        }
    }

    /// A header cell: bold, centred, shaded.
    pub fn head(text: impl Into<String>) -> Cell {
        Cell {
            bold: true,
            align: Align::Center,
            shade: Shade::Header,
            ..Cell::text(text)
        }
    }

    /// A number or amount: right-aligned.
    pub fn number(text: impl Into<String>) -> Cell {
        Cell {
            align: Align::Right,
            ..Cell::text(text)
        }
    }

    pub fn span(mut self, cols: u16, rows: u16) -> Cell {
        self.colspan = cols.max(1);
        self.rowspan = rows.max(1);
        self
    }

    pub fn bold(mut self) -> Cell {
        self.bold = true;
        self
    }

    pub fn centered(mut self) -> Cell {
        self.align = Align::Center;
        self
    }

    pub fn shaded(mut self, shade: Shade) -> Cell {
        self.shade = shade;
        self
    }
}

impl Table {
    /// Checks that every row covers exactly the table's columns once spans are counted, so a
    /// writer never has to guess; the layout builders call it on what they build.
    pub fn check(&self) -> Result<(), String> {
        let cols = self.widths.len();
        let rows: Vec<&Vec<Cell>> = self.header.iter().chain(self.body.iter()).collect();
        // covered[r][c]: a cell from an earlier row spans into (r, c).
        let mut covered = vec![vec![false; cols]; rows.len()];
        for (r, row) in rows.iter().enumerate() {
            let mut c = 0;
            for cell in row.iter() {
                while c < cols && covered[r][c] {
                    c += 1;
                }
                let end = c + cell.colspan as usize;
                if end > cols {
                    return Err(format!("row {} runs past {cols} columns", r + 1));
                }
                for rr in r..(r + cell.rowspan as usize) {
                    let Some(line) = covered.get_mut(rr) else {
                        return Err(format!("a cell of row {} spans below the table", r + 1));
                    };
                    for slot in &mut line[c..end] {
                        if *slot {
                            return Err(format!("cells overlap in row {}", rr + 1));
                        }
                        *slot = true;
                    }
                }
                c = end;
            }
            if covered[r].iter().any(|s| !s) {
                return Err(format!("row {} leaves columns empty", r + 1));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_checked() {
        let good = Table {
            caption: None,
            widths: vec![1, 1, 1],
            header: vec![
                vec![Cell::head("a").span(1, 2), Cell::head("b").span(2, 1)],
                vec![Cell::head("b1"), Cell::head("b2")],
            ],
            body: vec![vec![Cell::text("1"), Cell::text("2"), Cell::text("3")]],
        };
        assert_eq!(good.check(), Ok(()));
        let mut short = good.clone();
        short.body[0].pop();
        assert_eq!(short.check(), Err("row 3 leaves columns empty".into()));
        let mut wide = good.clone();
        wide.body[0].push(Cell::text("4"));
        assert_eq!(wide.check(), Err("row 3 runs past 3 columns".into()));
    }
}
