//! GET /plans/{id}/progress?year=2568: every KPI's periods for the year with what was reported
//! and where each entry stands, the year's evaluation from the approved values, and the scores
//! rolled up through the plan's tree to the plan itself, with their coverage.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use phaen_domain::evaluate::{self, ActualValue, Evaluation, Rules, Score, Status, Weights};
use phaen_domain::progress::{EntryState, Frequency, Period};
use phaen_domain::{BeYear, KpiId, Plan};
use phaen_store::progress::{KpiEntry, ReportingSetup};

use super::texts::{ProgressTexts, progress_texts};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<String>,
}

/// One period's cell.
pub struct Cell {
    pub label: String,
    pub value: String,
    pub state: Option<&'static str>,
    pub state_class: &'static str,
    /// The entry form, for those who report.
    pub link: Option<String>,
}

pub struct KpiLine {
    pub kpi_id: String,
    pub label: String,
    pub name: String,
    pub unit: String,
    pub under: String,
    pub target: String,
    pub frequency: &'static str,
    pub cells: Vec<Cell>,
    pub combined: String,
    pub status: &'static str,
    pub status_class: &'static str,
    pub percent: String,
    /// Corrective actions for the year.
    pub actions: Vec<ActionLine>,
    /// The form to add one, when the KPI missed and the viewer reports.
    pub add_action: Option<String>,
}

/// A corrective action under its KPI.
pub struct ActionLine {
    pub text: String,
    pub owner: String,
    pub due: String,
    pub done: bool,
    /// The form that marks it done, for those who report while it is open.
    pub done_url: Option<String>,
}

/// The corrective actions of `kpi` among `actions`, with the form to mark each done when
/// `can_mark`.
pub fn action_lines(
    actions: &[phaen_store::actions::CorrectiveAction],
    plan: &phaen_domain::PlanId,
    kpi: &str,
    can_mark: bool,
) -> Vec<ActionLine> {
    actions
        .iter()
        .filter(|a| a.kpi.as_str() == kpi)
        .map(|a| ActionLine {
            text: a.action.clone(),
            owner: a.owner.clone(),
            due: phaen_domain::thai::format_long_date(a.due),
            done: a.done_at.is_some(),
            done_url: (can_mark && a.done_at.is_none())
                .then(|| format!("/plans/{plan}/corrective-actions/{}/done", a.id)),
        })
        .collect()
}

pub struct ScoreLine {
    pub depth: usize,
    pub kind: &'static str,
    pub title: String,
    pub score: String,
    pub coverage: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "progress.html")]
struct ProgressPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    user_name: Option<String>,
    csrf: String,
    nav: crate::plan_pages::PlanNav,
    plan_id: String,
    plan_title: String,
    in_force: bool,
    can_setup: bool,
    year: u16,
    years: Vec<u16>,
    plan_score: String,
    plan_coverage: String,
    kpis: Vec<KpiLine>,
    projects: Vec<super::project::ProjectLine>,
    pt: &'static super::project_texts::ProjectTexts,
    scores: Vec<ScoreLine>,
}

pub fn show_value(v: &ActualValue, lang: Lang) -> String {
    match v {
        ActualValue::Number(n) => number(*n),
        ActualValue::Level(l) => l.clone(),
        ActualValue::Met(true) => progress_texts(lang).met.to_string(),
        ActualValue::Met(false) => progress_texts(lang).not_met.to_string(),
    }
}

/// A measured number as people read it: thousands grouped, no trailing zeros ('1,250.5').
pub fn number(n: rust_decimal::Decimal) -> String {
    let text = n.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::from(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

pub fn status_label(s: Status, lang: Lang) -> &'static str {
    match lang {
        Lang::Th => s.label_th(),
        Lang::En => match s {
            Status::Achieved => "Achieved",
            Status::Partly => "Partly achieved",
            Status::NotAchieved => "Not achieved",
            Status::NoData => "No data",
            Status::NoTarget => "No target",
        },
    }
}

pub fn state_label(s: EntryState, lang: Lang) -> &'static str {
    match lang {
        Lang::Th => s.label_th(),
        Lang::En => match s {
            EntryState::Draft => "Draft",
            EntryState::Submitted => "Submitted",
            EntryState::Approved => "Approved (locked)",
            EntryState::Returned => "Returned",
        },
    }
}

