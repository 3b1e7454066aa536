//! The situation analysis: SWOT items with their codes (S1 ... T6), the TOWS matrix whose
//! quadrants (SO, WO, ST, WT) yield missions, and balanced-scorecard perspectives.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::ElementId;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum SwotKind {
    /// จุดแข็ง
    S,
    /// จุดอ่อน
    W,
    /// โอกาส
    O,
    /// อุปสรรค
    T,
}

impl SwotKind {
    pub const ALL: [SwotKind; 4] = [SwotKind::S, SwotKind::W, SwotKind::O, SwotKind::T];

    pub fn letter(self) -> char {
        match self {
            SwotKind::S => 'S',
            SwotKind::W => 'W',
            SwotKind::O => 'O',
            SwotKind::T => 'T',
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "S" => SwotKind::S,
            "W" => SwotKind::W,
            "O" => SwotKind::O,
            "T" => SwotKind::T,
            other => return Err(Error::parse("SWOT kind", other, "expected S, W, O or T")),
        })
    }

    pub fn label_th(self) -> &'static str {
        match self {
            SwotKind::S => "จุดแข็ง",
            SwotKind::W => "จุดอ่อน",
            SwotKind::O => "โอกาส",
            SwotKind::T => "อุปสรรค",
        }
    }
}

/// One coded item of the SWOT analysis ('S1 คณะกรรมการ...').
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SwotItem {
    pub kind: SwotKind,
    /// 'S1', 'T6'; absent when the plan did not number it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub text: String,
}

/// One line of the summarised analysis (ผลการวิเคราะห์สภาพแวดล้อม), the key points the TOWS
/// matrix works from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SwotSummaryItem {
    pub kind: SwotKind,
    pub text: String,
}

/// The four TOWS quadrants.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum TowsType {
    /// S+O: matching approach
    SO,
    /// W+O: off-set approach
    WO,
    /// S+T: covering approach
    ST,
    /// W+T: mitigation approach
    WT,
}

impl TowsType {
    pub const ALL: [TowsType; 4] = [TowsType::SO, TowsType::WO, TowsType::ST, TowsType::WT];

    pub fn as_str(self) -> &'static str {
        match self {
            TowsType::SO => "SO",
            TowsType::WO => "WO",
            TowsType::ST => "ST",
            TowsType::WT => "WT",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        TowsType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| Error::parse("TOWS quadrant", s, "expected SO, WO, ST or WT"))
    }

    /// The usual English name of the approach.
    pub fn approach_en(self) -> &'static str {
        match self {
            TowsType::SO => "Matching approach",
            TowsType::WO => "Off-set approach",
            TowsType::ST => "Covering approach",
            TowsType::WT => "Mitigation approach",
        }
    }
}

/// A quadrant of the TOWS matrix: its approach, the strategies it proposes, the SWOT codes it
/// draws on and the missions it yields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TowsQuadrant {
    pub quadrant: TowsType,
    /// The approach as the plan names it ('Matching approach').
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approach: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub swot_codes: Vec<String>,
    /// Missions of this plan the quadrant yields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missions: Vec<ElementId>,
}

/// A balanced-scorecard perspective (มุมมอง) and the missions and goals placed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Perspective {
    /// A stable key: 'financial', 'member', 'internal_process', 'learning_growth', 'social'.
    pub key: String,
    pub name_th: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<ElementId>,
}
