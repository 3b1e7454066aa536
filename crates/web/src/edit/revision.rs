//! Opening a new revision of an approved, published or closed plan: the current revision is
//! kept whole and the plan becomes a draft again, numbered one higher, for its editors.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::access;
use phaen_store::PlanStore;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;

#[derive(Deserialize)]
pub struct RevisionForm {
    csrf: String,
    version: i64,
}

/// POST /plans/{id}/revisions/new
pub async fn begin(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<RevisionForm>,
) -> Result<Response, AppError> {
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    if !access::can_write_plan(&viewer.memberships, &plan.owner.code) {
        return Err(AppError::Denied(viewer.lang));
    }
    store.begin_revision(&plan.id, form.version).await?;
    Ok(Redirect::to(&format!("/plans/{}", plan.id)).into_response())
}
