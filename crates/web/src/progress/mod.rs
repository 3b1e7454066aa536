//! Progress reporting in the web app: the plan's follow-up page for a year (every KPI's
//! reported periods, its evaluation, and the scores rolled up to the elements and the plan),
//! and the entry form with its life (save, submit, approve, return with a reason, reopen).

pub mod actions;
pub mod entry;
pub mod evidence;
pub mod owed;
pub mod page;
pub mod project;
pub mod project_entry;
pub mod project_texts;
pub mod setup;
pub mod texts;

use phaen_domain::Plan;
use phaen_domain::access;
use phaen_domain::progress::EntryState;

use crate::auth::Viewer;

/// Whether the plan is in force, so that progress is reported against it.
pub fn in_force(plan: &Plan) -> bool {
    phaen_monitor::in_force(plan)
}

/// Whether the viewer reports progress for the plan (its editors and admins).
pub fn may_report(viewer: &Viewer, plan: &Plan) -> bool {
    access::can_write_plan(&viewer.memberships, &plan.owner.code)
}

/// Whether the viewer approves, returns and reopens progress (the board and admins).
pub fn may_decide(viewer: &Viewer, plan: &Plan) -> bool {
    access::can_approve(&viewer.memberships, &plan.owner.code)
}

pub use phaen_domain::progress::{ValueKind, value_kind};

/// Whether the viewer may move an entry of `plan` to `to`: submitting is for those who report,
/// approving, returning and reopening for those who decide.
pub fn may_move(viewer: &Viewer, plan: &Plan, to: EntryState) -> bool {
    match to {
        EntryState::Submitted => may_report(viewer, plan),
        _ => may_decide(viewer, plan),
    }
}

/// The moves an entry form offers for an entry in `state`: (state code, button label, needs a
/// reason). Only those who decide get any.
pub fn moves_offered(
    state: Option<EntryState>,
    decide: bool,
    p: &texts::ProgressTexts,
) -> Vec<(&'static str, &'static str, bool)> {
    match state {
        Some(EntryState::Submitted) if decide => vec![
            ("approved", p.approve, false),
            ("returned", p.give_back, true),
        ],
        Some(EntryState::Approved) if decide => vec![("draft", p.reopen, true)],
        _ => Vec::new(),
    }
}

/// A failed save as an entry form shows it: 409 for a stale form, 400 for a refusal, with the
/// message in the viewer's language; the error page when the failure is not the user's to fix.
pub fn save_failure(
    lang: crate::i18n::Lang,
    e: phaen_store::Error,
) -> Result<(axum::http::StatusCode, String), crate::error::AppError> {
    let status = match e {
        phaen_store::Error::Conflict { .. } => axum::http::StatusCode::CONFLICT,
        _ => axum::http::StatusCode::BAD_REQUEST,
    };
    let e = crate::error::AppError::Store(e);
    crate::edit::form_message(lang, &e)
        .map(|m| (status, m))
        .ok_or(e)
}

/// What the domain refused, in the viewer's language.
pub fn refusal(lang: crate::i18n::Lang, e: phaen_domain::Error) -> String {
    let e = crate::error::AppError::Store(phaen_store::Error::Domain(e));
    crate::edit::form_message(lang, &e).unwrap_or_default()
}
