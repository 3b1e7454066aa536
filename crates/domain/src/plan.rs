//! A plan: its kind, owner, period in Buddhist-Era years, year basis, revision, status and
//! approval, and everything it holds.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::element::{Element, Walked};
use crate::error::{Error, Result};
use crate::ids::PlanId;
use crate::kpi::Kpi;
use crate::org::Organization;
use crate::swot::{Perspective, SwotItem, SwotSummaryItem, TowsQuadrant};
use crate::thai::BeYear;

/// The version tag of the canonical JSON form.
pub const FORMAT: &str = "phaen-plan/1";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// แผนกลยุทธ์
    StrategicPlan,
    /// แผนพัฒนา
    DevelopmentPlan,
    /// แผนปฏิบัติการ
    ActionPlan,
    /// Road Map
    Roadmap,
}

impl PlanKind {
    pub const ALL: [PlanKind; 4] = [
        PlanKind::StrategicPlan,
        PlanKind::DevelopmentPlan,
        PlanKind::ActionPlan,
        PlanKind::Roadmap,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::StrategicPlan => "strategic_plan",
            PlanKind::DevelopmentPlan => "development_plan",
            PlanKind::ActionPlan => "action_plan",
            PlanKind::Roadmap => "roadmap",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        PlanKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::parse("plan kind", s, "unknown"))
    }

    pub fn label_th(self) -> &'static str {
        match self {
            PlanKind::StrategicPlan => "แผนกลยุทธ์",
            PlanKind::DevelopmentPlan => "แผนพัฒนา",
            PlanKind::ActionPlan => "แผนปฏิบัติการ",
            PlanKind::Roadmap => "Road Map",
        }
    }
}

/// The years a plan covers, both included, in the Buddhist Era.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    pub from: BeYear,
    pub to: BeYear,
}

impl Period {
    pub fn new(from: BeYear, to: BeYear) -> Result<Period> {
        if from > to {
            return Err(Error::parse(
                "plan period",
                format!("{from}-{to}"),
                "ends before it starts",
            ));
        }
        Ok(Period { from, to })
    }

    pub fn contains(self, year: BeYear) -> bool {
        self.from <= year && year <= self.to
    }

    pub fn years(self) -> impl Iterator<Item = BeYear> {
        (self.from.get()..=self.to.get()).filter_map(|y| BeYear::new(y).ok())
    }
}

/// What 'the year 2568' means for this plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum YearBasis {
    /// ปีงบประมาณ: 1 October to 30 September, named by the later year.
    FiscalYear,
    /// ปีบัญชี: the cooperative's own accounting year, named by the year it ends in.
    AccountingYear { end_month: u8, end_day: u8 },
    /// January to December.
    CalendarYear,
}

impl YearBasis {
    /// The first and last day of `year` on this basis.
    pub fn bounds(self, year: BeYear) -> Result<(NaiveDate, NaiveDate)> {
        let ce = year.ce();
        let bad = || Error::parse("year basis", format!("{self:?}"), "no such date");
        match self {
            YearBasis::CalendarYear => Ok((
                NaiveDate::from_ymd_opt(ce, 1, 1).ok_or_else(bad)?,
                NaiveDate::from_ymd_opt(ce, 12, 31).ok_or_else(bad)?,
            )),
            YearBasis::FiscalYear => Ok((
                NaiveDate::from_ymd_opt(ce - 1, 10, 1).ok_or_else(bad)?,
                NaiveDate::from_ymd_opt(ce, 9, 30).ok_or_else(bad)?,
            )),
            YearBasis::AccountingYear { end_month, end_day } => {
                let end = last_valid_day(ce, end_month, end_day).ok_or_else(bad)?;
                let prev_end = last_valid_day(ce - 1, end_month, end_day).ok_or_else(bad)?;
                Ok((prev_end.succ_opt().ok_or_else(bad)?, end))
            }
        }
    }

    /// The year, on this basis, that `date` falls in.
    pub fn year_of(self, date: NaiveDate) -> Result<BeYear> {
        let guess = BeYear::from_ce(chrono::Datelike::year(&date))?;
        for candidate in [guess, guess.next()] {
            let (start, end) = self.bounds(candidate)?;
            if start <= date && date <= end {
                return Ok(candidate);
            }
        }
        Err(Error::parse("date", date.to_string(), "outside any year"))
    }
}

