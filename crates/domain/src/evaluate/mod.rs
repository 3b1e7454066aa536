//! The evaluation engine: how an actual value measures up to a KPI's target for a year —
//! achieved, partly achieved, not achieved, or no data — and a percentage of achievement that
//! respects the target's direction, ordered levels, tiers and pass/fail; how the values of a
//! year's periods combine; and how KPI scores roll up to strategies, goals, missions and the
//! plan on a 0-100 scale. The rules are written out in docs/EVALUATION.md.

mod combine;
mod numeric;
mod plan_year;
mod rollup;
mod scale;

pub use combine::{Aggregation, combine};
pub use plan_year::{Following, evaluate_plan_year};
pub use rollup::{Score, Weights, element_scores, plan_score};
pub use scale::credit_rating;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::kpi::{Kpi, Target};
use crate::thai::BeYear;

/// What was achieved, in the KPI's own kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ActualValue {
    /// A number in the KPI's unit (a percentage is its number: 55 for 55 %).
    Number(Decimal),
    /// A level of the KPI's scale ('ดีมาก', 'A-') or a tier's name ('Gold').
    Level(String),
    /// A judgement: the target was met or not (pass/fail, or a target only words can say).
    Met(bool),
}

/// How a year's result stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// บรรลุ
    Achieved,
    /// บรรลุบางส่วน: not met, but at or above the partly-achieved share of the target.
    Partly,
    /// ไม่บรรลุ
    NotAchieved,
    /// No actual value was reported.
    NoData,
    /// The plan sets no target that year ('-'), or none at all: nothing to evaluate.
    NoTarget,
}

impl Status {
    pub fn label_th(self) -> &'static str {
        match self {
            Status::Achieved => "บรรลุ",
            Status::Partly => "บรรลุบางส่วน",
            Status::NotAchieved => "ไม่บรรลุ",
            Status::NoData => "ไม่มีข้อมูล",
            Status::NoTarget => "ไม่มีค่าเป้าหมาย",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::Partly => "partly",
            Status::NotAchieved => "not_achieved",
            Status::NoData => "no_data",
            Status::NoTarget => "no_target",
        }
    }
}

/// A KPI's evaluation for one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub status: Status,
    /// Achievement from 0 to 100 (100 when the target is met); `None` without a target or data.
    pub percent: Option<Decimal>,
}

impl Evaluation {
    fn none(status: Status) -> Evaluation {
        Evaluation {
            status,
            percent: None,
        }
    }
}

/// The settings of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// From this share of the target (per cent) a missed target counts as partly achieved.
    pub partly_from: Decimal,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            partly_from: Decimal::from(80),
        }
    }
}

/// Evaluates `actual` against `kpi`'s target for `year`.
pub fn evaluate(kpi: &Kpi, year: BeYear, actual: Option<&ActualValue>, rules: Rules) -> Evaluation {
    let Some(target) = kpi.target_for(year) else {
        return Evaluation::none(Status::NoTarget);
    };
    if *target == Target::None {
        return Evaluation::none(Status::NoTarget);
    }
    let Some(actual) = actual else {
        return Evaluation::none(Status::NoData);
    };
    let percent = match (target, actual) {
        // A judgement decides any kind of target.
        (_, ActualValue::Met(met)) => Some(if *met {
            Decimal::ONE_HUNDRED
        } else {
            Decimal::ZERO
        }),
        (
            Target::Numeric {
                comparator, value, ..
            },
            ActualValue::Number(a),
        ) => Some(numeric::percent(*comparator, kpi.direction, *value, *a)),
        (Target::Level { comparator, level }, ActualValue::Level(a)) => {
            scale::level_percent(kpi, *comparator, level, a)
        }
        (Target::Tier { tier }, actual) => scale::tier_percent(kpi, tier, actual),
        // A level reached as a score on a tier scale, a number against a level: no rule.
        _ => None,
    };
    match percent {
        None => Evaluation::none(Status::NoData),
        Some(p) => Evaluation {
            status: status_of(p, rules),
            percent: Some(p.round_dp(2).normalize()),
        },
    }
}

/// Evaluates a year from the values of its periods, oldest first, combined as `how` says;
/// returns the combined value too.
pub fn evaluate_year(
    kpi: &Kpi,
    year: BeYear,
    periods: &[ActualValue],
    how: Aggregation,
    rules: Rules,
) -> (Option<ActualValue>, Evaluation) {
    let value = combine(periods, how);
    let evaluation = evaluate(kpi, year, value.as_ref(), rules);
    (value, evaluation)
}

fn status_of(percent: Decimal, rules: Rules) -> Status {
    if percent >= Decimal::ONE_HUNDRED {
        Status::Achieved
    } else if percent >= rules.partly_from {
        Status::Partly
    } else {
        Status::NotAchieved
    }
}

#[cfg(test)]
mod tests;
