//! GET /plans/{id}/coverage: how the plans below carry this one out. For every KPI and
//! element of the plan (strategies, goals, guidelines ...), how many items in the plans of an
//! organization's subtree serve it, from how many organizations, with what budget (from the
//! roll-ups the store keeps, so the page costs the same for a province as for the country);
//! what nobody serves is flagged as a gap. Each target opens its list of serving items
//! (`target`), page by page.

pub mod target;
pub mod texts;

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;

use phaen_domain::{Element, ElementKind, Plan};

use super::money::baht;
use super::rollup::{RollupQuery, name_of_org, org_for};
use super::{Current, PlanNav, labelled, readable_plan};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::views::element_label;
pub use texts::CoverageTexts;

/// One KPI or element of the plan and what serves it.
pub struct TargetRow {
    pub id: String,
    pub depth: usize,
    pub kind: String,
    pub text: String,
    /// The element's page (a KPI's is its element's).
    pub href: String,
    pub orgs: usize,
    pub budget: String,
    /// The same, as a plain decimal (for machines reading the page).
    pub budget_exact: String,
    /// Elements and KPIs serving it.
    pub items: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_coverage.html")]
struct CoveragePage {
    lang: Lang,
    t: &'static Texts,
    c: &'static CoverageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    org: String,
    org_name: String,
    up: Option<String>,
    rows: Vec<TargetRow>,
    gaps: Vec<(String, String)>,
}

/// The KPIs and elements a plan below may serve, in the tree's order: (id, depth, kind, text,
/// page). Groups and activities are headings and steps, not things to serve.
pub(crate) fn targets(plan: &Plan, lang: Lang) -> Vec<(String, usize, String, String, String)> {
    let c = CoverageTexts::of(lang);
    let mut out: Vec<(String, usize, String, String, String)> = plan
        .kpis
        .iter()
        .map(|k| {
            let href = format!("/plans/{}", plan.id);
            (
                k.id.to_string(),
                0,
                c.kpi.to_string(),
                labelled(k.label.as_deref(), &k.name),
                href,
            )
        })
        .collect();
    let mut stack: Vec<(&Element, usize)> = plan.elements.iter().rev().map(|e| (e, 0)).collect();
    while let Some((e, depth)) = stack.pop() {
        stack.extend(e.children.iter().rev().map(|c| (c, depth + 1)));
        if matches!(e.kind, ElementKind::Group | ElementKind::Activity) {
            continue;
        }
        let href = format!("/plans/{}/elements/{}", plan.id, e.id);
        out.push((
            e.id.to_string(),
            depth,
            element_label(e.kind, lang).to_string(),
            labelled(e.label.as_deref(), &e.title),
            href.clone(),
        ));
        for k in &e.kpis {
            out.push((
                k.id.to_string(),
                depth + 1,
                c.kpi.to_string(),
                labelled(k.label.as_deref(), &k.name),
                href.clone(),
            ));
        }
    }
    out
}

/// GET /plans/{id}/coverage[?org=]: the counts of the viewer's organization (or one they
/// oversee) and everything below it.
pub async fn coverage_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<RollupQuery>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let (org, up) = org_for(&state, &viewer, q.org.as_deref()).await?;
    let rollup = state.store.rollup(&plan.id, &org, None).await?;
    // Target id -> (items, organizations, budget of every year).
    let mut per_target: HashMap<&str, (i64, i64, Decimal)> = HashMap::new();
    for row in rollup.rows.iter().filter(|r| r.grain == "target") {
        let t = per_target.entry(&row.key).or_default();
        if row.year == 0 {
            t.0 += row.items;
            t.1 += row.orgs;
        }
        t.2 += row.budget;
    }
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    for (tid, depth, kind, text, href) in targets(&plan, lang) {
        let (items, orgs, budget) = per_target.get(tid.as_str()).cloned().unwrap_or_default();
        if items == 0 {
            gaps.push((kind.clone(), text.clone()));
        }
        rows.push(TargetRow {
            id: tid,
            depth,
            kind,
            text,
            href,
            orgs: orgs as usize,
            budget: baht(budget),
            budget_exact: budget.normalize().to_string(),
            items,
        });
    }
    let org_name = name_of_org(&state, &org).await;
    Ok(CoveragePage {
        lang,
        t: lang.t(),
        c: CoverageTexts::of(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Coverage),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        org: org.to_string(),
        org_name,
        up: up.map(|u| u.to_string()),
        rows,
        gaps,
    }
    .into_response())
}
