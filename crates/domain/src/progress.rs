//! Following a plan up: how often each KPI and project reports (monthly, quarterly, yearly),
//! the periods of a year on the plan's own year basis (a fiscal year's first month is October),
//! when each period's data is due, the life of an entry (draft -> submitted -> approved, or
//! returned with a reason), and the states a project can be in.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::plan::YearBasis;
use crate::thai::{BeYear, MONTHS_TH_SHORT};

/// How often a KPI or project reports.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    #[default]
    Yearly,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Monthly, Frequency::Quarterly, Frequency::Yearly];

    pub fn periods_per_year(self) -> u8 {
        match self {
            Frequency::Monthly => 12,
            Frequency::Quarterly => 4,
            Frequency::Yearly => 1,
        }
    }

    fn months(self) -> u32 {
        12 / u32::from(self.periods_per_year())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Yearly => "yearly",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Frequency::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| Error::parse("reporting frequency", s, "monthly, quarterly or yearly"))
    }

    pub fn label_th(self) -> &'static str {
        match self {
            Frequency::Monthly => "รายเดือน",
            Frequency::Quarterly => "รายไตรมาส",
            Frequency::Yearly => "รายปี",
        }
    }
}

/// One reporting period: the `index`-th month or quarter (from 1) of `year`, or the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub year: BeYear,
    pub frequency: Frequency,
    pub index: u8,
}

impl Period {
    pub fn new(year: BeYear, frequency: Frequency, index: u8) -> Result<Period> {
        if index == 0 || index > frequency.periods_per_year() {
            return Err(Error::refused(
                format!(
                    "งวดที่ {index} ไม่มีในการรายงาน{} (มี 1 ถึง {})",
                    frequency.label_th(),
                    frequency.periods_per_year()
                ),
                format!(
                    "period {index} does not exist when reporting {} (1 to {})",
                    frequency.as_str(),
                    frequency.periods_per_year()
                ),
            ));
        }
        Ok(Period {
            year,
            frequency,
            index,
        })
    }

    /// Every period of `year` at `frequency`, in order.
    pub fn all(year: BeYear, frequency: Frequency) -> Vec<Period> {
        (1..=frequency.periods_per_year())
            .map(|index| Period {
                year,
                frequency,
                index,
            })
            .collect()
    }

    /// The first and last day of the period on `basis`.
    pub fn bounds(self, basis: YearBasis) -> Result<(NaiveDate, NaiveDate)> {
        let (year_start, year_end) = basis.bounds(self.year)?;
        let months = self.frequency.months();
        let bad = || Error::parse("period", format!("{self:?}"), "no such date");
        let start = year_start
            .checked_add_months(Months::new((u32::from(self.index) - 1) * months))
            .ok_or_else(bad)?;
        let end = if self.index == self.frequency.periods_per_year() {
            year_end
        } else {
            start
                .checked_add_months(Months::new(months))
                .and_then(|d| d.pred_opt())
                .ok_or_else(bad)?
        };
        Ok((start, end))
    }

    /// The day the period's data is due: `window_days` after it ends.
    pub fn due(self, basis: YearBasis, window_days: u32) -> Result<NaiveDate> {
        let (_, end) = self.bounds(basis)?;
        end.checked_add_days(chrono::Days::new(u64::from(window_days)))
            .ok_or_else(|| Error::parse("period", format!("{self:?}"), "no such date"))
    }

    /// The period in Thai: 'ต.ค. 2567' (a month, with its calendar year), 'ไตรมาส 1/2568',
    /// 'ปี 2568'.
    pub fn label_th(self, basis: YearBasis) -> String {
        match self.frequency {
            Frequency::Yearly => format!("ปี {}", self.year),
            Frequency::Quarterly => format!("ไตรมาส {}/{}", self.index, self.year),
            Frequency::Monthly => match self.bounds(basis) {
                Ok((start, _)) => {
                    let month = chrono::Datelike::month0(&start) as usize;
                    let be = chrono::Datelike::year(&start) + crate::thai::BE_OFFSET;
                    format!("{} {be}", MONTHS_TH_SHORT[month])
                }
                Err(_) => format!("เดือนที่ {}/{}", self.index, self.year),
            },
        }
    }

