//! The import report: for every line or cell of the source, what it became (an element and its
//! id), what context it gave (a heading, a table header, a repeat of something already read),
//! or that it was not recognised; plus the repairs made and what a careful reader would flag.

use std::collections::HashSet;

use serde::Serialize;

use crate::doc::{Block, Doc, Loc};

/// What one piece of the source became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// It became (part of) this element, KPI or plan field.
    Became { what: String, id: String },
    /// It gave structure or repeated what was already read (headings, table headers,
    /// summary matrices, tables of contents).
    Context { what: String },
    /// Nothing in Phaen's model took it.
    Unrecognized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub loc: Loc,
    /// The start of the text, to find it in the source.
    pub text: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// A repair of text damaged on its way out of a PDF or an old encoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repair {
    pub loc: Loc,
    pub from: String,
    pub to: String,
    pub why: String,
}

/// Something to flag: a stated total that differs from its parts, an ambiguous merged cell and
/// the reading chosen, a year outside the period...
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loc: Option<Loc>,
    pub message_th: String,
    pub message_en: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub source: String,
    /// text | docx | xlsx | phaen-json
    pub format: String,
    pub encoding: String,
    /// The plan kind recognised.
    pub kind: String,
    pub items: Vec<Item>,
    pub repairs: Vec<Repair>,
    pub warnings: Vec<Warning>,
}

impl Report {
    pub fn unrecognized(&self) -> impl Iterator<Item = &Item> {
        self.items
            .iter()
            .filter(|i| i.outcome == Outcome::Unrecognized)
    }

    pub fn warn(&mut self, loc: Option<&Loc>, th: impl Into<String>, en: impl Into<String>) {
        self.warnings.push(Warning {
            loc: loc.cloned(),
            message_th: th.into(),
            message_en: en.into(),
        });
    }
}

/// Collects outcomes while a recognizer reads, then lists every piece of the document in order.
#[derive(Debug, Default)]
pub struct Ledger {
    outcomes: Vec<(Loc, Outcome)>,
    seen: HashSet<Loc>,
}

impl Ledger {
    pub fn became(&mut self, loc: &Loc, what: impl Into<String>, id: impl Into<String>) {
        self.record(
            loc,
            Outcome::Became {
                what: what.into(),
                id: id.into(),
            },
        );
    }

    pub fn context(&mut self, loc: &Loc, what: impl Into<String>) {
        self.record(loc, Outcome::Context { what: what.into() });
    }

    pub fn has(&self, loc: &Loc) -> bool {
        self.seen.contains(loc)
    }

    fn record(&mut self, loc: &Loc, outcome: Outcome) {
        if self.seen.insert(loc.clone()) {
            self.outcomes.push((loc.clone(), outcome));
        }
    }

    /// One item per paragraph and non-empty cell, in document order.
    pub fn items(mut self, doc: &Doc) -> Vec<Item> {
        let mut by_loc: std::collections::HashMap<Loc, Outcome> = self.outcomes.drain(..).collect();
        let mut out = Vec::new();
        let mut push = |loc: &Loc, text: &str| {
            let outcome = by_loc.remove(loc).unwrap_or(Outcome::Unrecognized);
            out.push(Item {
                loc: loc.clone(),
                text: text.chars().take(80).collect(),
                outcome,
            });
        };
        for block in &doc.blocks {
            match block {
                Block::Para(p) => push(&p.loc, &p.text),
                Block::Table(t) => {
                    for row in &t.rows {
                        for cell in row.cells.iter().filter(|c| !c.is_empty()) {
                            push(&cell.loc, &cell.text());
                        }
                    }
                }
            }
        }
        out
    }
}
