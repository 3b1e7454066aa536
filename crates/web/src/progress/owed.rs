//! GET /plans/{id}/progress/owed: the data-entry status page for the plan's manager — every
//! KPI and project period whose data fell due and has not been sent, who owes it (the
//! reporting unit or person) and since when, oldest first — and the button that sends the
//! reminders now (in the app, and by email where a mail server is configured).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Redirect;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use phaen_domain::thai::format_long_date;
use phaen_monitor::owed::{entry_link, plan_owed, subject_name};

use super::texts::{ProgressTexts, progress_texts};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

pub struct OwedRow {
    pub kpi: String,
    pub owner: String,
    pub period: String,
    pub due: String,
    pub days: i64,
    pub state: &'static str,
    pub link: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "progress_owed.html")]
struct OwedPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    today: String,
    window: u32,
    rows: Vec<OwedRow>,
    /// Whether the viewer may send the reminders now.
    can_remind: bool,
    /// What the last 'send reminders now' did, when the page follows one.
    sent: Option<String>,
}

/// GET /plans/{id}/progress/owed
pub async fn owed_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<SentQuery>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let plan = crate::pages::readable_plan(&state, &viewer, &id).await?;
    if !super::may_report(&viewer, &plan) && !super::may_decide(&viewer, &plan) {
        return Err(AppError::Denied(lang));
    }
    let today = phaen_store::today_in_bangkok();
    let owed = plan_owed(&state.store, &plan, today).await?;
    let p = progress_texts(lang);
    let mut rows = Vec::with_capacity(owed.items.len());
    for o in &owed.items {
        let owner = [
            owed.owner(&o.subject).map(|r| r.display_name.as_str()),
            owed.owner_unit(&o.subject),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        rows.push(OwedRow {
            kpi: subject_name(&plan, &o.subject),
            owner,
            period: o.period.label_th(plan.year_basis),
            due: format_long_date(o.due),
            days: (today - o.due).num_days(),
            state: match o.state {
                None => p.not_entered,
                Some(s) => super::page::state_label(s, lang),
            },
            link: entry_link(&plan, o),
        });
    }
    let window = owed.window;
    Ok(OwedPage {
        lang,
        t: lang.t(),
        p,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        today: format_long_date(today),
        window,
        rows,
        can_remind: super::in_force(&plan),
        sent: q.notified.map(|n| {
            let (e, f) = (q.emailed.unwrap_or(0), q.failed.unwrap_or(0));
            match lang {
                Lang::Th => format!(
                    "ส่งการแจ้งเตือนแล้ว: แจ้งในระบบ {n} รายการ ส่งอีเมล {e} ฉบับ ส่งไม่สำเร็จ {f} ฉบับ (ผู้ที่ได้รับแจ้งแล้ววันนี้จะไม่ได้รับซ้ำ)"
                ),
                Lang::En => format!(
                    "Reminders sent: {n} in the app, {e} by email, {f} failed (who was reminded today is not reminded again)"
                ),
            }
        }),
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct SentQuery {
    notified: Option<usize>,
    emailed: Option<usize>,
    failed: Option<usize>,
}

#[derive(Deserialize)]
pub struct RemindForm {
    csrf: String,
}

/// POST /plans/{id}/progress/owed/remind: raises today's reminders for this plan now (one per
/// person and day, as the daily run does) and emails them when a mail server is configured.
pub async fn remind_now(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<RemindForm>,
) -> Result<Response, AppError> {
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    if !super::may_report(&viewer, &plan) && !super::may_decide(&viewer, &plan) {
        return Err(AppError::Denied(viewer.lang));
    }
    let run = phaen_monitor::reminders::remind(
        &store,
        state.mailer.as_ref(),
        state.public_url.as_deref(),
        phaen_store::today_in_bangkok(),
        phaen_monitor::reminders::Scope::Plan(plan.id.clone()),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/plans/{}/progress/owed?notified={}&emailed={}&failed={}",
        plan.id,
        run.notified,
        run.emailed,
        run.failures.len()
    ))
    .into_response())
}
