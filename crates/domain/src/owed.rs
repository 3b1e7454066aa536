//! Who owes what: every period of a plan's KPIs whose data was due (the period's end plus the
//! plan's reporting window) before today and has not been sent — nothing entered, or an entry
//! still a draft or returned for correction — with the day it fell due. A year the plan sets
//! no target for ('-', or nothing) is not chased.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::ids::KpiId;
use crate::plan::Plan;
use crate::progress::{EntryState, Frequency, Period};

/// One period's data that is overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owed {
    pub kpi: KpiId,
    pub period: Period,
    pub due: NaiveDate,
    /// `None`: nothing was entered; else a draft or a returned entry.
    pub state: Option<EntryState>,
}

/// The overdue periods of `plan`'s KPIs on `today`, oldest first. `frequency_of` says how each
/// KPI reports (yearly when unset); `states` holds the entries there are.
pub fn owed(
    plan: &Plan,
    frequency_of: &HashMap<KpiId, Frequency>,
    states: &HashMap<(KpiId, Period), EntryState>,
    window_days: u32,
    today: NaiveDate,
) -> Vec<Owed> {
    let mut out = Vec::new();
    for (_, kpi) in plan.all_kpis() {
        let frequency = frequency_of.get(&kpi.id).copied().unwrap_or_default();
        for year in plan.period.years() {
            if kpi
                .target_for(year)
                .is_none_or(|t| *t == crate::kpi::Target::None)
            {
                continue;
            }
            for period in Period::all(year, frequency) {
                let Ok(due) = period.due(plan.year_basis, window_days) else {
                    continue;
                };
                if due >= today {
                    break;
                }
                let state = states.get(&(kpi.id.clone(), period)).copied();
                if state.is_none_or(EntryState::editable) {
                    out.push(Owed {
                        kpi: kpi.id.clone(),
                        period,
                        due,
                        state,
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.kpi.cmp(&b.kpi)));
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
        let freq = HashMap::from([(monthly.clone(), Frequency::Monthly)]);
        let y = plan.period.from;
        let jan = Period::new(y, Frequency::Monthly, 1).unwrap();
        let feb = Period::new(y, Frequency::Monthly, 2).unwrap();
        let mar = Period::new(y, Frequency::Monthly, 3).unwrap();
        let states = HashMap::from([
            ((monthly.clone(), jan), EntryState::Approved),
            ((monthly.clone(), feb), EntryState::Returned),
            ((monthly.clone(), mar), EntryState::Submitted),
        ]);
        // 2025-05-01: Jan-Mar fell due (15 days after each month), April on 15 May.
        let today = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let got = owed(&plan, &freq, &states, 15, today);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].period, feb);
        assert_eq!(got[0].state, Some(EntryState::Returned));
        assert_eq!(got[0].due, NaiveDate::from_ymd_opt(2025, 3, 15).unwrap());
        // A year later the yearly KPI's first year is owed too, and the missing months.
        let later = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let got = owed(&plan, &freq, &states, 15, later);
        assert!(got.iter().any(|o| o.kpi == yearly && o.state.is_none()));
        assert_eq!(
            got.iter().filter(|o| o.kpi == monthly).count(),
            1 + 9,
            "Feb and Apr-Dec"
        );
        assert!(got.windows(2).all(|w| w[0].due <= w[1].due), "oldest first");
        assert!(
            got.iter().all(|o| o.kpi != untargeted),
            "no target, nothing to chase"
        );
    }
}