    /// A stable short key: '2568', '2568-Q1', '2568-M01'.
    pub fn key(self) -> String {
        match self.frequency {
            Frequency::Yearly => self.year.to_string(),
            Frequency::Quarterly => format!("{}-Q{}", self.year, self.index),
            Frequency::Monthly => format!("{}-M{:02}", self.year, self.index),
        }
    }

    /// Reads a key written by [`Period::key`].
    pub fn parse_key(key: &str) -> Result<Period> {
        let bad = || Error::parse("period", key, "write 2568, 2568-Q1 or 2568-M01");
        let key = crate::thai::to_arabic_digits(key.trim()).to_uppercase();
        if !key.is_ascii() || key.len() < 4 {
            return Err(bad());
        }
        let (year, rest) = key.split_at(4);
        let year = BeYear::parse(year).map_err(|_| bad())?;
        let (frequency, index) = match rest {
            "" => (Frequency::Yearly, 1),
            r if r.starts_with("-Q") => (Frequency::Quarterly, r[2..].parse().map_err(|_| bad())?),
            r if r.starts_with("-M") => (Frequency::Monthly, r[2..].parse().map_err(|_| bad())?),
            _ => return Err(bad()),
        };
        Period::new(year, frequency, index)
    }
}

/// Where a progress entry stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// Being written; its owner may change it.
    #[default]
    Draft,
    /// Sent for approval; waiting for the plan manager.
    Submitted,
    /// Accepted and locked; reopening needs a reason.
    Approved,
    /// Sent back with a reason; its owner corrects and submits again.
    Returned,
}

impl EntryState {
    pub fn as_str(self) -> &'static str {
        match self {
            EntryState::Draft => "draft",
            EntryState::Submitted => "submitted",
            EntryState::Approved => "approved",
            EntryState::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "draft" => EntryState::Draft,
            "submitted" => EntryState::Submitted,
            "approved" => EntryState::Approved,
            "returned" => EntryState::Returned,
            other => return Err(Error::parse("entry state", other, "unknown")),
        })
    }

    pub fn label_th(self) -> &'static str {
        match self {
            EntryState::Draft => "ร่าง",
            EntryState::Submitted => "รออนุมัติ",
            EntryState::Approved => "อนุมัติแล้ว (ล็อก)",
            EntryState::Returned => "ส่งกลับแก้ไข",
        }
    }

    /// Whether its owner may still change the values.
    pub fn editable(self) -> bool {
        matches!(self, EntryState::Draft | EntryState::Returned)
    }

    /// The moves an entry may make: submit a draft or a returned entry; approve or return a
    /// submitted one; reopen an approved one (back to draft, with a reason).
    pub fn may_move_to(self, next: EntryState) -> bool {
        use EntryState::*;
        matches!(
            (self, next),
            (Draft | Returned, Submitted)
                | (Submitted, Approved)
                | (Submitted, Returned)
                | (Approved, Draft)
        )
    }
}

