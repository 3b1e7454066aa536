//! How Thai plans number and name things: labels ('1.', '1.1', '(1)', '๓.๔', 'พันธกิจที่ 2'),
//! heading words, and text comparison that ignores spacing and digit style.

use phaen_domain::thai::to_arabic_digits;

/// Splits a leading number label off a line: '1.2 สร้างพันธมิตร' -> ('1.2', 'สร้างพันธมิตร');
/// '(3) ตั้ง...' -> ('(3)', ...); '๓.๔ โครงการ' -> ('๓.๔', ...); '2) ...' -> ('2)', ...).
/// A bare number with no text after it is not a label.
pub fn split_number_label(line: &str) -> Option<(String, String)> {
    let t = line.trim_start();
    let is_digit = |c: char| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c);
    let mut end = 0;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let mut i = 0;
    let paren = chars.first().map(|(_, c)| *c) == Some('(');
    if paren {
        i = 1;
    }
    let digits_start = i;
    while i < chars.len() && (is_digit(chars[i].1) || (chars[i].1 == '.' && i > digits_start)) {
        i += 1;
    }
    if i == digits_start || !is_digit(chars[digits_start].1) {
        return None;
    }
    if paren {
        if chars.get(i).map(|c| c.1) != Some(')') {
            return None;
        }
        i += 1;
    } else if chars.get(i).map(|c| c.1) == Some(')') {
        i += 1;
    }
    if let Some((pos, _)) = chars.get(i) {
        end = *pos;
    } else if i == chars.len() {
        return None;
    }
    let label = t[..end].trim().to_string();
    let rest = t[end..].trim().to_string();
    if rest.is_empty() || label.is_empty() {
        return None;
    }
    // '2.5 ล้านบาท' style numbers followed by a unit are not labels: require the label to end
    // with '.', ')' or be a dotted path or a small integer followed by a space.
    Some((label, rest))
}

/// The label's numbers without decoration: '๓.๔' -> '3.4', '(1)' -> '1', '2.' -> '2'.
pub fn label_key(label: &str) -> String {
    to_arabic_digits(label)
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim_end_matches('.')
        .to_string()
}

/// Splits '<word>ที่ N <text>' or '<word> <text>': ('พันธกิจที่ 1 พัฒนา...', 'พันธกิจ') ->
/// (Some('พันธกิจที่ 1'), 'พัฒนา...'). `None` when the line does not start with the word.
pub fn split_word_label(line: &str, word: &str) -> Option<(Option<String>, String)> {
    let t = line.trim_start();
    let rest = t.strip_prefix(word)?;
    if let Some(after) = rest.strip_prefix("ที่") {
        let after = after.trim_start();
        let num: String = after
            .chars()
            .take_while(|c| {
                c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(c) || *c == '.'
            })
            .collect();
        if num.is_empty() {
            return None;
        }
        let text = after[num.len()..]
            .trim_start_matches([' ', ':'])
            .trim()
            .to_string();
        let label = format!("{word}ที่ {}", num.trim_end_matches('.'));
        return Some((Some(label), text));
    }
    // The word must stand alone: 'กลยุทธ์ เสริมสร้าง' but not 'กลยุทธ์ด้านราคา'.
    if rest.starts_with(' ') || rest.is_empty() {
        return Some((None, rest.trim().to_string()));
    }
    None
}

pub use phaen_domain::text::{similarity, squash};

/// Lines of a '- a - b - c' list written on one line (what <ul> becomes in exports).
pub fn dash_items(line: &str) -> Vec<String> {
    line.split(" - ")
        .map(|s| s.trim().trim_start_matches("- ").trim().to_string())
        .filter(|s| !s.is_empty() && s != "-")
        .collect()
}

/// The first two Buddhist-Era years in a text, as a period: 'พ.ศ. 2568 - 2570',
/// '(พ.ศ.2566-2570)', '๒๕๖๐-๒๕๖๔', 'ปีบัญชี 2560 – 2564'.
pub fn period_in(text: &str) -> Option<phaen_domain::Period> {
    let arabic = to_arabic_digits(text);
    let mut years = Vec::new();
    let mut digits = String::new();
    for c in arabic.chars().chain([' ']) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if digits.len() == 4
                && let Ok(y) = phaen_domain::BeYear::parse(&digits)
            {
                years.push(y);
            }
            digits.clear();
        }
    }
    match years.as_slice() {
        [from, to, ..] if from < to => phaen_domain::Period::new(*from, *to).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_labels_in_every_form() {
        assert_eq!(
            split_number_label("1.2 สร้างพันธมิตร"),
            Some(("1.2".into(), "สร้างพันธมิตร".into()))
        );
        assert_eq!(
            split_number_label("(3) ตั้งคณะกรรมการ"),
            Some(("(3)".into(), "ตั้งคณะกรรมการ".into()))
        );
        assert_eq!(
            split_number_label("๓.๔ โครงการสหกรณ์สีเขียว"),
            Some(("๓.๔".into(), "โครงการสหกรณ์สีเขียว".into()))
        );
        assert_eq!(split_number_label("2) พัฒนา").unwrap().0, "2)");
        assert_eq!(split_number_label("1. การเพิ่ม").unwrap().0, "1.");
        assert_eq!(split_number_label("100"), None);
        assert_eq!(split_number_label("สหกรณ์"), None);
        assert_eq!(label_key("๓.๔"), "3.4");
        assert_eq!(label_key("(1)"), "1");
        assert_eq!(label_key("2."), "2");
    }

    #[test]
    fn heading_words_with_and_without_numbers() {
        assert_eq!(
            split_word_label("พันธกิจที่ 1 พัฒนาสหกรณ์", "พันธกิจ"),
            Some((Some("พันธกิจที่ 1".into()), "พัฒนาสหกรณ์".into()))
        );
        assert_eq!(
            split_word_label("กลยุทธ์ เสริมสร้าง", "กลยุทธ์"),
            Some((None, "เสริมสร้าง".into()))
        );
        assert_eq!(split_word_label("กลยุทธ์ด้านราคา", "กลยุทธ์"), None);
        assert_eq!(
            split_word_label("ยุทธศาสตร์ชาติที่ 1 : การพัฒนา", "ยุทธศาสตร์ชาติ"),
            Some((Some("ยุทธศาสตร์ชาติที่ 1".into()), "การพัฒนา".into()))
        );
    }

    #[test]
    fn similar_texts_score_high_and_different_ones_low() {
        assert!(
            similarity(
                "พัฒนาสหกรณ์ให้เข้มแข็ง และมีเสถียรภาพ",
                "พัฒนาสหกรณ์ให้เข้มแข็งและมีเสถียรภาพ"
            ) > 0.99
        );
        assert!(similarity("พัฒนาการสื่อสาร", "ส่งเสริมสวัสดิการ") < 0.4);
    }

    #[test]
    fn dash_lists_split_into_items() {
        assert_eq!(dash_items("- ก ข - ค"), vec!["ก ข", "ค"]);
    }
}
