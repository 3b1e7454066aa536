//! Read pages: the plans a viewer may see, and a plan's overview (facts, vision, SWOT and TOWS,
//! the tree with KPI targets per year, budgets and responsible units).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::access;
use phaen_domain::{OrgCode, PlanId, PlanStatus};
use phaen_store::{OrgStore, PlanStore};

use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::views::{self, PlanRow, PlanView};
use crate::{AppState, cookies};

#[derive(Template, WebTemplate)]
#[template(path = "plans.html")]
struct PlansPage {
    lang: Lang,
    t: &'static Texts,
    user_name: Option<String>,
    csrf: String,
    plans: Vec<PlanRow>,
}

/// A move along the plan's life the viewer may make.
struct Action {
    to: &'static str,
    label: &'static str,
    /// Approval: the form asks for the body, meeting and date.
    approval: bool,
    /// Consultation: the form asks for the dates comments are taken.
    window: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan.html")]
struct PlanPage {
    lang: Lang,
    t: &'static Texts,
    user_name: Option<String>,
    csrf: String,
    plan: PlanView,
    plan_id: String,
    /// The links to the plan's other pages.
    nav: crate::plan_pages::PlanNav,
    version: i64,
    e: &'static crate::edit::EditTexts,
    /// The moves this viewer may make.
    actions: Vec<Action>,
    /// The viewer may change the plan in place (add, edit, reorder, remove).
    can_edit: bool,
    /// The viewer may open a new revision (the plan is approved or later).
    can_revise: bool,
    /// The plan is in member consultation: readers may comment.
    consultation: bool,
    /// The consultation window in words, when one is set.
    window: Option<String>,
    /// Comments are taken today.
    comments_open: bool,
    /// (author, time, text)
    comments: Vec<(String, String, String)>,
}

/// Whether the viewer may read a plan of `org` in `status`.
pub(crate) async fn may_read(
    state: &AppState,
    viewer: &Viewer,
    org: &OrgCode,
    status: phaen_domain::PlanStatus,
) -> Result<bool, AppError> {
    if viewer.user.is_none() {
        return Ok(false);
    }
    let ancestors = state.store.ancestors(org).await?;
    if access::can_read_plan(&viewer.memberships, org, status, &ancestors) {
        return Ok(true);
    }
    let mut above_viewer = Vec::new();
    for m in &viewer.memberships {
        above_viewer.extend(state.store.ancestors(&m.org).await?);
    }
    Ok(access::reads_from_below(&above_viewer, org, status))
}

/// GET /plans.
pub async fn list_plans(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, AppError> {
    if viewer.user.is_none() {
        return Ok(Redirect::to("/signin").into_response());
    }
    let (visible, orgs) = crate::visibility::visible_plans(&state, &viewer).await?;
    let plans = visible
        .into_iter()
        .map(|p| PlanRow {
            id: p.id.to_string(),
            title: p.title,
            kind: views::kind_label(p.kind, viewer.lang),
            org: orgs.name(&p.org),
            period: format!("{} - {}", p.from, p.to),
            status: views::status_label(p.status, viewer.lang),
        })
        .collect();
    Ok(PlansPage {
        lang: viewer.lang,
        t: viewer.lang.t(),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plans,
    }
    .into_response())
}

/// The plan at `id` when the viewer may read it; the same 404 for a plan that is missing and
/// for one the viewer may not see.
pub(crate) async fn readable_plan(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
) -> Result<std::sync::Arc<phaen_domain::Plan>, AppError> {
    let lang = viewer.lang;
    let id = PlanId::parse(id).map_err(|_| AppError::NotFound(lang))?;
    let plan = match state.store.load_plan_shared(&id).await {
        Ok(p) => p,
        Err(phaen_store::Error::NotFound { .. }) => return Err(AppError::NotFound(lang)),
        Err(e) => return Err(e.into()),
    };
    if !may_read(state, viewer, &plan.owner.code, plan.status).await? {
        return Err(AppError::NotFound(lang));
    }
    Ok(plan)
}

/// GET /plans/{id}: the overview, or the same 404 for a plan that is missing and for one the
/// viewer may not see.
pub async fn show_plan(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let plan = readable_plan(&state, &viewer, &id).await?;
    let actions = PlanStatus::ALL
        .into_iter()
        .filter(|to| access::can_move(&viewer.memberships, &plan.owner.code, plan.status, *to))
        .map(|to| Action {
            to: to.as_str(),
            label: views::status_label(to, lang),
            approval: to == PlanStatus::Approved,
            window: to == PlanStatus::Consultation,
        })
        .collect();
    let writer = access::can_write_plan(&viewer.memberships, &plan.owner.code);
    let window = if plan.status == PlanStatus::Consultation {
        state.store.consultation_window(&plan.id).await?
    } else {
        None
    };
    let today = phaen_store::today_in_bangkok();
    Ok(PlanPage {
        lang,
        t: lang.t(),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan: views::plan_view(&plan, lang),
        plan_id: plan.id.to_string(),
        nav: crate::plan_pages::PlanNav::new(&plan, lang, crate::plan_pages::Current::Overview),
        version: state.store.plan_version(&plan.id).await?,
        e: crate::edit::edit_texts(lang),
        actions,
        can_edit: writer && plan.status.takes_edits(),
        can_revise: writer && !plan.status.takes_edits(),
        consultation: plan.status == PlanStatus::Consultation,
        window: window.map(|w| {
            format!(
                "{} - {}",
                phaen_domain::thai::format_long_date(w.opens),
                phaen_domain::thai::format_long_date(w.closes)
            )
        }),
        comments_open: plan.status == PlanStatus::Consultation
            && window.is_none_or(|w| w.is_open_on(today)),
        comments: state
            .store
            .comments(&plan.id)
            .await?
            .into_iter()
            .map(|c| (c.author_name, crate::audit::bangkok(c.created_at), c.body))
            .collect(),
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// GET /lang/{th|en}: remembers the language and goes back (only to a path on this site).
pub async fn set_lang(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> Result<Response, AppError> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound(Lang::default()))?;
    let next = q
        .next
        .filter(|n| n.starts_with('/') && !n.starts_with("//"))
        .unwrap_or_else(|| "/plans".into());
    let cookie = cookies::set(
        "lang",
        lang.code(),
        Some(365 * 24 * 3600),
        state.secure_cookies,
    );
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&next)).into_response())
}

/// GET /healthz: the process answers and its database does.
pub async fn healthz(State(state): State<AppState>) -> Response {
    match phaen_store::migrate::current_version(state.store.pool()).await {
        Ok(v) => format!("ok schema={v}\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unavailable\n",
            )
                .into_response()
        }
    }
}

