//! GET /plans/{id}/rollup (and .xlsx, and /api/v1/plans/{id}/rollup): how an organization's
//! whole subtree carries out a plan above it, from the roll-ups the store keeps as plans are
//! saved: for each KPI and element of the plan, how many organizations and items serve it and
//! their budget; budgets by strategy and year; and the same per organization directly below,
//! each a link to drill down to, down to the cooperative.

pub mod page;
pub mod xlsx;

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use phaen_domain::{OrgCode, Plan};
use phaen_store::OrgStore;

use super::labelled;
use crate::AppState;
use crate::auth::Viewer;
use crate::edit::lang_pick;
use crate::error::AppError;
use crate::i18n::Lang;

/// The query of every roll-up view: the organization whose subtree is summed (the viewer's
/// own by default) and the budget year (every year by default).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RollupQuery {
    pub org: Option<String>,
    pub year: Option<String>,
}

/// A KPI or element of the served plan and what the subtree does for it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct TargetLine {
    pub id: String,
    pub depth: usize,
    pub kind: String,
    pub text: String,
    /// Elements and KPIs of the subtree's plans serving it.
    pub items: i64,
    /// Organizations of the subtree serving it.
    pub orgs: i64,
    /// Their budget (of the year asked, or every year), baht.
    pub budget: Decimal,
}

/// A strategy (top-level element) of the served plan: its budget per year; each serving
/// element counted once however many of the strategy's targets it serves.
#[derive(Debug, Serialize, JsonSchema)]
pub struct StrategyLine {
    pub id: String,
    pub text: String,
    pub items: i64,
    pub orgs: i64,
    /// Buddhist-Era year (0: no year) -> baht.
    pub budget_by_year: BTreeMap<i64, Decimal>,
    pub total: Decimal,
}

/// An organization directly below: its subtree on each target, and in all.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChildLine {
    pub org: String,
    pub name: String,
    /// How many of the plan's targets its subtree serves.
    pub targets_served: usize,
    /// Serving elements and KPIs (counted once per strategy).
    pub items: i64,
    /// Their budget (of the year asked, or every year), baht.
    pub budget: Decimal,
    /// Target id -> (items, organizations, budget).
    pub by_target: BTreeMap<String, (i64, i64, Decimal)>,
    /// KPIs of its subtree's followed plans by status, in the achievement year.
    pub achievement: BTreeMap<String, i64>,
}

/// One organization's roll-up of one plan: what the page, the workbook and the API show.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RollupView {
    pub plan_id: String,
    pub plan_title: String,
    pub org: String,
    pub org_name: String,
    /// The organization above, to climb back up to (when the viewer may see it).
    pub up: Option<String>,
    pub year: Option<u16>,
    pub years: Vec<i64>,
    pub targets: Vec<TargetLine>,
    pub strategies: Vec<StrategyLine>,
    pub children: Vec<ChildLine>,
    /// KPI achievement of the followed plans of the subtree (its own KPIs, not the served
    /// plan's): year -> status ('achieved', 'partly', 'not_achieved', 'no_data',
    /// 'no_target') -> KPIs.
    pub achievement: BTreeMap<i64, BTreeMap<String, i64>>,
    /// The year the organizations below are compared in: the one asked, else this year.
    pub achievement_year: i64,
}

/// The organization to sum: the one asked for when the viewer belongs to it or oversees it
/// (provincial office, department), else the same 404 as a plan they may not read; by
/// default the first organization they belong to.
pub(crate) async fn org_for(
    state: &AppState,
    viewer: &Viewer,
    asked: Option<&str>,
) -> Result<(OrgCode, Option<OrgCode>), AppError> {
    let lang = viewer.lang;
    let first = viewer.memberships.first().ok_or(AppError::NotFound(lang))?;
    let org = match asked.filter(|a| !a.trim().is_empty()) {
        Some(a) => OrgCode::parse(a.trim()).map_err(|_| AppError::NotFound(lang))?,
        None => first.org.clone(),
    };
    let above = state
        .store
        .ancestors(&org)
        .await
        .map_err(|_| AppError::NotFound(lang))?;
    // chain[0] is the organization asked for, then the ones above it, nearest first.
    let chain: Vec<&OrgCode> = std::iter::once(&org).chain(above.iter()).collect();
    let may = |at: usize| {
        viewer.memberships.iter().any(|m| {
            m.org == *chain[at] || (m.role.is_upper_level() && chain[at + 1..].contains(&&m.org))
        })
    };
    if !may(0) {
        return Err(AppError::NotFound(lang));
    }
    let up = (chain.len() > 1 && may(1)).then(|| chain[1].clone());
    Ok((org, up))
}

/// An organization's Thai name, or its code when it cannot be read.
pub(crate) async fn name_of_org(state: &AppState, org: &OrgCode) -> String {
    state
        .store
        .org(org)
        .await
        .map(|o| o.name_th)
        .unwrap_or_else(|_| org.to_string())
}

fn year_of(lang: Lang, y: Option<&str>) -> Result<Option<u16>, AppError> {
    match y.map(str::trim).filter(|y| !y.is_empty()) {
        None => Ok(None),
        Some(y) => phaen_domain::BeYear::parse(y)
            .map(|b| Some(b.get()))
            .map_err(|e| {
                AppError::BadRequest(
                    lang,
                    lang_pick(
                        lang,
                        &format!("ปี '{y}' อ่านไม่ได้: {}", e.to_string_th()),
                        &format!("year '{y}' cannot be read: {e}"),
                    ),
                )
            }),
    }
}

