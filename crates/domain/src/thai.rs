//! Thai numbers and dates: Thai digits (๐-๙), Buddhist-Era years, Thai month names and the
//! long date form ('18 ธันวาคม 2567') that plans and pages use.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

mod baht_words;
pub use baht_words::{baht_text, number_text};

/// Difference between the Buddhist Era and the Common Era.
pub const BE_OFFSET: i32 = 543;

/// Thai month names, January first.
pub const MONTHS_TH: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Abbreviated Thai month names, as tables and forms write them ('ธ.ค.').
pub const MONTHS_TH_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Turns Thai digits into Arabic ones and leaves every other character alone.
pub fn to_arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{0E50}'..='\u{0E59}' => char::from(b'0' + (c as u32 - 0x0E50) as u8),
            _ => c,
        })
        .collect()
}

/// Turns Arabic digits into Thai ones, for users who choose Thai digits in print.
pub fn to_thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x0E50 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Reads a number as plans write it: Thai or Arabic digits, thousands separators, an optional
/// sign. '๑,๒๕๐.๕' -> 1250.5. Anything else around the number is an error.
pub fn parse_decimal(input: &str) -> Result<Decimal> {
    let cleaned: String = to_arabic_digits(input.trim())
        .chars()
        .filter(|c| *c != ',' && *c != ' ' && *c != '\u{a0}')
        .collect();
    if cleaned.is_empty() {
        return Err(Error::parse("number", input, "empty"));
    }
    Decimal::from_str(&cleaned)
        .map(|d| d.normalize())
        .map_err(|e| Error::parse("number", input, e.to_string()))
}

/// A year in the Buddhist Era, the year Thai users read and write (2568 = 2025 CE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct BeYear(u16);

impl JsonSchema for BeYear {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "BeYear".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "integer",
            "minimum": BeYear::MIN,
            "maximum": BeYear::MAX,
            "description": "A Buddhist-Era year (CE + 543), as Thai users write it: 2568"
        })
    }
}

impl BeYear {
    /// The earliest and latest years a plan may name; outside them a year is surely a typo.
    pub const MIN: u16 = 2400;
    pub const MAX: u16 = 2800;

    pub fn new(year: u16) -> Result<Self> {
        if (Self::MIN..=Self::MAX).contains(&year) {
            Ok(BeYear(year))
        } else {
            Err(Error::parse(
                "Buddhist-Era year",
                year.to_string(),
                format!(
                    "must be between {} and {} (a CE year? add 543)",
                    Self::MIN,
                    Self::MAX
                ),
            ))
        }
    }

    pub fn from_ce(year: i32) -> Result<Self> {
        let be = year + BE_OFFSET;
        u16::try_from(be)
            .map_err(|_| Error::parse("year", year.to_string(), "out of range"))
            .and_then(Self::new)
    }

    /// Reads '2568', '๒๕๖๘', 'พ.ศ. 2568', 'ปี 2568' and two-digit short forms ('๖๐' -> 2560).
    pub fn parse(input: &str) -> Result<Self> {
        let digits: String = to_arabic_digits(input)
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        let n: u16 = digits
            .parse()
            .map_err(|_| Error::parse("Buddhist-Era year", input, "no year in it"))?;
        match digits.len() {
            2 => Self::new(2500 + n),
            4 => Self::new(n),
            _ => Err(Error::parse(
                "Buddhist-Era year",
                input,
                "a year has four digits",
            )),
        }
    }

    pub fn get(self) -> u16 {
        self.0
    }

    pub fn ce(self) -> i32 {
        i32::from(self.0) - BE_OFFSET
    }

    pub fn next(self) -> BeYear {
        BeYear(self.0 + 1)
    }
}

impl TryFrom<u16> for BeYear {
    type Error = Error;
    fn try_from(v: u16) -> Result<Self> {
        BeYear::new(v)
    }
}

impl From<BeYear> for u16 {
    fn from(y: BeYear) -> u16 {
        y.0
    }
}

impl fmt::Display for BeYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// '18 ธันวาคม 2567' for 2024-12-18.
pub fn format_long_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_TH[date.month0() as usize],
        date.year() + BE_OFFSET
    )
}

/// Reads a Thai date as written in plans: '18 ธันวาคม 2567', '29 มิ.ย. 66', with Thai or Arabic
/// digits, optionally after 'วันที่'. Years are Buddhist Era.
pub fn parse_thai_date(input: &str) -> Result<NaiveDate> {
    let text = to_arabic_digits(input).replace("วันที่", " ");
    let mut words = text.split_whitespace();
    let bad = |why: &str| Error::parse("Thai date", input, why);
    let day: u32 = words
        .next()
        .and_then(|w| w.parse().ok())
        .ok_or_else(|| bad("no day"))?;
    let month_word = words.next().ok_or_else(|| bad("no month"))?;
    let month = MONTHS_TH
        .iter()
        .position(|m| *m == month_word)
        .or_else(|| MONTHS_TH_SHORT.iter().position(|m| *m == month_word))
        .ok_or_else(|| bad("unknown month name"))? as u32
        + 1;
    let year = BeYear::parse(words.next().ok_or_else(|| bad("no year"))?)?;
    NaiveDate::from_ymd_opt(year.ce(), month, day).ok_or_else(|| bad("no such day"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_digits_read_as_arabic_and_back() {
        assert_eq!(to_arabic_digits("๓.๔ ปี ๒๕๖๐"), "3.4 ปี 2560");
        assert_eq!(to_thai_digits("3.4 ปี 2560"), "๓.๔ ปี ๒๕๖๐");
    }

    #[test]
    fn numbers_with_separators_and_thai_digits_are_exact() {
        assert_eq!(parse_decimal("๑,๒๕๐.๕").unwrap(), Decimal::new(12505, 1));
        assert_eq!(parse_decimal("72,690").unwrap(), Decimal::from(72690));
        assert!(parse_decimal("สิบ").is_err());
        assert!(parse_decimal("").is_err());
    }

    #[test]
    fn be_years_parse_in_every_written_form() {
        assert_eq!(BeYear::parse("พ.ศ. ๒๕๖๘").unwrap().get(), 2568);
        assert_eq!(BeYear::parse("ปี 2569").unwrap().get(), 2569);
        assert_eq!(BeYear::parse("๖๐").unwrap().get(), 2560);
        assert_eq!(BeYear::parse("2568").unwrap().ce(), 2025);
        assert!(BeYear::parse("2025").is_err(), "a CE year is refused");
        assert!(BeYear::new(1999).is_err());
    }

    #[test]
    fn long_thai_dates_round_trip() {
        let d = NaiveDate::from_ymd_opt(2024, 12, 18).unwrap();
        assert_eq!(format_long_date(d), "18 ธันวาคม 2567");
        assert_eq!(parse_thai_date("วันที่ 18 ธันวาคม 2567").unwrap(), d);
        assert_eq!(
            parse_thai_date("๒๙ มิ.ย. ๖๖").unwrap(),
            NaiveDate::from_ymd_opt(2023, 6, 29).unwrap()
        );
        assert!(parse_thai_date("31 กุมภาพันธ์ 2567").is_err());
    }
}