fn last_valid_day(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    (1..=u32::from(day))
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, u32::from(month), d))
}

/// Where a plan stands in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Draft,
    /// ประชาพิจารณ์: members may comment.
    Consultation,
    Approved,
    Published,
    Closed,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 5] = [
        PlanStatus::Draft,
        PlanStatus::Consultation,
        PlanStatus::Approved,
        PlanStatus::Published,
        PlanStatus::Closed,
    ];

    /// The moves a plan may make: forward one step, consultation back to draft, or from
    /// approval back to consultation when the meeting sends it back.
    pub fn may_move_to(self, next: PlanStatus) -> bool {
        use PlanStatus::*;
        matches!(
            (self, next),
            (Draft, Consultation)
                | (Draft, Approved)
                | (Consultation, Draft)
                | (Consultation, Approved)
                | (Approved, Published)
                | (Published, Closed)
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Consultation => "consultation",
            PlanStatus::Approved => "approved",
            PlanStatus::Published => "published",
            PlanStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        PlanStatus::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::parse("plan status", s, "unknown"))
    }

    pub fn label_th(self) -> &'static str {
        match self {
            PlanStatus::Draft => "ร่าง",
            PlanStatus::Consultation => "ประชาพิจารณ์",
            PlanStatus::Approved => "อนุมัติแล้ว",
            PlanStatus::Published => "เผยแพร่แล้ว",
            PlanStatus::Closed => "ปิดแผน",
        }
    }

    /// Whether the plan may be changed in place: while a draft and during member consultation.
    /// Later it changes only through a new revision.
    pub fn takes_edits(self) -> bool {
        matches!(self, PlanStatus::Draft | PlanStatus::Consultation)
    }

    /// Whether this status needs an approval record.
    pub fn needs_approval(self) -> bool {
        self >= PlanStatus::Approved
    }
}

/// Who approved the plan, at which meeting, when ('ที่ประชุมใหญ่สามัญประจำปี 2567 เมื่อวันที่
/// 18 ธันวาคม 2567').
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Approval {
    /// 'ที่ประชุมใหญ่สามัญประจำปี 2567', 'คณะกรรมการดำเนินการ ชุดที่ 44'.
    pub body: String,
    /// 'ครั้งที่ 15'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The approval note as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

/// The revision of a plan ('ครั้งที่ 2').
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Revision {
    pub number: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}

/// A plan this one carries out, by id when stored in Phaen, always by title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlanReference {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PlanId>,
    pub title: String,
}

/// A section of running text (บทนำ, หลักการและเหตุผล, วัตถุประสงค์ ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    pub heading: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
}

/// A whole plan, in the canonical form `phaen export --format json` writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Plan {
    /// Always "phaen-plan/1".
    pub format: String,
    pub id: PlanId,
    pub kind: PlanKind,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub owner: Organization,
    pub period: Period,
    pub year_basis: YearBasis,
    /// 'ฉบับที่ 5'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
    /// ข้อมูล ณ วันที่.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    pub status: PlanStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// The higher plan this one carries out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_plan: Option<PlanReference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub swot: Vec<SwotItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub swot_summary: Vec<SwotSummaryItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tows: Vec<TowsQuadrant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub perspectives: Vec<Perspective>,
    /// KPIs of the plan as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<Kpi>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<Element>,
}

impl Plan {
    /// An empty draft plan.
    pub fn new(
        kind: PlanKind,
        title: impl Into<String>,
        owner: Organization,
        period: Period,
    ) -> Plan {
        Plan {
            format: FORMAT.to_string(),
            id: PlanId::generate(),
            kind,
            title: title.into(),
            title_en: None,
            owner,
            period,
            year_basis: YearBasis::FiscalYear,
            edition: None,
            revision: None,
            as_of: None,
            status: PlanStatus::Draft,
            approval: None,
            parent_plan: None,
            vision: None,
            sections: Vec::new(),
            swot: Vec::new(),
            swot_summary: Vec::new(),
            tows: Vec::new(),
            perspectives: Vec::new(),
            kpis: Vec::new(),
            elements: Vec::new(),
        }
    }

