//! The words of a roadmap's cells: the period, revision and higher plan in its title, years in
//! headers, and alignment cells ('ตอบตัวชี้วัดที่ : 1/3 ภายใต้แนวทางที่: 2').

use phaen_domain::thai::to_arabic_digits;
use phaen_domain::{AlignKind, AlignmentLink, BeYear, Revision};

pub(super) fn is_none(text: &str) -> bool {
    matches!(text.trim(), "" | "-" | "–" | "—")
}

/// 'ตอบตัวชี้วัดที่ : 1/3/4 ภายใต้แนวทางที่: 1/2/3/4' -> one link per KPI and per guideline; '-'
/// gives none.
pub(super) fn alignment(
    written: &str,
    scope: Option<&str>,
    plan: Option<&str>,
) -> Vec<AlignmentLink> {
    let mut links = Vec::new();
    let kpi_part = written
        .split("ตัวชี้วัดที่")
        .nth(1)
        .map(|s| s.split("ภายใต้").next().unwrap_or_default());
    let guide_part = written.split("แนวทางที่").nth(1);
    for (part, kind) in [
        (kpi_part, AlignKind::Kpi),
        (guide_part, AlignKind::Guideline),
    ] {
        let Some(part) = part else { continue };
        for label in part
            .trim()
            .trim_start_matches(':')
            .split(['/', ','])
            .map(str::trim)
            .filter(|l| !is_none(l))
        {
            links.push(AlignmentLink {
                plan: plan.map(str::to_string),
                kind,
                label: label.to_string(),
                scope: scope.map(str::to_string),
                target_id: None,
                written: Some(written.to_string()),
            });
        }
    }
    links
}

/// The first 4-digit Buddhist-Era year in a text.
pub(super) fn year_in(text: &str) -> Option<BeYear> {
    digit_runs(text).into_iter().find_map(|(_, n)| {
        let n: u16 = n.parse().ok()?;
        BeYear::new(n).ok()
    })
}

/// Runs of digits (Thai digits read as Arabic) with the character offset of their end.
fn digit_runs(text: &str) -> Vec<(usize, String)> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for (i, ch) in to_arabic_digits(text).chars().enumerate() {
        if ch.is_ascii_digit() {
            cur.push(ch);
        } else if !cur.is_empty() {
            runs.push((i, std::mem::take(&mut cur)));
        }
    }
    if !cur.is_empty() {
        runs.push((text.chars().count(), cur));
    }
    runs
}

/// 'พ.ศ.2566-2570' anywhere in a text: two years joined by a dash.
pub(super) fn year_range(text: &str) -> Option<(BeYear, BeYear)> {
    let chars: Vec<char> = to_arabic_digits(text).chars().collect();
    let runs = digit_runs(text);
    runs.windows(2).find_map(|w| {
        let (end, a) = &w[0];
        let between: String = chars[*end..]
            .iter()
            .take_while(|c| !c.is_ascii_digit())
            .collect();
        if !matches!(between.trim(), "-" | "–") || a.len() != 4 || w[1].1.len() != 4 {
            return None;
        }
        let from = BeYear::new(a.parse().ok()?).ok()?;
        let to = BeYear::new(w[1].1.parse().ok()?).ok()?;
        (from <= to).then_some((from, to))
    })
}

/// 'ครั้งที่ 2' in the title.
pub(super) fn revision(title: &str) -> Option<Revision> {
    let after = title.rsplit_once("ครั้งที่")?.1;
    let digits: String = to_arabic_digits(after.trim_start())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let number = digits.parse().ok()?;
    let written_digits: String = after
        .trim_start()
        .chars()
        .take(digits.chars().count())
        .collect();
    Some(Revision {
        number,
        written: Some(format!("ครั้งที่ {written_digits}")),
    })
}

/// The higher plan the roadmap carries out, as the title writes it: from 'แผน' after the words
/// 'Road Map' through its bracketed period ('แผนพัฒนาการสหกรณ์ ฉบับที่ 5 (พ.ศ.2566-2570)').
pub(super) fn parent_title(title: &str) -> Option<String> {
    let after_key = ["Road Map", "Roadmap", "แผนที่นำทาง"]
        .iter()
        .find_map(|k| title.find(k).map(|i| i + k.len()))
        .unwrap_or(0);
    let rest = &title[after_key..];
    let start = rest.find("แผน")?;
    let rest = &rest[start..];
    let end = match (rest.find('('), rest.find(')')) {
        (Some(open), Some(close)) if open < close => close + ')'.len_utf8(),
        _ => rest.find(" ไปสู่").unwrap_or(rest.len()),
    };
    let t = rest[..end].trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_gives_period_revision_and_parent_plan() {
        let t =
            "ตารางกำหนด Road Map ขับเคลื่อนแผนพัฒนาการสหกรณ์ ฉบับที่ 5 (พ.ศ.2566-2570) ไปสู่การปฏิบัติ ครั้งที่ 2";
        let (from, to) = year_range(t).unwrap();
        assert_eq!((from.get(), to.get()), (2566, 2570));
        assert_eq!(revision(t).unwrap().number, 2);
        assert_eq!(
            parent_title(t).unwrap(),
            "แผนพัฒนาการสหกรณ์ ฉบับที่ 5 (พ.ศ.2566-2570)"
        );
        assert_eq!(year_range("(พ.ศ. ๒๕๖๐ - ๒๕๖๔)").unwrap().1.get(), 2564);
    }

    #[test]
    fn alignment_cells_give_one_link_per_number() {
        let links = alignment(
            "ตอบตัวชี้วัดที่ : 1/3/4 ภายใต้แนวทางที่: 2",
            Some("ยุทธศาสตร์ชาติที่ 2"),
            None,
        );
        let kinds: Vec<_> = links.iter().map(|l| (l.kind, l.label.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (AlignKind::Kpi, "1"),
                (AlignKind::Kpi, "3"),
                (AlignKind::Kpi, "4"),
                (AlignKind::Guideline, "2")
            ]
        );
        assert_eq!(
            alignment("ตอบตัวชี้วัดที่ : - ภายใต้แนวทางที่: 2", None, None).len(),
            1
        );
    }
}
