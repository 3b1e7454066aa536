//! Likely parents by text: ranks the elements of a parent plan by how much of their wording a
//! project, guideline or KPI shares, for the editor to suggest what it serves. Thai is written
//! without spaces between words, so the comparison uses overlapping three-character pieces of
//! the text (after dropping spaces, digits and punctuation), which catches shared words inside
//! compounds without a dictionary; scores are exact ratios (decimals), 0 to 1.

use std::collections::HashSet;

use rust_decimal::Decimal;

/// The three-character pieces of `text`'s letters (Thai and Latin, lowercased).
fn pieces(text: &str) -> HashSet<[char; 3]> {
    let letters: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphabetic() || ('\u{0E00}'..='\u{0E7F}').contains(c))
        .filter(|c| !('\u{0E50}'..='\u{0E59}').contains(c))
        .flat_map(char::to_lowercase)
        .collect();
    letters.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// How much of `a`'s wording `b` shares: shared pieces over the pieces of the shorter text
/// (so a short guideline inside a long project title still scores high); 0 when either has
/// none.
pub fn likeness(a: &str, b: &str) -> Decimal {
    let (pa, pb) = (pieces(a), pieces(b));
    let smaller = pa.len().min(pb.len());
    if smaller == 0 {
        return Decimal::ZERO;
    }
    let shared = pa.intersection(&pb).count();
    Decimal::from(shared as u64) / Decimal::from(smaller as u64)
}

/// The candidates (id, text) most like `text`, best first, at most `limit`, leaving out those
/// sharing less than `at_least`; ties keep the candidates' order.
pub fn suggest<'a>(
    text: &str,
    candidates: &'a [(String, String)],
    at_least: Decimal,
    limit: usize,
) -> Vec<(&'a str, Decimal)> {
    let mut scored: Vec<(usize, &'a str, Decimal)> = candidates
        .iter()
        .enumerate()
        .map(|(i, (id, t))| (i, id.as_str(), likeness(text, t)))
        .filter(|(_, _, s)| *s >= at_least && !s.is_zero())
        .collect();
    scored.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, id, s)| (id, s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, text: &str) -> (String, String) {
        (id.into(), text.into())
    }

    #[test]
    fn shared_thai_words_inside_compounds_rank_first() {
        let parents = [
            c("g1", "ส่งเสริมการออมและการระดมเงินฝากของสมาชิก"),
            c("g2", "พัฒนาระบบเทคโนโลยีสารสนเทศเพื่อการบริหารจัดการ"),
            c("g3", "ยกระดับธรรมาภิบาลของคณะกรรมการดำเนินการ"),
        ];
        let got = suggest(
            "โครงการรณรงค์การออมเงินฝากสมาชิกสมทบ",
            &parents,
            Decimal::new(2, 1),
            3,
        );
        assert_eq!(got[0].0, "g1", "{got:?}");
        let got = suggest(
            "จัดอบรมการใช้เทคโนโลยีสารสนเทศให้เจ้าหน้าที่",
            &parents,
            Decimal::new(2, 1),
            3,
        );
        assert_eq!(got[0].0, "g2", "{got:?}");
    }

    #[test]
    fn likeness_is_a_ratio_that_ignores_digits_spaces_and_punctuation() {
        let same = likeness("๑.๒ การออมของสมาชิก", "การออม ของสมาชิก (2568)");
        assert_eq!(same, Decimal::ONE);
        assert_eq!(likeness("", "การออม"), Decimal::ZERO);
        assert_eq!(likeness("กขค", "งจฉ"), Decimal::ZERO);
        let l = likeness("การออมทรัพย์", "การออมและสินเชื่อ");
        assert!(l > Decimal::ZERO && l < Decimal::ONE, "{l}");
    }

    #[test]
    fn nothing_below_the_threshold_is_suggested_and_the_limit_holds() {
        let parents = [c("a", "การออม"), c("b", "การออมทรัพย์"), c("c", "สินเชื่อ")];
        let got = suggest("การออมทรัพย์", &parents, Decimal::new(5, 1), 1);
        assert_eq!(got.len(), 1);
        assert!(suggest("สวัสดิการ", &parents, Decimal::new(5, 1), 3).is_empty());
    }
}
