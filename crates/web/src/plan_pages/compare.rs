//! GET /plans/{id}/compare?a=N&b=M: two revisions side by side (N, M: a kept revision's
//! number or `current`), each element marked added, removed, changed or the same.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use phaen_domain::Plan;
use phaen_store::PlanStore;

use super::diff::{Diff, Status, diff};
use super::revisions::RevisionRow;
use super::{Current, PlanNav, PlanPageTexts, readable_plan, revision_number};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

#[derive(Deserialize)]
pub struct CompareQuery {
    a: Option<String>,
    b: Option<String>,
    only: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_compare.html")]
struct ComparePage {
    lang: Lang,
    t: &'static Texts,
    p: &'static PlanPageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    sel_a: String,
    sel_b: String,
    a_name: String,
    b_name: String,
    only_changes: bool,
    /// (status code, symbol, word, count)
    counts: Vec<(&'static str, &'static str, &'static str, usize)>,
    diff: Diff,
    /// The revisions to choose from: (key, name).
    choices: Vec<RevisionRow>,
}

/// Which revision a query value names: `None` for the current one.
fn parse_key(value: &str, current: u32) -> Option<Option<u32>> {
    match value.trim() {
        "current" => Some(None),
        v => v
            .parse::<u32>()
            .ok()
            .map(|n| if n == current { None } else { Some(n) }),
    }
}

/// GET /plans/{id}/compare.
pub async fn compare_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<CompareQuery>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let p = PlanPageTexts::of(lang);
    let current = revision_number(&plan);
    let kept = state.store.list_revisions(&plan.id).await?;
    let bad = || AppError::BadRequest(lang, p.bad_revision.to_string());
    let a = match q.a.as_deref().filter(|v| !v.is_empty()) {
        Some(v) => parse_key(v, current).ok_or_else(bad)?,
        None => kept.last().map(|r| r.number),
    };
    let b = match q.b.as_deref().filter(|v| !v.is_empty()) {
        Some(v) => parse_key(v, current).ok_or_else(bad)?,
        None => None,
    };
    let load = async |n: Option<u32>| -> Result<Plan, AppError> {
        match n {
            None => Ok(Plan::clone(&plan)),
            Some(n) => match state.store.load_revision(&plan.id, n).await {
                Ok(r) => Ok(r),
                Err(phaen_store::Error::NotFound { .. }) => Err(AppError::NotFound(lang)),
                Err(e) => Err(e.into()),
            },
        }
    };
    let (old, new) = (load(a).await?, load(b).await?);
    let name = |n: Option<u32>| match n {
        None => format!("{} ({})", p.revision(current), p.current),
        Some(n) => p.revision(n),
    };
    let key = |n: Option<u32>| n.map_or("current".to_string(), |n| n.to_string());
    let diff = diff(&old, &new, lang);
    let counts = [
        Status::Added,
        Status::Removed,
        Status::Changed,
        Status::Same,
    ]
    .into_iter()
    .map(|s| (s.code(), s.symbol(), s.word(p), diff.count(s)))
    .collect();
    let plan_id = plan.id.to_string();
    let mut choices = vec![RevisionRow {
        key: "current".into(),
        name: name(None),
        title: plan.title.clone(),
        replaced: String::new(),
        next: None,
    }];
    choices.extend(kept.iter().rev().map(|r| RevisionRow {
        key: r.number.to_string(),
        name: p.revision(r.number),
        title: r.title.clone(),
        replaced: String::new(),
        next: None,
    }));
    Ok(ComparePage {
        lang,
        t: lang.t(),
        p,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Revisions),
        plan_id,
        plan_title: plan.title.clone(),
        sel_a: key(a),
        sel_b: key(b),
        a_name: name(a),
        b_name: name(b),
        only_changes: q.only.as_deref() == Some("changes"),
        counts,
        diff,
        choices,
    }
    .into_response())
}
