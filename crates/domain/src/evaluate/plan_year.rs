//! Every KPI of a plan evaluated for one year from its approved values, as the follow-up page
//! and the roll-ups count them: each KPI's periods by its reporting frequency, combined by its
//! aggregation, judged against that year's target.

use std::collections::HashMap;

use super::{ActualValue, Aggregation, Evaluation, Rules, evaluate_year};
use crate::ids::KpiId;
use crate::plan::Plan;
use crate::progress::{Frequency, Period};
use crate::thai::BeYear;

/// How a KPI is followed: its reporting frequency and how its periods combine.
pub type Following = (Frequency, Aggregation);

/// Each KPI of `plan`, in the plan's order, evaluated for `year`: its periods' values combined
/// (when any) and the evaluation. `how` gives a KPI's following (yearly, by the default
/// aggregation, when it has none); `approved` holds the approved values by (KPI id, period
/// key).
pub fn evaluate_plan_year(
    plan: &Plan,
    year: BeYear,
    how: &HashMap<String, Following>,
    approved: &HashMap<(String, String), ActualValue>,
    rules: Rules,
) -> Vec<(KpiId, Option<ActualValue>, Evaluation)> {
    plan.all_kpis()
        .into_iter()
        .map(|(_, kpi)| {
            let (frequency, aggregation) = how
                .get(kpi.id.as_str())
                .copied()
                .unwrap_or((Frequency::Yearly, Aggregation::default()));
            let values: Vec<ActualValue> = Period::all(year, frequency)
                .into_iter()
                .filter_map(|p| approved.get(&(kpi.id.to_string(), p.key())).cloned())
                .collect();
            let (value, evaluation) = evaluate_year(kpi, year, &values, aggregation, rules);
            (kpi.id.clone(), value, evaluation)
        })
        .collect()
}
