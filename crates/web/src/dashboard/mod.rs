//! The plan dashboard: KPI status by mission (or top-level element) for a year, each KPI's
//! trend over the plan's years against its target line, projects by status, and the budget
//! planned per year against what was disbursed —
//! charts drawn as SVG on the server with titles and descriptions for screen readers, each
//! with the same data as a CSV download.

pub mod charts;
pub mod orgs;
pub mod projects;
pub mod report;

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use serde::Deserialize;

use phaen_domain::evaluate::{self, ActualValue, Evaluation, Rules, Status};
use phaen_domain::progress::EntryState;
use phaen_domain::{BeYear, Element, KpiId, Plan, Target};
use phaen_store::progress::{KpiEntry, ReportingSetup};

use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::progress::page::{status_label, year_result};
use crate::progress::texts::{ProgressTexts, progress_texts};
use charts::{StackedBar, YearLines};
use projects::PairedBars;

/// The statuses in the order the bars show them, with their CSS class.
const STATUSES: [Status; 4] = [
    Status::Achieved,
    Status::Partly,
    Status::NotAchieved,
    Status::NoData,
];

#[derive(Deserialize)]
pub struct DashboardQuery {
    year: Option<String>,
    chart: Option<String>,
}

/// One KPI's trend chart.
pub struct Trend {
    pub name: String,
    pub unit: String,
    pub lines: YearLines,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    user_name: Option<String>,
    csrf: String,
    nav: crate::plan_pages::PlanNav,
    plan_id: String,
    plan_title: String,
    year: u16,
    years: Vec<u16>,
    /// (class, label) of the legend.
    legend: Vec<(&'static str, &'static str)>,
    bars: Vec<StackedBar>,
    bars_height: u32,
    trends: Vec<Trend>,
    budget: PairedBars,
    budget_total: String,
    pt: &'static crate::progress::project_texts::ProjectTexts,
    project_legend: Vec<(&'static str, &'static str)>,
    /// The year's projects by status, one bar; empty when the plan has no projects.
    project_bars: Vec<StackedBar>,
}

/// KPI ids below (and at) `e`.
fn kpis_under(e: &Element) -> Vec<&KpiId> {
    let mut all = Vec::new();
    e.walk(None, &mut all);
    all.iter()
        .flat_map(|w| w.element.kpis.iter().map(|k| &k.id))
        .collect()
}

/// (row label, counts per status) for each top-level element with KPIs, and the plan's own.
fn status_rows(
    plan: &Plan,
    evaluations: &HashMap<KpiId, Evaluation>,
    lang: Lang,
) -> Vec<(String, Vec<usize>)> {
    let count = |ids: Vec<&KpiId>| -> Vec<usize> {
        STATUSES
            .iter()
            .map(|s| {
                ids.iter()
                    .filter(|id| evaluations.get(**id).is_some_and(|e| e.status == *s))
                    .count()
            })
            .collect()
    };
    let mut rows = Vec::new();
    if !plan.kpis.is_empty() {
        let label = crate::edit::lang_pick(lang, "ตัวชี้วัดระดับแผน", "The plan's own KPIs");
        rows.push((label, count(plan.kpis.iter().map(|k| &k.id).collect())));
    }
    for e in &plan.elements {
        let counts = count(kpis_under(e));
        if counts.iter().sum::<usize>() > 0 {
            let label = crate::plan_pages::labelled(e.label.as_deref(), &e.title);
            rows.push((label, counts));
        }
    }
    rows
}

/// A KPI's name, unit, and approved value and numeric target per plan year.
struct TrendData {
    name: String,
    unit: String,
    actual: Vec<Option<Decimal>>,
    target: Vec<Option<Decimal>>,
}

