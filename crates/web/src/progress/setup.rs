//! The reporting set-up of a plan: for each KPI how often it reports (monthly, quarterly,
//! yearly on the plan's year basis), how its periods combine into the year's value, its weight
//! in the roll-up; for each project how often it reports; for both the unit and the person
//! that own the reporting (the person is the one reminded). One form, one transaction.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use phaen_domain::evaluate::Aggregation;
use phaen_domain::progress::Frequency;
use phaen_domain::{Plan, thai::parse_decimal};
use phaen_store::progress::{ReportingSetup, SubjectKind};

use super::texts::{ProgressTexts, progress_texts};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

/// One KPI's or project's row of the form.
pub struct Row {
    pub id: String,
    pub name: String,
    pub is_project: bool,
    /// The owning user's id, empty for none.
    pub owner_user: String,
    pub frequency: &'static str,
    pub aggregation: &'static str,
    pub weight: String,
    pub owner: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "progress_setup.html")]
struct SetupPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    frequencies: Choices,
    aggregations: Choices,
    rows: Vec<Row>,
    /// Who may own reporting: (user id, name).
    users: Vec<(String, String)>,
    /// Days after a period ends until its data is due, as shown or typed.
    window: String,
    problems: Vec<String>,
}

/// A select's choices: (code, label).
type Choices = Vec<(&'static str, &'static str)>;

fn choices(lang: Lang) -> (Choices, Choices) {
    let th = lang == Lang::Th;
    let f = Frequency::ALL
        .into_iter()
        .map(|f| (f.as_str(), if th { f.label_th() } else { f.as_str() }))
        .collect();
    let a = Aggregation::ALL
        .into_iter()
        .map(|a| (a.as_str(), if th { a.label_th() } else { a.as_str() }))
        .collect();
    (f, a)
}

fn rows_of(plan: &Plan, setups: &[ReportingSetup]) -> Vec<Row> {
    let kpis = plan.all_kpis().into_iter().map(|(_, k)| {
        let name = format!("{} {}", k.label.clone().unwrap_or_default(), k.name);
        (k.id.to_string(), name, false)
    });
    let projects = plan.projects().into_iter().map(|e| {
        let name = format!("{} {}", e.label.clone().unwrap_or_default(), e.title);
        (e.id.to_string(), name, true)
    });
    kpis.chain(projects)
        .map(|(id, name, is_project)| {
            let s = setups.iter().find(|s| s.subject == id);
            let default = if is_project {
                super::project::DEFAULT_FREQUENCY
            } else {
                Frequency::Yearly
            };
            Row {
                name: name.trim().to_string(),
                is_project,
                owner_user: s.and_then(|s| s.owner_user.clone()).unwrap_or_default(),
                frequency: s.map_or(default, |s| s.frequency).as_str(),
                aggregation: s.map(|s| s.aggregation).unwrap_or_default().as_str(),
                weight: s.map_or("1".into(), |s| s.weight.normalize().to_string()),
                owner: s.and_then(|s| s.owner_unit.clone()).unwrap_or_default(),
                id,
            }
        })
        .collect()
}

/// Who may own a plan's reporting: its organization's editors and admins.
async fn owners(state: &AppState, plan: &Plan) -> Result<Vec<(String, String)>, AppError> {
    Ok(state
        .store
        .reporters_of(&plan.owner.code)
        .await?
        .into_iter()
        .map(|r| (r.id, r.display_name))
        .collect())
}

fn page(
    viewer: &Viewer,
    plan: &Plan,
    rows: Vec<Row>,
    users: Vec<(String, String)>,
    window: String,
    problems: Vec<String>,
) -> SetupPage {
    let lang = viewer.lang;
    let (frequencies, aggregations) = choices(lang);
    SetupPage {
        lang,
        t: lang.t(),
        p: progress_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        frequencies,
        aggregations,
        rows,
        users,
        window,
        problems,
    }
}

