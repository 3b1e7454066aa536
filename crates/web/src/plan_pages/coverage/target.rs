//! GET /plans/{id}/coverage/{target}: what serves one KPI or element of a plan within an
//! organization's subtree: the items the viewer may read, page by page, each with its
//! organization, plan, budget and latest approved progress; the latest statuses of all of
//! them; and the organizations directly below with their counts, to drill down.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use serde::Deserialize;

use phaen_domain::access::Reach;
use phaen_domain::progress::ProjectStatus;
use phaen_domain::{ElementKind, OrgCode, PlanId, thai};
use phaen_store::OrgStore;
use phaen_store::coverage::{Served, ServingFilter, ServingPlan};

use super::super::money::baht;
use super::super::rollup::{name_of_org, org_for};
use super::super::{Current, PlanNav, labelled, readable_plan};
use super::{CoverageTexts, targets};
use crate::AppState;
use crate::auth::Viewer;
use crate::edit::lang_pick;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::progress::project_texts::status_label;
use crate::views::element_label;

/// Serving items listed on one page.
pub const PAGE_SIZE: usize = 100;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TargetQuery {
    pub org: Option<String>,
    /// 1-based; Thai digits are read.
    pub page: Option<String>,
}

/// One item serving the target, as listed.
pub struct ServingRow {
    pub org: String,
    pub plan_title: String,
    pub kind: String,
    pub text: String,
    /// The page to open: the serving element's (or, for a KPI, its plan's).
    pub href: String,
    pub budget: String,
    pub progress: String,
}

/// An organization directly below and its subtree's share of the target.
pub struct BelowRow {
    pub org: String,
    pub name: String,
    pub items: i64,
    pub orgs: i64,
    pub budget: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_coverage_target.html")]
struct TargetPage {
    lang: Lang,
    t: &'static Texts,
    c: &'static CoverageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    target_id: String,
    target_kind: String,
    target_text: String,
    org: String,
    org_name: String,
    up: Option<String>,
    /// Every readable serving item, and how many are in plans the viewer may not read.
    readable: usize,
    unreadable: usize,
    budget: String,
    budget_exact: String,
    statuses: Vec<(&'static str, usize)>,
    /// Projects with an approved report (what `statuses` counts).
    reported: usize,
    rows: Vec<ServingRow>,
    page: usize,
    pages: usize,
    below: Vec<BelowRow>,
}

fn serving_row(s: &Served, lang: Lang) -> ServingRow {
    let c = CoverageTexts::of(lang);
    let kind = if s.source_kind == "kpi" {
        c.kpi.to_string()
    } else {
        ElementKind::parse(&s.kind)
            .map(|k| element_label(k, lang).to_string())
            .unwrap_or_else(|_| s.kind.clone())
    };
    let progress = match &s.progress {
        Some((period, status, percent)) => {
            let word = ProjectStatus::parse(status)
                .map(|st| status_label(st, lang))
                .unwrap_or("");
            format!("{word} {}% ({period})", percent.normalize())
        }
        None => c.no_report.to_string(),
    };
    let href = if s.source_kind == "element" {
        format!("/plans/{}/elements/{}", s.plan, s.source_id)
    } else {
        format!("/plans/{}", s.plan)
    };
    ServingRow {
        org: s.org_name.clone(),
        plan_title: s.plan_title.clone(),
        kind,
        text: labelled(s.label.as_deref(), &s.title),
        href,
        budget: baht(s.budget),
        progress,
    }
}

/// The page asked for: 1 by default, a number from 1 (Thai digits read), else a 400 naming it.
fn page_of(lang: Lang, asked: Option<&str>) -> Result<usize, AppError> {
    match asked.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(1),
        Some(p) => thai::to_arabic_digits(p)
            .parse::<usize>()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| {
                AppError::BadRequest(
                    lang,
                    lang_pick(
                        lang,
                        &format!("หน้า '{p}' อ่านไม่ได้: ต้องเป็นตัวเลขตั้งแต่ 1"),
                        &format!("page '{p}' cannot be read: it must be a number from 1"),
                    ),
                )
            }),
    }
}

/// Which plans hold the items of page `page` (1-based, `size` a page) when the plans, in list
/// order, hold `counts` items each: their range, and how many of their items come before the
/// page's first.
fn page_window(counts: &[usize], page: usize, size: usize) -> (std::ops::Range<usize>, usize) {
    let from = (page.max(1) - 1) * size;
    let mut before = 0;
    let mut first = counts.len();
    for (i, n) in counts.iter().enumerate() {
        if before + n > from {
            first = i;
            break;
        }
        before += n;
    }
    let mut last = first;
    let mut held = before;
    while last < counts.len() && held < from + size {
        held += counts[last];
        last += 1;
    }
    (first..last, from - before.min(from))
}

