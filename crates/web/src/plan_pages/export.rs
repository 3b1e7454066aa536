//! GET /plans/{id}/export.pdf?digits=thai|arabic: the plan as a PDF in the layout Thai agencies
//! file for its kind, typeset off the request thread. A plan the viewer may not read is the
//! same 404 as any other plan page.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use phaen_documents::layout::{Digits, Options, plan_document};
use serde::Deserialize;

use super::readable_plan;
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExportQuery {
    /// 'thai' (the default) or 'arabic'.
    pub digits: Option<String>,
}

/// GET /plans/{id}/export.pdf.
pub async fn export_pdf(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let digits = match q.digits.as_deref().map(str::trim) {
        None | Some("") => Digits::Thai,
        Some(d) => Digits::parse(d).ok_or_else(|| {
            AppError::BadRequest(
                viewer.lang,
                format!("digits={d}: ใช้ thai หรือ arabic / use thai or arabic"),
            )
        })?,
    };
    let plan_id = plan.id.to_string();
    let rendered = tokio::task::spawn_blocking(move || {
        let options = Options::new(digits);
        phaen_documents::pdf::render(&plan_document(&plan, &options), digits)
    })
    .await;
    let bytes = match rendered {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "writing the plan's PDF failed");
            return Ok((StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response());
        }
        Err(e) => {
            tracing::error!(error = %e, "the PDF task stopped");
            let why = "เขียนไฟล์ PDF ไม่ได้ / the PDF could not be written";
            return Ok((StatusCode::INTERNAL_SERVER_ERROR, why).into_response());
        }
    };
    let file = format!("attachment; filename=\"phaen-plan-{plan_id}.pdf\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        bytes,
    )
        .into_response())
}
