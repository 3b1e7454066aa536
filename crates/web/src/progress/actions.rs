//! Corrective actions for a KPI that missed its target in a year: a form for what will be done,
//! who owns it and by when (a date in Thai long form or from the date picker), and marking one
//! done. Reported by the plan's editors; listed on the follow-up page and in the annual report.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::{BeYear, KpiId, edit};

use super::texts::{ProgressTexts, progress_texts};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

#[derive(Template, WebTemplate)]
#[template(path = "corrective_action.html")]
struct ActionPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    kpi_name: String,
    year: u16,
    action_url: String,
    action: String,
    owner: String,
    due: String,
    problems: Vec<String>,
}

struct Target {
    plan: phaen_domain::Plan,
    kpi: KpiId,
    year: BeYear,
}

/// For the form page: the plan read for the viewer, then as [`target_of`].
async fn target(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    kid: &str,
    year: &str,
) -> Result<Target, AppError> {
    let plan =
        std::sync::Arc::unwrap_or_clone(crate::pages::readable_plan(state, viewer, id).await?);
    target_of(viewer, plan, kid, year)
}

/// The KPI and year of a readable plan, when they are the plan's and the viewer reports.
fn target_of(
    viewer: &Viewer,
    plan: phaen_domain::Plan,
    kid: &str,
    year: &str,
) -> Result<Target, AppError> {
    let lang = viewer.lang;
    let kpi = KpiId::parse(kid).map_err(|_| AppError::NotFound(lang))?;
    edit::kpi(&plan, &kpi).ok_or(AppError::NotFound(lang))?;
    let year = BeYear::parse(year)
        .ok()
        .filter(|y| plan.period.contains(*y))
        .ok_or(AppError::NotFound(lang))?;
    if !super::may_report(viewer, &plan) {
        return Err(AppError::Denied(lang));
    }
    Ok(Target { plan, kpi, year })
}

fn page(
    viewer: &Viewer,
    t: &Target,
    typed: (&str, &str, &str),
    problems: Vec<String>,
) -> ActionPage {
    let lang = viewer.lang;
    let k = edit::kpi(&t.plan, &t.kpi).expect("checked");
    ActionPage {
        lang,
        t: lang.t(),
        p: progress_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: t.plan.id.to_string(),
        plan_title: t.plan.title.clone(),
        kpi_name: crate::plan_pages::labelled(k.label.as_deref(), &k.name),
        year: t.year.get(),
        action_url: format!("/plans/{}/actions/{}/{}", t.plan.id, t.kpi, t.year),
        action: typed.0.to_string(),
        owner: typed.1.to_string(),
        due: typed.2.to_string(),
        problems,
    }
}

/// GET /plans/{id}/actions/{kid}/{year}
pub async fn action_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, kid, year)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let t = target(&state, &viewer, &id, &kid, &year).await?;
    Ok(page(&viewer, &t, ("", "", ""), Vec::new()).into_response())
}

#[derive(Deserialize)]
pub struct ActionForm {
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    due: String,
}

/// POST /plans/{id}/actions/{kid}/{year}
pub async fn action_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid, year)): Path<(String, String, String)>,
    axum::Form(form): axum::Form<ActionForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    let t = target_of(&viewer, plan, &kid, &year)?;
    let mut problems = Vec::new();
    let pick = |th: &str, en: &str| crate::edit::lang_pick(lang, th, en);
    if form.action.trim().is_empty() {
        problems.push(pick("โปรดระบุแนวทางแก้ไข", "Say what will be done"));
    }
    if form.owner.trim().is_empty() {
        problems.push(pick("โปรดระบุผู้รับผิดชอบ", "Say who owns it"));
    }
    let due = match crate::edit::status::typed_date(
        lang,
        "due",
        ("กำหนดเสร็จ", "the due date"),
        &form.due,
    ) {
        Ok(d) => Some(d),
        Err(AppError::Invalid(_, list)) => {
            problems.extend(list.iter().map(|p| p.say(lang).to_string()));
            None
        }
        Err(e) => return Err(e),
    };
    let (Some(due), true) = (due, problems.is_empty()) else {
        let typed = (form.action.as_str(), form.owner.as_str(), form.due.as_str());
        return Ok((StatusCode::BAD_REQUEST, page(&viewer, &t, typed, problems)).into_response());
    };
    store
        .add_corrective_action(&t.plan.id, &t.kpi, t.year, &form.action, &form.owner, due)
        .await?;
    Ok(Redirect::to(&format!("/plans/{}/progress?year={}", t.plan.id, t.year)).into_response())
}

#[derive(Deserialize)]
pub struct DoneForm {
    csrf: String,
}

/// POST /plans/{id}/corrective-actions/{aid}/done: marks a corrective action done.
pub async fn action_done(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, aid)): Path<(String, String)>,
    axum::Form(form): axum::Form<DoneForm>,
) -> Result<Response, AppError> {
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    if !super::may_report(&viewer, &plan) {
        return Err(AppError::Denied(viewer.lang));
    }
    store.complete_corrective_action(&plan.id, &aid).await?;
    Ok(Redirect::to(&format!("/plans/{}/progress", plan.id)).into_response())
}
