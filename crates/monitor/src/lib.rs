//! Monitoring: what each plan's reporters owe (KPI values and project reports past their due
//! date), and reminding them of it — a notification in the app and, where a mail server is
//! configured, an email over SMTP.

pub mod mail;
pub mod owed;
pub mod reminders;

use phaen_domain::{Plan, PlanStatus};

/// Whether the plan is in force, so that progress is reported against it.
pub fn in_force(plan: &Plan) -> bool {
    status_in_force(plan.status)
}

/// Whether a plan in this status is in force (approved or published).
pub fn status_in_force(status: PlanStatus) -> bool {
    matches!(status, PlanStatus::Approved | PlanStatus::Published)
}
