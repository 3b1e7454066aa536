//! The organizations' dashboard: every plan in force the viewer may read (a cooperative's own,
//! a provincial office's subtree, the department's all), each with its year's score, coverage,
//! KPIs by status and the periods overdue — one table and one chart, with its data as CSV.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use phaen_domain::PlanStatus;
use phaen_domain::evaluate;
use phaen_store::PlanStore;

use super::STATUSES;
use super::charts::{self, StackedBar};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::progress::page::{status_label, year_result, year_to_show};
use crate::progress::texts::{ProgressTexts, progress_texts};

/// One plan's line.
pub struct PlanLine {
    pub org: String,
    pub plan_id: String,
    pub title: String,
    pub year: u16,
    pub score: String,
    pub coverage: String,
    /// KPIs per status, in [`STATUSES`] order.
    pub counts: Vec<usize>,
    pub overdue: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "org_dashboard.html")]
struct OrgDashboardPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    user_name: Option<String>,
    csrf: String,
    legend: Vec<(&'static str, &'static str)>,
    lines: Vec<PlanLine>,
    bars: Vec<StackedBar>,
    bars_height: u32,
}

async fn lines(state: &AppState, viewer: &Viewer) -> Result<Vec<PlanLine>, AppError> {
    let (visible, tree) = crate::visibility::followed_plans(state, viewer).await?;
    let today = phaen_store::today_in_bangkok();
    let mut out = Vec::new();
    for listing in visible
        .into_iter()
        .filter(|p| matches!(p.status, PlanStatus::Approved | PlanStatus::Published))
    {
        let plan = state.store.load_plan(&listing.id).await?;
        let year = year_to_show(&plan, None);
        let setups = state.store.reporting_setups(&plan.id).await?;
        let of_year = state.store.kpi_entries(&plan.id, Some(year)).await?;
        let result = year_result(&plan, year, &setups, &of_year, false, viewer.lang);
        let total = evaluate::plan_score(&plan, &result.evaluations, &result.weights);
        let overdue = phaen_monitor::owed::plan_owed(&state.store, &plan, today)
            .await?
            .items
            .len();
        out.push(PlanLine {
            org: tree.name(&plan.owner.code),
            plan_id: plan.id.to_string(),
            title: plan.title.clone(),
            year: year.get(),
            score: total.value.map_or("-".into(), |v| v.to_string()),
            coverage: format!("{} / {}", total.reported, total.expected),
            counts: STATUSES
                .iter()
                .map(|s| {
                    result
                        .evaluations
                        .values()
                        .filter(|e| e.status == *s)
                        .count()
                })
                .collect(),
            overdue,
        });
    }
    Ok(out)
}

/// GET /dashboard
pub async fn org_dashboard(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, AppError> {
    if viewer.user.is_none() {
        return Ok(Redirect::to("/signin").into_response());
    }
    let lang = viewer.lang;
    let lines = lines(&state, &viewer).await?;
    let legend: Vec<(&'static str, &'static str)> = STATUSES
        .iter()
        .map(|s| (s.as_str(), status_label(*s, lang)))
        .collect();
    let bars = charts::stacked_bars(
        lines
            .iter()
            .map(|l| (format!("{} · {}", l.org, l.title), l.counts.clone()))
            .collect(),
        &legend,
    );
    Ok(OrgDashboardPage {
        lang,
        t: lang.t(),
        p: progress_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        legend,
        bars_height: bars.len() as u32 * charts::BAR_GAP + 30,
        bars,
        lines,
    }
    .into_response())
}

/// GET /dashboard.csv
pub async fn org_dashboard_csv(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, AppError> {
    if viewer.user.is_none() {
        return Ok(Redirect::to("/signin").into_response());
    }
    let mut out = String::from("\u{feff}organization,plan_id,plan,year,score,kpis_reported");
    for s in STATUSES {
        out.push(',');
        out.push_str(s.as_str());
    }
    out.push_str(",periods_overdue\n");
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for l in lines(&state, &viewer).await? {
        out.push_str(&format!(
            "{},{},{},{},{},{}",
            q(&l.org),
            l.plan_id,
            q(&l.title),
            l.year,
            l.score,
            q(&l.coverage)
        ));
        for c in &l.counts {
            out.push_str(&format!(",{c}"));
        }
        out.push_str(&format!(",{}\n", l.overdue));
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"phaen-plans-dashboard.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}
