//! The strategy cell of a development plan's table row: the strategy's label as written and
//! its title, what it lists before the 'แนวทางดำเนินงาน' caption (its components) and its
//! guidelines after it, one per line or run together on one line.

use phaen_domain::thai::to_arabic_digits;

use crate::words::{label_key, split_number_label};

/// The captions that open a strategy's guidelines.
const CAPTIONS: [&str; 2] = ["แนวทางการดำเนินงาน", "แนวทางดำเนินงาน"];

/// A numbered or bulleted entry: '1.2.1 แสวงหา...', '(3) ตั้ง...', '- ผลักดัน...' (no label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Item {
    pub label: Option<String>,
    pub text: String,
}

/// A strategy cell read: its label as written, its title, what it lists before the caption
/// when a caption follows (components), and its guidelines.
#[derive(Debug)]
pub(super) struct StrategyCell {
    pub label: Option<String>,
    pub title: String,
    pub components: Vec<Item>,
    pub guidelines: Vec<Item>,
}

enum Seg {
    Text(String),
    Caption,
}

/// `None` when the cell has no strategy title.
pub(super) fn strategy_cell(lines: &[String]) -> Option<StrategyCell> {
    let mut label = None;
    let mut title = None;
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut captioned = false;
    for seg in segments(lines) {
        let text = match seg {
            Seg::Caption => {
                captioned = true;
                continue;
            }
            Seg::Text(t) => t,
        };
        let list = if captioned { &mut after } else { &mut before };
        if title.is_none() && !captioned {
            let (l, rest) = match split_number_label(&text) {
                Some((l, rest)) if is_label(&l) => (Some(l), rest),
                _ => (None, text.clone()),
            };
            // Items run on after the title have deeper labels than the strategy's own.
            let depth = l.as_deref().map_or(0, |l| label_key(l).split('.').count());
            let (lead, items) = split_items(&rest, |s| match s {
                Shape::Dotted { parts, .. } => parts > depth,
                _ => true,
            });
            label = l;
            title = Some(lead);
            list.extend(items);
            continue;
        }
        let (lead, items) = split_items(&text, |_| true);
        if !lead.is_empty() {
            list.push(Item {
                label: None,
                text: lead,
            });
        }
        list.extend(items);
    }
    let title = title.filter(|t| !t.is_empty())?;
    let (components, guidelines) = if captioned {
        (before, after)
    } else {
        (Vec::new(), before)
    };
    Some(StrategyCell {
        label,
        title,
        components,
        guidelines,
    })
}

/// The cell's lines with each guideline caption split out, wherever in a line it stands.
fn segments(lines: &[String]) -> Vec<Seg> {
    let mut out = Vec::new();
    for line in lines {
        let mut rest = line.as_str();
        while let Some((start, end)) = find_caption(rest) {
            let before = rest[..start].trim();
            if !before.is_empty() {
                out.push(Seg::Text(before.to_string()));
            }
            out.push(Seg::Caption);
            rest = &rest[end..];
        }
        if !rest.trim().is_empty() {
            out.push(Seg::Text(rest.trim().to_string()));
        }
    }
    out
}

/// The first caption standing as a word of its own.
fn find_caption(text: &str) -> Option<(usize, usize)> {
    CAPTIONS
        .iter()
        .flat_map(|cap| text.match_indices(cap).map(|(i, c)| (i, i + c.len())))
        .filter(|&(s, e)| {
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
        })
        .min()
}

/// How an entry is numbered; entries of one list share a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Dash,
    Paren,
    Close,
    Dotted { parts: usize, trailing: bool },
}

