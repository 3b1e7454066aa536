//! A search query: the words typed, folded as indexed text is, and the keys the index is
//! looked up by (each a term, or the start of one).

use super::{Folded, is_stop_word, words};

/// At most this many keys are looked up for one query; the rest of a long query is ignored.
pub const MAX_KEYS: usize = 8;

/// What the index is asked for: terms equal to `text`, or starting with it when `prefix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub text: String,
    pub prefix: bool,
}

impl Key {
    pub fn matches(&self, term: &str) -> bool {
        if self.prefix {
            term.starts_with(&self.text)
        } else {
            term == self.text
        }
    }
}

/// One run of the query without spaces, folded, and the texts of its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub text: String,
    pub keys: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub(crate) chunks: Vec<Chunk>,
    keys: Vec<Key>,
}

/// A key for `text`: the start of terms when it is long enough for that to be selective.
fn key(text: &str, prefix: bool) -> Key {
    Key {
        text: text.to_string(),
        prefix: prefix && text.chars().count() >= 2,
    }
}

impl Query {
    /// Reads what was typed: runs separated by spaces; inside a run, each two neighbouring
    /// Thai words are looked up together (the terms a text is indexed under), the last run's
    /// last key by its start, so a word being typed is found already.
    pub fn parse(input: &str) -> Query {
        let folded = Folded::new(input);
        let mut chunks = Vec::new();
        let mut keys: Vec<Key> = Vec::new();
        for run in folded.text.split_whitespace() {
            let ws = words(run);
            if ws.is_empty() {
                continue;
            }
            let texts: Vec<String> = ws.iter().map(|w| run[w.start..w.end].to_string()).collect();
            let mut run_keys = Vec::new();
            let mut i = 0;
            while i < ws.len() {
                let w = ws[i];
                match ws.get(i + 1) {
                    Some(next) if w.thai && next.thai && next.start == w.end => {
                        run_keys.push(key(&run[w.start..next.end], false));
                        // 'a b c' -> 'ab', 'bc': overlapping pairs keep the words in order.
                        if i + 2 == ws.len() {
                            i += 2;
                        } else {
                            i += 1;
                        }
                    }
                    _ => {
                        run_keys.push(key(&texts[i], false));
                        i += 1;
                    }
                }
            }
            if let Some(last) = run_keys.last_mut() {
                *last = key(&last.text, true);
            }
            chunks.push(Chunk {
                text: run.to_string(),
                keys: run_keys.iter().map(|k| k.text.clone()).collect(),
            });
            keys.extend(run_keys);
        }
        if keys.iter().any(|k| !is_stop_word(&k.text)) {
            keys.retain(|k| !is_stop_word(&k.text));
        }
        let mut seen = Vec::new();
        keys.retain(|k| {
            let new = !seen.contains(&k.text);
            seen.push(k.text.clone());
            new
        });
        keys.truncate(MAX_KEYS);
        Query { chunks, keys }
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}
