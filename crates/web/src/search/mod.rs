//! GET /search?q=...: Thai full-text search over every plan the viewer may read (the one rule
//! of `visibility`, applied inside the query), hits grouped by plan in rank order, each with
//! its kind, a link to its page and its matches marked.

mod texts;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::ElementKind;
use phaen_domain::search::{Piece, Query as SearchQuery};
use phaen_store::search::Hit;

pub use texts::{SearchTexts, search_texts};

use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

/// At most this many hits are shown.
pub const LIMIT: usize = 50;
/// Longer queries are cut here (characters).
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
}

pub struct HitView {
    pub kind: &'static str,
    pub link: String,
    pub title: Vec<Piece>,
    pub excerpt: Vec<Piece>,
    /// '2 of 2' search words matched.
    pub matched: String,
}

pub struct PlanHits {
    pub title: String,
    pub link: String,
    pub org: String,
    pub hits: Vec<HitView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "search.html")]
struct SearchPage {
    lang: Lang,
    t: &'static Texts,
    s: &'static SearchTexts,
    user_name: Option<String>,
    csrf: String,
    q: String,
    /// A query was typed (with at least one word to look up).
    asked: bool,
    groups: Vec<PlanHits>,
    /// The page shows `LIMIT` hits and there may be more.
    cut: bool,
}

/// What kind of thing a hit is, in the reader's language.
pub fn kind_label(kind: &str, lang: Lang) -> &'static str {
    let s = search_texts(lang);
    match kind {
        "plan" => s.plan,
        "kpi" => s.kpi,
        "kpi_narrative" => s.kpi_narrative,
        "project_narrative" => s.project_narrative,
        other => ElementKind::parse(other)
            .map(|k| crate::views::element_label(k, lang))
            .unwrap_or(s.plan),
    }
}

/// The page that shows a hit.
pub fn link(hit: &Hit) -> String {
    let plan = &hit.plan;
    match (hit.kind.as_str(), hit.target.is_empty()) {
        ("kpi_narrative", _) => format!("/plans/{plan}/progress#kpi-progress"),
        ("project_narrative", _) => format!("/plans/{plan}/progress#projects"),
        ("kpi", false) => format!("/plans/{plan}/elements/{}#kpis", hit.target),
        (_, false) => format!("/plans/{plan}/elements/{}", hit.target),
        (_, true) => format!("/plans/{plan}"),
    }
}

/// Hits grouped by plan, the plans in the order of their best hit.
fn group(hits: Vec<Hit>, lang: Lang) -> Vec<PlanHits> {
    let s = search_texts(lang);
    let mut groups: Vec<(String, PlanHits)> = Vec::new();
    for h in hits {
        let view = HitView {
            kind: kind_label(&h.kind, lang),
            link: link(&h),
            matched: format!(
                "{} {} {} {} {}",
                s.matched, h.matched, s.of, h.keys, s.words
            ),
            title: h.title,
            excerpt: h.excerpt,
        };
        match groups.iter_mut().find(|(id, _)| *id == h.plan) {
            Some((_, g)) => g.hits.push(view),
            None => groups.push((
                h.plan.clone(),
                PlanHits {
                    title: h.plan_title,
                    link: format!("/plans/{}", h.plan),
                    org: h.org_name.clone(),
                    hits: vec![view],
                },
            )),
        }
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

/// GET /search?q=...
pub async fn search_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<SearchParams>,
) -> Result<Response, AppError> {
    if viewer.user.is_none() {
        return Ok(Redirect::to("/signin").into_response());
    }
    let lang = viewer.lang;
    let q: String = params.q.trim().chars().take(MAX_QUERY_CHARS).collect();
    let query = SearchQuery::parse(&q);
    let (groups, cut) = if query.is_empty() {
        (Vec::new(), false)
    } else {
        let scope = crate::visibility::search_scope(&state.store, &viewer.memberships).await?;
        let hits = state.store.search(&query, &scope, LIMIT).await?;
        let cut = hits.len() == LIMIT;
        (group(hits, lang), cut)
    };
    Ok(SearchPage {
        lang,
        t: lang.t(),
        s: search_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        asked: !query.is_empty(),
        q,
        groups,
        cut,
    }
    .into_response())
}
