//! Reading a target cell ('10', '≤ 1', 'ไม่น้อยกว่า 10', 'เกินร้อยละ 50', 'ดีเยี่ยม', 'ผ่าน',
//! '-') into a target, and finding targets written inside a KPI's name.

use phaen_domain::thai::parse_decimal;
use phaen_domain::{Comparator, Scale, Target};

/// Levels Phaen knows, with the scale each belongs to.
pub fn scale_of_level(level: &str) -> Option<Scale> {
    [Scale::financial_stability(), Scale::pass_fail()]
        .into_iter()
        .find(|scale| scale.position(level).is_some())
}

/// A target cell as a target; `None` for an empty cell (no year there), `Target::None` for '-'.
pub fn parse_cell(cell: &str) -> Option<Target> {
    let t = cell.trim();
    if t.is_empty() {
        return None;
    }
    if matches!(t, "-" | "–" | "—" | "N/A" | "n/a") {
        return Some(Target::None);
    }
    let (comparator, rest) = Comparator::split_prefix(t);
    let (percent, number) = strip_percent(rest);
    if let Ok(value) = parse_decimal(number) {
        return Some(Target::Numeric {
            comparator,
            value,
            percent,
        });
    }
    if scale_of_level(rest).is_some() {
        return Some(Target::Level {
            comparator,
            level: rest.to_string(),
        });
    }
    Some(Target::Text {
        text: t.to_string(),
    })
}

/// 'ร้อยละ 50' -> (true, '50'); '50%' -> (true, '50'); '50' -> (false, '50').
fn strip_percent(s: &str) -> (bool, &str) {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("ร้อยละ") {
        return (true, rest.trim());
    }
    if let Some(rest) = s.strip_suffix('%') {
        return (true, rest.trim());
    }
    (false, s)
}

/// A target written inside a KPI's name: 'เกินร้อยละ 50 ของ...' -> more than 50 %;
/// 'ไม่น้อยกว่าร้อยละ 90' -> at least 90 %; 'ไม่ต่ำกว่า A- (แนวโน้ม Stable)' -> at least level
/// 'A-'; '... ไม่น้อยกว่า' at the very end (the comparator for the numbers in the year
/// columns) -> the comparator alone. Returns the target and the phrase as written.
pub fn in_name(name: &str) -> Option<(Target, String)> {
    const WORDS: [&str; 7] = [
        "ไม่น้อยกว่า",
        "ไม่ต่ำกว่า",
        "ไม่เกิน",
        "ไม่มากกว่า",
        "มากกว่า",
        "เกิน",
        "น้อยกว่า",
    ];
    let mut best: Option<usize> = None;
    for w in WORDS {
        if let Some(pos) = name.find(w) {
            // 'ไม่เกิน' also contains 'เกิน': keep the earliest start.
            best = Some(best.map_or(pos, |b: usize| b.min(pos)));
        }
    }
    let pos = best?;
    let phrase = &name[pos..];
    let (comparator, rest) = Comparator::split_prefix(phrase);
    let (percent, after) = strip_percent(rest);
    let number: String = after
        .chars()
        .take_while(|c| {
            c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(c) || matches!(c, '.' | ',')
        })
        .collect();
    if let Ok(value) = parse_decimal(&number) {
        let written = phrase[..phrase.len() - after.len() + number.len()].to_string();
        return Some((
            Target::Numeric {
                comparator,
                value,
                percent,
            },
            written.trim().to_string(),
        ));
    }
    let grade: String = after
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    let grade = match after.trim_start().strip_prefix(&grade).map(str::trim_start) {
        // 'A –' written with a space before the dash.
        Some(r) if r.starts_with('–') || r.starts_with("- ") || r.starts_with('-') => {
            format!("{grade}-")
        }
        _ => grade,
    };
    if !grade.is_empty() && grade.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        return Some((
            Target::Level {
                comparator,
                level: grade,
            },
            phrase.trim().to_string(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn target_cells_of_every_kind() {
        assert_eq!(
            parse_cell("≤ 1"),
            Some(Target::Numeric {
                comparator: Comparator::AtMost,
                value: Decimal::ONE,
                percent: false
            })
        );
        assert_eq!(parse_cell("-"), Some(Target::None));
        assert_eq!(parse_cell(""), None);
        assert_eq!(
            parse_cell("ดีเยี่ยม"),
            Some(Target::Level {
                comparator: Comparator::Eq,
                level: "ดีเยี่ยม".into()
            })
        );
        assert_eq!(
            parse_cell("ร้อยละ ๘๐"),
            Some(Target::Numeric {
                comparator: Comparator::Eq,
                value: Decimal::from(80),
                percent: true
            })
        );
        assert!(matches!(
            parse_cell("สหกรณ์ละ ๑ ครั้ง"),
            Some(Target::Text { .. })
        ));
    }

    #[test]
    fn targets_inside_kpi_names() {
        let (t, w) = in_name("สหกรณ์มาใช้บริการเงินกู้ เกินร้อยละ 50 ของสหกรณ์สมาชิก").unwrap();
        assert_eq!(
            t,
            Target::Numeric {
                comparator: Comparator::MoreThan,
                value: Decimal::from(50),
                percent: true
            }
        );
        assert_eq!(w, "เกินร้อยละ 50");
        let (t, _) = in_name("รักษาอันดับความน่าเชื่อถือไม่ต่ำกว่า A – (แนวโน้ม Stable)").unwrap();
        assert_eq!(
            t,
            Target::Level {
                comparator: Comparator::AtLeast,
                level: "A-".into()
            }
        );
        assert!(in_name("ร้อยละความพึงพอใจของสมาชิก").is_none());
    }
}
