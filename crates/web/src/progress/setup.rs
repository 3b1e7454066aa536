//! The reporting set-up of a plan: for each KPI how often it reports (monthly, quarterly,
//! yearly on the plan's year basis), how its periods combine into the year's value, its weight
//! in the roll-up and the unit that owns it. One form, saved in one transaction.

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

/// One KPI's row of the form.
pub struct Row {
    pub id: String,
    pub name: String,
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
    plan.all_kpis()
        .into_iter()
        .map(|(_, k)| {
            let s = setups.iter().find(|s| s.subject == k.id.as_str());
            Row {
                id: k.id.to_string(),
                name: format!("{} {}", k.label.clone().unwrap_or_default(), k.name)
                    .trim()
                    .to_string(),
                frequency: s.map_or(Frequency::Yearly, |s| s.frequency).as_str(),
                aggregation: s.map(|s| s.aggregation).unwrap_or_default().as_str(),
                weight: s.map_or("1".into(), |s| s.weight.normalize().to_string()),
                owner: s.and_then(|s| s.owner_unit.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

fn page(
    viewer: &Viewer,
    plan: &Plan,
    rows: Vec<Row>,
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
    Ok(page(&viewer, &plan, rows_of(&plan, &setups), window, Vec::new()).into_response())
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
    let mut setups = Vec::new();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (_, k) in plan.all_kpis() {
        let id = k.id.as_str();
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
                    Lang::Th => {
                        format!("น้ำหนักของ '{}' ต้องเป็นตัวเลขไม่ติดลบ ('{weight_text}')", k.name)
                    }
                    Lang::En => format!(
                        "the weight of '{}' must be a number not below zero ('{weight_text}')",
                        k.name
                    ),
                });
                rust_decimal::Decimal::ONE
            }
        };
        let owner = field(&format!("o-{id}"));
        rows.push(Row {
            id: id.to_string(),
            name: k.name.clone(),
            frequency: frequency.as_str(),
            aggregation: aggregation.as_str(),
            weight: weight_text.clone(),
            owner: owner.clone(),
        });
        setups.push(ReportingSetup {
            subject: id.to_string(),
            kind: SubjectKind::Kpi,
            frequency,
            aggregation,
            weight,
            owner_user: None,
            owner_unit: Some(owner).filter(|o| !o.is_empty()),
        });
    }
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
            page(&viewer, &plan, rows, window_text, problems),
        )
            .into_response());
    }
    store.set_reportings(&plan.id, &setups, window).await?;
    Ok(Redirect::to(&format!("/plans/{}/progress", plan.id)).into_response())
}
