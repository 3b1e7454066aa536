//! What the reader chooses for a document: Thai or Arabic digits. Every text a layout puts in
//! the model passes through [`Options::text`], so numbers, years and money come out in the
//! chosen digits and the writers never format anything themselves.

use phaen_domain::BeYear;
use phaen_domain::thai::{to_arabic_digits, to_thai_digits};
use rust_decimal::Decimal;

/// The digits numbers are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Digits {
    /// ๐-๙, as many government documents print them.
    #[default]
    Thai,
    Arabic,
}

impl Digits {
    /// Reads 'thai' or 'arabic' (as the CLI and the web take it).
    pub fn parse(s: &str) -> Option<Digits> {
        match s.trim().to_ascii_lowercase().as_str() {
            "thai" | "th" | "ไทย" => Some(Digits::Thai),
            "arabic" | "ar" | "อารบิก" => Some(Digits::Arabic),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Digits::Thai => "thai",
            Digits::Arabic => "arabic",
        }
    }
}

/// The choices a layout is built with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    pub digits: Digits,
}

impl Options {
    pub fn new(digits: Digits) -> Options {
        Options { digits }
    }

    /// `s` with its digits in the chosen form.
    pub fn text(&self, s: &str) -> String {
        match self.digits {
            Digits::Thai => to_thai_digits(s),
            Digits::Arabic => to_arabic_digits(s),
        }
    }

    /// A Buddhist-Era year: '2568' or '๒๕๖๘'.
    pub fn year(&self, year: BeYear) -> String {
        self.text(&year.to_string())
    }

    /// A number with thousands separators, as written in tables: '1,250,000', '2.5'.
    pub fn number(&self, value: Decimal) -> String {
        self.text(&grouped(value))
    }

    /// Baht with two places of satang: '1,250,000.00'.
    pub fn baht(&self, value: Decimal) -> String {
        let mut v = value.round_dp(2);
        v.rescale(2);
        self.text(&grouped(v))
    }
}

/// '1250000.5' -> '1,250,000.5'.
pub fn grouped(value: Decimal) -> String {
    let s = value.to_string();
    let (sign, s) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_follow_the_choice() {
        let thai = Options::new(Digits::Thai);
        let arabic = Options::new(Digits::Arabic);
        assert_eq!(thai.text("ปี 2568"), "ปี ๒๕๖๘");
        assert_eq!(arabic.text("ปี ๒๕๖๘"), "ปี 2568");
        assert_eq!(arabic.number(Decimal::new(12500005, 1)), "1,250,000.5");
        assert_eq!(thai.baht(Decimal::from(51_000_000)), "๕๑,๐๐๐,๐๐๐.๐๐");
        assert_eq!(arabic.number(Decimal::from(-1000)), "-1,000");
        assert_eq!(Digits::parse("Arabic"), Some(Digits::Arabic));
        assert_eq!(Digits::parse("roman"), None);
    }
}