/// Each KPI with a numeric target: its approved value and target per plan year.
fn trend_data(plan: &Plan, setups: &[ReportingSetup], entries: &[KpiEntry]) -> Vec<TrendData> {
    let aggregation: HashMap<&str, evaluate::Aggregation> = setups
        .iter()
        .map(|s| (s.subject.as_str(), s.aggregation))
        .collect();
    let mut approved: HashMap<(&str, BeYear), Vec<ActualValue>> = HashMap::new();
    for e in entries.iter().filter(|e| e.state == EntryState::Approved) {
        approved
            .entry((e.kpi.as_str(), e.period.year))
            .or_default()
            .push(e.value.clone());
    }
    plan.all_kpis()
        .into_iter()
        .filter(|(_, k)| {
            k.targets
                .iter()
                .any(|t| matches!(t.target, Target::Numeric { .. }))
        })
        .map(|(_, k)| {
            let how = aggregation.get(k.id.as_str()).copied().unwrap_or_default();
            let actual = plan
                .period
                .years()
                .map(|y| {
                    let values = approved.get(&(k.id.as_str(), y))?;
                    let (value, _) = evaluate::evaluate_year(k, y, values, how, Rules::default());
                    match value? {
                        ActualValue::Number(n) => Some(n),
                        _ => None,
                    }
                })
                .collect();
            let target = plan
                .period
                .years()
                .map(|y| match k.target_for(y) {
                    Some(Target::Numeric { value, .. }) => Some(*value),
                    _ => None,
                })
                .collect();
            TrendData {
                name: crate::plan_pages::labelled(k.label.as_deref(), &k.name),
                unit: k.unit.clone().unwrap_or_default(),
                actual,
                target,
            }
        })
        .collect()
}

struct Data {
    plan: Plan,
    year: BeYear,
    evaluations: HashMap<KpiId, Evaluation>,
    setups: Vec<ReportingSetup>,
    entries: Vec<KpiEntry>,
    project_entries: Vec<phaen_store::project_progress::ProjectEntry>,
}

async fn load(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    year: Option<&str>,
) -> Result<Data, AppError> {
    let plan =
        std::sync::Arc::unwrap_or_clone(crate::pages::readable_plan(state, viewer, id).await?);
    let year = year
        .and_then(|y| BeYear::parse(y).ok())
        .filter(|y| plan.period.contains(*y))
        .unwrap_or_else(|| crate::progress::page::year_to_show(&plan, None));
    let setups = state.store.reporting_setups(&plan.id).await?;
    // Only approved values count here: for the statuses, the trends and the report alike.
    let entries = state.store.approved_kpi_entries(&plan.id).await?;
    let of_year: Vec<KpiEntry> = entries
        .iter()
        .filter(|e| e.period.year == year)
        .cloned()
        .collect();
    let result = year_result(&plan, year, &setups, &of_year, false, viewer.lang);
    let project_entries = state.store.project_entries(&plan.id, None).await?;
    Ok(Data {
        plan,
        year,
        evaluations: result.evaluations,
        setups,
        entries,
        project_entries,
    })
}

fn legend(lang: Lang) -> Vec<(&'static str, &'static str)> {
    STATUSES
        .iter()
        .map(|s| (s.as_str(), status_label(*s, lang)))
        .collect()
}

