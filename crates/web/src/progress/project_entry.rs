//! The report form for one project and period: status, percent complete, money allocated,
//! committed and disbursed so far in the year, and what was done; saved as a draft or
//! submitted, then approved (locked), returned with a reason or reopened with a reason.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::progress::{EntryState, Period, ProjectStatus};
use phaen_domain::project_report::{ProjectReport, TypedReport};
use phaen_domain::{ElementId, Plan};
use phaen_store::project_progress::ProjectEntry;

use super::project_texts::{ProjectTexts, project_texts, status_label};
use super::texts::{ProgressTexts, progress_texts};
use super::{in_force, may_decide, may_report};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

/// The form's fields as shown or typed.
#[derive(Default)]
pub struct Fields {
    pub status: String,
    pub percent: String,
    pub allocated: String,
    pub committed: String,
    pub disbursed: String,
    pub narrative: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "progress_project.html")]
struct ProjectPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    pt: &'static ProjectTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    project_title: String,
    period_label: String,
    /// '{element id}/{period key}', the tail of the form's address.
    path: String,
    year: u16,
    statuses: Vec<(&'static str, &'static str)>,
    f: Fields,
    version: String,
    state: Option<&'static str>,
    reason: Option<String>,
    editable: bool,
    can_report: bool,
    moves: Vec<(&'static str, &'static str, bool)>,
    problems: Vec<String>,
}

struct Context {
    plan: Plan,
    project: ElementId,
    period: Period,
}

/// The project and period of a readable plan, when they are the plan's, the viewer reports
/// or decides, and the plan is in force.
fn context_of(viewer: &Viewer, plan: Plan, eid: &str, period: &str) -> Result<Context, AppError> {
    let lang = viewer.lang;
    let project = ElementId::parse(eid).map_err(|_| AppError::NotFound(lang))?;
    if !plan.projects().iter().any(|e| e.id == project) {
        return Err(AppError::NotFound(lang));
    }
    let period = Period::parse_key(period).map_err(|_| AppError::NotFound(lang))?;
    if !plan.period.contains(period.year) {
        return Err(AppError::NotFound(lang));
    }
    if !may_report(viewer, &plan) && !may_decide(viewer, &plan) {
        return Err(AppError::Denied(lang));
    }
    if !in_force(&plan) {
        return Err(AppError::BadRequest(
            lang,
            progress_texts(lang).not_in_force.into(),
        ));
    }
    Ok(Context {
        plan,
        project,
        period,
    })
}

async fn existing(state: &AppState, c: &Context) -> Result<Option<ProjectEntry>, AppError> {
    Ok(state
        .store
        .project_entry_at(&c.plan.id, &c.project, c.period)
        .await?)
}

fn fields_of(e: &ProjectEntry) -> Fields {
    let money = |b: Option<phaen_domain::Baht>| b.map_or(String::new(), |b| b.to_string());
    Fields {
        status: e.report.status.as_str().into(),
        percent: e.report.percent.normalize().to_string(),
        allocated: money(e.report.allocated),
        committed: money(e.report.committed),
        disbursed: money(e.report.disbursed),
        narrative: e.report.narrative.clone(),
    }
}

fn page(
    viewer: &Viewer,
    c: &Context,
    entry: Option<&ProjectEntry>,
    typed: Option<Fields>,
    problems: Vec<String>,
) -> ProjectPage {
    let lang = viewer.lang;
    let p = progress_texts(lang);
    let project = c
        .plan
        .projects()
        .into_iter()
        .find(|e| e.id == c.project)
        .expect("checked in context");
    let state = entry.map(|e| e.state);
    let decide = may_decide(viewer, &c.plan);
    let moves = super::moves_offered(state, decide, p);
    ProjectPage {
        lang,
        t: lang.t(),
        p,
        pt: project_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: c.plan.id.to_string(),
        plan_title: c.plan.title.clone(),
        project_title: format!(
            "{} {}",
            project.label.clone().unwrap_or_default(),
            project.title
        )
        .trim()
        .to_string(),
        period_label: c.period.label_th(c.plan.year_basis),
        path: format!("{}/{}", c.project, c.period.key()),
        year: c.period.year.get(),
        statuses: ProjectStatus::ALL
            .into_iter()
            .map(|s| (s.as_str(), status_label(s, lang)))
            .collect(),
        f: typed
            .or_else(|| entry.map(fields_of))
            .unwrap_or_else(|| Fields {
                status: ProjectStatus::OnTrack.as_str().into(),
                ..Fields::default()
            }),
        version: entry.map_or(String::new(), |e| e.version.to_string()),
        state: state.map(|s| super::page::state_label(s, lang)),
        reason: entry.and_then(|e| e.reason.clone()),
        editable: state.is_none_or(EntryState::editable),
        can_report: may_report(viewer, &c.plan),
        moves,
        problems,
    }
}

