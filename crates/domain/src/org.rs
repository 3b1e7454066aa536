//! Organizations in their hierarchy (department or federation -> provincial office ->
//! cooperative or farmer group) and the internal units that carry plans out.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ids::OrgCode;

/// What kind of body an organization is; decides where it sits in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// กรมส่งเสริมสหกรณ์ and other government departments.
    Department,
    /// A national federation such as ชสอ. (FSCT).
    Federation,
    /// สำนักงานสหกรณ์จังหวัด.
    ProvincialOffice,
    /// A registered cooperative.
    Cooperative,
    /// กลุ่มเกษตรกร.
    FarmerGroup,
    /// Any other body (a national plan's secretariat, a partner).
    Other,
}

impl OrgKind {
    /// Whether an organization of this kind may sit directly under one of `parent`'s kind.
    pub fn may_sit_under(self, parent: OrgKind) -> bool {
        use OrgKind::*;
        match self {
            Department | Federation | Other => matches!(parent, Department | Other),
            ProvincialOffice => matches!(parent, Department),
            Cooperative | FarmerGroup => {
                matches!(parent, ProvincialOffice | Federation | Department)
            }
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Department => "department",
            OrgKind::Federation => "federation",
            OrgKind::ProvincialOffice => "provincial_office",
            OrgKind::Cooperative => "cooperative",
            OrgKind::FarmerGroup => "farmer_group",
            OrgKind::Other => "other",
        }
    }

    pub fn label_th(self) -> &'static str {
        match self {
            OrgKind::Department => "กรม",
            OrgKind::Federation => "ชุมนุมสหกรณ์",
            OrgKind::ProvincialOffice => "สำนักงานสหกรณ์จังหวัด",
            OrgKind::Cooperative => "สหกรณ์",
            OrgKind::FarmerGroup => "กลุ่มเกษตรกร",
            OrgKind::Other => "หน่วยงานอื่น",
        }
    }
}

/// The seven types of Thai cooperative, by law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoopType {
    /// สหกรณ์การเกษตร
    Agricultural,
    /// สหกรณ์ประมง
    Fisheries,
    /// สหกรณ์นิคม
    LandSettlement,
    /// สหกรณ์ร้านค้า
    Consumer,
    /// สหกรณ์บริการ
    Service,
    /// สหกรณ์ออมทรัพย์
    Savings,
    /// สหกรณ์เครดิตยูเนี่ยน
    CreditUnion,
}

impl CoopType {
    pub const ALL: [CoopType; 7] = [
        CoopType::Agricultural,
        CoopType::Fisheries,
        CoopType::LandSettlement,
        CoopType::Consumer,
        CoopType::Service,
        CoopType::Savings,
        CoopType::CreditUnion,
    ];

    pub fn label_th(self) -> &'static str {
        match self {
            CoopType::Agricultural => "สหกรณ์การเกษตร",
            CoopType::Fisheries => "สหกรณ์ประมง",
            CoopType::LandSettlement => "สหกรณ์นิคม",
            CoopType::Consumer => "สหกรณ์ร้านค้า",
            CoopType::Service => "สหกรณ์บริการ",
            CoopType::Savings => "สหกรณ์ออมทรัพย์",
            CoopType::CreditUnion => "สหกรณ์เครดิตยูเนี่ยน",
        }
    }
}

/// What an internal unit is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// ฝ่าย, กอง, สำนัก, กลุ่ม: a division of staff.
    #[default]
    Division,
    /// คณะกรรมการ: a board or committee.
    Committee,
    /// คณะอนุกรรมการ: a sub-committee.
    Subcommittee,
}

/// A division or committee inside an organization ('ฝ่ายจัดการ', 'คณะกรรมการเงินกู้', 'กพร.').
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OrgUnit {
    /// Short code or abbreviation, unique in its organization ('กพร.', 'mgmt').
    pub code: String,
    pub name_th: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    #[serde(default)]
    pub kind: UnitKind,
}

impl OrgUnit {
    /// Whether `text` (as a plan wrote it) names this unit, by code or name.
    pub fn answers_to(&self, text: &str) -> bool {
        let t = text.trim();
        let bare = |s: &str| s.trim().trim_end_matches('.').to_string();
        bare(t) == bare(&self.code) || t == self.name_th || Some(t) == self.name_en.as_deref()
    }
}

/// A body that owns plans: the department, the federation, a provincial office, a cooperative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Organization {
    pub code: OrgCode,
    pub name_th: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    pub kind: OrgKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coop_type: Option<CoopType>,
    /// The organization above this one (a cooperative's provincial office).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<OrgCode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<OrgUnit>,
}

impl Organization {
    /// The unit that `text` names, if any.
    pub fn find_unit(&self, text: &str) -> Option<&OrgUnit> {
        self.units.iter().find(|u| u.answers_to(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooperatives_sit_under_provincial_offices_not_the_other_way() {
        assert!(OrgKind::Cooperative.may_sit_under(OrgKind::ProvincialOffice));
        assert!(OrgKind::ProvincialOffice.may_sit_under(OrgKind::Department));
        assert!(!OrgKind::ProvincialOffice.may_sit_under(OrgKind::Cooperative));
        assert!(!OrgKind::Department.may_sit_under(OrgKind::Cooperative));
    }

    #[test]
    fn units_answer_to_their_code_with_or_without_the_dot() {
        let u = OrgUnit {
            code: "กพร.".into(),
            name_th: "กองพัฒนาระบบ".into(),
            name_en: None,
            kind: UnitKind::Division,
        };
        assert!(u.answers_to("กพร"));
        assert!(u.answers_to(" กพร. "));
        assert!(!u.answers_to("กพรง."));
    }
}