    /// Every element of the tree, depth first, with its parent.
    pub fn walk(&self) -> Vec<Walked<'_>> {
        let mut out = Vec::new();
        for e in &self.elements {
            e.walk(None, &mut out);
        }
        out
    }

    /// The plan's projects (elements of kind project), in the tree's order.
    pub fn projects(&self) -> Vec<&Element> {
        self.walk()
            .into_iter()
            .map(|w| w.element)
            .filter(|e| e.kind == crate::element::ElementKind::Project)
            .collect()
    }

    /// Every KPI of the plan, at every level, with the element it belongs to.
    pub fn all_kpis(&self) -> Vec<(Option<&Element>, &Kpi)> {
        let mut out: Vec<(Option<&Element>, &Kpi)> = self.kpis.iter().map(|k| (None, k)).collect();
        for w in self.walk() {
            out.extend(w.element.kpis.iter().map(|k| (Some(w.element), k)));
        }
        out
    }

    /// Parses the canonical JSON form and checks the model rules.
    pub fn from_json(text: &str) -> Result<Plan> {
        let plan: Plan = serde_json::from_str(text).map_err(|e| {
            Error::parse(
                "plan JSON",
                format!("line {}, column {}", e.line(), e.column()),
                e.to_string(),
            )
        })?;
        if plan.format != FORMAT {
            return Err(Error::parse(
                "plan JSON",
                plan.format,
                format!("format must be \"{FORMAT}\""),
            ));
        }
        plan.check()?;
        Ok(plan)
    }

    /// The canonical JSON form, pretty-printed with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a plan always serializes");
        s.push('\n');
        s
    }

    /// Checks every model rule; the error lists each broken rule with where it is.
    pub fn check(&self) -> Result<()> {
        let problems = crate::rules::check(self);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Rules(problems))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(n: u16) -> BeYear {
        BeYear::new(n).unwrap()
    }

    #[test]
    fn fiscal_year_2565_runs_from_october_2564() {
        let (start, end) = YearBasis::FiscalYear.bounds(y(2565)).unwrap();
        assert_eq!(start, NaiveDate::from_ymd_opt(2021, 10, 1).unwrap());
        assert_eq!(end, NaiveDate::from_ymd_opt(2022, 9, 30).unwrap());
        let nov = NaiveDate::from_ymd_opt(2021, 11, 5).unwrap();
        assert_eq!(YearBasis::FiscalYear.year_of(nov).unwrap(), y(2565));
    }

    #[test]
    fn an_accounting_year_ends_on_the_cooperatives_own_day() {
        let basis = YearBasis::AccountingYear {
            end_month: 10,
            end_day: 31,
        };
        let (start, end) = basis.bounds(y(2568)).unwrap();
        assert_eq!(start, NaiveDate::from_ymd_opt(2024, 11, 1).unwrap());
        assert_eq!(end, NaiveDate::from_ymd_opt(2025, 10, 31).unwrap());
        let feb = YearBasis::AccountingYear {
            end_month: 2,
            end_day: 29,
        };
        let (_, end) = feb.bounds(y(2568)).unwrap();
        assert_eq!(end, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
    }

    #[test]
    fn a_plan_moves_forward_one_step_at_a_time() {
        use PlanStatus::*;
        assert!(Draft.may_move_to(Consultation));
        assert!(Approved.may_move_to(Published));
        assert!(!Draft.may_move_to(Published));
        assert!(!Published.may_move_to(Draft));
        assert!(!Closed.may_move_to(Published));
        assert!(Published.needs_approval() && !Consultation.needs_approval());
    }

    #[test]
    fn a_period_cannot_end_before_it_starts() {
        assert!(Period::new(y(2570), y(2568)).is_err());
        let p = Period::new(y(2568), y(2570)).unwrap();
        assert_eq!(p.years().count(), 3);
        assert!(p.contains(y(2569)) && !p.contains(y(2571)));
    }
}
