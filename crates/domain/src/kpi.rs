//! KPIs (ตัวชี้วัด) at any level of a plan, and their yearly targets (ค่าเป้าหมาย): numbers with
//! a comparator, ordered levels ('ดีเยี่ยม', 'ผ่าน'), tiers of a scale (ACCESS Branding), or text.
//! A year whose target is '-' has no target; it is not a zero.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::align::AlignmentLink;
use crate::error::{Error, Result};
use crate::ids::KpiId;
use crate::thai::BeYear;

/// How a target compares an actual value with its number or level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// '=' or a bare number: reach exactly / at least this much, as the KPI's direction says.
    #[default]
    Eq,
    /// '≥', 'ไม่น้อยกว่า', 'ไม่ต่ำกว่า', 'อย่างน้อย'
    AtLeast,
    /// '≤', 'ไม่เกิน', 'ไม่มากกว่า'
    AtMost,
    /// '>', 'เกิน', 'มากกว่า'
    MoreThan,
    /// '<', 'น้อยกว่า', 'ต่ำกว่า'
    LessThan,
}

impl Comparator {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::MoreThan => ">",
            Comparator::LessThan => "<",
        }
    }

    pub fn words_th(self) -> &'static str {
        match self {
            Comparator::Eq => "เท่ากับ",
            Comparator::AtLeast => "ไม่น้อยกว่า",
            Comparator::AtMost => "ไม่เกิน",
            Comparator::MoreThan => "เกิน",
            Comparator::LessThan => "น้อยกว่า",
        }
    }

    /// Reads a comparator written as a symbol or in Thai words; the longest match wins so that
    /// 'ไม่เกิน' is not read as 'เกิน'. Returns the comparator and the rest of the text.
    pub fn split_prefix(text: &str) -> (Comparator, &str) {
        const WORDS: [(&str, Comparator); 16] = [
            ("ไม่น้อยกว่า", Comparator::AtLeast),
            ("ไม่ต่ำกว่า", Comparator::AtLeast),
            ("ไม่มากกว่า", Comparator::AtMost),
            ("ไม่เกิน", Comparator::AtMost),
            ("อย่างน้อย", Comparator::AtLeast),
            ("มากกว่า", Comparator::MoreThan),
            ("น้อยกว่า", Comparator::LessThan),
            ("ต่ำกว่า", Comparator::LessThan),
            ("เกิน", Comparator::MoreThan),
            (">=", Comparator::AtLeast),
            ("<=", Comparator::AtMost),
            ("≥", Comparator::AtLeast),
            ("≤", Comparator::AtMost),
            (">", Comparator::MoreThan),
            ("<", Comparator::LessThan),
            ("=", Comparator::Eq),
        ];
        let t = text.trim_start();
        for (word, cmp) in WORDS {
            if let Some(rest) = t.strip_prefix(word) {
                return (cmp, rest.trim_start());
            }
        }
        (Comparator::Eq, t)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Eq => "eq",
            Comparator::AtLeast => "at_least",
            Comparator::AtMost => "at_most",
            Comparator::MoreThan => "more_than",
            Comparator::LessThan => "less_than",
        }
    }

    pub fn parse_code(s: &str) -> Result<Self> {
        Ok(match s {
            "eq" => Comparator::Eq,
            "at_least" => Comparator::AtLeast,
            "at_most" => Comparator::AtMost,
            "more_than" => Comparator::MoreThan,
            "less_than" => Comparator::LessThan,
            other => return Err(Error::parse("comparator", other, "unknown")),
        })
    }
}

/// The target of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// A number: '10', '≤ 1', 'ไม่น้อยกว่า 10', 'เกินร้อยละ 50'.
    Numeric {
        #[serde(default)]
        comparator: Comparator,
        value: Decimal,
        /// The target itself says per cent ('ร้อยละ 50', '50%'), whatever the KPI's unit.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        percent: bool,
    },
    /// A level of an ordered scale: 'ดีเยี่ยม', 'ผ่าน', 'ไม่ต่ำกว่า A-'.
    Level {
        #[serde(default)]
        comparator: Comparator,
        level: String,
    },
    /// A tier of the KPI's tier scale: 'Gold'.
    Tier { tier: String },
    /// A target only words can say.
    Text { text: String },
    /// '-': the plan sets no target that year.
    None,
}

impl Target {
    pub fn kind_str(&self) -> &'static str {
        match self {
            Target::Numeric { .. } => "numeric",
            Target::Level { .. } => "level",
            Target::Tier { .. } => "tier",
            Target::Text { .. } => "text",
            Target::None => "none",
        }
    }
}

impl fmt::Display for Target {
    /// The canonical short form: '≤ 1', '10', '≥ ร้อยละ 50', '≥ A-', 'Gold', '-'.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Numeric {
                comparator,
                value,
                percent,
            } => {
                if *comparator != Comparator::Eq {
                    write!(f, "{} ", comparator.symbol())?;
                }
                write!(f, "{}", value.normalize())?;
                if *percent {
                    f.write_str("%")?;
                }
                Ok(())
            }
            Target::Level { comparator, level } => {
                if *comparator != Comparator::Eq {
                    write!(f, "{} ", comparator.symbol())?;
                }
                f.write_str(level)
            }
            Target::Tier { tier } => f.write_str(tier),
            Target::Text { text } => f.write_str(text),
            Target::None => f.write_str("-"),
        }
    }
}

/// A KPI's target for one year, and the cell as the source wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct YearTarget {
    pub year: BeYear,
    #[serde(flatten)]
    pub target: Target,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

/// One tier of a tier scale: 'Gold' from 81 to 90 (per cent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Tier {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Decimal>,
    /// 'มากกว่า 90': the minimum itself is not in the tier.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub min_exclusive: bool,
}