/// GET /plans/{id}/dashboard?year=2568
pub async fn dashboard_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<DashboardQuery>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let d = load(&state, &viewer, &id, q.year.as_deref()).await?;
    let legend = legend(lang);
    let bars = charts::stacked_bars(status_rows(&d.plan, &d.evaluations, lang), &legend);
    let trends = trend_data(&d.plan, &d.setups, &d.entries)
        .into_iter()
        .map(|t| Trend {
            lines: charts::year_lines(
                &d.plan.period.years().map(|y| y.get()).collect::<Vec<_>>(),
                &t.actual,
                &t.target,
            ),
            name: t.name,
            unit: t.unit,
        })
        .collect();
    let budget = projects::budget_rows(&d.plan, &d.project_entries);
    let budget_total: Decimal = budget.iter().map(|(_, v, _)| *v).sum();
    let project_legend = projects::legend(lang);
    let project_bars = if d.plan.projects().is_empty() {
        Vec::new()
    } else {
        let counts = projects::status_counts(&d.plan, &d.project_entries, d.year);
        let label = format!(
            "{} {}",
            crate::progress::project_texts::project_texts(lang).projects,
            d.year
        );
        charts::stacked_bars(vec![(label, counts)], &project_legend)
    };
    Ok(DashboardPage {
        lang,
        t: lang.t(),
        p: progress_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: crate::plan_pages::PlanNav::new(&d.plan, lang, crate::plan_pages::Current::Dashboard),
        plan_id: d.plan.id.to_string(),
        plan_title: d.plan.title.clone(),
        year: d.year.get(),
        years: d.plan.period.years().map(|y| y.get()).collect(),
        legend,
        bars_height: bars.len() as u32 * charts::BAR_GAP + 30,
        bars,
        trends,
        budget: projects::paired_bars(&budget, crate::plan_pages::money::baht),
        budget_total: crate::plan_pages::money::baht(budget_total),
        pt: crate::progress::project_texts::project_texts(lang),
        project_legend,
        project_bars,
    }
    .into_response())
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// GET /plans/{id}/dashboard.csv?chart=status|trends|budget|projects&year=2568: a chart's data.
pub async fn dashboard_csv(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<DashboardQuery>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let d = load(&state, &viewer, &id, q.year.as_deref()).await?;
    let chart = q.chart.as_deref().unwrap_or("status");
    let mut out = String::from("\u{feff}");
    match chart {
        "status" => {
            out.push_str("element,year");
            for s in STATUSES {
                out.push(',');
                out.push_str(s.as_str());
            }
            out.push('\n');
            for (label, counts) in status_rows(&d.plan, &d.evaluations, lang) {
                out.push_str(&format!("{},{}", csv_field(&label), d.year));
                for c in counts {
                    out.push_str(&format!(",{c}"));
                }
                out.push('\n');
            }
        }
        "trends" => {
            out.push_str("kpi,unit,year,actual,target\n");
            let years: Vec<BeYear> = d.plan.period.years().collect();
            for t in trend_data(&d.plan, &d.setups, &d.entries) {
                let (name, unit, actual, target) = (t.name, t.unit, t.actual, t.target);
                for (i, y) in years.iter().enumerate() {
                    let show = |v: Option<Decimal>| {
                        v.map(|v| v.normalize().to_string()).unwrap_or_default()
                    };
                    out.push_str(&format!(
                        "{},{},{y},{},{}\n",
                        csv_field(&name),
                        csv_field(&unit),
                        show(actual[i]),
                        show(target[i])
                    ));
                }
            }
        }
        "budget" => {
            out.push_str("year,planned_baht,disbursed_baht\n");
            for (y, planned, disbursed) in projects::budget_rows(&d.plan, &d.project_entries) {
                let disbursed = disbursed.map_or(String::new(), |v| v.normalize().to_string());
                out.push_str(&format!("{y},{},{disbursed}\n", planned.normalize()));
            }
        }
        "projects" => {
            out.push_str("year");
            for (class, _) in projects::legend(lang) {
                out.push(',');
                out.push_str(class);
            }
            out.push('\n');
            out.push_str(&d.year.to_string());
            for n in projects::status_counts(&d.plan, &d.project_entries, d.year) {
                out.push_str(&format!(",{n}"));
            }
            out.push('\n');
        }
        other => {
            return Err(AppError::BadRequest(
                lang,
                format!(
                    "ไม่มีแผนภูมิ '{other}' / no chart '{other}': status, trends, budget or projects"
                ),
            ));
        }
    }
    let file = format!("attachment; filename=\"phaen-{chart}-{}.csv\"", d.year);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        out,
    )
        .into_response())
}
