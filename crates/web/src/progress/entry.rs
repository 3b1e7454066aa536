//! The progress entry form for one KPI and period: the actual value in the KPI's own kind (a
//! number, a level of its scale, or met / not met), what was done, saved as a draft or
//! submitted; and the board's moves: approve (lock), return with a reason, reopen with a reason.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::edit;
use phaen_domain::evaluate::ActualValue;
use phaen_domain::progress::{EntryState, Period};
use phaen_domain::{KpiId, Plan};
use phaen_store::progress::{KpiEntry, NewEntry};

use super::texts::{ProgressTexts, progress_texts};
use super::{ValueKind, in_force, may_decide, may_report, value_kind};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

#[derive(Template, WebTemplate)]
#[template(path = "progress_entry.html")]
struct EntryPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static ProgressTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    kpi_name: String,
    unit: String,
    period_label: String,
    /// '{kpi id}/{period key}', the tail of the form's address.
    kpi_path: String,
    year: u16,
    target: String,
    kind: &'static str,
    /// Level choices from the KPI's scale, when it has one.
    levels: Vec<String>,
    value: String,
    narrative: String,
    /// The entry's version, empty for a new one.
    version: String,
    state: Option<&'static str>,
    reason: Option<String>,
    editable: bool,
    can_report: bool,
    /// (state code, button label, needs a reason)
    moves: Vec<(&'static str, &'static str, bool)>,
    problems: Vec<String>,
    evidence: Vec<super::evidence::EvidenceLine>,
    e: &'static super::texts::EvidenceTexts,
}

struct Context {
    plan: Plan,
    kpi: KpiId,
    period: Period,
}

/// For the form page: the plan read for the viewer, then as [`context_of`].
async fn context(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    kid: &str,
    period: &str,
) -> Result<Context, AppError> {
    let plan =
        std::sync::Arc::unwrap_or_clone(crate::pages::readable_plan(state, viewer, id).await?);
    context_of(viewer, plan, kid, period)
}

/// The KPI and period of a readable plan, when they are the plan's, the viewer reports or
/// decides, and the plan is in force.
fn context_of(
    viewer: &Viewer,
    plan: phaen_domain::Plan,
    kid: &str,
    period: &str,
) -> Result<Context, AppError> {
    let lang = viewer.lang;
    let kpi = KpiId::parse(kid).map_err(|_| AppError::NotFound(lang))?;
    edit::kpi(&plan, &kpi).ok_or(AppError::NotFound(lang))?;
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
    Ok(Context { plan, kpi, period })
}

async fn evidence_of(
    state: &AppState,
    c: &Context,
) -> Result<Vec<phaen_store::evidence::Evidence>, AppError> {
    Ok(state
        .store
        .evidence_list(&c.plan.id, Some((&c.kpi, c.period)))
        .await?)
}

async fn existing(state: &AppState, c: &Context) -> Result<Option<KpiEntry>, AppError> {
    Ok(state
        .store
        .kpi_entry_at(&c.plan.id, &c.kpi, c.period)
        .await?)
}

fn page(
    viewer: &Viewer,
    c: &Context,
    entry: Option<&KpiEntry>,
    typed: Option<(&str, &str)>,
    problems: Vec<String>,
    evidence: Vec<phaen_store::evidence::Evidence>,
) -> EntryPage {
    let lang = viewer.lang;
    let kpi = edit::kpi(&c.plan, &c.kpi).expect("checked in context");
    let kind = value_kind(kpi, c.period.year);
    let levels = match &kpi.scale {
        Some(phaen_domain::Scale::Levels { levels, .. }) => levels.clone(),
        Some(phaen_domain::Scale::Tiers { tiers, .. }) => {
            tiers.iter().map(|t| t.name.clone()).collect()
        }
        None => Vec::new(),
    };
    let (value, narrative) = match (typed, entry) {
        (Some((v, n)), _) => (v.to_string(), n.to_string()),
        (None, Some(e)) => (
            match &e.value {
                ActualValue::Number(n) => n.normalize().to_string(),
                ActualValue::Level(l) => l.clone(),
                ActualValue::Met(m) => m.to_string(),
            },
            e.narrative.clone(),
        ),
        (None, None) => (String::new(), String::new()),
    };
    let p = progress_texts(lang);
    let state = entry.map(|e| e.state);
    let decide = may_decide(viewer, &c.plan);
    let moves = super::moves_offered(state, decide, p);
    EntryPage {
        lang,
        t: lang.t(),
        p,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: c.plan.id.to_string(),
        plan_title: c.plan.title.clone(),
        kpi_name: format!("{} {}", kpi.label.clone().unwrap_or_default(), kpi.name)
            .trim()
            .to_string(),
        unit: kpi.unit.clone().unwrap_or_default(),
        period_label: c.period.label_th(c.plan.year_basis),
        kpi_path: format!("{}/{}", c.kpi, c.period.key()),
        year: c.period.year.get(),
        target: kpi
            .target_for(c.period.year)
            .map_or("-".into(), |t| t.to_string()),
        kind: match kind {
            ValueKind::Number => "number",
            ValueKind::Level => "level",
            ValueKind::Judgement => "met",
        },
        levels,
        value,
        narrative,
        version: entry.map_or(String::new(), |e| e.version.to_string()),
        state: state.map(|s| super::page::state_label(s, lang)),
        reason: entry.and_then(|e| e.reason.clone()),
        editable: state.is_none_or(EntryState::editable),
        can_report: may_report(viewer, &c.plan),
        moves,
        problems,
        evidence: super::evidence::lines(c.plan.id.as_str(), evidence),
        e: super::texts::evidence_texts(lang),
    }
}