/// GET /static/phaen.css, served from the binary.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/phaen.css"),
    )
        .into_response()
}

/// What every form that changes a plan checks first: a genuine form from a signed-in user,
/// about a plan they may read. Returns the plan and the store acting as that user, so the
/// audit log names them.
pub(crate) async fn plan_for_change(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    viewer: &Viewer,
    id: &str,
    csrf: &str,
) -> Result<(phaen_domain::Plan, phaen_store::Store), AppError> {
    if !crate::auth::form_is_genuine(headers, csrf, viewer) {
        return Err(AppError::Forbidden(viewer.lang));
    }
    plan_as_caller(state, viewer, id).await
}

/// The plan at `id` when the signed-in viewer may read it (else the same 404 as a missing
/// plan), and the store acting as them. Forms check the form's token first; the API its own
/// rule ([`crate::auth::api_write_is_genuine`]).
pub(crate) async fn plan_as_caller(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
) -> Result<(phaen_domain::Plan, phaen_store::Store), AppError> {
    let Some(user) = &viewer.user else {
        return Err(AppError::NotFound(viewer.lang));
    };
    let plan = std::sync::Arc::unwrap_or_clone(readable_plan(state, viewer, id).await?);
    let store = state.store.acting_as(phaen_store::audit::Actor {
        id: user.id.clone(),
        name: user.display_name.clone(),
    });
    Ok((plan, store))
}

#[derive(Deserialize)]
pub struct StatusForm {
    csrf: String,
    version: i64,
    to: String,
    body: Option<String>,
    meeting: Option<String>,
    date: Option<String>,
    opens: Option<String>,
    closes: Option<String>,
}

/// POST /plans/{id}/status: moves the plan along its life, as the signed-in user.
pub async fn change_status(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<StatusForm>,
) -> Result<Response, AppError> {
    let (plan, store) = plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    let change = crate::edit::status::StatusChange {
        to: &form.to,
        body: form.body.as_deref(),
        meeting: form.meeting.as_deref(),
        date: form.date.as_deref(),
        opens: form.opens.as_deref(),
        closes: form.closes.as_deref(),
    };
    crate::edit::status::change_status(&store, &viewer, &plan, &change, form.version).await?;
    Ok(Redirect::to(&format!("/plans/{}", plan.id)).into_response())
}

#[derive(Deserialize)]
pub struct CommentForm {
    csrf: String,
    body: String,
}

/// POST /plans/{id}/comments: a reader's comment during member consultation.
pub async fn add_comment(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<CommentForm>,
) -> Result<Response, AppError> {
    let (plan, store) = plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    crate::edit::status::comment(&store, &plan, &form.body).await?;
    Ok(Redirect::to(&format!("/plans/{}#comments", plan.id)).into_response())
}
