//! A text cut into pieces, the matches of a query marked, for pages to show with `<mark>`;
//! pieces are plain text, escaped by whoever prints them.

use serde::Serialize;

use super::{Folded, Query, is_stop_word};

/// A run of the original text, and whether it matches the query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

/// The folded byte ranges of `folded` that match: each run of the query where it occurs
/// whole, else what the index was asked for in it (its neighbouring words, but the most common
/// words alone).
fn matches(folded: &str, query: &Query) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for chunk in &query.chunks {
        let before = found.len();
        found.extend(
            folded
                .match_indices(chunk.text.as_str())
                .map(|(at, m)| (at, at + m.len())),
        );
        if found.len() == before {
            for w in chunk
                .keys
                .iter()
                .filter(|w| w.chars().count() >= 2 && !is_stop_word(w))
            {
                found.extend(
                    folded
                        .match_indices(w.as_str())
                        .map(|(at, m)| (at, at + m.len())),
                );
            }
        }
    }
    found.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for (s, e) in found {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// `text` whole, in pieces, the query's matches marked.
pub fn highlight(text: &str, query: &Query) -> Vec<Piece> {
    let folded = Folded::new(text);
    let mut pieces = Vec::new();
    let mut at = 0;
    for (s, e) in matches(&folded.text, query) {
        let (s, e) = folded.original_range(s, e);
        if s < at || s >= e {
            continue;
        }
        if s > at {
            pieces.push(Piece {
                text: text[at..s].to_string(),
                hit: false,
            });
        }
        pieces.push(Piece {
            text: text[s..e].to_string(),
            hit: true,
        });
        at = e;
    }
    if at < text.len() {
        pieces.push(Piece {
            text: text[at..].to_string(),
            hit: false,
        });
    }
    pieces
}

/// At most `max_chars` characters of `text` around its first match (all of it when short),
/// in pieces, with '…' where it was cut.
pub fn excerpt(text: &str, query: &Query, max_chars: usize) -> Vec<Piece> {
    let pieces = highlight(text, query);
    let total: usize = pieces.iter().map(|p| p.text.chars().count()).sum();
    if total <= max_chars {
        return pieces;
    }
    let mut first_hit = 0;
    for p in &pieces {
        if p.hit {
            break;
        }
        first_hit += p.text.chars().count();
    }
    if first_hit == total {
        // No match in the text: its start.
        first_hit = 0;
    }
    let from = first_hit
        .saturating_sub(max_chars / 3)
        .min(total - max_chars);
    let to = from + max_chars;
    let mut out = Vec::new();
    if from > 0 {
        out.push(Piece {
            text: "…".into(),
            hit: false,
        });
    }
    let mut at = 0;
    for p in pieces {
        let len = p.text.chars().count();
        let (s, e) = (from.max(at), to.min(at + len));
        if p.hit && e < at + len {
            // A match is shown whole or not at all.
            break;
        }
        if s < e {
            out.push(Piece {
                text: p.text.chars().skip(s - at).take(e - s).collect(),
                hit: p.hit,
            });
        }
        at += len;
    }
    if to < total {
        out.push(Piece {
            text: "…".into(),
            hit: false,
        });
    }
    out
}
