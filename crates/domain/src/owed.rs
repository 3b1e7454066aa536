//! Who owes what: every period of a plan's KPIs and projects whose data was due (the period's
//! end plus the plan's reporting window) before today and has not been sent — nothing entered,
//! or an entry still a draft or returned for correction — with the day it fell due. A KPI's
//! year the plan sets no target for ('-', or nothing) is not chased; a project is chased in
//! the years it has budget for, or every plan year when it states no budget by year.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::ids::{ElementId, KpiId};
use crate::plan::Plan;
use crate::progress::{EntryState, Frequency, Period};
use crate::thai::BeYear;

/// What reports: a KPI or a project.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Kpi(KpiId),
    Project(ElementId),
}

impl Subject {
    /// The KPI's or the project's id.
    pub fn id(&self) -> &str {
        match self {
            Subject::Kpi(k) => k.as_str(),
            Subject::Project(e) => e.as_str(),
        }
    }
}

/// One period's data that is overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    pub subject: Subject,
    pub period: Period,
    pub due: NaiveDate,
    /// `None`: nothing was entered; else a draft or a returned entry.
    pub state: Option<EntryState>,
}

/// How each subject reports and what was entered, keyed by the subject's id.
#[derive(Debug, Clone, Default)]
pub struct Reported {
    /// Unset: KPIs report yearly, projects quarterly.
    pub frequency_of: HashMap<String, Frequency>,
    pub states: HashMap<(String, Period), EntryState>,
}

/// The overdue periods of `plan`'s KPIs and projects on `today`, oldest first.
pub fn owed(plan: &Plan, reported: &Reported, window_days: u32, today: NaiveDate) -> Vec<Owed> {
    let mut out = Vec::new();
    let mut chase = |subject: Subject, years: Vec<BeYear>, default: Frequency| {
        let frequency = reported
            .frequency_of
            .get(subject.id())
            .copied()
            .unwrap_or(default);
        for year in years {
            for period in Period::all(year, frequency) {
                let Ok(due) = period.due(plan.year_basis, window_days) else {
                    continue;
                };
                if due >= today {
                    break;
                }
                let state = reported
                    .states
                    .get(&(subject.id().to_string(), period))
                    .copied();
                if state.is_none_or(EntryState::editable) {
                    out.push(Owed {
                        subject: subject.clone(),
                        period,
                        due,
                        state,
                    });
                }
            }
        }
    };
    for (_, kpi) in plan.all_kpis() {
        let years = plan
            .period
            .years()
            .filter(|y| {
                kpi.target_for(*y)
                    .is_some_and(|t| *t != crate::kpi::Target::None)
            })
            .collect();
        chase(Subject::Kpi(kpi.id.clone()), years, Frequency::Yearly);
    }
    for project in plan.projects() {
        let budgeted: Vec<BeYear> = plan
            .period
            .years()
            .filter(|y| project.budget.iter().any(|b| b.year == Some(*y)))
            .collect();
        let years = if budgeted.is_empty() {
            plan.period.years().collect()
        } else {
            budgeted
        };
        chase(
            Subject::Project(project.id.clone()),
            years,
            Frequency::Quarterly,
        );
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.subject.cmp(&b.subject)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::{Element, ElementKind};
    use crate::kpi::Kpi;
    use crate::plan::YearBasis;

    #[test]
    fn overdue_periods_are_those_past_due_and_not_sent() {
        let mut plan = crate::testing::plan();
        plan.year_basis = YearBasis::CalendarYear;
        let mut s = Element::new(ElementKind::Strategy, "กลยุทธ์");
        let with_targets = |name: &str| {
            let mut k = Kpi::new(name);
            for year in plan.period.years() {
                k.targets.push(crate::kpi::YearTarget {
                    year,
                    target: crate::kpi::Target::Numeric {
                        comparator: crate::kpi::Comparator::AtLeast,
                        value: 1.into(),
                        percent: false,
                    },
                    written: None,
                });
            }
            k
        };
        s.kpis.push(with_targets("รายเดือน"));
        s.kpis.push(with_targets("รายปี"));
        s.kpis.push(Kpi::new("ไม่มีค่าเป้าหมาย"));
        let untargeted = s.kpis[2].id.clone();
        let (monthly, yearly) = (s.kpis[0].id.clone(), s.kpis[1].id.clone());
        plan.elements.push(s);
        let mut reported = Reported {
            frequency_of: HashMap::from([(monthly.to_string(), Frequency::Monthly)]),
            states: HashMap::new(),
        };
        let y = plan.period.from;
        let jan = Period::new(y, Frequency::Monthly, 1).unwrap();
        let feb = Period::new(y, Frequency::Monthly, 2).unwrap();
        let mar = Period::new(y, Frequency::Monthly, 3).unwrap();
        reported.states = HashMap::from([
            ((monthly.to_string(), jan), EntryState::Approved),
            ((monthly.to_string(), feb), EntryState::Returned),
            ((monthly.to_string(), mar), EntryState::Submitted),
        ]);
        // 2025-05-01: Jan-Mar fell due (15 days after each month), April on 15 May.
        let today = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let got = owed(&plan, &reported, 15, today);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].period, feb);
        assert_eq!(got[0].state, Some(EntryState::Returned));
        assert_eq!(got[0].due, NaiveDate::from_ymd_opt(2025, 3, 15).unwrap());
        // A year later the yearly KPI's first year is owed too, and the missing months.
        let later = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let got = owed(&plan, &reported, 15, later);
        assert!(
            got.iter()
                .any(|o| o.subject == Subject::Kpi(yearly.clone()) && o.state.is_none())
        );
        assert_eq!(
            got.iter()
                .filter(|o| o.subject == Subject::Kpi(monthly.clone()))
                .count(),
            1 + 9,
            "Feb and Apr-Dec"
        );
        assert!(got.windows(2).all(|w| w[0].due <= w[1].due), "oldest first");
        assert!(
            got.iter()
                .all(|o| o.subject != Subject::Kpi(untargeted.clone())),
            "no target, nothing to chase"
        );
    }

    #[test]
    fn projects_are_chased_quarterly_in_the_years_they_have_budget() {
        let mut plan = crate::testing::plan();
        plan.year_basis = YearBasis::CalendarYear;
        let mut s = Element::new(ElementKind::Strategy, "กลยุทธ์");
        let mut project = Element::new(ElementKind::Project, "โครงการอบรมสมาชิก");
        project.budget.push(crate::money::BudgetLine {
            year: Some(plan.period.from),
            amount_baht: crate::money::Baht::new(50_000.into()).unwrap(),
            source_unit: crate::money::MoneyUnit::Baht,
            written: None,
        });
        let id = project.id.clone();
        s.children.push(project);
        plan.elements.push(s);
        let q1 = Period::new(plan.period.from, Frequency::Quarterly, 1).unwrap();
        let reported = Reported {
            frequency_of: HashMap::new(),
            states: HashMap::from([((id.to_string(), q1), EntryState::Approved)]),
        };
        // Two years on, the three other quarters of the budgeted year are owed, no more.
        let later = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let got: Vec<Owed> = owed(&plan, &reported, 15, later)
            .into_iter()
            .filter(|o| o.subject == Subject::Project(id.clone()))
            .collect();
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            got.iter()
                .all(|o| o.period.year == plan.period.from && o.state.is_none())
        );
    }
}
