//! Opening a new revision of an approved, published or closed plan: the current revision is
//! kept whole and the plan becomes a draft again, numbered one higher, for its editors. Shared
//! with the JSON API.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use phaen_domain::{Plan, access};
use phaen_store::{PlanStore, Store};

use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;

/// Opens a new revision of `plan` as the user `store` acts for, when the viewer writes its
/// plans (else 403) and it is still at `version`. Returns the new version.
pub(crate) async fn open_revision(
    store: &Store,
    viewer: &Viewer,
    plan: &Plan,
    version: i64,
) -> Result<i64, AppError> {
    if !access::can_write_plan(&viewer.memberships, &plan.owner.code) {
        return Err(AppError::Denied(viewer.lang));
    }
    Ok(store.begin_revision(&plan.id, version).await?)
}

/// POST /plans/{id}/revisions/new
pub async fn begin(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<super::VersionForm>,
) -> Result<Response, AppError> {
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    open_revision(&store, &viewer, &plan, form.version).await?;
    Ok(Redirect::to(&format!("/plans/{}", plan.id)).into_response())
}
