//! Numbers against numeric targets. The comparator says which way is better ('≥ 80': higher,
//! '≤ 5': lower); a bare number follows the KPI's direction (higher is better when unsaid).
//! A met target scores 100; a missed one scores its share of the way, below 100.

use rust_decimal::Decimal;

use crate::kpi::{Comparator, Direction};

/// The highest score a missed target can have.
const JUST_MISSED: Decimal = Decimal::from_parts(9999, 0, 0, false, 2);

/// Which way is better for this target.
pub fn direction_of(comparator: Comparator, direction: Option<Direction>) -> Direction {
    match comparator {
        Comparator::AtLeast | Comparator::MoreThan => Direction::HigherIsBetter,
        Comparator::AtMost | Comparator::LessThan => Direction::LowerIsBetter,
        Comparator::Eq => direction.unwrap_or(Direction::HigherIsBetter),
    }
}

/// Whether `actual` meets the target.
pub fn met(comparator: Comparator, direction: Direction, target: Decimal, actual: Decimal) -> bool {
    match (comparator, direction) {
        (Comparator::MoreThan, _) => actual > target,
        (Comparator::LessThan, _) => actual < target,
        (_, Direction::HigherIsBetter) => actual >= target,
        (_, Direction::LowerIsBetter) => actual <= target,
        (_, Direction::Exact) => actual == target,
    }
}

/// Achievement from 0 to 100.
pub fn percent(
    comparator: Comparator,
    direction: Option<Direction>,
    target: Decimal,
    actual: Decimal,
) -> Decimal {
    let direction = direction_of(comparator, direction);
    if met(comparator, direction, target, actual) {
        return Decimal::ONE_HUNDRED;
    }
    let share = match direction {
        // Short of a target to reach: the share reached.
        Direction::HigherIsBetter if target > Decimal::ZERO => ratio(actual, target),
        // Over a ceiling: the ceiling's share of the actual ('≤ 5', 10 -> 50).
        Direction::LowerIsBetter if actual > Decimal::ZERO && target > Decimal::ZERO => {
            ratio(target, actual)
        }
        // Off an exact target: 100 less the relative distance.
        Direction::Exact if !target.is_zero() => {
            let off = ratio((actual - target).abs(), target.abs());
            Decimal::ONE_HUNDRED - off
        }
        _ => Decimal::ZERO,
    };
    share.clamp(Decimal::ZERO, JUST_MISSED)
}

/// a / b × 100, saturating instead of overflowing.
fn ratio(a: Decimal, b: Decimal) -> Decimal {
    a.checked_div(b)
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
        .unwrap_or(Decimal::MAX)
}
