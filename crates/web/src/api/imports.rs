//! Import by upload through the API: the file's bytes go in the body (`?org=CODE&name=FILE`),
//! the answer is the import report and the id of the waiting upload, and nothing is written
//! until the caller confirms it, exactly as with the upload page ([`crate::upload`]).

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use schemars::JsonSchema;
use serde::Serialize;

use phaen_domain::summary::{self, Counts};
use phaen_domain::views::PeriodView;
use phaen_store::PlanStore;
use phaen_store::imports::PendingImport;

use super::reply::{ApiError, ApiResult};
use super::{genuine, signed_in};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::Problem;
use crate::upload::{self, ReportView};

/// An upload read and waiting for its user to confirm it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct StagedView {
    /// The waiting upload's id: confirm or discard it by this id.
    pub id: String,
    /// The file name as uploaded.
    pub source: String,
    pub org: String,
    pub title: String,
    pub kind: String,
    pub period: PeriodView,
    /// What the plan read holds.
    pub counts: Counts,
    pub budget_baht_total: String,
    /// What was read, repaired and not recognized, line by line.
    pub report: ReportView,
}

fn view(pending: &PendingImport) -> Result<StagedView, ApiError> {
    let plan = &pending.plan;
    Ok(StagedView {
        id: pending.id.clone(),
        source: pending.source.clone(),
        org: pending.org.to_string(),
        title: plan.title.clone(),
        kind: plan.kind.as_str().to_string(),
        period: PeriodView {
            from: plan.period.from.get(),
            to: plan.period.to.get(),
        },
        counts: summary::counts(plan),
        budget_baht_total: upload::budget_total(plan).to_string(),
        report: ReportView::of_pending(pending)?,
    })
}

fn required<'a>(
    viewer: &Viewer,
    q: &'a HashMap<String, String>,
    name: &'static str,
    (th, en): (&str, &str),
) -> Result<&'a str, ApiError> {
    q.get(name)
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            Problem::new(
                name,
                format!("ต้องระบุ ?{name}= ({th})"),
                format!("give ?{name}= ({en})"),
            )
            .into_error(viewer.lang)
            .into()
        })
}

/// POST /api/v1/imports?org=CODE&name=FILE
pub async fn stage(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Query(q): Query<HashMap<String, String>>,
    body: Bytes,
) -> ApiResult {
    genuine(&headers, &viewer)?;
    let org = required(
        &viewer,
        &q,
        "org",
        (
            "รหัสหน่วยงานเจ้าของแผน",
            "the code of the organization the plan is for",
        ),
    )?;
    let name = required(
        &viewer,
        &q,
        "name",
        ("ชื่อไฟล์ เช่น แผน.docx", "the file's name, e.g. plan.docx"),
    )?;
    let staged = upload::stage_upload(&state, &viewer, org, name, &body).await?;
    let pending = upload::pending_upload(&state, &viewer, &staged.id).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/imports/{}", staged.id))],
        Json(view(&pending)?),
    )
        .into_response())
}

/// GET /api/v1/imports/{id}
pub async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    signed_in(&viewer)?;
    let pending = upload::pending_upload(&state, &viewer, &id).await?;
    Ok(Json(view(&pending)?).into_response())
}

/// A confirmed upload: the plan it became.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Confirmed {
    pub plan: String,
    pub version: i64,
}

/// POST /api/v1/imports/{id}/confirm
pub async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    genuine(&headers, &viewer)?;
    let plan = upload::confirm_upload(&state, &viewer, &id).await?;
    let version = state.store.plan_version(&plan).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/plans/{plan}"))],
        Json(Confirmed {
            plan: plan.to_string(),
            version,
        }),
    )
        .into_response())
}

/// DELETE /api/v1/imports/{id}
pub async fn discard(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
) -> ApiResult {
    genuine(&headers, &viewer)?;
    upload::discard_upload(&state, &viewer, &id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
