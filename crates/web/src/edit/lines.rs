//! The textareas of the edit forms, one item per line, read back into the plan model and
//! written out again: numbered text items ('1. ...'), budget lines ('2568: 150,000'),
//! responsible units, and yearly targets. Every line that cannot be read says which line and why.

use phaen_domain::thai::parse_decimal;
use phaen_domain::{Baht, BeYear, BudgetLine, MoneyUnit, Period, TextItem};

/// A line that could not be read: the field, its line number (from 1), and why, in both
/// languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub field: &'static str,
    pub line: usize,
    pub th: String,
    pub en: String,
}

/// The non-empty, trimmed lines of a textarea, with their numbers.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

/// Whether `token` is a label such as '1.', '2.1', '(3)', '๔)', 'ก.'.
fn is_label(token: &str) -> bool {
    let core = token.trim_start_matches('(').trim_end_matches([')', '.']);
    !core.is_empty()
        && core.chars().count() <= 8
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c) || c == '.')
        || (token.chars().count() == 2
            && token.ends_with('.')
            && token.starts_with(|c: char| ('ก'..='ฮ').contains(&c)))
}

/// Numbered text items, one per line; a leading label is kept as the item's label.
pub fn text_items(text: &str) -> Vec<TextItem> {
    lines(text)
        .map(|(_, line)| match line.split_once(char::is_whitespace) {
            Some((first, rest)) if is_label(first) && !rest.trim().is_empty() => TextItem {
                label: Some(first.to_string()),
                text: rest.trim().to_string(),
            },
            _ => TextItem::plain(line),
        })
        .collect()
}

pub fn show_text_items(items: &[TextItem]) -> String {
    items
        .iter()
        .map(|i| match &i.label {
            Some(l) => format!("{l} {}", i.text),
            None => i.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Plain lines.
pub fn plain(text: &str) -> Vec<String> {
    lines(text).map(|(_, l)| l.to_string()).collect()
}

/// Budget lines in baht: '2568: 150,000', '๒๕๖๘ ๑๕๐,๐๐๐', or an amount alone (no year). A
/// year must fall in the plan's period.
pub fn budget_lines(
    field: &'static str,
    text: &str,
    period: Period,
) -> Result<Vec<BudgetLine>, LineError> {
    let mut out = Vec::new();
    for (n, line) in lines(text) {
        let err = |th: String, en: String| LineError {
            field,
            line: n,
            th,
            en,
        };
        let (year, amount) = match line.split_once([':', ' ', '\t']) {
            Some((y, a)) => {
                let year = BeYear::parse(y.trim()).map_err(|_| {
                    err(
                        format!("'{y}' ไม่ใช่ปี พ.ศ. เขียนเช่น 2568: 150,000"),
                        format!("'{y}' is not a Buddhist-Era year; write e.g. 2568: 150,000"),
                    )
                })?;
                if !period.contains(year) {
                    return Err(err(
                        format!(
                            "ปี {year} อยู่นอกระยะเวลาของแผน ({} - {})",
                            period.from, period.to
                        ),
                        format!(
                            "year {year} is outside the plan's period ({} - {})",
                            period.from, period.to
                        ),
                    ));
                }
                (Some(year), a.trim().trim_start_matches(':').trim())
            }
            None => (None, line),
        };
        let amount = amount.trim_end_matches("บาท").trim();
        let baht = parse_decimal(amount)
            .ok()
            .and_then(|d| Baht::new(d).ok())
            .ok_or_else(|| {
                err(
                    format!("'{amount}' ไม่ใช่จำนวนเงินบาท (ตัวเลขไม่ติดลบ เช่น 150,000)"),
                    format!("'{amount}' is not an amount of baht (a number not below zero, e.g. 150,000)"),
                )
            })?;
        out.push(BudgetLine {
            year,
            amount_baht: baht,
            source_unit: MoneyUnit::Baht,
            written: None,
        });
    }
    Ok(out)
}

pub fn show_budget_lines(lines: &[BudgetLine]) -> String {
    lines
        .iter()
        .map(|b| match b.year {
            Some(y) => format!("{y}: {}", b.amount_baht),
            None => b.amount_baht.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period() -> Period {
        Period::new(BeYear::new(2566).unwrap(), BeYear::new(2570).unwrap()).unwrap()
    }

    #[test]
    fn labels_are_kept_apart_from_the_text() {
        let items = text_items("1. เพิ่มรายได้\n\n(2) ลดต้นทุน\nข้อความเฉย ๆ\n๓. สาม");
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].label.as_deref(), Some("1."));
        assert_eq!(items[1].label.as_deref(), Some("(2)"));
        assert_eq!(items[2].label, None);
        assert_eq!(items[3].label.as_deref(), Some("๓."));
        assert_eq!(text_items(&show_text_items(&items)), items);
    }

    #[test]
    fn budget_lines_read_years_thai_digits_and_separators() {
        let lines =
            budget_lines("budget", "2568: 150,000\n๒๕๖๙ ๒๐๐,๐๐๐ บาท\n5000", period()).unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].year.unwrap().get(), 2568);
        assert_eq!(lines[1].amount_baht.to_string(), "200000");
        assert_eq!(lines[2].year, None);
        let again = budget_lines("budget", &show_budget_lines(&lines), period()).unwrap();
        assert_eq!(again, lines);
    }

    #[test]
    fn a_bad_budget_line_names_its_line_and_why() {
        let e = budget_lines("budget", "2568: 1\n2590: 5", period()).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.th.contains("นอกระยะเวลา"), "{}", e.th);
        let e = budget_lines("budget", "2568: สองแสน", period()).unwrap_err();
        assert!(e.en.contains("not an amount"), "{}", e.en);
        let e = budget_lines("budget", "2568: -5", period()).unwrap_err();
        assert_eq!(e.line, 1);
    }
}
