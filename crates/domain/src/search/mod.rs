//! Thai full-text search, the part without a database: text folded so that Thai digits read
//! as 0-9 and letters compare without case, split into words by ICU4X's dictionary segmenter
//! (Thai is written without spaces between words), the terms a text is indexed under, the
//! keys a query is looked up by, and a text's pieces with the matches marked.
//!
//! A text is indexed under each of its words and under each two neighbouring Thai words joined
//! ('เงิน' 'ฝาก' also gives 'เงินฝาก'), so a word is found inside a compound however the
//! segmenter happened to split it; a query is looked up by the start of those terms.

mod highlight;
mod query;

pub use highlight::{Piece, excerpt, highlight};
pub use query::{Key, MAX_KEYS, Query};

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

/// Thai words too common to find anything by alone; still indexed inside pairs
/// ('การออม', 'ของสมาชิก').
const STOP_WORDS: &[&str] = &[
    "การ",
    "ความ",
    "และ",
    "หรือ",
    "ของ",
    "ใน",
    "ที่",
    "ให้",
    "เพื่อ",
    "จาก",
    "กับ",
    "โดย",
    "มี",
    "เป็น",
    "ได้",
    "ไป",
    "มา",
    "แก่",
    "แห่ง",
    "ต่อ",
    "ซึ่ง",
    "อัน",
    "นั้น",
    "นี้",
    "ๆ",
    "ละ",
];

pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Text as search compares it, with where each of its bytes came from in the original.
pub(crate) struct Folded {
    pub text: String,
    /// `origin[i]`: the original's byte offset of the character that gave byte `i`, and one
    /// more entry at the end, the original's length.
    origin: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (at, c) in original.char_indices() {
            let before = text.len();
            match c {
                '\u{0E50}'..='\u{0E59}' => {
                    text.push_str(&crate::thai::to_arabic_digits(c.encode_utf8(&mut [0; 4])))
                }
                // Zero-width spaces mark word breaks in Thai text.
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => text.push(' '),
                _ => text.extend(c.to_lowercase()),
            }
            origin.resize(origin.len() + (text.len() - before), at);
        }
        origin.push(original.len());
        Folded { text, origin }
    }

    /// The original's byte range that the folded range `start..end` came from.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start], self.origin[end])
    }
}

/// A word of a folded text: its byte range and whether it is written in Thai letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub thai: bool,
}

fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4F}').contains(&c)
}

/// The words of `folded` (letters and numbers; spaces and punctuation are left out).
pub(crate) fn words(folded: &str) -> Vec<Word> {
    let segmenter = WordSegmenter::new_dictionary(WordBreakInvariantOptions::default());
    let mut out = Vec::new();
    let mut breaks = segmenter.segment_str(folded);
    let mut start = 0;
    while let Some(end) = breaks.next() {
        if end > start && breaks.is_word_like() {
            let thai = folded[start..end].chars().any(is_thai);
            out.push(Word { start, end, thai });
        }
        start = end;
    }
    out
}

/// The words of `text` as search reads them ('ร้อยละ ๕' -> 'ร้อย', 'ละ', '5').
pub fn split_words(text: &str) -> Vec<String> {
    let folded = Folded::new(text);
    words(&folded.text)
        .into_iter()
        .map(|w| folded.text[w.start..w.end].to_string())
        .collect()
}

/// Every term `text` is indexed under, once per time it occurs: its words (but the most
/// common Thai ones) and each two neighbouring Thai words written together, joined.
pub fn terms(text: &str) -> Vec<String> {
    let folded = Folded::new(text);
    let t = folded.text.as_str();
    let words = words(t);
    let mut out = Vec::with_capacity(words.len() * 2);
    for (i, w) in words.iter().enumerate() {
        let word = &t[w.start..w.end];
        if !is_stop_word(word) {
            out.push(word.to_string());
        }
        if let Some(next) = words.get(i + 1)
            && w.thai
            && next.thai
            && next.start == w.end
        {
            out.push(t[w.start..next.end].to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests;
