//! The API's writes about a plan as a whole: moving it along its life, opening a new revision,
//! and commenting during member consultation, through the functions the plan page's forms use.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use phaen_store::PlanStore;

use super::read::{CommentView, with_version};
use super::reply::{ApiError, ApiResult};
use super::{for_write, parse};
use crate::AppState;
use crate::auth::Viewer;
use crate::edit::status::{self, StatusChange};
use crate::error::Problem;

/// A change was saved.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Written {
    /// The plan's version now: send it with the next change.
    pub version: i64,
    /// A new revision: its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
}

/// A change was saved: the plan's new version, as the body and the ETag.
pub(super) fn written(version: i64) -> axum::response::Response {
    with_version(
        version,
        Json(Written {
            version,
            revision: None,
        }),
    )
}

/// A request member that names something a change may not alter.
pub(super) fn fixed(viewer: &Viewer, field: &'static str, th: &str, en: &str) -> ApiError {
    Problem::new(field, th, en).into_error(viewer.lang).into()
}

/// A move along the plan's life.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    /// draft, consultation, approved, published or closed.
    pub to: String,
    /// The plan version the move is made against.
    pub version: i64,
    /// To approve: who approved the plan, at which meeting, on which day.
    #[serde(default)]
    pub approval: Option<ApprovalRequest>,
    /// To open member consultation: the first and last day comments are taken.
    #[serde(default)]
    pub window: Option<WindowRequest>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRequest {
    /// The approving body: 'ที่ประชุมใหญ่สามัญประจำปี 2567'.
    pub body: String,
    /// 'ครั้งที่ 15'.
    #[serde(default)]
    pub meeting: Option<String>,
    /// '18 ธันวาคม 2567' or '2024-12-18'.
    pub date: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowRequest {
    /// '1 มกราคม 2569' or '2026-01-01'.
    pub opens: String,
    pub closes: String,
}

/// POST /api/v1/plans/{id}/status
pub async fn change_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let (plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    let req: StatusRequest = parse(&viewer, &body)?;
    let change = StatusChange {
        to: &req.to,
        body: req.approval.as_ref().map(|a| a.body.as_str()),
        meeting: req.approval.as_ref().and_then(|a| a.meeting.as_deref()),
        date: req.approval.as_ref().map(|a| a.date.as_str()),
        opens: req.window.as_ref().map(|w| w.opens.as_str()),
        closes: req.window.as_ref().map(|w| w.closes.as_str()),
    };
    let version = status::change_status(&store, &viewer, &plan, &change, req.version).await?;
    Ok(written(version))
}

/// Only the plan version a request is made against.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionRequest {
    pub version: i64,
}

/// POST /api/v1/plans/{id}/revisions
pub async fn open_revision(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let (plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    let req: VersionRequest = parse(&viewer, &body)?;
    let version = crate::edit::revision::open_revision(&store, &viewer, &plan, req.version).await?;
    let now = state.store.load_plan(&plan.id).await?;
    let written = Written {
        version,
        revision: Some(crate::plan_pages::revision_number(&now)),
    };
    Ok(with_version(version, (StatusCode::CREATED, Json(written))))
}

/// A comment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    /// 1 to 4,000 characters.
    pub body: String,
}

/// POST /api/v1/plans/{id}/comments
pub async fn add_comment(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let (plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    let req: CommentRequest = parse(&viewer, &body)?;
    let comment = status::comment(&store, &plan, &req.body).await?;
    Ok((StatusCode::CREATED, Json(CommentView::from(comment))).into_response())
}
