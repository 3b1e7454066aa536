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

impl Period {
    /// Reads a period as people write it: a key ('2568-M01', '2568-Q1', '2568'), a quarter
    /// ('ไตรมาส 1/2568'), a year ('ปี 2568'), or a month with its calendar BE year ('ต.ค. 2567',
    /// 'ตุลาคม 2567'), which becomes the month of the plan's year on `basis` that starts in it.
    pub fn parse_written(text: &str, basis: YearBasis) -> Result<Period> {
        let t = crate::thai::to_arabic_digits(text.trim());
        if let Ok(p) = Period::parse_key(&t) {
            return Ok(p);
        }
        let bad = || {
            Error::refused(
                format!("งวด '{text}' อ่านไม่ได้ เขียนเช่น 2568-M01, ต.ค. 2567, ไตรมาส 1/2568 หรือ 2568"),
                format!(
                    "period '{text}' is not readable; write e.g. 2568-M01, ต.ค. 2567, ไตรมาส 1/2568 or 2568"
                ),
            )
        };
        if let Some(rest) = t.strip_prefix("ไตรมาส") {
            let (q, y) = rest.trim().split_once('/').ok_or_else(bad)?;
            let year = BeYear::parse(y.trim()).map_err(|_| bad())?;
            return Period::new(
                year,
                Frequency::Quarterly,
                q.trim().parse().map_err(|_| bad())?,
            );
        }
        if let Some(rest) = t.strip_prefix("ปี") {
            let year = BeYear::parse(rest.trim()).map_err(|_| bad())?;
            return Period::new(year, Frequency::Yearly, 1);
        }
        let (month, year) = t.rsplit_once(' ').ok_or_else(bad)?;
        let month = month.trim();
        let m = crate::thai::MONTHS_TH
            .iter()
            .position(|n| *n == month)
            .or_else(|| {
                MONTHS_TH_SHORT
                    .iter()
                    .position(|n| n.trim_end_matches('.') == month.trim_end_matches('.'))
            })
            .ok_or_else(bad)?;
        let be = BeYear::parse(year.trim()).map_err(|_| bad())?;
        let first = NaiveDate::from_ymd_opt(be.ce(), m as u32 + 1, 1).ok_or_else(bad)?;
        let plan_year = basis.year_of(first)?;
        Period::all(plan_year, Frequency::Monthly)
            .into_iter()
            .find(|p| p.bounds(basis).is_ok_and(|(s, e)| s <= first && first <= e))
            .ok_or_else(bad)
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
    fn periods_are_read_as_people_write_them() {
        let fy = YearBasis::FiscalYear;
        let oct = Period::parse_written("ต.ค. 2567", fy).unwrap();
        assert_eq!(oct.key(), "2568-M01", "October 2567 opens fiscal 2568");
        assert_eq!(
            Period::parse_written("มีนาคม ๒๕๖๘", fy).unwrap().key(),
            "2568-M06"
        );
        assert_eq!(
            Period::parse_written("ไตรมาส 2/2568", fy).unwrap().key(),
            "2568-Q2"
        );
        assert_eq!(Period::parse_written("ปี 2569", fy).unwrap().key(), "2569");
        assert_eq!(Period::parse_written("2568-M03", fy).unwrap().index, 3);
        let e = Period::parse_written("เดือนหน้า", fy).unwrap_err();
        assert!(e.to_string_th().contains("อ่านไม่ได้"));
    }

    #[test]
    fn values_are_read_in_the_kpis_kind() {
        use crate::evaluate::ActualValue;
        let n = read_value(ValueKind::Number, "๑,๒๓๔.๕").unwrap();
        assert_eq!(n, ActualValue::Number("1234.5".parse().unwrap()));
        assert!(read_value(ValueKind::Number, "ดี").is_err());
        assert_eq!(
            read_value(ValueKind::Level, "ดีเยี่ยม").unwrap(),
            ActualValue::Level("ดีเยี่ยม".into())
        );
        assert_eq!(
            read_value(ValueKind::Judgement, "บรรลุ").unwrap(),
            ActualValue::Met(true)
        );
        assert!(read_value(ValueKind::Judgement, "อาจจะ").is_err());
        assert!(read_value(ValueKind::Number, "  ").is_err());
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

/// The kind of value a KPI's entries take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A number in the KPI's unit.
    Number,
    /// A level or tier of its scale (or a score on a tier scale).
    Level,
    /// Met or not met: the target is only words.
    Judgement,
}

/// The kind of value `kpi` takes in `year`: from its target that year, else from any year's.
pub fn value_kind(kpi: &crate::kpi::Kpi, year: BeYear) -> ValueKind {
    use crate::kpi::Target;
    let target = kpi
        .target_for(year)
        .filter(|t| **t != Target::None)
        .or_else(|| {
            kpi.targets
                .iter()
                .map(|t| &t.target)
                .find(|t| **t != Target::None)
        });
    match target {
        Some(Target::Level { .. }) | Some(Target::Tier { .. }) => ValueKind::Level,
        Some(Target::Text { .. }) => ValueKind::Judgement,
        _ => ValueKind::Number,
    }
}

/// Reads a value typed or filed for a KPI of `kind`: numbers in Thai or Arabic digits with
/// separators; a level's name or a score; for judgements 'true'/'false', 'บรรลุ'/'ไม่บรรลุ',
/// 'ผ่าน'/'ไม่ผ่าน', 'yes'/'no'. The error says why, in Thai and English.
pub fn read_value(kind: ValueKind, text: &str) -> Result<crate::evaluate::ActualValue> {
    use crate::evaluate::ActualValue;
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::refused("ไม่มีผลที่ได้", "the value is empty"));
    }
    match kind {
        ValueKind::Number => crate::thai::parse_decimal(text)
            .map(ActualValue::Number)
            .map_err(|_| {
                Error::refused(
                    format!("'{text}' ไม่ใช่ตัวเลข ตัวชี้วัดนี้รับผลเป็นตัวเลข เช่น 12.5"),
                    format!("'{text}' is not a number; this KPI takes a number, e.g. 12.5"),
                )
            }),
        ValueKind::Level => Ok(crate::thai::parse_decimal(text)
            .map(ActualValue::Number)
            .unwrap_or_else(|_| ActualValue::Level(text.to_string()))),
        ValueKind::Judgement => match text.to_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "บรรลุ" | "ผ่าน" => {
                Ok(ActualValue::Met(true))
            }
            "false" | "no" | "n" | "0" | "ไม่บรรลุ" | "ไม่ผ่าน" => {
                Ok(ActualValue::Met(false))
            }
            _ => Err(Error::refused(
                format!("'{text}' ไม่ใช่ผลแบบบรรลุ/ไม่บรรลุ"),
                format!("'{text}' is not met / not met (บรรลุ / ไม่บรรลุ)"),
            )),
        },
    }
}
