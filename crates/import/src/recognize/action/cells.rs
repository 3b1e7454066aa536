//! The words and numbers of an action plan's cells: labels in Thai or Arabic digits ('๕.๑',
//! '๒.'), several labelled items run together in one merged cell, amounts and '-', years.

use phaen_domain::thai::{parse_decimal, to_arabic_digits};
use phaen_domain::{Baht, BeYear, BudgetLine, MoneyUnit, Responsibility, ResponsibleRole};
use rust_decimal::Decimal;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c)
}

/// A label's numbers in Arabic digits without decoration: 'ยุทธศาสตร์ที่ ๕' -> '5',
/// '๕.๑' -> '5.1', '๒.' -> '2'.
pub(super) fn key_of(label: &str) -> String {
    to_arabic_digits(label)
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect::<String>()
        .trim_matches('.')
        .to_string()
}

/// A key's numbers, to sort '5.10' after '5.9'.
pub(super) fn key_order(key: &str) -> Vec<u32> {
    key.split('.').filter_map(|n| n.parse().ok()).collect()
}

/// A cell of numbers: `Some(None)` for '-' (nothing that year), `Some(Some(n))` for a number,
/// `None` for anything else.
pub(super) fn value(text: &str) -> Option<Option<Decimal>> {
    let t = text.trim();
    if matches!(t, "-" | "–" | "—") {
        return Some(None);
    }
    if t.is_empty() || !t.chars().any(is_digit) {
        return None;
    }
    parse_decimal(t).ok().map(Some)
}

/// Labelled items run together in one cell. `dotted`: two-part (or deeper: '1.1.1') labels
/// followed by a space ('๓.๒ ส่งเสริม ... ๓.๓ ส่งเสริม ...'); otherwise list labels ('๑.ร้อยละ ... ๒.ระบบ ...').
/// Returns the text before the first label and each (label, text).
pub(super) fn split_labels(text: &str, dotted: bool) -> (String, Vec<(String, String)>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !(i == 0 || chars[i - 1].1.is_whitespace()) || !is_digit(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && is_digit(chars[j].1) {
            j += 1;
        }
        if chars.get(j).map(|c| c.1) == Some('.') {
            let k = j + 1;
            if dotted {
                let mut m = k;
                while m < chars.len() && is_digit(chars[m].1) {
                    m += 1;
                }
                // Deeper labels ('1.1.1', a project under strategy 1.1) read the same way.
                while m > k
                    && chars.get(m).is_some_and(|c| c.1 == '.')
                    && chars.get(m + 1).is_some_and(|c| is_digit(c.1))
                {
                    m += 1;
                    while m < chars.len() && is_digit(chars[m].1) {
                        m += 1;
                    }
                }
                if m > k && chars.get(m).is_some_and(|c| c.1.is_whitespace()) {
                    marks.push((chars[i].0, chars[m].0));
                    i = m;
                    continue;
                }
            } else if chars.get(k).is_some_and(|c| !is_digit(c.1)) {
                marks.push((chars[i].0, chars[k].0));
                i = k;
                continue;
            }
        }
        i = j.max(i + 1);
    }
    let prefix = text[..marks.first().map_or(text.len(), |m| m.0)]
        .trim()
        .to_string();
    let items = marks
        .iter()
        .enumerate()
        .map(|(n, &(start, end))| {
            let stop = marks.get(n + 1).map_or(text.len(), |m| m.0);
            (
                text[start..end].trim().to_string(),
                text[end..stop].trim().to_string(),
            )
        })
        .collect();
    (prefix, items)
}

/// A cell that is only a year: '๒๕๖๐', '2560', or the short '๖๐'.
pub(super) fn year_cell(text: &str) -> Option<BeYear> {
    let t = to_arabic_digits(text.trim());
    if (t.len() == 2 || t.len() == 4) && t.chars().all(|c| c.is_ascii_digit()) {
        BeYear::parse(&t).ok()
    } else {
        None
    }
}

