//! How the values reported for a year's periods (months, quarters) become the year's value:
//! summed (members recruited), averaged (a monthly ratio), the latest (a balance at year end),
//! or the highest or lowest. Levels and judgements always take the latest.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::ActualValue;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    Sum,
    Average,
    #[default]
    Latest,
    Maximum,
    Minimum,
}

impl Aggregation {
    pub const ALL: [Aggregation; 5] = [
        Aggregation::Sum,
        Aggregation::Average,
        Aggregation::Latest,
        Aggregation::Maximum,
        Aggregation::Minimum,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Sum => "sum",
            Aggregation::Average => "average",
            Aggregation::Latest => "latest",
            Aggregation::Maximum => "maximum",
            Aggregation::Minimum => "minimum",
        }
    }

    pub fn label_th(self) -> &'static str {
        match self {
            Aggregation::Sum => "ผลรวม",
            Aggregation::Average => "ค่าเฉลี่ย",
            Aggregation::Latest => "ค่าล่าสุด",
            Aggregation::Maximum => "ค่าสูงสุด",
            Aggregation::Minimum => "ค่าต่ำสุด",
        }
    }
}

/// The year's value from its periods' values, oldest period first; `None` when none was
/// reported. A number among levels, or a level among numbers, is ignored unless it is the
/// latest and the aggregation cannot use it.
pub fn combine(values: &[ActualValue], how: Aggregation) -> Option<ActualValue> {
    let latest = values.last()?;
    let numbers: Vec<Decimal> = values
        .iter()
        .filter_map(|v| match v {
            ActualValue::Number(n) => Some(*n),
            _ => None,
        })
        .collect();
    if numbers.is_empty() || how == Aggregation::Latest {
        return Some(latest.clone());
    }
    let n = match how {
        Aggregation::Sum => sum(&numbers),
        Aggregation::Average => (sum(&numbers) / Decimal::from(numbers.len())).round_dp(4),
        Aggregation::Maximum => numbers.iter().copied().max()?,
        Aggregation::Minimum => numbers.iter().copied().min()?,
        Aggregation::Latest => unreachable!("handled above"),
    };
    Some(ActualValue::Number(n.normalize()))
}

/// The sum, saturating at the largest decimal instead of overflowing.
fn sum(numbers: &[Decimal]) -> Decimal {
    numbers.iter().fold(Decimal::ZERO, |acc, n| {
        acc.checked_add(*n).unwrap_or(if n.is_sign_negative() {
            Decimal::MIN
        } else {
            Decimal::MAX
        })
    })
}
