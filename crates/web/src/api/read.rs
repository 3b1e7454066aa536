//! The API's reads: the plans a caller may see, a plan whole (its version as the ETag), its
//! summary, KPIs, projects, revisions and comments, and the audit log as /audit shows it.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

use phaen_domain::{PlanId, views};
use phaen_store::PlanStore;

use super::reply::{ApiError, ApiResult};
use super::{readable, signed_in};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;

/// `body` with the plan's `version` as its ETag.
pub(super) fn with_version(version: i64, body: impl IntoResponse) -> Response {
    ([(header::ETAG, format!("\"{version}\""))], body).into_response()
}

/// GET /api/v1/plans
pub async fn list_plans(State(state): State<AppState>, viewer: Viewer) -> ApiResult {
    signed_in(&viewer)?;
    let (plans, _) = crate::visibility::visible_plans(&state, &viewer).await?;
    let visible: Vec<Value> = plans
        .into_iter()
        .map(|p| {
            json!({
                "id": p.id, "title": p.title, "org": p.org, "kind": p.kind.as_str(),
                "status": p.status.as_str(),
                "period": { "from": p.from.get(), "to": p.to.get() },
            })
        })
        .collect();
    Ok(Json(visible).into_response())
}

/// GET /api/v1/plans/{id}: the canonical JSON of the plan, its version as the ETag. The version
/// is read before the plan, so it is never newer than what the caller is shown: a write made
/// with it is at worst a 409, never a silent overwrite.
pub async fn get_plan(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    signed_in(&viewer)?;
    let pid = PlanId::parse(&id).map_err(|_| AppError::NotFound(viewer.lang))?;
    let version = state.store.plan_version(&pid).await?;
    let plan = readable(&state, &viewer, &id).await?;
    Ok(with_version(version, Json(plan)))
}

/// GET /api/v1/plans/{id}/summary
pub async fn get_summary(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    let plan = readable(&state, &viewer, &id).await?;
    Ok(Json(views::summary(&plan)).into_response())
}

/// GET /api/v1/plans/{id}/kpis
pub async fn get_kpis(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    let plan = readable(&state, &viewer, &id).await?;
    Ok(Json(views::kpi_list(&plan)).into_response())
}

/// GET /api/v1/plans/{id}/projects
pub async fn get_projects(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    let plan = readable(&state, &viewer, &id).await?;
    Ok(Json(views::project_list(&plan)).into_response())
}

/// One revision of a plan.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RevisionView {
    pub number: u32,
    pub title: String,
    /// The revision the plan is at now.
    pub current: bool,
    /// When a newer revision replaced it (Unix milliseconds); none for the current one.
    #[serde(default)]
    pub replaced_at: Option<i64>,
}

/// GET /api/v1/plans/{id}/revisions
pub async fn list_revisions(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    let plan = readable(&state, &viewer, &id).await?;
    let mut out: Vec<RevisionView> = state
        .store
        .list_revisions(&plan.id)
        .await?
        .into_iter()
        .map(|r| RevisionView {
            number: r.number,
            title: r.title,
            current: false,
            replaced_at: Some(r.replaced_at),
        })
        .collect();
    out.push(RevisionView {
        number: crate::plan_pages::revision_number(&plan),
        title: plan.title.clone(),
        current: true,
        replaced_at: None,
    });
    Ok(Json(out).into_response())
}

/// GET /api/v1/plans/{id}/revisions/{number}
pub async fn get_revision(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, number)): Path<(String, String)>,
) -> ApiResult {
    let plan = readable(&state, &viewer, &id).await?;
    let number: u32 = number
        .parse()
        .map_err(|_| AppError::NotFound(viewer.lang))?;
    if number == crate::plan_pages::revision_number(&plan) {
        return Ok(Json(plan).into_response());
    }
    Ok(Json(state.store.load_revision(&plan.id, number).await?).into_response())
}

/// A reader's comment on a plan.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CommentView {
    pub id: String,
    pub author_name: String,
    pub body: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

impl From<phaen_store::comments::Comment> for CommentView {
    fn from(c: phaen_store::comments::Comment) -> Self {
        CommentView {
            id: c.id,
            author_name: c.author_name,
            body: c.body,
            created_at: c.created_at,
        }
    }
}

/// GET /api/v1/plans/{id}/comments
pub async fn list_comments(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    let plan = readable(&state, &viewer, &id).await?;
    let comments: Vec<CommentView> = state
        .store
        .comments(&plan.id)
        .await?
        .into_iter()
        .map(CommentView::from)
        .collect();
    Ok(Json(comments).into_response())
}

/// The audit log as the caller may read it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AuditView {
    /// The hash chain of the whole log holds.
    pub intact: bool,
    /// The first entry where it does not.
    #[serde(default)]
    pub broken_at: Option<i64>,
    pub entries: Vec<AuditRow>,
}

/// One entry of the audit log, with the fields the CSV download has.
#[derive(Debug, Serialize, JsonSchema)]
pub struct AuditRow {
    pub seq: i64,
    /// Unix milliseconds.
    pub at: i64,
    /// The same moment in Bangkok, in Thai.
    pub time_bangkok: String,
    pub actor_id: String,
    pub actor_name: String,
    pub action: String,
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    pub plan: Option<String>,
    #[serde(default)]
    pub target: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// GET /api/v1/audit?after=SEQ
pub async fn audit(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    signed_in(&viewer)?;
    let after: i64 = match q.get("after") {
        Some(a) => a.trim().parse().map_err(|_| {
            ApiError::from(
                crate::error::Problem::new(
                    "after",
                    format!("'{a}' ไม่ใช่เลขลำดับ"),
                    format!("'{a}' is not a sequence number"),
                )
                .into_error(viewer.lang),
            )
        })?,
        None => 0,
    };
    let check = state.store.verify_audit().await?;
    let entries = crate::audit::visible(&state, &viewer)
        .await?
        .into_iter()
        .filter(|e| e.seq > after)
        .map(|e| AuditRow {
            seq: e.seq,
            at: e.at,
            time_bangkok: crate::audit::bangkok(e.at),
            actor_id: e.actor_id,
            actor_name: e.actor_name,
            action: e.action,
            org: e.org,
            plan: e.plan,
            target: e.target,
            prev_hash: e.prev_hash,
            hash: e.hash,
        })
        .collect();
    Ok(Json(AuditView {
        intact: check.broken_at.is_none(),
        broken_at: check.broken_at.map(|(seq, _)| seq),
        entries,
    })
    .into_response())
}

/// GET /api/v1/plans/{id}/rollup[?org=CODE&year=YYYY]: what the roll-up page shows.
pub async fn get_rollup(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<crate::plan_pages::rollup::RollupQuery>,
) -> ApiResult {
    signed_in(&viewer)?;
    let plan = readable(&state, &viewer, &id).await?;
    let view = crate::plan_pages::rollup::rollup_view(&state, &viewer, &plan, &q).await?;
    Ok(Json(view).into_response())
}
