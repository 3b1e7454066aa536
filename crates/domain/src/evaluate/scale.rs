//! Levels and tiers. Levels are ordered best first ('ดีเยี่ยม' above 'ดี'); a level target is
//! met by that level or a better one, and a missed one scores how far up the scale the actual
//! came. Tiers run lowest first (Bronze ... Platinum); a score reported as a number is placed in
//! its tier by the tier's range.

use rust_decimal::Decimal;

use super::ActualValue;
use crate::kpi::{Comparator, Kpi, Scale};

/// Long-term credit ratings, best first, as targets like 'ไม่ต่ำกว่า A-' name them.
pub fn credit_rating() -> Scale {
    Scale::Levels {
        name: "อันดับความน่าเชื่อถือ".into(),
        levels: [
            "AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-", "BB+", "BB", "BB-",
            "B+", "B", "B-", "CCC", "CC", "C", "D",
        ]
        .map(String::from)
        .to_vec(),
    }
}

/// The KPI's own scale when it knows `name`, else a scale Phaen knows that does.
fn scale_for(kpi: &Kpi, name: &str) -> Option<Scale> {
    kpi.scale
        .iter()
        .cloned()
        .chain([
            Scale::financial_stability(),
            Scale::pass_fail(),
            credit_rating(),
            Scale::access_branding(),
        ])
        .find(|s| s.position(name).is_some())
}

/// A level against a level target; `None` when the scale does not hold both.
pub fn level_percent(
    kpi: &Kpi,
    comparator: Comparator,
    target: &str,
    actual: &str,
) -> Option<Decimal> {
    let scale = scale_for(kpi, target)?;
    let Scale::Levels { levels, .. } = &scale else {
        return None;
    };
    let (t, a) = (scale.position(target)?, scale.position(actual.trim())?);
    // Positions count from the best, so a smaller position is better.
    let met = match comparator {
        Comparator::Eq | Comparator::AtLeast => a <= t,
        Comparator::MoreThan => a < t,
        Comparator::AtMost => a >= t,
        Comparator::LessThan => a > t,
    };
    if met {
        return Some(Decimal::ONE_HUNDRED);
    }
    let last = levels.len().saturating_sub(1);
    // How far up from the bottom the actual came, over how far the target is.
    let reached = Decimal::from(last.saturating_sub(a));
    let needed = Decimal::from(last.saturating_sub(t).max(1));
    Some((reached / needed * Decimal::ONE_HUNDRED).min(Decimal::new(9999, 2)))
}

/// A tier name or a score against a tier target.
pub fn tier_percent(kpi: &Kpi, target: &str, actual: &ActualValue) -> Option<Decimal> {
    let scale = scale_for(kpi, target)?;
    let Scale::Tiers { tiers, .. } = &scale else {
        return None;
    };
    let t = scale.position(target)?;
    let a = match actual {
        ActualValue::Level(name) => scale.position(name.trim()),
        ActualValue::Number(score) => tiers.iter().rposition(|tier| tier.contains(*score)),
        ActualValue::Met(_) => return None,
    };
    if a.is_some_and(|a| a >= t) {
        return Some(Decimal::ONE_HUNDRED);
    }
    let share = match (actual, tiers[t].min) {
        // A score below the target tier: its share of the tier's lower bound.
        (ActualValue::Number(score), Some(min)) if min > Decimal::ZERO => {
            (*score / min * Decimal::ONE_HUNDRED).max(Decimal::ZERO)
        }
        _ => Decimal::from(a.map_or(0, |a| a + 1)) / Decimal::from(t + 1) * Decimal::ONE_HUNDRED,
    };
    Some(share.min(Decimal::new(9999, 2)))
}
