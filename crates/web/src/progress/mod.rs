//! Progress reporting in the web app: the plan's follow-up page for a year (every KPI's
//! reported periods, its evaluation, and the scores rolled up to the elements and the plan),
//! and the entry form with its life (save, submit, approve, return with a reason, reopen).

pub mod entry;
pub mod page;
pub mod setup;
pub mod texts;

use phaen_domain::access;
use phaen_domain::{Kpi, Plan, PlanStatus};

use crate::auth::Viewer;

/// Whether the plan is in force, so that progress is reported against it.
pub fn in_force(plan: &Plan) -> bool {
    matches!(plan.status, PlanStatus::Approved | PlanStatus::Published)
}

/// Whether the viewer reports progress for the plan (its editors and admins).
pub fn may_report(viewer: &Viewer, plan: &Plan) -> bool {
    access::can_write_plan(&viewer.memberships, &plan.owner.code)
}

/// Whether the viewer approves, returns and reopens progress (the board and admins).
pub fn may_decide(viewer: &Viewer, plan: &Plan) -> bool {
    access::can_approve(&viewer.memberships, &plan.owner.code)
}

/// The kind of value a KPI's entries take, from its target that year or any year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Number,
    Level,
    Judgement,
}

pub fn value_kind(kpi: &Kpi, year: phaen_domain::BeYear) -> ValueKind {
    use phaen_domain::Target;
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