/// GET /plans/{id}/projects/{eid}/{period}
pub async fn project_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, eid, period)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let plan =
        std::sync::Arc::unwrap_or_clone(crate::pages::readable_plan(&state, &viewer, &id).await?);
    let c = context_of(&viewer, plan, &eid, &period)?;
    let entry = existing(&state, &c).await?;
    Ok(page(&viewer, &c, entry.as_ref(), None, Vec::new()).into_response())
}

#[derive(Deserialize)]
pub struct ReportForm {
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    percent: String,
    #[serde(default)]
    allocated: String,
    #[serde(default)]
    committed: String,
    #[serde(default)]
    disbursed: String,
    #[serde(default)]
    narrative: String,
    /// 'save' or 'submit'.
    #[serde(default)]
    action: String,
}

/// POST /plans/{id}/projects/{eid}/{period}: saves the report (and submits it when asked).
pub async fn project_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid, period)): Path<(String, String, String)>,
    axum::Form(form): axum::Form<ReportForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    let c = context_of(&viewer, plan, &eid, &period)?;
    if !may_report(&viewer, &c.plan) {
        return Err(AppError::Denied(lang));
    }
    let entry = existing(&state, &c).await?;
    let again = |problems: Vec<String>, status: StatusCode| {
        let typed = Fields {
            status: form.status.clone(),
            percent: form.percent.clone(),
            allocated: form.allocated.clone(),
            committed: form.committed.clone(),
            disbursed: form.disbursed.clone(),
            narrative: form.narrative.clone(),
        };
        Ok((
            status,
            page(&viewer, &c, entry.as_ref(), Some(typed), problems),
        )
            .into_response())
    };
    let report = match ProjectReport::read(&TypedReport {
        status: &form.status,
        percent: &form.percent,
        allocated: &form.allocated,
        committed: &form.committed,
        disbursed: &form.disbursed,
        narrative: &form.narrative,
    }) {
        Ok(r) => r,
        Err(e) => return again(vec![super::refusal(lang, e)], StatusCode::BAD_REQUEST),
    };
    let version = form.version.trim().parse::<i64>().ok();
    let saved = match store
        .save_project_entry(&c.plan.id, &c.project, c.period, &report, version)
        .await
    {
        Ok(e) => e,
        Err(e) => {
            let (status, message) = super::save_failure(lang, e)?;
            return again(vec![message], status);
        }
    };
    if form.action == "submit" {
        store
            .move_project_entry(
                &c.plan.id,
                &saved.id,
                EntryState::Submitted,
                None,
                saved.version,
            )
            .await?;
    }
    Ok(Redirect::to(&format!(
        "/plans/{}/progress?year={}#projects",
        c.plan.id, c.period.year
    ))
    .into_response())
}

#[derive(Deserialize)]
pub struct MoveForm {
    csrf: String,
    version: i64,
    to: String,
    #[serde(default)]
    reason: String,
}

/// POST /plans/{id}/projects/{eid}/{period}/move: approve, return or reopen.
pub async fn project_move(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid, period)): Path<(String, String, String)>,
    axum::Form(form): axum::Form<MoveForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    let c = context_of(&viewer, plan, &eid, &period)?;
    let to = EntryState::parse(&form.to).map_err(|e| AppError::BadRequest(lang, e.to_string()))?;
    if !super::may_move(&viewer, &c.plan, to) {
        return Err(AppError::Denied(lang));
    }
    let entry = existing(&state, &c)
        .await?
        .ok_or(AppError::NotFound(lang))?;
    store
        .move_project_entry(&c.plan.id, &entry.id, to, Some(&form.reason), form.version)
        .await?;
    Ok(Redirect::to(&format!(
        "/plans/{}/progress?year={}#projects",
        c.plan.id, c.period.year
    ))
    .into_response())
}