/// '(พ.ศ. ๒๕๖๐-๒๕๖๔)' anywhere in a text: two four-digit years joined by a dash.
pub(super) fn year_range(text: &str) -> Option<(BeYear, BeYear)> {
    let t = to_arabic_digits(text);
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let run: String = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if run.is_empty() {
            i += 1;
            continue;
        }
        let after = i + run.chars().count();
        let gap: String = chars[after..]
            .iter()
            .take_while(|c| !c.is_ascii_digit())
            .collect();
        let next_start = after + gap.chars().count();
        let next: String = chars[next_start..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if run.len() == 4
            && next.len() == 4
            && matches!(gap.trim(), "-" | "–")
            && let (Ok(a), Ok(b)) = (BeYear::parse(&run), BeYear::parse(&next))
            && a <= b
        {
            return Some((a, b));
        }
        i = after;
    }
    None
}

/// Units written one after another ('กพท. สทล. สสจ.'), each a main responsibility; a unit
/// written twice by a merged cell counts once. Returns the units and whether any repeated.
pub(super) fn units(text: &str) -> (Vec<Responsibility>, bool) {
    let mut out: Vec<Responsibility> = Vec::new();
    let mut repeated = false;
    for word in text.split_whitespace() {
        if out.iter().any(|r| r.text == word) {
            repeated = true;
            continue;
        }
        out.push(Responsibility {
            role: ResponsibleRole::Main,
            text: word.to_string(),
            org: None,
            unit: None,
        });
    }
    (out, repeated)
}

/// One year's money as written ('๐.๕' ล้านบาท -> 500000 baht).
pub(super) fn budget_line(
    year: BeYear,
    v: Decimal,
    unit: MoneyUnit,
    written: String,
) -> Option<BudgetLine> {
    let amount_baht = Baht::from_unit(v, unit).ok()?;
    Some(BudgetLine {
        year: Some(year),
        amount_baht,
        source_unit: unit,
        written: Some(written),
    })
}

/// The start of a long text, for a warning.
pub(super) fn short(text: &str) -> String {
    let t: String = text.chars().take(40).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_items_in_one_cell_come_apart() {
        let (pre, items) = split_labels("กลยุทธ์ ๓.๒ ส่งเสริม ก ๓.๓ ส่งเสริม ข", true);
        assert_eq!(pre, "กลยุทธ์");
        assert_eq!(
            items,
            [
                ("๓.๒".into(), "ส่งเสริม ก".into()),
                ("๓.๓".into(), "ส่งเสริม ข".into())
            ]
        );
        let (_, items) = split_labels("๑.ร้อยละของ ก ๒.ระบบ ๑.๕ ข", false);
        assert_eq!(items.len(), 2);
        assert_eq!(items[1], ("๒.".into(), "ระบบ ๑.๕ ข".into()));
        // A project numbered under its strategy, as Phaen writes it.
        let (_, items) = split_labels("1.1.2 โครงการ ก", true);
        assert_eq!(items, [("1.1.2".into(), "โครงการ ก".into())]);
    }

    #[test]
    fn cells_of_numbers_years_and_units() {
        assert_eq!(value("๐.๕"), Some(Some(Decimal::new(5, 1))));
        assert_eq!(value("-"), Some(None));
        assert_eq!(value("รวม"), None);
        assert_eq!(year_cell("๖๐").unwrap().get(), 2560);
        assert_eq!(year_range("(พ.ศ. ๒๕๖๐ - ๒๕๖๔)").unwrap().1.get(), 2564);
        let (u, repeated) = units("กพร. กพร. กพร.");
        assert_eq!((u.len(), repeated), (1, true));
        assert_eq!(key_of("ยุทธศาสตร์ที่ ๕"), "5");
        assert_eq!(key_order("5.10"), [5, 10]);
    }
}