/// GET /plans/{id}/progress/setup
pub async fn setup_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let plan = crate::pages::readable_plan(&state, &viewer, &id).await?;
    if !super::may_report(&viewer, &plan) {
        return Err(AppError::Denied(viewer.lang));
    }
    let setups = state.store.reporting_setups(&plan.id).await?;
    let window = state.store.reporting_window(&plan.id).await?.to_string();
    let users = owners(&state, &plan).await?;
    Ok(page(
        &viewer,
        &plan,
        rows_of(&plan, &setups),
        users,
        window,
        Vec::new(),
    )
    .into_response())
}

/// POST /plans/{id}/progress/setup: fields `f-{kpi}`, `a-{kpi}`, `w-{kpi}`, `o-{kpi}`.
pub async fn setup_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &field("csrf")).await?;
    if !super::may_report(&viewer, &plan) {
        return Err(AppError::Denied(lang));
    }
    let users = owners(&state, &plan).await?;
    let mut setups = Vec::new();
    let mut problems = Vec::new();
    let rows: Vec<Row> = rows_of(&plan, &[])
        .into_iter()
        .map(|mut row| {
            let id = row.id.clone();
            let frequency = Frequency::parse(&field(&format!("f-{id}"))).unwrap_or_default();
            let aggregation = Aggregation::ALL
                .into_iter()
                .find(|a| a.as_str() == field(&format!("a-{id}")))
                .unwrap_or_default();
            let weight_text = field(&format!("w-{id}"));
            let weight = match parse_decimal(if weight_text.is_empty() {
                "1"
            } else {
                &weight_text
            }) {
                Ok(w) if w >= rust_decimal::Decimal::ZERO => w,
                _ => {
                    problems.push(match lang {
                        Lang::Th => format!(
                            "น้ำหนักของ '{}' ต้องเป็นตัวเลขไม่ติดลบ ('{weight_text}')",
                            row.name
                        ),
                        Lang::En => format!(
                            "the weight of '{}' must be a number not below zero ('{weight_text}')",
                            row.name
                        ),
                    });
                    rust_decimal::Decimal::ONE
                }
            };
            let owner = field(&format!("o-{id}"));
            let owner_user = field(&format!("u-{id}"));
            if !owner_user.is_empty() && !users.iter().any(|(u, _)| *u == owner_user) {
                problems.push(match lang {
                    Lang::Th => format!("ผู้รับผิดชอบของ '{}' ไม่ใช่ผู้รายงานของหน่วยงานนี้", row.name),
                    Lang::En => format!(
                        "the owner of '{}' does not report for this organization",
                        row.name
                    ),
                });
            }
            setups.push(ReportingSetup {
                subject: id,
                kind: if row.is_project {
                    SubjectKind::Project
                } else {
                    SubjectKind::Kpi
                },
                frequency,
                aggregation,
                weight,
                owner_user: Some(owner_user.clone()).filter(|o| !o.is_empty()),
                owner_unit: Some(owner.clone()).filter(|o| !o.is_empty()),
            });
            row.frequency = frequency.as_str();
            row.aggregation = aggregation.as_str();
            row.weight = weight_text;
            row.owner = owner;
            row.owner_user = owner_user;
            row
        })
        .collect();
    let window_text = field("window");
    let window = match phaen_domain::thai::to_arabic_digits(&window_text).parse::<u32>() {
        Ok(d) if d <= 366 => Some(d),
        _ if window_text.is_empty() => None,
        _ => {
            problems.push(match lang {
                Lang::Th => format!("กำหนดส่ง '{window_text}' ต้องเป็นจำนวนวัน 0 ถึง 366"),
                Lang::En => format!("the window '{window_text}' must be 0 to 366 days"),
            });
            None
        }
    };
    if !problems.is_empty() {
        return Ok((
            StatusCode::BAD_REQUEST,
            page(&viewer, &plan, rows, users, window_text, problems),
        )
            .into_response());
    }
    store.set_reportings(&plan.id, &setups, window).await?;
    Ok(Redirect::to(&format!("/plans/{}/progress", plan.id)).into_response())
}
