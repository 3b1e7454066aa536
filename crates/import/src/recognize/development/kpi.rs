//! The KPI cell of a development plan's table row: the KPI's number and name, its notes
//! (หมายเหตุ), a tier scale the notes may set out, and the target its name states.

use phaen_domain::thai::{parse_decimal, to_arabic_digits};
use phaen_domain::{BeYear, Comparator, Scale, Target, Tier};
use rust_decimal::Decimal;

use super::strategy::is_label;
use crate::targets;
use crate::words::{label_key, split_number_label};

const NOTE: &str = "หมายเหตุ";

/// A KPI cell: the KPI's number ('1.' -> '1'), its name as written, and its notes.
#[derive(Debug)]
pub(super) struct KpiCell {
    pub label: Option<String>,
    pub name: String,
    pub notes: Vec<String>,
}

pub(super) fn kpi_cell(lines: &[String]) -> KpiCell {
    let mut name_lines = Vec::new();
    let mut notes = Vec::new();
    for line in lines.iter().map(|l| l.trim()) {
        if let Some(rest) = line.strip_prefix(NOTE) {
            let rest = rest.trim_start_matches([' ', ':']).trim();
            // A caption alone still opens the notes.
            notes.push(rest.to_string());
        } else if notes.is_empty() {
            name_lines.push(line);
        } else {
            notes.push(line.to_string());
        }
    }
    notes.retain(|n| !n.is_empty());
    let name = name_lines.join(" ");
    match split_number_label(&name) {
        Some((label, rest)) if is_label(&label) => KpiCell {
            label: Some(label_key(&label)),
            name: rest,
            notes,
        },
        _ => KpiCell {
            label: None,
            name,
            notes,
        },
    }
}

/// A tier scale set out in a KPI's notes ('- ระดับ Bronze ผลประเมิน 60 - 70%'), with the number
/// of tiers the notes say there are ('มี 4 ระดับ'), if they say.
pub(super) fn tier_scale(notes: &[String]) -> Option<(Scale, Option<usize>)> {
    let mut tiers = Vec::new();
    let mut name = None;
    let mut stated = None;
    for note in notes {
        let t = note.trim().trim_start_matches('-').trim();
        if let Some(tier) = t.strip_prefix("ระดับ").and_then(tier_line) {
            tiers.push(tier);
            continue;
        }
        if name.is_none()
            && let Some(pos) = t.find(" มี ")
        {
            let head = &t[..pos];
            name = Some(
                head.split(" ของ ")
                    .next()
                    .unwrap_or(head)
                    .trim()
                    .to_string(),
            );
            let count: String = to_arabic_digits(&t[pos + " มี ".len()..])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            stated = count.parse().ok();
        }
    }
    (tiers.len() >= 2).then(|| {
        let scale = Scale::Tiers {
            name: name.unwrap_or_else(|| "ระดับ".into()),
            tiers,
        };
        (scale, stated)
    })
}

/// 'Gold ผลประเมิน 81 - 90%' or 'Platinum ผลประเมินมากกว่า 90%'.
fn tier_line(rest: &str) -> Option<Tier> {
    let rest = rest.trim();
    let name = rest.split_whitespace().next()?;
    let after = &rest[name.len()..];
    let nums = numbers(after);
    // 'ไม่เกิน' before 'เกิน': the first match in this order wins.
    let cmp = [
        ("ไม่น้อยกว่า", Comparator::AtLeast),
        ("ไม่ต่ำกว่า", Comparator::AtLeast),
        ("ขึ้นไป", Comparator::AtLeast),
        ("ไม่เกิน", Comparator::AtMost),
        ("ไม่มากกว่า", Comparator::AtMost),
        ("มากกว่า", Comparator::MoreThan),
        ("เกิน", Comparator::MoreThan),
        ("น้อยกว่า", Comparator::LessThan),
        ("ต่ำกว่า", Comparator::LessThan),
    ]
    .into_iter()
    .find(|(w, _)| after.contains(w))
    .map_or(Comparator::Eq, |(_, c)| c);
    let tier = |min, max, min_exclusive| Tier {
        name: name.to_string(),
        min,
        max,
        min_exclusive,
    };
    match (nums.as_slice(), cmp) {
        ([a, b], _) => Some(tier(Some(*a), Some(*b), false)),
        ([a], Comparator::MoreThan) => Some(tier(Some(*a), None, true)),
        ([a], Comparator::AtLeast) => Some(tier(Some(*a), None, false)),
        ([a], Comparator::AtMost | Comparator::LessThan) => Some(tier(None, Some(*a), false)),
        _ => None,
    }
}

/// The numbers written in a text, in order.
fn numbers(text: &str) -> Vec<Decimal> {
    to_arabic_digits(text)
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|s| s.trim_matches('.'))
        .filter(|s| !s.is_empty())
        .filter_map(|s| parse_decimal(s).ok())
        .collect()
}

/// The target a KPI's name states: a tier of its scale ('ระดับ Gold'), or a number or level
/// after a comparator ('เกินร้อยละ 50', 'ไม่ต่ำกว่า A –'). With the phrase as written.
pub(super) fn target_in_name(name: &str, scale: Option<&Scale>) -> Option<(Target, String)> {
    if let Some(Scale::Tiers { tiers, .. }) = scale {
        for t in tiers {
            for phrase in [format!("ระดับ {}", t.name), format!("ระดับ{}", t.name)]
            {
                if name.contains(&phrase) {
                    return Some((
                        Target::Tier {
                            tier: t.name.clone(),
                        },
                        phrase,
                    ));
                }
            }
        }
    }
    targets::in_name(name)
}

/// The year a KPI's name gives for its target: 'ภายในปีบัญชี 2564', 'ภายในปี 2564'.
pub(super) fn year_in(name: &str) -> Option<BeYear> {
    let name = to_arabic_digits(name);
    let pos = name.find("ภายในปี").or_else(|| name.find("ในปี"))?;
    let rest = &name[pos..];
    let rest = rest[rest.find("ปี")? + "ปี".len()..]
        .trim_start_matches("บัญชี")
        .trim_start_matches("งบประมาณ")
        .trim_start()
        .trim_start_matches("พ.ศ.")
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        BeYear::parse(&digits).ok()
    } else {
        None
    }
}

/// Credit ratings as rating agencies (TRIS Rating) write them, best first.
pub(super) fn credit_rating() -> Scale {
    let levels = [
        "AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-", "BB+", "BB", "BB-",
        "B+", "B", "B-", "CCC", "CC", "C", "D",
    ];
    Scale::Levels {
        name: "อันดับความน่าเชื่อถือ (credit rating)".into(),
        levels: levels.map(String::from).to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn tiers_read_from_notes() {
        let notes = lines(&[
            "ACCESS Branding ของ ACCU มี 2 ระดับ ดังนี้",
            "- ระดับ Gold ผลประเมิน 81 - 90%",
            "- ระดับ Platinum ผลประเมินมากกว่า 90%",
        ]);
        let (Scale::Tiers { name, tiers }, Some(2)) = tier_scale(&notes).unwrap() else {
            panic!("a tier scale of two")
        };
        assert_eq!(name, "ACCESS Branding");
        assert!(tiers[1].min_exclusive && tiers[1].max.is_none());
        assert_eq!(year_in("ภายในปีบัญชี 2564 เกิน"), BeYear::new(2564).ok());
    }
}
