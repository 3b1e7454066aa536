//! Building blocks every plan generator shares: ids derived from the seed, elements, KPIs and
//! yearly targets, money, dates, numbers as Thai plans write them, and responsible units.

use chrono::NaiveDate;
use phaen_domain::{
    Baht, Baseline, BeYear, BudgetLine, Comparator, Direction, Element, ElementId, ElementKind,
    Kpi, KpiId, MoneyUnit, Organization, PlanId, Responsibility, ResponsibleRole, Target, TextItem,
    YearTarget,
};
use rust_decimal::Decimal;

use crate::bank::KpiIdea;
use crate::rng::Rng;

/// Hands out ids in order, prefixed with the seed: the same seed gives the same ids, and two
/// demos with different seeds never share one.
#[derive(Debug)]
pub struct Ids {
    prefix: String,
    plans: u32,
    elements: u32,
    kpis: u32,
}

impl Ids {
    pub fn new(seed: u64) -> Ids {
        Ids::scoped(format!("demo-{seed}"))
    }

    /// Ids that start with `prefix` ('nat-2568-c17'), for data generated in independent parts.
    pub fn scoped(prefix: String) -> Ids {
        Ids {
            prefix,
            plans: 0,
            elements: 0,
            kpis: 0,
        }
    }

    pub fn plan(&mut self) -> PlanId {
        self.plans += 1;
        PlanId::parse(&format!("{}-p-{}", self.prefix, self.plans)).expect("a valid id")
    }

    pub fn element(&mut self) -> ElementId {
        self.elements += 1;
        ElementId::parse(&format!("{}-e-{}", self.prefix, self.elements)).expect("a valid id")
    }

    pub fn kpi(&mut self) -> KpiId {
        self.kpis += 1;
        KpiId::parse(&format!("{}-k-{}", self.prefix, self.kpis)).expect("a valid id")
    }
}

/// What one plan's generator works with: its own random stream, the shared ids, and whether
/// the plan writes its numbers in Thai digits.
pub struct Kit<'a> {
    pub rng: Rng,
    pub ids: &'a mut Ids,
    pub thai: bool,
}

impl<'a> Kit<'a> {
    pub fn new(rng: Rng, ids: &'a mut Ids, thai: bool) -> Kit<'a> {
        Kit { rng, ids, thai }
    }

    /// Digits as this plan writes them.
    pub fn n(&self, s: &str) -> String {
        if self.thai {
            phaen_domain::thai::to_thai_digits(s)
        } else {
            s.to_string()
        }
    }

    /// An element with the next id; `label` is written in this plan's digits.
    pub fn el(&mut self, kind: ElementKind, label: &str, title: &str) -> Element {
        let mut e = Element::new(kind, title);
        e.id = self.ids.element();
        e.label = (!label.is_empty()).then(|| self.n(label));
        e
    }

    /// A KPI with the next id and no targets yet.
    pub fn kpi(&mut self, label: &str, name: &str, unit: &str) -> Kpi {
        let mut k = Kpi::new(name);
        k.id = self.ids.kpi();
        k.label = (!label.is_empty()).then(|| self.n(label));
        k.unit = (!unit.is_empty()).then(|| unit.to_string());
        k
    }

    /// A KPI from an idea, with a numeric target for every year, nudged by the seed.
    pub fn kpi_from(&mut self, idea: &KpiIdea, label: &str, years: &[BeYear]) -> Kpi {
        let mut k = self.kpi(label, idea.name, idea.unit);
        let cap = if idea.percent || idea.unit == "ร้อยละ" {
            100 * 10_i64.pow(idea.dp)
        } else {
            i64::MAX
        };
        let last = idea.first + idea.step * (years.len() as i64 - 1);
        let nudge = self.nudge(idea.first, cap - idea.first.max(last));
        let value = |i: usize| (idea.first + nudge + idea.step * i as i64).clamp(0, cap);
        k.direction = Some(match idea.cmp {
            Comparator::AtMost | Comparator::LessThan => Direction::LowerIsBetter,
            _ if idea.step < 0 => Direction::LowerIsBetter,
            _ => Direction::HigherIsBetter,
        });
        for (i, y) in years.iter().enumerate() {
            let v = Decimal::new(value(i), idea.dp);
            k.targets.push(self.numeric(*y, idea.cmp, v, idea.percent));
        }
        if self.rng.chance(50) {
            let before = BeYear::new(years[0].get() - 1).expect("a plausible year");
            k.baseline = Some(Baseline {
                year: Some(before),
                value: Some(Decimal::new((value(0) - idea.step).max(0), idea.dp)),
                text: None,
            });
        }
        k
    }

    /// Up to a tenth of `value` in round amounts (1200 -> 0 or 100), never more than `room`.
    pub fn nudge(&mut self, value: i64, room: i64) -> i64 {
        let round = 10_i64.pow(value.abs().max(1).ilog10().saturating_sub(1));
        let steps = (value.abs() / 10).min(room.max(0)) / round;
        self.rng.range(0, steps) * round
    }

    /// A numeric target with the cell as a Thai plan would write it ('ไม่น้อยกว่าร้อยละ 80').
    pub fn numeric(
        &self,
        year: BeYear,
        cmp: Comparator,
        value: Decimal,
        percent: bool,
    ) -> YearTarget {
        let shown = self.n(&grouped(value));
        let words = if cmp == Comparator::Eq {
            ""
        } else {
            cmp.words_th()
        };
        let written = match (percent, words.is_empty()) {
            (true, _) => format!("{words}ร้อยละ {shown}"),
            (false, true) => shown,
            (false, false) => format!("{words} {shown}"),
        };
        YearTarget {
            year,
            target: Target::Numeric {
                comparator: cmp,
                value: value.normalize(),
                percent,
            },
            written: Some(written),
        }
    }

    /// '-' for a year without a target.
    pub fn no_target(&self, year: BeYear) -> YearTarget {
        YearTarget {
            year,
            target: Target::None,
            written: Some("-".into()),
        }
    }

    /// A budget line in baht, written with separators in this plan's digits.
    pub fn baht_line(&self, year: Option<BeYear>, amount: i64) -> BudgetLine {
        let d = Decimal::from(amount);
        BudgetLine {
            year,
            amount_baht: Baht::new(d).expect("a demo amount is valid baht"),
            source_unit: MoneyUnit::Baht,
            written: Some(self.n(&grouped(d))),
        }
    }

    /// A numbered text line ('1', '๒').
    pub fn item(&self, i: usize, text: &str) -> TextItem {
        TextItem {
            label: Some(self.n(&(i + 1).to_string())),
            text: text.to_string(),
        }
    }
}

pub fn year(y: u16) -> BeYear {
    BeYear::new(y).expect("a demo year is in range")
}

pub fn years(from: u16, to: u16) -> Vec<BeYear> {
    (from..=to).map(year).collect()
}

/// A date given in the Common Era.
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a demo date exists")
}

pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date + chrono::Duration::days(days)
}

/// '1,250,000', '0.8', '12.5': a decimal with thousands separators.
pub fn grouped(value: Decimal) -> String {
    let s = value.normalize().to_string();
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let digits: Vec<char> = int.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(*c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A value as a KPI sentence says it: 'ร้อยละ 85' or '120 ราย'.
pub fn with_unit(value: Decimal, unit: &str) -> String {
    if unit == "ร้อยละ" {
        format!("ร้อยละ {}", grouped(value))
    } else {
        format!("{} {unit}", grouped(value))
    }
}

/// A unit of `org` named by its code, or an outside body named in words.
///
/// A key that is one of `org`'s unit codes is that unit. Other upper-case ASCII keys are unit
/// codes `org` lacks: its management (or first unit) answers instead. Any other key is an
/// outside body, kept as text only.
pub fn resp(org: &Organization, key: &str, role: ResponsibleRole) -> Responsibility {
    let is_code = key
        .chars()
        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    let unit = org.units.iter().find(|u| u.code == key).or_else(|| {
        is_code
            .then(|| org.units.iter().find(|u| u.code == "MGR"))
            .flatten()
            .or_else(|| is_code.then(|| org.units.first()).flatten())
    });
    match unit {
        Some(unit) => Responsibility {
            role,
            text: unit.name_th.clone(),
            org: Some(org.code.to_string()),
            unit: Some(unit.code.clone()),
        },
        None => Responsibility {
            role,
            text: key.to_string(),
            org: None,
            unit: None,
        },
    }
}

/// A whole organization as the responsible body ('สำนักงานสหกรณ์จังหวัด...').
pub fn org_resp(org: &Organization, role: ResponsibleRole) -> Responsibility {
    Responsibility {
        role,
        text: org.name_th.clone(),
        org: Some(org.code.to_string()),
        unit: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(Decimal::from(1_250_000)), "1,250,000");
        assert_eq!(grouped(Decimal::new(125, 1)), "12.5");
        assert_eq!(grouped(Decimal::from(999)), "999");
        assert_eq!(grouped(Decimal::new(80, 2)), "0.8");
    }
}
