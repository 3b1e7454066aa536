//! GET /plans/{id}/elements/{element_id}: one element of the plan's tree. Projects and
//! activities show their objectives, target groups, outcomes, responsible units, KPIs with
//! targets per year, budget lines by year with the stated total checked, the activities on a
//! year/quarter timeline and the results so far; every element lists and links its children.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;

use phaen_domain::thai::format_long_date;
use phaen_domain::{BeYear, Element, Plan, ReadinessKind, ResponsibleRole, TextItem};

use super::money::baht;
use super::timeline::{TimelineView, timeline};
use super::{Current, PlanNav, PlanPageTexts, labelled, readable_plan};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::views::{KpiRow, element_label};

pub struct BudgetView {
    /// (year or 'no year', amount)
    pub lines: Vec<(String, String)>,
    pub total: String,
    /// (stated total, it matches the sum)
    pub stated: Option<(String, bool)>,
}

pub struct ResultView {
    pub year: Option<String>,
    pub as_of: Option<String>,
    pub narrative: String,
    pub actuals: Vec<String>,
}

/// A roadmap row's readiness: the years, then a row per kind with its mark each year.
pub struct ReadinessView {
    pub years: Vec<u16>,
    pub rows: Vec<(&'static str, Vec<&'static str>)>,
}

pub struct Link {
    pub id: String,
    pub kind: &'static str,
    pub text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_element.html")]
struct ElementPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static PlanPageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    kind: &'static str,
    text: String,
    description: Option<String>,
    coop_type: Option<String>,
    trail: Vec<Link>,
    lists: Vec<(&'static str, Vec<String>)>,
    /// (role, unit as written)
    responsible: Vec<(&'static str, String)>,
    years: Vec<u16>,
    kpis: Vec<(KpiRow, String)>,
    budget: Option<BudgetView>,
    timeline: Option<TimelineView>,
    results: Vec<ResultView>,
    readiness: Option<ReadinessView>,
    /// (the link as written, the element or KPI it resolves to when the viewer may read it:
    /// (its page, its text and plan))
    aligned: Vec<(String, Option<(String, String)>)>,
    /// The viewer may change what this element serves.
    can_align: bool,
    element_id: String,
    /// Elements and KPIs of other plans the viewer may read that serve this element or its
    /// KPIs: (plan id, plan title, what serves, the element page to open).
    served_by: Vec<(String, String, String, String)>,
    children: Vec<Link>,
}

/// The plans the viewer may read, read at most once per page and only when a link needs it.
type Readable = Option<Vec<phaen_store::PlanListing>>;

async fn readable<'a>(
    state: &AppState,
    viewer: &Viewer,
    kept: &'a mut Readable,
) -> Result<&'a [phaen_store::PlanListing], AppError> {
    if kept.is_none() {
        *kept = Some(crate::visibility::visible_plans(state, viewer).await?.0);
    }
    Ok(kept.as_deref().unwrap_or_default())
}

