//! What the crate's own tests share: an empty draft plan of a test cooperative.

use crate::ids::OrgCode;
use crate::org::{OrgKind, Organization};
use crate::plan::{Period, Plan, PlanKind};
use crate::thai::BeYear;

/// An empty strategic plan for 2568-2570 of cooperative 'T1'.
pub fn plan() -> Plan {
    let owner = Organization {
        code: OrgCode::parse("T1").unwrap(),
        name_th: "สหกรณ์ทดสอบ จำกัด".into(),
        name_en: None,
        kind: OrgKind::Cooperative,
        coop_type: None,
        parent: None,
        units: Vec::new(),
    };
    let period = Period::new(BeYear::new(2568).unwrap(), BeYear::new(2570).unwrap()).unwrap();
    Plan::new(PlanKind::StrategicPlan, "แผนทดสอบ", owner, period)
}
