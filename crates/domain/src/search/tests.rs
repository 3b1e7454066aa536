//! Segmentation, terms and keys: a Thai word is found inside compound text without spaces.

use super::*;

#[test]
fn thai_is_split_into_words_and_digits_are_read() {
    assert_eq!(
        split_words("การระดมเงินฝากจากสมาชิก"),
        ["การ", "ระดม", "เงิน", "ฝาก", "จาก", "สมาชิก"]
    );
    assert_eq!(
        split_words("ปี ๒๕๖๘ (ร้อยละ 5.5)"),
        ["ปี", "2568", "ร้อย", "ละ", "5.5"]
    );
    assert_eq!(
        split_words("Digital Transformation"),
        ["digital", "transformation"]
    );
}

#[test]
fn terms_hold_words_and_neighbouring_thai_pairs_but_not_common_words_alone() {
    let t = terms("การระดมเงินฝาก");
    assert!(t.contains(&"เงินฝาก".to_string()), "{t:?}");
    assert!(t.contains(&"การระดม".to_string()), "{t:?}");
    assert!(t.contains(&"เงิน".to_string()));
    assert!(!t.contains(&"การ".to_string()), "{t:?}");
    // Words apart are not joined.
    assert!(!terms("เงิน ฝาก").contains(&"เงินฝาก".to_string()));
}

/// Whether a query finds `text` by its keys alone, as the index would.
fn finds(query: &str, text: &str) -> bool {
    let q = Query::parse(query);
    let t = terms(text);
    !q.keys().is_empty()
        && q.keys()
            .iter()
            .all(|k| t.iter().any(|term| k.matches(term)))
}

#[test]
fn a_word_is_found_inside_compound_text_without_spaces() {
    let text = "การระดมเงินฝากจากสมาชิก";
    assert!(finds("เงินฝาก", text));
    assert!(finds("ระดมเงินฝาก", text));
    assert!(finds("สมาชิก", text));
    assert!(finds("เงิน", text));
    assert!(finds("สมา", text), "the start of a word finds it");
    assert!(!finds("สินเชื่อ", text));
    assert!(
        !finds("ฝากเงิน", text),
        "the words in another order are another word"
    );
}

#[test]
fn thai_digits_in_a_query_read_as_numbers() {
    assert!(finds("๒๕๖๘", "ผลการดำเนินงานปี 2568"));
    assert!(finds("2568", "ผลการดำเนินงานปี ๒๕๖๘"));
}

#[test]
fn highlights_mark_the_query_in_the_original_text() {
    let q = Query::parse("เงินฝาก ๒๕๖๘");
    let pieces = highlight("ระดมเงินฝากปี ๒๕๖๘ <b>", &q);
    let marked: Vec<&str> = pieces
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["เงินฝาก", "๒๕๖๘"]);
    let whole: String = pieces.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(whole, "ระดมเงินฝากปี ๒๕๖๘ <b>");
}

#[test]
fn an_excerpt_keeps_the_first_match_in_view() {
    let long = format!("{}เงินฝาก{}", "ก".repeat(500), "ข".repeat(500));
    let pieces = excerpt(&long, &Query::parse("เงินฝาก"), 60);
    assert!(pieces.iter().any(|p| p.hit && p.text == "เงินฝาก"));
    let shown: usize = pieces.iter().map(|p| p.text.chars().count()).sum();
    assert!(shown <= 62, "{shown}");
}

#[test]
fn an_excerpt_without_a_match_is_the_start_of_the_text() {
    let long = "ข".repeat(500);
    let pieces = excerpt(&long, &Query::parse("เงินฝาก"), 60);
    assert!(pieces[0].text.starts_with('ข'), "{pieces:?}");
    assert_eq!(pieces.last().unwrap().text, "…");
}

#[test]
fn only_what_was_asked_for_is_marked() {
    let pieces = highlight("สมาชิกได้รับเงินกู้และเงินฝาก", &Query::parse("เงินฝาก"));
    let marked: Vec<&str> = pieces
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["เงินฝาก"], "not 'เงิน' of 'เงินกู้'");
    // Cut after a match's start, the excerpt leaves the match out rather than show half.
    let text = format!(
        "{}สมาชิก{}สมาชิก{}",
        "ก".repeat(40),
        "ข".repeat(20),
        "ค".repeat(40)
    );
    let pieces = excerpt(&text, &Query::parse("สมาชิก"), 44);
    let marked: Vec<&str> = pieces
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(marked, ["สมาชิก"], "{pieces:?}");
    assert_eq!(pieces.last().unwrap().text, "…");
}
