//! The annual results report for the general meeting: for a year, the plan's score and how
//! many KPIs were achieved, then every KPI under its mission or strategic issue with its target,
//! its actual, its evaluation and what was done — a page that prints as the report itself, and
//! the input the document export will use.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};

use phaen_domain::evaluate::{self, Status};
use phaen_domain::progress::EntryState;
use phaen_domain::thai::format_long_date;

use super::charts::{self, StackedBar};
use super::{DashboardQuery, STATUSES, load, status_rows};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::progress::page::{KpiLine, year_result};
use crate::progress::texts::{ProgressTexts, progress_texts};

/// A mission or strategic issue and its KPIs' lines.
pub struct Part {
    pub heading: String,
    pub score: String,
    pub lines: Vec<(KpiLine, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "annual_report.html")]
struct ReportPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    owner: String,
    year: u16,
    years: Vec<u16>,
    printed: String,
    score: String,
    coverage: String,
    /// (label, count) per status.
    counts: Vec<(&'static str, usize)>,
    legend: Vec<(&'static str, &'static str)>,
    bars: Vec<StackedBar>,
    bars_height: u32,
    parts: Vec<Part>,
    pt: &'static crate::progress::project_texts::ProjectTexts,
    /// Each project's latest approved report of the year.
    projects: Vec<crate::progress::project::ProjectLine>,
}

/// GET /plans/{id}/report?year=2568
pub async fn report_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::extract::Query(q): Query<DashboardQuery>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let d = load(&state, &viewer, &id, q.year.as_deref()).await?;
    let of_year: Vec<_> = d
        .entries
        .iter()
        .filter(|e| e.period.year == d.year)
        .cloned()
        .collect();
    // What was done: the narratives of the year's approved periods, in order.
    let mut narratives: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in of_year
        .iter()
        .filter(|e| e.state == EntryState::Approved && !e.narrative.trim().is_empty())
    {
        narratives
            .entry(e.kpi.as_str())
            .or_default()
            .push(e.narrative.as_str());
    }
    let mut result = year_result(&d.plan, d.year, &d.setups, &of_year, false, lang);
    // What will be done about the KPIs that missed: their corrective actions.
    let actions = state.store.corrective_actions(&d.plan.id, d.year).await?;
    for line in &mut result.lines {
        line.actions =
            crate::progress::page::action_lines(&actions, &d.plan.id, &line.kpi_id, false);
    }
    let scores = evaluate::element_scores(&d.plan, &result.evaluations, &result.weights);
    let total = evaluate::plan_score(&d.plan, &result.evaluations, &result.weights);
    // Lines come in the plan's KPI order; give each to its top-level element.
    let kpi_ids: Vec<String> = d
        .plan
        .all_kpis()
        .iter()
        .map(|(_, k)| k.id.to_string())
        .collect();
    let mut by_kpi: HashMap<String, KpiLine> = kpi_ids.iter().cloned().zip(result.lines).collect();
    let mut parts = Vec::new();
    let mut take = |heading: String, score: String, ids: Vec<String>| {
        let lines: Vec<(KpiLine, String)> = ids
            .into_iter()
            .filter_map(|id| {
                let line = by_kpi.remove(&id)?;
                let told = narratives
                    .get(id.as_str())
                    .map(|n| n.join(" "))
                    .unwrap_or_default();
                Some((line, told))
            })
            .collect();
        if !lines.is_empty() {
            parts.push(Part {
                heading,
                score,
                lines,
            });
        }
    };
    take(
        crate::edit::lang_pick(lang, "ตัวชี้วัดระดับแผน", "The plan's own KPIs"),
        String::new(),
        d.plan.kpis.iter().map(|k| k.id.to_string()).collect(),
    );
    for e in &d.plan.elements {
        let mut below = Vec::new();
        e.walk(None, &mut below);
        let ids = below
            .iter()
            .flat_map(|w| w.element.kpis.iter().map(|k| k.id.to_string()))
            .collect();
        let heading = crate::plan_pages::with_kind(
            crate::views::element_label(e.kind, lang),
            e.label.as_deref(),
            &e.title,
        );
        let score = scores
            .get(&e.id)
            .and_then(|s| s.value)
            .map_or(String::new(), |v| v.to_string());
        take(heading, score, ids);
    }
    let legend: Vec<(&'static str, &'static str)> = STATUSES
        .iter()
        .map(|s| (s.as_str(), crate::progress::page::status_label(*s, lang)))
        .collect();
    let bars = charts::stacked_bars(status_rows(&d.plan, &result.evaluations, lang), &legend);
    let counts = [
        Status::Achieved,
        Status::Partly,
        Status::NotAchieved,
        Status::NoData,
    ]
    .into_iter()
    .map(|s| {
        (
            crate::progress::page::status_label(s, lang),
            result
                .evaluations
                .values()
                .filter(|e| e.status == s)
                .count(),
        )
    })
    .collect();
    Ok(ReportPage {
        lang,
        t: lang.t(),
        p: progress_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: d.plan.id.to_string(),
        plan_title: d.plan.title.clone(),
        owner: d.plan.owner.name_th.clone(),
        year: d.year.get(),
        years: d.plan.period.years().map(|y| y.get()).collect(),
        printed: format_long_date(phaen_store::today_in_bangkok()),
        score: total.value.map_or("-".into(), |v| v.to_string()),
        coverage: format!("{} / {}", total.reported, total.expected),
        counts,
        legend,
        bars_height: bars.len() as u32 * charts::BAR_GAP + 30,
        bars,
        parts,
        pt: crate::progress::project_texts::project_texts(lang),
        projects: crate::progress::project::project_lines(
            &d.plan,
            d.year,
            &d.setups,
            &d.project_entries,
            false,
            lang,
        ),
    }
    .into_response())
}
