//! Comparing Thai texts as plans write them: the same words with different spacing, digits or
//! quotes are the same text.

use crate::thai::to_arabic_digits;

/// Text reduced for comparison: no spaces, quotes or dashes, Arabic digits, no trailing dots.
pub fn squash(s: &str) -> String {
    to_arabic_digits(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '“' | '”' | '"' | '-' | '–'))
        .collect::<String>()
        .trim_end_matches('.')
        .to_string()
}

/// How alike two texts are, 0.0 to 1.0, by shared character pairs (Dice coefficient).
pub fn similarity(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> Vec<(char, char)> {
        let cs: Vec<char> = squash(s).chars().collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return if squash(a) == squash(b) { 1.0 } else { 0.0 };
    }
    let mut rest = gb.clone();
    let mut shared = 0;
    for g in &ga {
        if let Some(pos) = rest.iter().position(|x| x == g) {
            rest.swap_remove(pos);
            shared += 1;
        }
    }
    2.0 * shared as f64 / (ga.len() + gb.len()) as f64
}

/// The number a label ends with: 'พันธกิจที่ 1' -> '1', '๒.' -> '2', '(3)' -> '3'.
pub fn ordinal(label: &str) -> String {
    let arabic = to_arabic_digits(label);
    arabic
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim_end_matches('.')
        .to_string()
}
