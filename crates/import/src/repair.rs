//! Repairs of Thai text damaged on its way out of a PDF, made only where the damaged form is
//! not a Thai word, so the repair cannot change meaning. Each repair is reported.

use crate::doc::Loc;
use crate::report::Repair;

/// Damaged forms that are not words, and what they were.
const WORDS: &[(&str, &str, &str)] = &[
    ("ค้าประกัน", "ค้ำประกัน", "SARA AM (ำ) read as SARA AA (า)"),
    ("รอยละ", "ร้อยละ", "tone mark (้) dropped"),
    ("ยุทธศาสตรที่", "ยุทธศาสตร์ที่", "THANTHAKHAT (์) dropped"),
    ("ยุทธศาสตรชาติ", "ยุทธศาสตร์ชาติ", "THANTHAKHAT (์) dropped"),
];

fn is_consonant(c: char) -> bool {
    ('\u{0E01}'..='\u{0E2E}').contains(&c)
}

fn is_tone_or_upper(c: char) -> bool {
    matches!(c, '\u{0E48}'..='\u{0E4B}')
}

/// Returns the repaired text and records what changed.
pub fn repair(text: &str, loc: &Loc, out: &mut Vec<Repair>) -> String {
    let mut fixed = split_sara_am(text, loc, out);
    for (bad, good, why) in WORDS {
        if fixed.contains(bad) {
            out.push(Repair {
                loc: loc.clone(),
                from: (*bad).into(),
                to: (*good).into(),
                why: (*why).into(),
            });
            fixed = fixed.replace(bad, good);
        }
    }
    fixed
}

/// 'ส ารอง' -> 'สำรอง': a consonant (and tone mark), a space, then SARA AA. No Thai word starts
/// with SARA AA, so the space can only be SARA AM's lost NIKHAHIT.
fn split_sara_am(text: &str, loc: &Loc, out: &mut Vec<Repair>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut result = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        result.push(c);
        if is_consonant(c) {
            let tone = chars.get(i + 1).copied().filter(|t| is_tone_or_upper(*t));
            let j = i + 1 + usize::from(tone.is_some());
            if chars.get(j) == Some(&' ') && chars.get(j + 1) == Some(&'\u{0E32}') {
                if let Some(t) = tone {
                    result.push(t);
                }
                result.push('\u{0E33}');
                let from: String = chars[i..=j + 1].iter().collect();
                let to: String = [Some(c), tone, Some('\u{0E33}')]
                    .into_iter()
                    .flatten()
                    .collect();
                out.push(Repair {
                    loc: loc.clone(),
                    from,
                    to,
                    why: "SARA AM (ำ) split into a space and SARA AA".into(),
                });
                i = j + 2;
                continue;
            }
        }
        i += 1;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> (String, usize) {
        let mut out = Vec::new();
        let fixed = repair(
            s,
            &Loc::Line {
                line: 1,
                column: None,
            },
            &mut out,
        );
        (fixed, out.len())
    }

    #[test]
    fn a_split_sara_am_is_joined_and_reported() {
        assert_eq!(fix("เงินทุนส ารอง"), ("เงินทุนสำรอง".into(), 1));
        assert_eq!(fix("น้ ามัน"), ("น้ำมัน".into(), 1));
    }

    #[test]
    fn damaged_words_are_restored_but_real_words_are_left_alone() {
        assert_eq!(fix("ผู้ค้าประกัน"), ("ผู้ค้ำประกัน".into(), 1));
        assert_eq!(fix("รอยละ 85"), ("ร้อยละ 85".into(), 1));
        assert_eq!(fix("การค้า ประเทศ"), ("การค้า ประเทศ".into(), 0));
        assert_eq!(fix("ร้อยละ 5 และ รอยยิ้ม"), ("ร้อยละ 5 และ รอยยิ้ม".into(), 0));
    }
}