/// What serves `e` and its KPIs from the plans `viewer` may read: (plan id, plan title, the
/// serving element or KPI as labelled, the page of the element (or of the KPI's element)).
async fn served_by(
    state: &AppState,
    viewer: &Viewer,
    e: &Element,
    kept: &mut Readable,
) -> Result<Vec<(String, String, String, String)>, AppError> {
    let mut targets = vec![e.id.to_string()];
    targets.extend(e.kpis.iter().map(|k| k.id.to_string()));
    let mut found = Vec::new();
    for t in &targets {
        found.extend(state.store.serving(t).await?);
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let visible = readable(state, viewer, kept).await?.to_vec();
    let mut out = Vec::new();
    for s in found {
        if !visible.iter().any(|p| p.id == s.plan) {
            continue;
        }
        let plan = phaen_store::PlanStore::load_plan_shared(&state.store, &s.plan).await?;
        let place = plan.walk().into_iter().find_map(|w| {
            let el = w.element;
            if s.source_kind == "element" && el.id.as_str() == s.source_id {
                Some((labelled(el.label.as_deref(), &el.title), el.id.to_string()))
            } else {
                el.kpis
                    .iter()
                    .find(|k| k.id.as_str() == s.source_id)
                    .map(|k| (labelled(k.label.as_deref(), &k.name), el.id.to_string()))
            }
        });
        if let Some((text, eid)) = place {
            let row = (
                plan.id.to_string(),
                plan.title.clone(),
                text,
                format!("/plans/{}/elements/{eid}", plan.id),
            );
            if !out.contains(&row) {
                out.push(row);
            }
        }
    }
    Ok(out)
}

/// What `e` serves: each link as written, with the element or KPI it resolves to when the
/// viewer may read the plan holding it.
async fn aligned(
    state: &AppState,
    viewer: &Viewer,
    e: &Element,
    kept: &mut Readable,
) -> Result<Vec<(String, Option<(String, String)>)>, AppError> {
    let mut out = Vec::new();
    for a in &e.aligned_to {
        let text = crate::edit::align::link_text(a);
        let mut target = None;
        if let Some(tid) = &a.target_id
            && let Some(pid) = state.store.plan_holding(tid).await?
            && readable(state, viewer, kept)
                .await?
                .iter()
                .any(|p| p.id == pid)
        {
            let plan = phaen_store::PlanStore::load_plan_shared(&state.store, &pid).await?;
            target = plan.walk().into_iter().find_map(|w| {
                let el = w.element;
                let page = format!("/plans/{pid}/elements/{}", el.id);
                if el.id.as_str() == tid {
                    Some((
                        page,
                        format!(
                            "{} · {}",
                            labelled(el.label.as_deref(), &el.title),
                            plan.title
                        ),
                    ))
                } else {
                    el.kpis.iter().find(|k| k.id.as_str() == tid).map(|k| {
                        (
                            page,
                            format!("{} · {}", labelled(k.label.as_deref(), &k.name), plan.title),
                        )
                    })
                }
            });
        }
        out.push((text, target));
    }
    Ok(out)
}

/// GET /plans/{id}/elements/{element_id}.
pub async fn element_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, element_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let walked = plan.walk();
    let Some(e) = walked
        .iter()
        .find(|w| w.element.id.as_str() == element_id)
        .map(|w| w.element)
    else {
        return Err(AppError::NotFound(lang));
    };
    let p = PlanPageTexts::of(lang);
    let plan_id = plan.id.to_string();
    let years: Vec<BeYear> = plan.period.years().collect();
    let link = |c: &Element| Link {
        id: c.id.to_string(),
        kind: element_label(c.kind, lang),
        text: labelled(c.label.as_deref(), &c.title),
    };
    let texts = |items: &[TextItem]| -> Vec<String> {
        items
            .iter()
            .map(|i| labelled(i.label.as_deref(), &i.text))
            .collect()
    };
    let lists = [
        (p.objectives, texts(&e.objectives)),
        (p.target_groups, texts(&e.target_groups)),
        (p.expected_outcomes, texts(&e.expected_outcomes)),
        (p.notes, texts(&e.notes)),
    ]
    .into_iter()
    .filter(|(_, l)| !l.is_empty())
    .collect();
    let mut kept = None;
    let served_by = served_by(&state, &viewer, e, &mut kept).await?;
    let aligned = aligned(&state, &viewer, e, &mut kept).await?;
    Ok(ElementPage {
        served_by,
        lang,
        t: lang.t(),
        p,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Other),
        plan_title: plan.title.clone(),
        kind: element_label(e.kind, lang),
        text: labelled(e.label.as_deref(), &e.title),
        description: e.description.clone(),
        coop_type: e.coop_type.clone(),
        trail: trail(&plan, e).into_iter().map(link).collect(),
        lists,
        responsible: e
            .responsible
            .iter()
            .map(|r| {
                let role = match r.role {
                    ResponsibleRole::Main => p.main,
                    ResponsibleRole::Support => p.support,
                };
                (role, r.text.clone())
            })
            .collect(),
        years: years.iter().map(|y| y.get()).collect(),
        kpis: e
            .kpis
            .iter()
            .map(|k| {
                let baseline = k.baseline.as_ref().map_or(String::new(), |b| {
                    let v = b
                        .text
                        .clone()
                        .or_else(|| b.value.map(|v| v.normalize().to_string()))
                        .unwrap_or_default();
                    match b.year {
                        Some(y) => format!("{v} ({y})"),
                        None => v,
                    }
                });
                (crate::views::kpi_row(k, &years), baseline)
            })
            .collect(),
        budget: budget(e, p),
        timeline: timeline(e, &years, lang),
        results: results(&plan, e),
        readiness: readiness(e, p),
        aligned,
        element_id: e.id.to_string(),
        can_align: phaen_domain::access::can_write_plan(&viewer.memberships, &plan.owner.code)
            && plan.status.takes_edits(),
        children: e.children.iter().map(link).collect(),
        plan_id,
    }
    .into_response())
}