/// The year to show: the one asked for when the plan covers it, else this year when it does,
/// else the plan's first year.
pub fn year_to_show(plan: &Plan, asked: Option<&str>) -> BeYear {
    let covered = |y: BeYear| plan.period.contains(y).then_some(y);
    asked
        .and_then(|y| BeYear::parse(y).ok())
        .and_then(covered)
        .or_else(|| {
            plan.year_basis
                .year_of(phaen_store::today_in_bangkok())
                .ok()
                .and_then(covered)
        })
        .unwrap_or(plan.period.from)
}

fn score_text(s: &Score) -> (String, String) {
    (
        s.value.map_or("-".into(), |v| v.to_string()),
        format!("{} / {}", s.reported, s.expected),
    )
}

/// Everything the page computes for a year: per KPI its line and evaluation.
pub struct YearResult {
    pub lines: Vec<KpiLine>,
    pub evaluations: HashMap<KpiId, Evaluation>,
    pub weights: Weights,
}

/// Evaluates every KPI of `plan` for `year` from the approved entries, and prepares its line.
pub fn year_result(
    plan: &Plan,
    year: BeYear,
    setups: &[ReportingSetup],
    entries: &[KpiEntry],
    links: bool,
    lang: Lang,
) -> YearResult {
    let setup: HashMap<&str, &ReportingSetup> =
        setups.iter().map(|s| (s.subject.as_str(), s)).collect();
    let by_period: HashMap<(&str, String), &KpiEntry> = entries
        .iter()
        .map(|e| ((e.kpi.as_str(), e.period.key()), e))
        .collect();
    let how: HashMap<String, evaluate::Following> = setups
        .iter()
        .map(|s| (s.subject.clone(), (s.frequency, s.aggregation)))
        .collect();
    let approved: HashMap<(String, String), ActualValue> = entries
        .iter()
        .filter(|e| e.state == EntryState::Approved)
        .map(|e| ((e.kpi.to_string(), e.period.key()), e.value.clone()))
        .collect();
    let mut judged: HashMap<KpiId, (Option<ActualValue>, Evaluation)> =
        evaluate::evaluate_plan_year(plan, year, &how, &approved, Rules::default())
            .into_iter()
            .map(|(id, value, e)| (id, (value, e)))
            .collect();
    let mut weights = Weights::default();
    let mut evaluations = HashMap::new();
    let mut lines = Vec::new();
    for (element, kpi) in plan.all_kpis() {
        let s = setup.get(kpi.id.as_str());
        let frequency = s.map_or(Frequency::Yearly, |s| s.frequency);
        if let Some(s) = s {
            weights.kpis.insert(kpi.id.clone(), s.weight);
        }
        let cells = Period::all(year, frequency)
            .into_iter()
            .map(|period| {
                let entry = by_period.get(&(kpi.id.as_str(), period.key()));
                Cell {
                    label: period.label_th(plan.year_basis),
                    value: entry.map_or(String::new(), |e| show_value(&e.value, lang)),
                    state: entry.map(|e| state_label(e.state, lang)),
                    state_class: entry.map_or("", |e| e.state.as_str()),
                    link: links.then(|| {
                        format!("/plans/{}/progress/{}/{}", plan.id, kpi.id, period.key())
                    }),
                }
            })
            .collect();
        let Some((value, evaluation)) = judged.remove(&kpi.id) else {
            continue;
        };
        lines.push(KpiLine {
            kpi_id: kpi.id.to_string(),
            label: kpi.label.clone().unwrap_or_default(),
            name: kpi.name.clone(),
            unit: kpi.unit.clone().unwrap_or_default(),
            under: element.map_or(String::new(), |e| {
                format!("{} {}", e.label.clone().unwrap_or_default(), e.title)
                    .trim()
                    .to_string()
            }),
            target: kpi.target_for(year).map_or("-".into(), |t| t.to_string()),
            frequency: match lang {
                Lang::Th => frequency.label_th(),
                Lang::En => frequency.as_str(),
            },
            cells,
            combined: value.map_or(String::new(), |v| show_value(&v, lang)),
            status: status_label(evaluation.status, lang),
            status_class: evaluation.status.as_str(),
            percent: evaluation.percent.map_or(String::new(), |p| p.to_string()),
            actions: Vec::new(),
            add_action: None,
        });
        evaluations.insert(kpi.id.clone(), evaluation);
    }
    YearResult {
        lines,
        evaluations,
        weights,
    }
}

