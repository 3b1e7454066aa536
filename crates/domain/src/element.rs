//! The elements of a plan's tree: missions, goals, strategic issues, strategies, guidelines,
//! projects and activities, each with its label as written, its KPIs, and (for projects and
//! activities) objectives, target groups, budgets, responsible units, timelines and results.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::align::AlignmentLink;
use crate::error::{Error, Result};
use crate::ids::{ElementId, KpiId};
use crate::kpi::Kpi;
use crate::money::BudgetLine;
use crate::thai::BeYear;

/// What an element is. The names follow the plans' own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ElementKind {
    /// พันธกิจ
    Mission,
    /// เป้าประสงค์ / เป้าหมาย
    Goal,
    /// ยุทธศาสตร์ (a strategic issue; in a roadmap, the national plan's strategy it groups under)
    StrategicIssue,
    /// กลยุทธ์
    Strategy,
    /// แนวทางการดำเนินงาน
    Guideline,
    /// A heading that groups rows, such as a cooperative type in a roadmap ('ทุกประเภท').
    Group,
    /// แผนงาน / โครงการ
    Project,
    /// กิจกรรม / งาน
    Activity,
}

impl ElementKind {
    pub const ALL: [ElementKind; 8] = [
        ElementKind::Mission,
        ElementKind::Goal,
        ElementKind::StrategicIssue,
        ElementKind::Strategy,
        ElementKind::Guideline,
        ElementKind::Group,
        ElementKind::Project,
        ElementKind::Activity,
    ];

    /// Whether an element of this kind may stand directly under `parent` (`None`: at the top).
    pub fn may_sit_under(self, parent: Option<ElementKind>) -> bool {
        use ElementKind::*;
        let Some(parent) = parent else {
            return self != Activity;
        };
        match self {
            Mission => false,
            Goal => matches!(parent, Mission | StrategicIssue),
            StrategicIssue => matches!(parent, Mission | Goal),
            Strategy => matches!(parent, Mission | Goal | StrategicIssue | Strategy),
            Guideline => matches!(
                parent,
                Mission | Goal | StrategicIssue | Strategy | Guideline
            ),
            Group => matches!(parent, StrategicIssue | Strategy | Goal | Group),
            Project => matches!(
                parent,
                Mission | Goal | StrategicIssue | Strategy | Guideline | Group
            ),
            Activity => matches!(parent, Project | Activity),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ElementKind::Mission => "mission",
            ElementKind::Goal => "goal",
            ElementKind::StrategicIssue => "strategic_issue",
            ElementKind::Strategy => "strategy",
            ElementKind::Guideline => "guideline",
            ElementKind::Group => "group",
            ElementKind::Project => "project",
            ElementKind::Activity => "activity",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        ElementKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::parse("element kind", s, "unknown"))
    }

    pub fn label_th(self) -> &'static str {
        match self {
            ElementKind::Mission => "พันธกิจ",
            ElementKind::Goal => "เป้าประสงค์",
            ElementKind::StrategicIssue => "ยุทธศาสตร์",
            ElementKind::Strategy => "กลยุทธ์",
            ElementKind::Guideline => "แนวทางการดำเนินงาน",
            ElementKind::Group => "กลุ่ม",
            ElementKind::Project => "โครงการ",
            ElementKind::Activity => "กิจกรรม",
        }
    }
}

/// A numbered line of text: an objective, a target group, an expected outcome, a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TextItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub text: String,
}

impl TextItem {
    pub fn plain(text: impl Into<String>) -> TextItem {
        TextItem {
            label: None,
            text: text.into(),
        }
    }
}

/// Main or supporting responsibility (หลัก / สนับสนุน).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResponsibleRole {
    Main,
    Support,
}

/// A unit responsible for an element: resolved to an organization unit where it could be,
/// and always kept as the text the plan wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Responsibility {
    pub role: ResponsibleRole,
    /// As written: 'ฝ่ายจัดการ', 'กตส.', 'สอ.คุรุลพบุรี จก.'.
    pub text: String,
    /// The organization the unit belongs to, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// The code of the organization unit this text resolved to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The three readiness columns of a roadmap row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadinessKind {
    /// ดำเนินการได้ในปี N
    CanRun,
    /// เตรียมทำงบประมาณ/แผนฯ ปี N
    PrepareBudget,
    /// บรรจุไว้ในแผนระดับ 3 / แผนสหกรณ์ / แผนกลยุทธ์ ปี N
    InPlan,
}

