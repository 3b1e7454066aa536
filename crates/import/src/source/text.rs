//! Text exports of Word and PDF files: lines with tabs are table rows (consecutive ones, even
//! across blank lines, make one table); other lines are paragraphs. Markup is cleaned and
//! PDF-extraction damage repaired, every repair reported.

use crate::doc::{Block, Cell, Doc, Loc, Para, Row, Table};
use crate::markup;
use crate::repair;
use crate::report::Repair;

pub fn parse(text: &str) -> (Doc, Vec<Repair>) {
    let mut doc = Doc::default();
    let mut repairs = Vec::new();
    let mut last_was_row = false;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line = i + 1;
        if raw.contains('\t') {
            let cells = raw
                .split('\t')
                .enumerate()
                .map(|(c, cell)| {
                    let loc = Loc::Line {
                        line,
                        column: Some(c + 1),
                    };
                    let lines = markup::cell_lines(cell)
                        .into_iter()
                        .map(|l| repair::repair(&l, &loc, &mut repairs))
                        .collect();
                    Cell { lines, loc }
                })
                .collect();
            let row = Row {
                cells,
                loc: Loc::Line { line, column: None },
            };
            match doc.blocks.last_mut() {
                Some(Block::Table(t)) if last_was_row => t.rows.push(row),
                _ => doc.blocks.push(Block::Table(Table { rows: vec![row] })),
            }
            last_was_row = true;
            continue;
        }
        if raw.trim().is_empty() {
            continue;
        }
        last_was_row = false;
        let loc = Loc::Line { line, column: None };
        let (heading, body) = match markup::heading(raw) {
            Some((level, text)) => (Some(level), text),
            None => (None, raw),
        };
        let text = markup::cell_lines(body).join(" ");
        let text = repair::repair(&text, &loc, &mut repairs);
        if !text.is_empty() {
            doc.blocks.push(Block::Para(Para { text, loc, heading }));
        }
    }
    (doc, repairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_lines_make_tables_and_blank_lines_do_not_split_them() {
        let (doc, _) = parse("หัวเรื่อง\nก\tข\n\n\tค\nจบ");
        assert_eq!(doc.blocks.len(), 3);
        let Block::Table(t) = &doc.blocks[1] else {
            panic!("a table")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cell(1), "ค");
        assert!(t.rows[1].cells[0].is_empty());
        assert_eq!(
            t.rows[1].cells[1].loc,
            Loc::Line {
                line: 4,
                column: Some(2)
            }
        );
    }

    #[test]
    fn the_last_line_counts_even_without_a_newline() {
        let (doc, _) = parse("ก\nข");
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn headings_keep_their_level() {
        let (doc, _) = parse("## การเงิน (Financial)\n**พันธกิจที่ 1** เป็นศูนย์กลาง");
        let Block::Para(p) = &doc.blocks[0] else {
            panic!()
        };
        assert_eq!(
            (p.heading, p.text.as_str()),
            (Some(2), "การเงิน (Financial)")
        );
        let Block::Para(p) = &doc.blocks[1] else {
            panic!()
        };
        assert_eq!(p.text, "พันธกิจที่ 1 เป็นศูนย์กลาง");
    }
}
