//! The dashboard's project charts: projects by status in a year (from each project's latest
//! approved report; those without one counted as not reported) and the budget planned per
//! year beside what the projects report as disbursed (the sum of each project's latest
//! approved year-to-date figure).

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use phaen_domain::progress::ProjectStatus;
use phaen_domain::{BeYear, Plan};
use phaen_store::project_progress::ProjectEntry;

use crate::i18n::Lang;
use crate::progress::project::latest_approved;
use crate::progress::project_texts::{project_texts, status_label};

/// The classes and labels of the project-status legend, in the order the bar shows them.
pub fn legend(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ProjectStatus::ALL
        .into_iter()
        .map(|s| (s.as_str(), status_label(s, lang)))
        .chain([("none", project_texts(lang).no_report)])
        .collect()
}

/// How many of the plan's projects stand at each status of [`legend`] in `year`.
pub fn status_counts(plan: &Plan, entries: &[ProjectEntry], year: BeYear) -> Vec<usize> {
    let mut counts = vec![0; ProjectStatus::ALL.len() + 1];
    for project in plan.projects() {
        let slot = latest_approved(plan, entries, &project.id, year).map_or(
            ProjectStatus::ALL.len(),
            |e| {
                ProjectStatus::ALL
                    .iter()
                    .position(|s| *s == e.report.status)
                    .unwrap_or(0)
            },
        );
        counts[slot] += 1;
    }
    counts
}

/// Per plan year: the planned budget (every budget line with that year) and the disbursed
/// amount the projects report (`None` when no project has an approved report with a
/// disbursed figure that year).
pub fn budget_rows(plan: &Plan, entries: &[ProjectEntry]) -> Vec<(u16, Decimal, Option<Decimal>)> {
    plan.period
        .years()
        .map(|y| {
            let planned: Decimal = plan
                .walk()
                .iter()
                .flat_map(|w| w.element.budget.iter())
                .filter(|b| b.year == Some(y))
                .map(|b| b.amount_baht.amount())
                .sum();
            let reported: Vec<Decimal> = plan
                .projects()
                .into_iter()
                .filter_map(|p| latest_approved(plan, entries, &p.id, y)?.report.disbursed)
                .map(|b| b.amount())
                .collect();
            let disbursed = (!reported.is_empty()).then(|| reported.iter().sum());
            (y.get(), planned, disbursed)
        })
        .collect()
}

/// One year's pair of bars: planned, and disbursed when reported.
pub struct PairedBar {
    pub year: u16,
    pub x: u32,
    /// (top, height, amount as shown)
    pub planned: (u32, u32, String),
    pub disbursed: Option<(u32, u32, String)>,
}

/// Planned vs disbursed bars laid out in SVG user units, scaled to the largest amount.
pub struct PairedBars {
    pub width: u32,
    pub height: u32,
    pub bars: Vec<PairedBar>,
}

const BASE: u32 = 170;
const TALLEST: f64 = 140.0;

pub fn paired_bars(
    rows: &[(u16, Decimal, Option<Decimal>)],
    show: impl Fn(Decimal) -> String,
) -> PairedBars {
    let max = rows
        .iter()
        .flat_map(|(_, p, d)| [Some(*p), *d])
        .flatten()
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE);
    let bar = |v: Decimal| {
        let h = ((v / max).to_f64().unwrap_or(0.0) * TALLEST).round() as u32;
        (BASE - h, h, show(v))
    };
    PairedBars {
        width: 60 + 130 * rows.len() as u32,
        height: 200,
        bars: rows
            .iter()
            .enumerate()
            .map(|(i, (year, planned, disbursed))| PairedBar {
                year: *year,
                x: 30 + i as u32 * 130,
                planned: bar(*planned),
                disbursed: disbursed.map(bar),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_scale_to_the_largest_amount_and_skip_unreported_years() {
        let d = |n: i64| Decimal::from(n);
        let bars = paired_bars(
            &[(2568, d(1000), Some(d(500))), (2569, d(2000), None)],
            |v| v.to_string(),
        );
        assert_eq!(bars.bars[1].planned.1, 140, "the largest is the tallest");
        assert_eq!(bars.bars[0].planned.1, 70);
        assert_eq!(bars.bars[0].disbursed.as_ref().unwrap().1, 35);
        assert!(bars.bars[1].disbursed.is_none());
        assert_eq!(bars.bars[0].planned.0 + bars.bars[0].planned.1, BASE);
    }
}