/// The elements above `e`, from the top of the tree down.
fn trail<'a>(plan: &'a Plan, e: &Element) -> Vec<&'a Element> {
    let parents: HashMap<&str, &Element> = plan
        .walk()
        .into_iter()
        .filter_map(|w| w.parent.map(|p| (w.element.id.as_str(), p)))
        .collect();
    let mut out = Vec::new();
    let mut at = e.id.as_str();
    while let Some(p) = parents.get(at) {
        out.push(*p);
        at = p.id.as_str();
    }
    out.reverse();
    out
}

fn budget(e: &Element, p: &PlanPageTexts) -> Option<BudgetView> {
    if e.budget.is_empty() && e.budget_total_stated.is_none() {
        return None;
    }
    let mut lines: Vec<_> = e.budget.iter().collect();
    lines.sort_by_key(|b| (b.year.is_none(), b.year));
    let total: Decimal = e.budget.iter().map(|b| b.amount_baht.amount()).sum();
    Some(BudgetView {
        lines: lines
            .iter()
            .map(|b| {
                (
                    b.year.map_or(p.no_year.to_string(), |y| y.to_string()),
                    baht(b.amount_baht.amount()),
                )
            })
            .collect(),
        total: baht(total),
        stated: e
            .budget_total_stated
            .map(|s| (baht(s.amount()), s.amount() == total)),
    })
}

fn results(plan: &Plan, e: &Element) -> Vec<ResultView> {
    let names: HashMap<&str, &str> = plan
        .all_kpis()
        .into_iter()
        .map(|(_, k)| (k.id.as_str(), k.name.as_str()))
        .collect();
    e.results
        .iter()
        .map(|r| ResultView {
            year: r.year.map(|y| y.to_string()),
            as_of: r.as_of.map(format_long_date),
            narrative: r.narrative.clone(),
            actuals: r
                .actuals
                .iter()
                .map(|a| {
                    let name = a
                        .kpi
                        .as_ref()
                        .and_then(|k| names.get(k.as_str()))
                        .copied()
                        .unwrap_or("");
                    let unit = a.unit.as_deref().unwrap_or("");
                    format!("{name}: {} {unit}", a.value.normalize())
                        .trim()
                        .trim_start_matches(": ")
                        .to_string()
                })
                .collect(),
        })
        .collect()
}

fn readiness(e: &Element, p: &PlanPageTexts) -> Option<ReadinessView> {
    if e.readiness.is_empty() {
        return None;
    }
    let mut years: Vec<BeYear> = e.readiness.iter().map(|r| r.year).collect();
    years.sort();
    years.dedup();
    let kinds = [
        (ReadinessKind::CanRun, p.readiness_can_run),
        (ReadinessKind::PrepareBudget, p.readiness_prepare),
        (ReadinessKind::InPlan, p.readiness_in_plan),
    ];
    let rows = kinds
        .into_iter()
        .map(|(kind, label)| {
            let marks = years
                .iter()
                .map(
                    |y| match e.readiness.iter().find(|r| r.kind == kind && r.year == *y) {
                        Some(r) if r.ready => "✓",
                        Some(_) => "-",
                        None => "",
                    },
                )
                .collect();
            (label, marks)
        })
        .collect();
    Some(ReadinessView {
        years: years.iter().map(|y| y.get()).collect(),
        rows,
    })
}