/// The roll-up of `plan` over the subtree the query names, as the viewer may see it.
pub async fn rollup_view(
    state: &AppState,
    viewer: &Viewer,
    plan: &Plan,
    q: &RollupQuery,
) -> Result<RollupView, AppError> {
    let lang = viewer.lang;
    let year = year_of(lang, q.year.as_deref())?;
    let (org, up) = org_for(state, viewer, q.org.as_deref()).await?;
    let r = state
        .store
        .rollup(&plan.id, &org, year.map(i64::from))
        .await?;
    let org_name = name_of_org(state, &org).await;
    let in_year = |y: i64| year.is_none_or(|w| i64::from(w) == y);
    let mut per_target: HashMap<&str, (i64, i64, Decimal)> = HashMap::new();
    let mut per_strategy: HashMap<&str, (i64, i64, BTreeMap<i64, Decimal>)> = HashMap::new();
    for row in &r.rows {
        if row.grain == "target" {
            let t = per_target.entry(&row.key).or_default();
            if row.year == 0 {
                t.0 += row.items;
                t.1 += row.orgs;
            }
            if in_year(row.year) {
                t.2 += row.budget;
            }
        } else {
            let s = per_strategy.entry(&row.key).or_default();
            if row.year == 0 {
                s.0 += row.items;
                s.1 += row.orgs;
            }
            if !row.budget.is_zero() {
                *s.2.entry(row.year).or_default() += row.budget;
            }
        }
    }
    let targets = super::coverage::targets(plan, lang)
        .into_iter()
        .map(|(id, depth, kind, text, _)| {
            let (items, orgs, budget) = per_target.get(id.as_str()).cloned().unwrap_or_default();
            TargetLine {
                id,
                depth,
                kind,
                text,
                items,
                orgs,
                budget,
            }
        })
        .collect();
    let mut strategy_rows: Vec<(String, String)> = plan
        .elements
        .iter()
        .map(|e| (e.id.to_string(), labelled(e.label.as_deref(), &e.title)))
        .collect();
    if !plan.kpis.is_empty() {
        strategy_rows.push((
            "plan".into(),
            lang_pick(lang, "แผนทั้งฉบับ", "The plan as a whole"),
        ));
    }
    let strategies = strategy_rows
        .into_iter()
        .map(|(id, text)| {
            let (items, orgs, by_year) = per_strategy.get(id.as_str()).cloned().unwrap_or_default();
            let total = by_year
                .iter()
                .filter(|(y, _)| in_year(**y))
                .map(|(_, b)| *b)
                .sum();
            StrategyLine {
                id,
                text,
                items,
                orgs,
                budget_by_year: by_year,
                total,
            }
        })
        .collect();
    let mut by_child: HashMap<&OrgCode, Vec<&phaen_store::rollup::RollupChild>> = HashMap::new();
    for c in &r.children {
        by_child.entry(&c.org).or_default().push(c);
    }
    let mut children: Vec<ChildLine> = state
        .store
        .child_orgs(&org)
        .await?
        .into_iter()
        .map(|(code, name)| {
            let lines = by_child.get(&code).cloned().unwrap_or_default();
            let by_target: BTreeMap<String, (i64, i64, Decimal)> = lines
                .iter()
                .filter(|c| c.grain == "target" && c.items > 0)
                .map(|c| (c.key.clone(), (c.items, c.orgs, c.budget)))
                .collect();
            let strategies = lines.iter().filter(|c| c.grain == "strategy");
            ChildLine {
                org: code.to_string(),
                name,
                targets_served: by_target.len(),
                items: strategies.clone().map(|c| c.items).sum(),
                budget: strategies.map(|c| c.budget).sum(),
                by_target,
                achievement: BTreeMap::new(),
            }
        })
        .collect();
    let years: Vec<i64> = plan.period.years().map(|y| i64::from(y.get())).collect();
    let mut achievement: BTreeMap<i64, BTreeMap<String, i64>> = BTreeMap::new();
    for ((y, status), n) in state.store.achievement(&org).await? {
        achievement.entry(y).or_default().insert(status, n);
    }
    let this_year = plan
        .year_basis
        .year_of(phaen_store::today_in_bangkok())
        .map(|y| i64::from(y.get()))
        .unwrap_or_default();
    let achievement_year = year.map(i64::from).unwrap_or(this_year);
    let mut below: HashMap<String, BTreeMap<String, i64>> = HashMap::new();
    if let Ok(y) = phaen_domain::BeYear::new(achievement_year as u16) {
        for ((o, status), n) in state.store.achievement_below(&org, y).await? {
            below.entry(o).or_default().insert(status, n);
        }
    }
    for c in children.iter_mut() {
        c.achievement = below.remove(&c.org).unwrap_or_default();
    }
    Ok(RollupView {
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        org: org.to_string(),
        org_name,
        up: up.map(|u| u.to_string()),
        year,
        years,
        targets,
        strategies,
        children,
        achievement,
        achievement_year,
    })
}
