//! How plan values become column values and back: enums by their JSON names, decimals and
//! dates as exact text, small lists as JSON arrays.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;

use phaen_domain::{BeYear, Comparator, Target};

use crate::error::{Error, Result};

/// The JSON name of a unit-like enum variant ('higher_is_better', 'main', 'S').
pub fn enum_str<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("enum_str on a value that is not a plain enum: {other:?}"),
    }
}

/// The variant whose JSON name is `s`.
pub fn enum_parse<T: DeserializeOwned>(what: &'static str, s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|e| Error::corrupt(what, format!("'{s}': {e}")))
}

pub fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain values always serialize")
}

pub fn from_json<T: DeserializeOwned>(what: &'static str, s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| Error::corrupt(what, e))
}

pub fn decimal(what: &'static str, s: &str) -> Result<Decimal> {
    Decimal::from_str(s).map_err(|e| Error::corrupt(what, format!("'{s}': {e}")))
}

pub fn date(what: &'static str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| Error::corrupt(what, format!("'{s}': {e}")))
}

pub fn year(what: &'static str, v: i64) -> Result<BeYear> {
    u16::try_from(v)
        .map_err(|e| Error::corrupt(what, e))
        .and_then(|y| BeYear::new(y).map_err(Error::from))
}

/// A target as columns: (kind, comparator, value, percent, level, text).
pub type TargetColumns = (
    &'static str,
    Option<String>,
    Option<String>,
    bool,
    Option<String>,
    Option<String>,
);

pub fn target_columns(t: &Target) -> TargetColumns {
    match t {
        Target::Numeric {
            comparator,
            value,
            percent,
        } => (
            "numeric",
            Some(comparator.as_str().into()),
            Some(value.to_string()),
            *percent,
            None,
            None,
        ),
        Target::Level { comparator, level } => (
            "level",
            Some(comparator.as_str().into()),
            None,
            false,
            Some(level.clone()),
            None,
        ),
        Target::Tier { tier } => ("tier", None, None, false, Some(tier.clone()), None),
        Target::Text { text } => ("text", None, None, false, None, Some(text.clone())),
        Target::None => ("none", None, None, false, None, None),
    }
}

pub fn target_from_columns(
    kind: &str,
    comparator: Option<String>,
    value: Option<String>,
    percent: bool,
    level: Option<String>,
    text: Option<String>,
) -> Result<Target> {
    let missing = |col: &str| Error::corrupt("KPI target", format!("{kind} target without {col}"));
    let comparator = comparator
        .map(|c| Comparator::parse_code(&c))
        .transpose()?
        .unwrap_or_default();
    Ok(match kind {
        "numeric" => Target::Numeric {
            comparator,
            value: decimal("target value", &value.ok_or_else(|| missing("value"))?)?,
            percent,
        },
        "level" => Target::Level {
            comparator,
            level: level.ok_or_else(|| missing("level"))?,
        },
        "tier" => Target::Tier {
            tier: level.ok_or_else(|| missing("tier"))?,
        },
        "text" => Target::Text {
            text: text.ok_or_else(|| missing("text"))?,
        },
        "none" => Target::None,
        other => return Err(Error::corrupt("KPI target", format!("kind '{other}'"))),
    })
}