/// GET /plans/{id}/progress
pub async fn progress_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let plan = crate::pages::readable_plan(&state, &viewer, &id).await?;
    let year = year_to_show(&plan, q.year.as_deref());
    let setups = state.store.reporting_setups(&plan.id).await?;
    let entries = state.store.kpi_entries(&plan.id, Some(year)).await?;
    let project_entries = state.store.project_entries(&plan.id, Some(year)).await?;
    let in_force = super::in_force(&plan);
    let links =
        in_force && (super::may_report(&viewer, &plan) || super::may_decide(&viewer, &plan));
    let mut result = year_result(&plan, year, &setups, &entries, links, lang);
    let actions = state.store.corrective_actions(&plan.id, year).await?;
    let reporter = in_force && super::may_report(&viewer, &plan);
    for line in &mut result.lines {
        line.actions = action_lines(&actions, &plan.id, &line.kpi_id, reporter);
        let missed = matches!(line.status_class, "partly" | "not_achieved");
        if reporter && missed {
            line.add_action = Some(format!(
                "/plans/{}/actions/{}/{}",
                plan.id, line.kpi_id, year
            ));
        }
    }
    let scores_by_element = evaluate::element_scores(&plan, &result.evaluations, &result.weights);
    let total = evaluate::plan_score(&plan, &result.evaluations, &result.weights);
    let mut depths: HashMap<&str, usize> = HashMap::new();
    let scores = plan
        .walk()
        .into_iter()
        .filter_map(|w| {
            let depth = w
                .parent
                .map_or(0, |p| depths.get(p.id.as_str()).map_or(0, |d| d + 1));
            depths.insert(w.element.id.as_str(), depth);
            let s = scores_by_element.get(&w.element.id)?;
            (s.expected > 0).then(|| {
                let (score, coverage) = score_text(s);
                ScoreLine {
                    depth: depth.min(5),
                    kind: crate::views::element_label(w.element.kind, lang),
                    title: format!(
                        "{} {}",
                        w.element.label.clone().unwrap_or_default(),
                        w.element.title
                    )
                    .trim()
                    .to_string(),
                    score,
                    coverage,
                }
            })
        })
        .collect();
    let (plan_score, plan_coverage) = score_text(&total);
    Ok(ProgressPage {
        lang,
        t: lang.t(),
        p: progress_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: crate::plan_pages::PlanNav::new(&plan, lang, crate::plan_pages::Current::Progress),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        in_force,
        can_setup: super::may_report(&viewer, &plan),
        year: year.get(),
        years: plan.period.years().map(|y| y.get()).collect(),
        plan_score,
        plan_coverage,
        kpis: result.lines,
        projects: super::project::project_lines(
            &plan,
            year,
            &setups,
            &project_entries,
            links,
            lang,
        ),
        pt: super::project_texts::project_texts(lang),
        scores,
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_group_thousands_and_drop_trailing_zeros() {
        let n = |s: &str| super::number(s.parse().unwrap());
        assert_eq!(n("1250.50"), "1,250.5");
        assert_eq!(n("12.5"), "12.5");
        assert_eq!(n("-1000000"), "-1,000,000");
        assert_eq!(n("0.75"), "0.75");
    }
}