impl ReadinessKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReadinessKind::CanRun => "can_run",
            ReadinessKind::PrepareBudget => "prepare_budget",
            ReadinessKind::InPlan => "in_plan",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "can_run" => ReadinessKind::CanRun,
            "prepare_budget" => ReadinessKind::PrepareBudget,
            "in_plan" => ReadinessKind::InPlan,
            other => return Err(Error::parse("readiness kind", other, "unknown")),
        })
    }
}

/// One readiness flag of a roadmap row: ticked (√) or not (-) for a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Readiness {
    pub year: BeYear,
    pub kind: ReadinessKind,
    pub ready: bool,
}

/// The arrows of an activity timeline: ↔ a span inside one period, ← start, → end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimelineMark {
    /// ↔ or a tick: runs in this period.
    Span,
    /// ← starts here and runs on.
    Start,
    /// runs through this period (between a start and an end).
    Continue,
    /// → ends here.
    End,
}

impl TimelineMark {
    pub fn as_str(self) -> &'static str {
        match self {
            TimelineMark::Span => "span",
            TimelineMark::Start => "start",
            TimelineMark::Continue => "continue",
            TimelineMark::End => "end",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "span" => TimelineMark::Span,
            "start" => TimelineMark::Start,
            "continue" => TimelineMark::Continue,
            "end" => TimelineMark::End,
            other => return Err(Error::parse("timeline mark", other, "unknown")),
        })
    }
}

/// When an activity runs: a year, or a quarter of it, with its mark and the cell's words
/// ('๓๘๕ สหกรณ์').
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TimelineEntry {
    pub year: BeYear,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<TimelineMark>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An actual figure reported against an element or one of its KPIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Actual {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<KpiId>,
    pub value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// What has been achieved so far (ผลการดำเนินงาน), as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ProgressResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<BeYear>,
    pub narrative: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actuals: Vec<Actual>,
}

/// A node of the plan's tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Element {
    pub id: ElementId,
    pub kind: ElementKind,
    /// The label as written ('2.1', '๓.๔', 'กลยุทธ์ที่ 2'); the order is the element's place
    /// among its siblings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// For a group: the cooperative type it gathers, as written ('ทุกประเภท').
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coop_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<TextItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_groups: Vec<TextItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expected_outcomes: Vec<TextItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<TextItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<Kpi>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budget: Vec<BudgetLine>,
    /// A total the source states for this element's budget ('รวม'), kept to check the sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_total_stated: Option<crate::money::Baht>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsible: Vec<Responsibility>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readiness: Vec<Readiness>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub results: Vec<ProgressResult>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aligned_to: Vec<AlignmentLink>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Element>,
}

impl Element {
    pub fn new(kind: ElementKind, title: impl Into<String>) -> Element {
        Element {
            id: ElementId::generate(),
            kind,
            label: None,
            title: title.into(),
            description: None,
            coop_type: None,
            objectives: Vec::new(),
            target_groups: Vec::new(),
            expected_outcomes: Vec::new(),
            notes: Vec::new(),
            kpis: Vec::new(),
            budget: Vec::new(),
            budget_total_stated: None,
            responsible: Vec::new(),
            readiness: Vec::new(),
            timeline: Vec::new(),
            results: Vec::new(),
            aligned_to: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Element {
        self.label = Some(label.into());
        self
    }

    /// This element and every element below it, depth first, with each one's parent.
    pub fn walk<'a>(&'a self, parent: Option<&'a Element>, out: &mut Vec<Walked<'a>>) {
        out.push(Walked {
            element: self,
            parent,
        });
        for child in &self.children {
            child.walk(Some(self), out);
        }
    }
}

/// An element met while walking a tree, with its parent.
#[derive(Debug, Clone, Copy)]
pub struct Walked<'a> {
    pub element: &'a Element,
    pub parent: Option<&'a Element>,
}