/// GET /plans/{id}/coverage/{target}[?org=&page=].
pub async fn target_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, target)): Path<(String, String)>,
    Query(q): Query<TargetQuery>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let page = page_of(lang, q.page.as_deref())?;
    let Some((target_id, _, target_kind, target_text, _)) =
        targets(&plan, lang).into_iter().find(|t| t.0 == target)
    else {
        return Err(AppError::NotFound(lang));
    };
    let (org, up) = org_for(&state, &viewer, q.org.as_deref()).await?;
    let plans = state.store.serving_plans(&target_id, &org).await?;
    // Who may read each plan, decided from the organizations above it: those between the
    // subtree's root and it, the root, and the root's own.
    let above_root = state.store.ancestors(&org).await?;
    let mut above_viewer = Vec::new();
    for m in &viewer.memberships {
        above_viewer.extend(state.store.ancestors(&m.org).await?);
    }
    let reach = Reach::of(&viewer.memberships, &above_viewer);
    let (readable, hidden): (Vec<ServingPlan>, Vec<ServingPlan>) =
        plans.into_iter().partition(|p| {
            let ancestors: Vec<OrgCode> = p
                .path
                .iter()
                .rev()
                .chain(above_root.iter())
                .cloned()
                .collect();
            reach.holds(&p.org, p.plan_status, &ancestors)
        });
    let count = |ps: &[ServingPlan]| ps.iter().map(|p| p.items.max(0) as usize).sum::<usize>();
    let (shown, unreadable) = (count(&readable), count(&hidden));
    let budget: Decimal = readable.iter().map(|p| p.budget).sum();
    let ids: Vec<PlanId> = readable.iter().map(|p| p.plan.clone()).collect();
    let statuses: Vec<(&'static str, usize)> = state
        .store
        .serving_statuses(&target_id, &ids)
        .await?
        .into_iter()
        .filter_map(|(status, n)| {
            let st = ProjectStatus::parse(&status).ok()?;
            Some((status_label(st, lang), n as usize))
        })
        .collect();
    let pages = shown.div_ceil(PAGE_SIZE).max(1);
    let page = page.min(pages);
    let counts: Vec<usize> = readable.iter().map(|p| p.items.max(0) as usize).collect();
    let (plans_on_page, skip) = page_window(&counts, page, PAGE_SIZE);
    let on_page: Vec<PlanId> = readable[plans_on_page]
        .iter()
        .map(|p| p.plan.clone())
        .collect();
    let served = state
        .store
        .serving_items(
            &plan.id,
            ServingFilter {
                target: Some(&target_id),
                plans: Some(&on_page),
            },
        )
        .await?;
    let rows = served
        .iter()
        .skip(skip)
        .take(PAGE_SIZE)
        .map(|s| serving_row(s, lang))
        .collect();
    let mut per_child: HashMap<String, (i64, i64, Decimal)> = state
        .store
        .rollup_children_on(&plan.id, &org, &target_id)
        .await?
        .into_iter()
        .map(|c| (c.org.to_string(), (c.items, c.orgs, c.budget)))
        .collect();
    let below = state
        .store
        .child_orgs(&org)
        .await?
        .into_iter()
        .filter_map(|(code, name)| {
            let (items, orgs, budget) = per_child.remove(code.as_str())?;
            (items > 0).then(|| BelowRow {
                org: code.to_string(),
                name,
                items,
                orgs,
                budget: baht(budget),
            })
        })
        .collect();
    let org_name = name_of_org(&state, &org).await;
    Ok(TargetPage {
        lang,
        t: lang.t(),
        c: CoverageTexts::of(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Coverage),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        target_id,
        target_kind,
        target_text,
        org: org.to_string(),
        org_name,
        up: up.map(|u| u.to_string()),
        readable: shown,
        unreadable,
        budget: baht(budget),
        budget_exact: budget.normalize().to_string(),
        reported: statuses.iter().map(|s| s.1).sum(),
        statuses,
        rows,
        page,
        pages,
        below,
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::page_window;

    #[test]
    fn a_page_takes_the_plans_holding_its_items() {
        // Plans holding 3, 0, 4, 2 and 5 items; pages of 4.
        let counts = [3, 0, 4, 2, 5];
        // Items 0-3: plan 0 (0-2) and one of plan 2 (3); plan 1 holds none.
        assert_eq!(page_window(&counts, 1, 4), (0..3, 0));
        // Items 4-7: the rest of plan 2 (its items 1-3) and plan 3 (7-8).
        assert_eq!(page_window(&counts, 2, 4), (2..4, 1));
        // Items 8-11: the last of plan 3, then plan 4.
        assert_eq!(page_window(&counts, 3, 4), (3..5, 1));
        // Items 12-13: plan 4's last two.
        assert_eq!(page_window(&counts, 4, 4), (4..5, 3));
        // Past the end: nothing.
        assert_eq!(page_window(&counts, 9, 4).0.len(), 0);
        assert_eq!(page_window(&[], 1, 4), (0..0, 0));
    }
}
