//! Alignment: a project, guideline or KPI answers an element of another plan
//! ('ตอบตัวชี้วัดที่ 1 ภายใต้แนวทางที่ 5' of the national cooperative development plan).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The kind of element a link points at in the other plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlignKind {
    Kpi,
    Guideline,
    Strategy,
    StrategicIssue,
    Goal,
    Mission,
    Project,
}

impl AlignKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AlignKind::Kpi => "kpi",
            AlignKind::Guideline => "guideline",
            AlignKind::Strategy => "strategy",
            AlignKind::StrategicIssue => "strategic_issue",
            AlignKind::Goal => "goal",
            AlignKind::Mission => "mission",
            AlignKind::Project => "project",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "kpi" => AlignKind::Kpi,
            "guideline" => AlignKind::Guideline,
            "strategy" => AlignKind::Strategy,
            "strategic_issue" => AlignKind::StrategicIssue,
            "goal" => AlignKind::Goal,
            "mission" => AlignKind::Mission,
            "project" => AlignKind::Project,
            other => return Err(Error::parse("alignment target kind", other, "unknown")),
        })
    }
}

/// One element of another plan that this element or KPI serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AlignmentLink {
    /// The other plan: a stored plan's id, or its name when it is not in Phaen
    /// ('แผนพัฒนาการสหกรณ์ ฉบับที่ 5').
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    pub kind: AlignKind,
    /// The element's label in the other plan ('1', '5').
    pub label: String,
    /// The label of the element that scopes it ('ยุทธศาสตร์ชาติที่ 1').
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The id of the element or KPI when the other plan is stored and the label resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    /// The alignment cell as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
}