/// A project's state as its owner reports it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    #[default]
    NotStarted,
    OnTrack,
    AtRisk,
    Delayed,
    Done,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 5] = [
        ProjectStatus::NotStarted,
        ProjectStatus::OnTrack,
        ProjectStatus::AtRisk,
        ProjectStatus::Delayed,
        ProjectStatus::Done,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::NotStarted => "not_started",
            ProjectStatus::OnTrack => "on_track",
            ProjectStatus::AtRisk => "at_risk",
            ProjectStatus::Delayed => "delayed",
            ProjectStatus::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        ProjectStatus::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| Error::parse("project status", s, "unknown"))
    }

    pub fn label_th(self) -> &'static str {
        match self {
            ProjectStatus::NotStarted => "ยังไม่เริ่ม",
            ProjectStatus::OnTrack => "ตามแผน",
            ProjectStatus::AtRisk => "มีความเสี่ยง",
            ProjectStatus::Delayed => "ล่าช้า",
            ProjectStatus::Done => "เสร็จสิ้น",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(n: u16) -> BeYear {
        BeYear::new(n).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_fiscal_year_starts_its_months_and_quarters_in_october() {
        let m1 = Period::new(y(2568), Frequency::Monthly, 1).unwrap();
        assert_eq!(
            m1.bounds(YearBasis::FiscalYear).unwrap(),
            (day("2024-10-01"), day("2024-10-31"))
        );
        assert_eq!(m1.label_th(YearBasis::FiscalYear), "ต.ค. 2567");
        let q2 = Period::new(y(2568), Frequency::Quarterly, 2).unwrap();
        assert_eq!(
            q2.bounds(YearBasis::FiscalYear).unwrap(),
            (day("2025-01-01"), day("2025-03-31"))
        );
        let m12 = Period::new(y(2568), Frequency::Monthly, 12).unwrap();
        assert_eq!(
            m12.bounds(YearBasis::FiscalYear).unwrap().1,
            day("2025-09-30")
        );
    }

    #[test]
    fn an_accounting_year_follows_the_cooperatives_year_end() {
        let basis = YearBasis::AccountingYear {
            end_month: 6,
            end_day: 30,
        };
        let q1 = Period::new(y(2568), Frequency::Quarterly, 1).unwrap();
        assert_eq!(
            q1.bounds(basis).unwrap(),
            (day("2024-07-01"), day("2024-09-30"))
        );
        let year = Period::new(y(2568), Frequency::Yearly, 1).unwrap();
        assert_eq!(year.bounds(basis).unwrap().1, day("2025-06-30"));
        assert_eq!(year.due(basis, 30).unwrap(), day("2025-07-30"));
    }

    #[test]
    fn every_period_of_a_year_covers_it_without_gaps() {
        for basis in [
            YearBasis::FiscalYear,
            YearBasis::CalendarYear,
            YearBasis::AccountingYear {
                end_month: 12,
                end_day: 31,
            },
        ] {
            for f in Frequency::ALL {
                let periods = Period::all(y(2569), f);
                let (start, end) = basis.bounds(y(2569)).unwrap();
                assert_eq!(periods[0].bounds(basis).unwrap().0, start);
                assert_eq!(periods.last().unwrap().bounds(basis).unwrap().1, end);
                for pair in periods.windows(2) {
                    let (_, a_end) = pair[0].bounds(basis).unwrap();
                    let (b_start, _) = pair[1].bounds(basis).unwrap();
                    assert_eq!(a_end.succ_opt().unwrap(), b_start, "{basis:?} {f:?}");
                }
            }
        }
    }

    #[test]
    fn period_keys_read_back_and_bad_ones_are_named() {
        for p in [
            Period::new(y(2568), Frequency::Monthly, 7).unwrap(),
            Period::new(y(2568), Frequency::Quarterly, 4).unwrap(),
            Period::new(y(2568), Frequency::Yearly, 1).unwrap(),
        ] {
            assert_eq!(Period::parse_key(&p.key()).unwrap(), p);
        }
        assert!(Period::parse_key("2568-Q5").is_err());
        assert!(Period::parse_key("2568-M13").is_err());
        assert!(Period::parse_key("๒๕๖๘-Q1").is_ok(), "Thai digits are read");
    }

    #[test]
    fn entries_move_only_along_their_life() {
        use EntryState::*;
        assert!(Draft.may_move_to(Submitted));
        assert!(Submitted.may_move_to(Returned));
        assert!(Returned.may_move_to(Submitted));
        assert!(Approved.may_move_to(Draft), "reopen");
        assert!(!Draft.may_move_to(Approved), "approval needs a submission");
        assert!(!Approved.editable());
    }
}