/// '1.2.1', '1.', '(3)', '2)' or '-'; not '50', '2564' or '2564.'.
fn shape(token: &str) -> Option<Shape> {
    if token == "-" {
        return Some(Shape::Dash);
    }
    let small = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    let t = to_arabic_digits(token);
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        return small(inner).then_some(Shape::Paren);
    }
    if let Some(inner) = t.strip_suffix(')') {
        return small(inner).then_some(Shape::Close);
    }
    let trailing = t.ends_with('.');
    let parts: Vec<&str> = t.strip_suffix('.').unwrap_or(&t).split('.').collect();
    (parts.iter().all(|p| small(p)) && (parts.len() > 1 || trailing)).then_some(Shape::Dotted {
        parts: parts.len(),
        trailing,
    })
}

/// Splits a line into the text before its first entry and its entries, cutting at every
/// label of the first entry's shape: '1.2.1 ก 1.2.2 ข' -> ('', [1.2.1 ก, 1.2.2 ข]).
fn split_items(text: &str, accept: impl Fn(Shape) -> bool) -> (String, Vec<Item>) {
    let mut cuts: Vec<(usize, usize, Shape)> = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        if prev_space && !c.is_whitespace() {
            let end = text[i..].find(char::is_whitespace).map(|e| i + e);
            if let Some(end) = end
                && !text[end..].trim().is_empty()
                && let Some(s) = shape(&text[i..end]).filter(|s| accept(*s))
                && cuts.first().is_none_or(|f| f.2 == s)
            {
                cuts.push((i, end, s));
            }
        }
        prev_space = c.is_whitespace();
    }
    let Some(&(first, _, _)) = cuts.first() else {
        return (text.trim().to_string(), Vec::new());
    };
    let items = cuts
        .iter()
        .enumerate()
        .filter_map(|(n, &(start, end, s))| {
            let stop = cuts.get(n + 1).map_or(text.len(), |c| c.0);
            let body = text[end..stop].trim();
            (!body.is_empty()).then(|| Item {
                label: (s != Shape::Dash).then(|| text[start..end].to_string()),
                text: body.to_string(),
            })
        })
        .collect();
    (text[..first].trim().to_string(), items)
}

/// Whether a token numbers an entry ('1.', '1.2', '(3)'), unlike a plain number or a year.
pub(super) fn is_label(token: &str) -> bool {
    shape(token).is_some_and(|s| s != Shape::Dash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &[&str]) -> Vec<String> {
        s.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn guidelines_run_together_on_one_line_are_split_at_their_labels() {
        let c = strategy_cell(&lines(&[
            "1.2 สร้างพันธมิตร ของ ชสอ. 1.2.1 แสวงหา 1.2.2 รับแจ้งฝาก – ถอน",
        ]))
        .unwrap();
        assert_eq!(c.label.as_deref(), Some("1.2"));
        assert_eq!(c.title, "สร้างพันธมิตร ของ ชสอ.");
        let labels: Vec<_> = c
            .guidelines
            .iter()
            .map(|g| g.label.clone().unwrap())
            .collect();
        assert_eq!(labels, ["1.2.1", "1.2.2"]);
        assert_eq!(c.guidelines[1].text, "รับแจ้งฝาก – ถอน");
    }

    #[test]
    fn what_comes_before_the_caption_is_a_component_not_a_guideline() {
        let c = strategy_cell(&lines(&[
            "1.1 จัดหาระบบ",
            "(1) มีระบบ",
            "แนวทางดำเนินงาน",
            "1.1.1 จ้าง",
        ]))
        .unwrap();
        assert_eq!(c.components.len(), 1);
        assert_eq!(c.guidelines[0].label.as_deref(), Some("1.1.1"));
        let c = strategy_cell(&lines(&["1.1 กลยุทธ์ด้านราคา แนวทางดำเนินงาน - กำหนด"])).unwrap();
        assert_eq!(
            (c.title.as_str(), c.guidelines[0].label.clone()),
            ("กลยุทธ์ด้านราคา", None)
        );
    }

    #[test]
    fn years_and_plain_numbers_are_not_labels() {
        assert_eq!(shape("2564."), None);
        assert_eq!(shape("50"), None);
        assert!(shape("1.").is_some() && shape("(5)").is_some());
    }
}
