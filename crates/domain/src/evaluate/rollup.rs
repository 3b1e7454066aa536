//! Roll-up: a year's KPI scores (0-100) become scores of the elements above them — each
//! element's score is the weighted mean of its own KPIs' scores and its children's scores — and
//! of the whole plan. KPIs without a target that year do not count; KPIs without data count as
//! expected but missing, so coverage is always shown beside the score.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Evaluation, Status};
use crate::element::Element;
use crate::ids::{ElementId, KpiId};
use crate::kpi::Kpi;
use crate::plan::Plan;

/// Weights of KPIs and elements in their parent's score; anything unset weighs 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Weights {
    pub kpis: HashMap<KpiId, Decimal>,
    pub elements: HashMap<ElementId, Decimal>,
}

impl Weights {
    fn kpi(&self, id: &KpiId) -> Decimal {
        self.kpis.get(id).copied().unwrap_or(Decimal::ONE)
    }

    fn element(&self, id: &ElementId) -> Decimal {
        self.elements.get(id).copied().unwrap_or(Decimal::ONE)
    }
}

/// A score on the 0-100 scale and how much of what was expected it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// `None` when nothing below has data.
    pub value: Option<Decimal>,
    /// KPIs below with data.
    pub reported: usize,
    /// KPIs below with a target that year.
    pub expected: usize,
}

/// A weighted mean under construction.
#[derive(Default)]
struct Mean {
    sum: Decimal,
    weight: Decimal,
    reported: usize,
    expected: usize,
}

impl Mean {
    fn add(&mut self, value: Option<Decimal>, weight: Decimal) {
        if let Some(v) = value
            && weight > Decimal::ZERO
        {
            self.sum += v * weight;
            self.weight += weight;
        }
    }

    fn add_kpis(&mut self, kpis: &[Kpi], evaluations: &HashMap<KpiId, Evaluation>, w: &Weights) {
        for k in kpis {
            let Some(e) = evaluations.get(&k.id) else {
                continue;
            };
            if e.status == Status::NoTarget {
                continue;
            }
            self.expected += 1;
            if e.percent.is_some() {
                self.reported += 1;
            }
            self.add(e.percent, w.kpi(&k.id));
        }
    }

    fn score(&self) -> Score {
        Score {
            value: (self.weight > Decimal::ZERO)
                .then(|| (self.sum / self.weight).round_dp(2).normalize()),
            reported: self.reported,
            expected: self.expected,
        }
    }
}

/// Every element's score, from the evaluations of the year's KPIs (by KPI id).
pub fn element_scores(
    plan: &Plan,
    evaluations: &HashMap<KpiId, Evaluation>,
    weights: &Weights,
) -> HashMap<ElementId, Score> {
    let mut out = HashMap::new();
    for e in &plan.elements {
        score_of(e, evaluations, weights, &mut out);
    }
    out
}

fn score_of(
    e: &Element,
    evaluations: &HashMap<KpiId, Evaluation>,
    weights: &Weights,
    out: &mut HashMap<ElementId, Score>,
) -> Score {
    let mut mean = Mean::default();
    mean.add_kpis(&e.kpis, evaluations, weights);
    for child in &e.children {
        let s = score_of(child, evaluations, weights, out);
        mean.reported += s.reported;
        mean.expected += s.expected;
        mean.add(s.value, weights.element(&child.id));
    }
    let score = mean.score();
    out.insert(e.id.clone(), score);
    score
}

/// The plan's score: its own KPIs and its top-level elements.
pub fn plan_score(
    plan: &Plan,
    evaluations: &HashMap<KpiId, Evaluation>,
    weights: &Weights,
) -> Score {
    let scores = element_scores(plan, evaluations, weights);
    let mut mean = Mean::default();
    mean.add_kpis(&plan.kpis, evaluations, weights);
    for e in &plan.elements {
        if let Some(s) = scores.get(&e.id) {
            mean.reported += s.reported;
            mean.expected += s.expected;
            mean.add(s.value, weights.element(&e.id));
        }
    }
    mean.score()
}
