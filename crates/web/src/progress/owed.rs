//! GET /plans/{id}/progress/owed: the data-entry status page for the plan's manager — every
//! period whose data fell due and has not been sent, who owes it (the KPI's reporting unit)
//! and since when, oldest first.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use phaen_domain::KpiId;
use phaen_domain::edit;
use phaen_domain::owed::owed;
use phaen_domain::thai::format_long_date;

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
}

/// GET /plans/{id}/progress/owed
pub async fn owed_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let plan = crate::pages::readable_plan(&state, &viewer, &id).await?;
    if !super::may_report(&viewer, &plan) && !super::may_decide(&viewer, &plan) {
        return Err(AppError::Denied(lang));
    }
    let setups = state.store.reporting_setups(&plan.id).await?;
    let owners: HashMap<&str, &str> = setups
        .iter()
        .filter_map(|s| Some((s.subject.as_str(), s.owner_unit.as_deref()?)))
        .collect();
    let frequency_of = setups
        .iter()
        .filter_map(|s| Some((KpiId::parse(&s.subject).ok()?, s.frequency)))
        .collect();
    let states = state
        .store
        .kpi_entries(&plan.id, None)
        .await?
        .into_iter()
        .map(|e| ((e.kpi, e.period), e.state))
        .collect();
    let window = state.store.reporting_window(&plan.id).await?;
    let today = phaen_store::today_in_bangkok();
    let list = if super::in_force(&plan) {
        owed(&plan, &frequency_of, &states, window, today)
    } else {
        Vec::new()
    };
    let p = progress_texts(lang);
    let rows = list
        .into_iter()
        .filter_map(|o| {
            let kpi = edit::kpi(&plan, &o.kpi)?;
            Some(OwedRow {
                kpi: format!("{} {}", kpi.label.clone().unwrap_or_default(), kpi.name)
                    .trim()
                    .to_string(),
                owner: owners
                    .get(o.kpi.as_str())
                    .map_or(String::new(), |u| u.to_string()),
                period: o.period.label_th(plan.year_basis),
                due: format_long_date(o.due),
                days: (today - o.due).num_days(),
                state: match o.state {
                    None => p.not_entered,
                    Some(s) => super::page::state_label(s, lang),
                },
                link: format!("/plans/{}/progress/{}/{}", plan.id, o.kpi, o.period.key()),
            })
        })
        .collect();
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
    }
    .into_response())
}
