//! Money: exact baht (a decimal, never a float), and budget lines that remember the unit the
//! source document used (บาท or ล้านบาท).

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::thai::{BeYear, parse_decimal};

/// An exact amount of baht. Serialized as a decimal string ("51000000", "2.21").
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct Baht(Decimal);

impl JsonSchema for Baht {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Baht".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]+(\\.[0-9]{1,2})?$",
            "description": "Baht as an exact decimal string, at most 2 places (satang)"
        })
    }
}

impl Baht {
    pub const ZERO: Baht = Baht(Decimal::ZERO);

    /// An amount in baht; at most two decimal places (satang) and never negative.
    pub fn new(amount: Decimal) -> Result<Self> {
        let amount = amount.normalize();
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(Error::parse(
                "amount in baht",
                amount.to_string(),
                "cannot be negative",
            ));
        }
        if amount.scale() > 2 {
            return Err(Error::parse(
                "amount in baht",
                amount.to_string(),
                "more than two decimal places (satang)",
            ));
        }
        Ok(Baht(amount.abs()))
    }

    /// Converts an amount written in `unit` into baht: 0.5 ล้านบาท -> 500000 บาท.
    pub fn from_unit(amount: Decimal, unit: MoneyUnit) -> Result<Self> {
        Baht::new(amount * unit.baht_per_unit())
    }

    /// Reads an amount as written ('1,250,000', '๕', '20,000 บาท') in the given unit.
    pub fn parse_in(input: &str, unit: MoneyUnit) -> Result<Self> {
        let number = input
            .trim()
            .trim_end_matches("ล้านบาท")
            .trim_end_matches("บาท");
        Baht::from_unit(parse_decimal(number)?, unit)
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    /// The amount expressed in `unit` again (for printing in ล้านบาท).
    pub fn in_unit(self, unit: MoneyUnit) -> Decimal {
        (self.0 / unit.baht_per_unit()).normalize()
    }

    pub fn checked_add(self, other: Baht) -> Option<Baht> {
        self.0.checked_add(other.0).map(Baht)
    }
}

impl TryFrom<Decimal> for Baht {
    type Error = Error;
    fn try_from(d: Decimal) -> Result<Self> {
        Baht::new(d)
    }
}

impl From<Baht> for Decimal {
    fn from(b: Baht) -> Decimal {
        b.0
    }
}

impl FromStr for Baht {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Baht::new(parse_decimal(s)?)
    }
}

impl fmt::Display for Baht {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::iter::Sum for Baht {
    fn sum<I: Iterator<Item = Baht>>(iter: I) -> Baht {
        Baht(iter.map(|b| b.0).sum::<Decimal>().normalize())
    }
}

/// The unit a document wrote its money in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MoneyUnit {
    /// บาท
    #[default]
    Baht,
    /// พันบาท
    ThousandBaht,
    /// ล้านบาท
    MillionBaht,
}

impl MoneyUnit {
    pub fn baht_per_unit(self) -> Decimal {
        match self {
            MoneyUnit::Baht => Decimal::ONE,
            MoneyUnit::ThousandBaht => Decimal::from(1_000),
            MoneyUnit::MillionBaht => Decimal::from(1_000_000),
        }
    }

    pub fn label_th(self) -> &'static str {
        match self {
            MoneyUnit::Baht => "บาท",
            MoneyUnit::ThousandBaht => "พันบาท",
            MoneyUnit::MillionBaht => "ล้านบาท",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MoneyUnit::Baht => "baht",
            MoneyUnit::ThousandBaht => "thousand_baht",
            MoneyUnit::MillionBaht => "million_baht",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            "baht" | "บาท" => Ok(MoneyUnit::Baht),
            "thousand_baht" | "พันบาท" => Ok(MoneyUnit::ThousandBaht),
            "million_baht" | "ล้านบาท" => Ok(MoneyUnit::MillionBaht),
            other => Err(Error::parse(
                "money unit",
                other,
                "expected บาท, พันบาท or ล้านบาท",
            )),
        }
    }
}

/// Money planned for a project in one year (or for the whole project when the source gives no
/// year, as roadmaps do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BudgetLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<BeYear>,
    pub amount_baht: Baht,
    /// The unit the source wrote this amount in.
    #[serde(default)]
    pub source_unit: MoneyUnit,
    /// The cell as written ('๐.๕', '20,000 บาท'), when it came from a document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn million_baht_becomes_exact_baht() {
        let b = Baht::parse_in("๐.๕", MoneyUnit::MillionBaht).unwrap();
        assert_eq!(b.to_string(), "500000");
        assert_eq!(b.in_unit(MoneyUnit::MillionBaht).to_string(), "0.5");
        let b = Baht::parse_in("2,240,000", MoneyUnit::Baht).unwrap();
        assert_eq!(b.amount(), Decimal::from(2_240_000));
    }

    #[test]
    fn baht_refuses_negative_amounts_and_fractions_of_satang() {
        assert!(Baht::new(Decimal::new(-1, 0)).is_err());
        assert!(Baht::new(Decimal::new(1001, 3)).is_err());
        assert_eq!(Baht::new(Decimal::new(221, 2)).unwrap().to_string(), "2.21");
    }

    #[test]
    fn baht_sums_exactly() {
        let parts = ["0.1", "0.2", "0.7"].map(|s| s.parse::<Baht>().unwrap());
        assert_eq!(parts.into_iter().sum::<Baht>().to_string(), "1");
    }
}