impl Tier {
    pub fn contains(&self, v: Decimal) -> bool {
        let above = match self.min {
            Some(min) if self.min_exclusive => v > min,
            Some(min) => v >= min,
            None => true,
        };
        above && self.max.is_none_or(|max| v <= max)
    }
}

/// The scale a level or tier target is read against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Scale {
    /// Ordered levels, best first: ['ดีเยี่ยม', 'ดี', 'ปานกลาง', 'ต้องปรับปรุง'].
    Levels { name: String, levels: Vec<String> },
    /// Tiers with ranges, lowest first: Bronze 60-70, Silver 71-80, Gold 81-90, Platinum > 90.
    Tiers { name: String, tiers: Vec<Tier> },
}

impl Scale {
    /// The position of a level or tier name on this scale, 0 = best for levels, 0 = lowest for
    /// tiers; `None` when the scale does not know the name.
    pub fn position(&self, name: &str) -> Option<usize> {
        match self {
            Scale::Levels { levels, .. } => levels.iter().position(|l| l == name),
            Scale::Tiers { tiers, .. } => tiers.iter().position(|t| t.name == name),
        }
    }

    /// The federation's financial-stability grading, as KPIs name it ('ดีเยี่ยม').
    pub fn financial_stability() -> Scale {
        Scale::Levels {
            name: "เกณฑ์มาตรฐานความมั่นคงทางการเงิน".into(),
            levels: ["ดีเยี่ยม", "ดีมาก", "ดี", "พอใช้", "ต้องปรับปรุง"]
                .map(String::from)
                .to_vec(),
        }
    }

    /// Pass / fail standards (ผ่าน / ไม่ผ่าน).
    pub fn pass_fail() -> Scale {
        Scale::Levels {
            name: "ผ่าน/ไม่ผ่าน".into(),
            levels: vec!["ผ่าน".into(), "ไม่ผ่าน".into()],
        }
    }

    /// ACCU's ACCESS Branding tiers.
    pub fn access_branding() -> Scale {
        let t = |name: &str, min: i64, max: Option<i64>, min_exclusive| Tier {
            name: name.into(),
            min: Some(Decimal::from(min)),
            max: max.map(Decimal::from),
            min_exclusive,
        };
        Scale::Tiers {
            name: "ACCESS Branding".into(),
            tiers: vec![
                t("Bronze", 60, Some(70), false),
                t("Silver", 71, Some(80), false),
                t("Gold", 81, Some(90), false),
                t("Platinum", 90, None, true),
            ],
        }
    }
}

/// Which way is better for a KPI's actual value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
    /// Exactly the target is best.
    Exact,
}

/// Where a KPI starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Baseline {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<BeYear>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// An indicator, at whatever level of the plan it is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Kpi {
    pub id: KpiId,
    /// The label as written ('1.', '๒', '6.1').
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub name: String,
    /// หน่วยนับ as written: 'ร้อยละ', 'เท่า', 'ระดับ', 'ครั้ง'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<YearTarget>,
    /// Notes under the KPI ('หมายเหตุ ...').
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Elements of another plan this KPI answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aligned_to: Vec<AlignmentLink>,
}

impl Kpi {
    pub fn new(name: impl Into<String>) -> Kpi {
        Kpi {
            id: KpiId::generate(),
            label: None,
            name: name.into(),
            unit: None,
            baseline: None,
            direction: None,
            scale: None,
            targets: Vec::new(),
            notes: Vec::new(),
            aligned_to: Vec::new(),
        }
    }

    pub fn target_for(&self, year: BeYear) -> Option<&Target> {
        self.targets
            .iter()
            .find(|t| t.year == year)
            .map(|t| &t.target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparators_in_words_take_the_longest_match() {
        assert_eq!(
            Comparator::split_prefix("ไม่เกิน 5"),
            (Comparator::AtMost, "5")
        );
        assert_eq!(
            Comparator::split_prefix("เกินร้อยละ 50"),
            (Comparator::MoreThan, "ร้อยละ 50")
        );
        assert_eq!(Comparator::split_prefix("≤ 1"), (Comparator::AtMost, "1"));
        assert_eq!(
            Comparator::split_prefix("ไม่ต่ำกว่า A-"),
            (Comparator::AtLeast, "A-")
        );
        assert_eq!(Comparator::split_prefix("10"), (Comparator::Eq, "10"));
    }

    #[test]
    fn targets_display_in_their_short_form() {
        let t = Target::Numeric {
            comparator: Comparator::AtMost,
            value: Decimal::ONE,
            percent: false,
        };
        assert_eq!(t.to_string(), "≤ 1");
        assert_eq!(Target::None.to_string(), "-");
        let l = Target::Level {
            comparator: Comparator::AtLeast,
            level: "A-".into(),
        };
        assert_eq!(l.to_string(), "≥ A-");
    }

    #[test]
    fn no_target_is_not_zero() {
        let zero = Target::Numeric {
            comparator: Comparator::Eq,
            value: Decimal::ZERO,
            percent: false,
        };
        assert_ne!(Target::None, zero);
        assert_eq!(Target::None.kind_str(), "none");
    }

    #[test]
    fn access_branding_tiers_cover_their_ranges() {
        let Scale::Tiers { tiers, .. } = Scale::access_branding() else {
            panic!("tiers expected")
        };
        let find = |v: i64| {
            tiers
                .iter()
                .find(|t| t.contains(Decimal::from(v)))
                .map(|t| t.name.as_str())
        };
        assert_eq!(find(60), Some("Bronze"));
        assert_eq!(find(85), Some("Gold"));
        assert_eq!(find(90), Some("Gold"));
        assert_eq!(find(91), Some("Platinum"));
        assert_eq!(find(59), None);
    }
}
