//! GET /api/v1/search?q=...: the search box's answer as JSON, over the plans the caller may
//! read (the one rule of `visibility`), best first, each hit with the page that shows it and
//! its matches marked.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use phaen_domain::search::{Piece, Query as SearchQuery};
use phaen_domain::thai;

use super::reply::ApiResult;
use super::signed_in;
use crate::AppState;
use crate::auth::Viewer;
use crate::error::Problem;

/// Hits given when the caller names no limit, and the most they may ask for.
pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchParams {
    pub q: String,
    /// 1 to 200 (Thai digits read); 50 by default.
    pub limit: Option<String>,
}

/// One thing found.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ApiHit {
    pub plan: String,
    pub plan_title: String,
    /// The code of the plan's organization, and its Thai name.
    pub org: String,
    pub org_name: String,
    /// plan | an element kind (strategy, guideline, project ...) | kpi | kpi_narrative |
    /// project_narrative
    pub kind: String,
    /// The same, in the caller's language.
    pub kind_label: String,
    /// The page that shows it.
    pub link: String,
    /// Its title and an excerpt of its text around the first match, as runs of text marked
    /// `hit` where they match.
    pub title: Vec<Piece>,
    pub excerpt: Vec<Piece>,
    /// How many of the query's keys it matches, of `keys`, and how many times.
    pub matched: i64,
    pub keys: i64,
    pub hits: i64,
}

/// The answer to a search.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchReply {
    pub query: String,
    pub hits: Vec<ApiHit>,
    /// `limit` hits were given and there may be more.
    pub more: bool,
}

fn limit_of(asked: Option<&str>) -> Result<usize, Problem> {
    match asked.map(str::trim).filter(|l| !l.is_empty()) {
        None => Ok(DEFAULT_LIMIT),
        Some(l) => thai::to_arabic_digits(l)
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                Problem::new(
                    "limit",
                    format!("จำนวนผลลัพธ์ '{l}' ต้องเป็นตัวเลข 1 ถึง {MAX_LIMIT}"),
                    format!("limit '{l}' must be a number from 1 to {MAX_LIMIT}"),
                )
            }),
    }
}

/// GET /api/v1/search?q=WORDS[&limit=N]
pub async fn search(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(params): Query<SearchParams>,
) -> ApiResult {
    signed_in(&viewer)?;
    let lang = viewer.lang;
    let limit = limit_of(params.limit.as_deref()).map_err(|p| p.into_error(lang))?;
    let text: String = params
        .q
        .trim()
        .chars()
        .take(crate::search::MAX_QUERY_CHARS)
        .collect();
    let query = SearchQuery::parse(&text);
    if query.is_empty() {
        return Err(Problem::new(
            "q",
            format!("ไม่มีคำให้ค้นหาใน '{text}': พิมพ์อย่างน้อยหนึ่งคำ"),
            format!("nothing to search for in '{text}': give at least one word"),
        )
        .into_error(lang)
        .into());
    }
    let scope = crate::visibility::search_scope(&state.store, &viewer.memberships).await?;
    let found = state.store.search(&query, &scope, limit).await?;
    let more = found.len() == limit;
    let hits = found
        .into_iter()
        .map(|h| ApiHit {
            kind_label: crate::search::kind_label(&h.kind, lang).to_string(),
            link: crate::search::link(&h),
            plan: h.plan,
            plan_title: h.plan_title,
            org: h.org,
            org_name: h.org_name,
            kind: h.kind,
            title: h.title,
            excerpt: h.excerpt,
            matched: h.matched,
            keys: h.keys,
            hits: h.hits,
        })
        .collect();
    Ok(Json(SearchReply {
        query: text,
        hits,
        more,
    })
    .into_response())
}
