//! Demo progress: for each plan, a value for every numeric KPI in each year of the plan that
//! has ended by `through` — mostly near the target, some short of it, a few well short — so the
//! follow-up page, the dashboard and the annual report have something honest-looking to show.

use rust_decimal::Decimal;

use phaen_domain::evaluate::ActualValue;
use phaen_domain::progress::{Frequency, Period};
use phaen_domain::{BeYear, KpiId, Plan, Target};

use crate::rng::Rng;

/// One demo progress value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoValue {
    pub kpi: KpiId,
    pub period: Period,
    pub value: ActualValue,
    pub narrative: String,
}

const NARRATIVES: [&str; 4] = [
    "ดำเนินการตามแผนงานที่กำหนด",
    "ผลการดำเนินงานดีกว่าปีก่อน จากการประชาสัมพันธ์ถึงสมาชิกอย่างต่อเนื่อง",
    "ยังไม่ถึงเป้าหมาย เนื่องจากภาวะเศรษฐกิจชะลอตัว",
    "ปรับวิธีการดำเนินงานระหว่างปี ผลเริ่มดีขึ้นในไตรมาสสุดท้าย",
];

/// Yearly values for `plan`'s numeric KPIs, for its years up to and including `through`.
pub fn demo_progress(plan: &Plan, through: BeYear, seed: u64) -> Vec<DemoValue> {
    let mut rng = Rng::new(seed).fork(plan.id.as_str().len() as u64 + 77);
    let mut out = Vec::new();
    for (_, kpi) in plan.all_kpis() {
        for year in plan.period.years().filter(|y| *y <= through) {
            let Some(Target::Numeric {
                value, comparator, ..
            }) = kpi.target_for(year)
            else {
                continue;
            };
            // 60 % reach the target, 30 % come close, 10 % fall well short.
            let roll = rng.below(100);
            let share = if roll < 60 {
                100 + rng.below(15) as i64
            } else if roll < 90 {
                80 + rng.below(20) as i64
            } else {
                40 + rng.below(30) as i64
            };
            let lower_is_better = matches!(
                comparator,
                phaen_domain::Comparator::AtMost | phaen_domain::Comparator::LessThan
            );
            let share = if lower_is_better { 200 - share } else { share };
            let actual = (*value * Decimal::from(share) / Decimal::ONE_HUNDRED).round_dp(2);
            out.push(DemoValue {
                kpi: kpi.id.clone(),
                period: Period::new(year, Frequency::Yearly, 1).expect("yearly period 1"),
                value: ActualValue::Number(actual.normalize()),
                narrative: NARRATIVES[rng.below(NARRATIVES.len() as u64) as usize].to_string(),
            });
        }
    }
    out
}