/// GET /plans/{id}/progress/{kid}/{period}
pub async fn entry_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, kid, period)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let c = context(&state, &viewer, &id, &kid, &period).await?;
    let entry = existing(&state, &c).await?;
    let evidence = evidence_of(&state, &c).await?;
    Ok(page(&viewer, &c, entry.as_ref(), None, Vec::new(), evidence).into_response())
}

#[derive(Deserialize)]
pub struct EntryForm {
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    narrative: String,
    /// 'save' or 'submit'.
    #[serde(default)]
    action: String,
}

/// Reads the typed value in the KPI's kind, or says why it cannot, in the viewer's language.
fn read_value(kind: ValueKind, typed: &str, lang: Lang) -> Result<ActualValue, String> {
    phaen_domain::progress::read_value(kind, typed).map_err(|e| super::refusal(lang, e))
}

/// POST /plans/{id}/progress/{kid}/{period}: saves the value (and submits it when asked).
pub async fn entry_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid, period)): Path<(String, String, String)>,
    axum::Form(form): axum::Form<EntryForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    let c = context_of(&viewer, plan, &kid, &period)?;
    if !may_report(&viewer, &c.plan) {
        return Err(AppError::Denied(lang));
    }
    let entry = existing(&state, &c).await?;
    let evidence = evidence_of(&state, &c).await?;
    let kpi = edit::kpi(&c.plan, &c.kpi).expect("checked in context");
    let again = |problems: Vec<String>, status: StatusCode| {
        let typed = Some((form.value.as_str(), form.narrative.as_str()));
        let shown = page(
            &viewer,
            &c,
            entry.as_ref(),
            typed,
            problems,
            evidence.clone(),
        );
        Ok((status, shown).into_response())
    };
    let value = match read_value(value_kind(kpi, c.period.year), &form.value, lang) {
        Ok(v) => v,
        Err(why) => return again(vec![why], StatusCode::BAD_REQUEST),
    };
    let version = form.version.trim().parse::<i64>().ok();
    let new = NewEntry {
        kpi: c.kpi.clone(),
        period: c.period,
        value,
        narrative: form.narrative.trim().to_string(),
    };
    let saved = match store.save_kpi_entry(&c.plan.id, &new, version).await {
        Ok(e) => e,
        Err(e) => {
            let (status, message) = super::save_failure(lang, e)?;
            return again(vec![message], status);
        }
    };
    if form.action == "submit" {
        store
            .move_kpi_entry(
                &c.plan.id,
                &saved.id,
                EntryState::Submitted,
                None,
                saved.version,
            )
            .await?;
    }
    Ok(Redirect::to(&format!(
        "/plans/{}/progress?year={}",
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

/// POST /plans/{id}/progress/{kid}/{period}/move: approve, return or reopen.
pub async fn entry_move(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid, period)): Path<(String, String, String)>,
    axum::Form(form): axum::Form<MoveForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    let c = context_of(&viewer, plan, &kid, &period)?;
    let to = EntryState::parse(&form.to).map_err(|e| AppError::BadRequest(lang, e.to_string()))?;
    if !super::may_move(&viewer, &c.plan, to) {
        return Err(AppError::Denied(lang));
    }
    let entry = existing(&state, &c)
        .await?
        .ok_or(AppError::NotFound(lang))?;
    store
        .move_kpi_entry(&c.plan.id, &entry.id, to, Some(&form.reason), form.version)
        .await?;
    Ok(Redirect::to(&format!(
        "/plans/{}/progress?year={}",
        c.plan.id, c.period.year
    ))
    .into_response())
}
