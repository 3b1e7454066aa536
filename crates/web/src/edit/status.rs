//! Moving a plan along its life (draft, consultation, approved, published, closed) and readers'
//! comments during member consultation: the rules the plan page's forms and the JSON API share.

use chrono::NaiveDate;

use phaen_domain::{Approval, Plan, PlanStatus, access};
use phaen_store::comments::Comment;
use phaen_store::{PlanStore, Step, Store};

use crate::auth::Viewer;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;

/// A move asked for, as typed: the status to go to, and what that move records.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StatusChange<'a> {
    pub to: &'a str,
    /// To approve: the approving body, the meeting and the date.
    pub body: Option<&'a str>,
    pub meeting: Option<&'a str>,
    pub date: Option<&'a str>,
    /// To open member consultation: the first and last day comments are taken.
    pub opens: Option<&'a str>,
    pub closes: Option<&'a str>,
}

/// A date as typed: Thai long form ('18 ธันวาคม 2567'), or ISO ('2024-12-18', what a browser's
/// date field sends); else a problem naming the field.
pub(crate) fn typed_date(
    lang: Lang,
    field: &'static str,
    (what_th, what_en): (&str, &str),
    text: &str,
) -> Result<NaiveDate, AppError> {
    let text = text.trim();
    phaen_domain::thai::parse_thai_date(text)
        .ok()
        .or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .ok_or_else(|| {
            Problem::new(
                field,
                format!("{what_th} '{text}' อ่านไม่ได้ ใช้รูปแบบ 18 ธันวาคม 2567 หรือ 2024-12-18"),
                format!("{what_en} '{text}' is not a date: write 18 ธันวาคม 2567 or 2024-12-18"),
            )
            .into_error(lang)
        })
}

/// Moves `plan` as `change` asks, as the user `store` acts for, when the viewer may make that
/// move (else 403) and the plan is still at `version` (else a conflict). Returns the new
/// version.
pub(crate) async fn change_status(
    store: &Store,
    viewer: &Viewer,
    plan: &Plan,
    change: &StatusChange<'_>,
    version: i64,
) -> Result<i64, AppError> {
    let lang = viewer.lang;
    let to = PlanStatus::parse(change.to.trim()).map_err(|_| {
        let all = PlanStatus::ALL.map(|s| s.as_str()).join(", ");
        Problem::new(
            "to",
            format!("'{}' ไม่ใช่สถานะของแผน (ใช้ได้: {all})", change.to),
            format!("'{}' is not a plan status (one of {all})", change.to),
        )
        .into_error(lang)
    })?;
    if !access::can_move(&viewer.memberships, &plan.owner.code, plan.status, to) {
        return Err(AppError::Denied(lang));
    }
    let mut step = Step::default();
    if to == PlanStatus::Approved {
        let body = change.body.map(str::trim).unwrap_or_default();
        if !body.is_empty() {
            let date = typed_date(
                lang,
                "date",
                ("วันที่อนุมัติ", "the approval date"),
                change.date.unwrap_or_default(),
            )?;
            step.approval = Some(Approval {
                body: body.to_string(),
                meeting: change
                    .meeting
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(str::to_string),
                date: Some(date),
                written: None,
            });
        }
    }
    if to == PlanStatus::Consultation {
        let opens = typed_date(
            lang,
            "opens",
            ("วันเปิดรับความคิดเห็น", "the opening date"),
            change.opens.unwrap_or_default(),
        )?;
        let closes = typed_date(
            lang,
            "closes",
            ("วันปิดรับความคิดเห็น", "the closing date"),
            change.closes.unwrap_or_default(),
        )?;
        step.window = Some(phaen_store::ConsultationWindow::new(opens, closes)?);
    }
    Ok(store.transition_plan(&plan.id, to, step, version).await?)
}

/// Adds a comment to `plan` as the user `store` acts for; the store takes it only while the
/// plan is in consultation and its window is open.
pub(crate) async fn comment(store: &Store, plan: &Plan, body: &str) -> Result<Comment, AppError> {
    let actor = store.actor().clone();
    Ok(store
        .add_comment(&plan.id, &actor.id, &actor.name, body)
        .await?)
}
