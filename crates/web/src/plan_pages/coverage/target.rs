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

use phaen_domain::progress::ProjectStatus;
use phaen_domain::{ElementKind, thai};
use phaen_store::OrgStore;
use phaen_store::coverage::{Served, ServingFilter};

use super::super::money::baht;
use super::super::rollup::org_for;
use super::super::{Current, PlanNav, labelled, readable_plan};
use super::{CoverageTexts, targets};
use crate::AppState;
use crate::auth::Viewer;
use crate::edit::lang_pick;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::progress::project_texts::status_label;
use crate::views::element_label;
use crate::visibility::{OrgTree, ReadRule};

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
    let served = state
        .store
        .serving_items(
            &plan.id,
            ServingFilter {
                target: Some(&target_id),
                under: Some(&org),
            },
        )
        .await?;
    let tree = OrgTree::load(&state).await?;
    let rule = ReadRule::new(&viewer.memberships, &tree, true);
    let total = served.len();
    let readable: Vec<&Served> = served
        .iter()
        .filter(|s| rule.may_read(&s.org, s.plan_status))
        .collect();
    let budget: Decimal = readable.iter().map(|s| s.budget).sum();
    let statuses = ProjectStatus::ALL
        .iter()
        .map(|st| {
            let n = readable
                .iter()
                .filter(|s| s.progress.as_ref().is_some_and(|p| p.1 == st.as_str()))
                .count();
            (status_label(*st, lang), n)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let pages = readable.len().div_ceil(PAGE_SIZE).max(1);
    let page = page.min(pages);
    let rows = readable
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|s| serving_row(s, lang))
        .collect();
    let rollup = state.store.rollup(&plan.id, &org, None).await?;
    let mut per_child: HashMap<String, (i64, i64, Decimal)> = HashMap::new();
    for c in rollup
        .children
        .iter()
        .filter(|c| c.grain == "target" && c.key == target_id)
    {
        let e = per_child.entry(c.org.to_string()).or_default();
        e.0 += c.items;
        e.1 += c.orgs;
        e.2 += c.budget;
    }
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
    let org_name = state
        .store
        .org(&org)
        .await
        .map(|o| o.name_th)
        .unwrap_or_else(|_| org.to_string());
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
        readable: readable.len(),
        unreadable: total - readable.len(),
        budget: baht(budget),
        budget_exact: budget.normalize().to_string(),
        statuses,
        rows,
        page,
        pages,
        below,
    }
    .into_response())
}
