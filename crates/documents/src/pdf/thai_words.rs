//! Lines break between Thai words only. typst breaks Thai with ICU's LSTM model, which now and
//! then cuts a word ('จำ|กัด'); so before typesetting, each run of Thai letters is split into
//! words with ICU's dictionary segmenter (the one Phaen's search uses), a zero-width space
//! (U+200B) marks where a line may break between two words, and a word joiner (U+2060) between
//! the syllables of one word forbids a break there. Joiners never go before a mark or a
//! following vowel, so every cluster is shaped whole.

use std::sync::LazyLock;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

const ZWSP: char = '\u{200B}';
const JOINER: char = '\u{2060}';

static SEGMENTER: LazyLock<icu_segmenter::WordSegmenterBorrowed<'static>> =
    LazyLock::new(|| WordSegmenter::new_dictionary(WordBreakInvariantOptions::default()));

/// A Thai letter, vowel or mark: the characters words are made of.
fn is_thai_letter(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4E}').contains(&c) && c != '\u{0E3F}'
}

/// Characters that belong to the character before them in print: marks above and below, and
/// the vowels written after a consonant (ะ า ำ ๅ).
fn joins_previous(c: char) -> bool {
    matches!(
        c,
        '\u{0E30}'..='\u{0E3A}' | '\u{0E45}' | '\u{0E47}'..='\u{0E4E}'
    )
}

/// `text` with its Thai runs marked: breaks allowed between words, forbidden inside them.
pub fn mark(text: &str) -> String {
    if !text.chars().any(is_thai_letter) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(is_thai_letter).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| !is_thai_letter(c))
            .unwrap_or(rest.len());
        mark_run(&rest[..end], &mut out);
        rest = &rest[end..];
    }
    out
}

fn mark_run(run: &str, out: &mut String) {
    let bounds: Vec<usize> = SEGMENTER.segment_str(run).collect();
    for pair in bounds.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a > 0 {
            out.push(ZWSP);
        }
        for (i, c) in run[a..b].char_indices() {
            if i > 0 && !joins_previous(c) {
                out.push(JOINER);
            }
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_may_break_between_and_never_inside() {
        let marked = mark("สหกรณ์จำกัด");
        let words: Vec<String> = marked.split(ZWSP).map(|w| w.replace(JOINER, "")).collect();
        assert_eq!(words.concat(), "สหกรณ์จำกัด");
        assert!(words.contains(&"จำกัด".to_string()), "{words:?}");
        assert!(
            !marked.contains("\u{2060}ำ"),
            "no joiner before a following vowel"
        );
        assert!(
            !marked.contains("\u{2060}\u{0E4C}"),
            "no joiner before a mark"
        );
    }

    #[test]
    fn other_text_is_left_alone() {
        assert_eq!(mark("S1 ≤ 1, 2568"), "S1 ≤ 1, 2568");
        let mixed = mark("ปี 2568 (SWOT)");
        assert!(mixed.ends_with(" 2568 (SWOT)"));
        assert_eq!(mixed.replace([ZWSP, JOINER], ""), "ปี 2568 (SWOT)");
    }
}
