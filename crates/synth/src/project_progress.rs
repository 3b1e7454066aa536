//! Demo project reports: for each project of a plan, an approved report at the end of every
//! plan year that has ended (most projects done, some late or at risk, money mostly spent),
//! and one for the latest ended quarter of the current year (most on track), so the
//! dashboard's project charts and the annual report have something honest-looking to show.
//! Money is reported only for the years the plan budgets the project.

use rust_decimal::Decimal;

use phaen_domain::money::Baht;
use phaen_domain::progress::{Frequency, Period, ProjectStatus};
use phaen_domain::project_report::ProjectReport;
use phaen_domain::{BeYear, ElementId, Plan};

use crate::rng::Rng;

/// One demo project report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoProjectReport {
    pub project: ElementId,
    pub period: Period,
    pub report: ProjectReport,
}

const NARRATIVES: [&str; 4] = [
    "ดำเนินกิจกรรมครบตามแผน ผู้เข้าร่วมให้ความสนใจดี",
    "จัดซื้อจัดจ้างล่าช้ากว่ากำหนด ได้เร่งรัดผู้รับจ้างแล้ว",
    "ดำเนินการแล้วบางส่วน รอผลการอนุมัติจากที่ประชุมใหญ่",
    "ปรับแผนกิจกรรมให้สอดคล้องกับฤดูกาลผลิตของสมาชิก",
];

/// Reports for `plan`'s projects: the last quarter of each year before `current`, and
/// `quarter` (1-4, the latest ended) of `current` when given.
pub fn demo_project_reports(
    plan: &Plan,
    current: BeYear,
    quarter: Option<u8>,
    seed: u64,
) -> Vec<DemoProjectReport> {
    let mut rng = Rng::new(seed).fork(plan.id.as_str().len() as u64 + 91);
    let mut out = Vec::new();
    for project in plan.projects() {
        for year in plan.period.years().filter(|y| *y <= current) {
            let ended = year < current;
            let index = match (ended, quarter) {
                (true, _) => 4,
                (false, Some(q)) => q,
                (false, None) => continue,
            };
            let planned: Decimal = project
                .budget
                .iter()
                .filter(|b| b.year == Some(year))
                .map(|b| b.amount_baht.amount())
                .sum();
            // Money only where the plan budgets the project that year.
            let allocated = planned;
            let roll = rng.below(100);
            let (status, percent) = match (ended, roll) {
                (true, 0..65) => (ProjectStatus::Done, 100),
                (true, 65..85) => (ProjectStatus::Delayed, 60 + rng.below(35) as i64),
                (true, _) => (ProjectStatus::AtRisk, 40 + rng.below(40) as i64),
                (false, 0..70) => (ProjectStatus::OnTrack, 20 * i64::from(index) - 5),
                (false, 70..85) => (ProjectStatus::AtRisk, 10 * i64::from(index)),
                (false, 85..95) => (ProjectStatus::Delayed, 5 * i64::from(index)),
                (false, _) => (ProjectStatus::NotStarted, 0),
            };
            let spent_share =
                Decimal::from(percent.min(100)) * Decimal::new(9, 1) / Decimal::ONE_HUNDRED;
            let disbursed = (allocated * spent_share).round_dp(0);
            let committed = ((allocated - disbursed) * Decimal::new(3, 1)).round_dp(0);
            let budgeted = !allocated.is_zero();
            let baht = |d: Decimal| Baht::new(d).ok().filter(|_| budgeted);
            out.push(DemoProjectReport {
                project: project.id.clone(),
                period: Period::new(year, Frequency::Quarterly, index).expect("a quarter"),
                report: ProjectReport {
                    status,
                    percent: Decimal::from(percent.min(100)),
                    allocated: baht(allocated),
                    committed: baht(committed),
                    disbursed: baht(disbursed),
                    narrative: NARRATIVES[rng.below(NARRATIVES.len() as u64) as usize].into(),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_demo_report_keeps_the_rules_of_a_report() {
        for plan in crate::demo(4).plans {
            let current = plan.period.to;
            let reports = super::demo_project_reports(&plan, current, Some(2), 4);
            assert_eq!(
                reports.len(),
                plan.projects().len() * plan.period.years().count()
            );
            for r in reports {
                r.report.check().unwrap();
            }
        }
    }
}
