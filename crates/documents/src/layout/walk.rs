//! Every text of a document, for writers that must adjust text (the PDF writer replaces what
//! its font cannot draw) and for checks.

use super::model::{Block, Cover, Document, Part, Table};

/// The document with `f` applied to every text in it (SVG figures are left as they are).
pub fn map_text(doc: &Document, f: &dyn Fn(&str) -> String) -> Document {
    let table = |t: &Table| Table {
        caption: t.caption.as_deref().map(f),
        widths: t.widths.clone(),
        header: t.header.iter().map(|r| cells(r, f)).collect(),
        body: t.body.iter().map(|r| cells(r, f)).collect(),
    };
    Document {
        title: f(&doc.title),
        author: f(&doc.author),
        cover: doc.cover.as_ref().map(|c| Cover {
            lines: c.lines.iter().map(|l| f(l)).collect(),
        }),
        parts: doc
            .parts
            .iter()
            .map(|p| Part {
                orientation: p.orientation,
                blocks: p
                    .blocks
                    .iter()
                    .map(|b| match b {
                        Block::Contents { title } => Block::Contents { title: f(title) },
                        Block::Heading { level, text } => Block::Heading {
                            level: *level,
                            text: f(text),
                        },
                        Block::Paragraph(t) => Block::Paragraph(f(t)),
                        Block::List { numbered, items } => Block::List {
                            numbered: *numbered,
                            items: items.iter().map(|i| f(i)).collect(),
                        },
                        Block::Table(t) => Block::Table(table(t)),
                        Block::Figure { svg, caption } => Block::Figure {
                            svg: svg.clone(),
                            caption: f(caption),
                        },
                        Block::PageBreak => Block::PageBreak,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn cells(row: &[super::model::Cell], f: &dyn Fn(&str) -> String) -> Vec<super::model::Cell> {
    row.iter()
        .map(|c| super::model::Cell {
            lines: c.lines.iter().map(|l| f(l)).collect(),
            ..c.clone()
        })
        .collect()
}

/// Every text of the document in reading order, one string per line of text.
pub fn texts(doc: &Document) -> Vec<String> {
    let out = std::cell::RefCell::new(Vec::new());
    map_text(doc, &|s| {
        out.borrow_mut().push(s.to_string());
        s.to_string()
    });
    out.into_inner()
}
