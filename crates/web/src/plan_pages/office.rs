//! GET /plans/{id}/export.docx and /plans/{id}/export.xlsx (?digits=thai|arabic): the plan as
//! a Word document in the layout Thai agencies file for its kind, and as a workbook of its KPI,
//! action-plan, budget (and roadmap) tables. A plan the viewer may not read is the same 404 as
//! any other plan page.

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use phaen_documents::layout::{Digits, Options, plan_document};
use serde::Deserialize;

use super::readable_plan;
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::Lang;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OfficeQuery {
    /// 'thai' (the default) or 'arabic'.
    pub digits: Option<String>,
}

impl OfficeQuery {
    /// The digits asked for, or a message saying what may be asked.
    pub fn digits(&self, lang: Lang) -> Result<Digits, AppError> {
        match self.digits.as_deref().map(str::trim) {
            None | Some("") => Ok(Digits::Thai),
            Some(d) => Digits::parse(d).ok_or_else(|| {
                AppError::BadRequest(
                    lang,
                    format!("digits={d}: ใช้ thai หรือ arabic / use thai or arabic"),
                )
            }),
        }
    }
}

/// GET /plans/{id}/export.docx.
pub async fn export_docx(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<OfficeQuery>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let digits = q.digits(viewer.lang)?;
    let plan_id = plan.id.to_string();
    let written = tokio::task::spawn_blocking(move || {
        let options = Options::new(digits);
        phaen_documents::docx::write(&plan_document(&plan, &options), digits)
    })
    .await;
    file(
        written,
        phaen_documents::docx::CONTENT_TYPE,
        &format!("phaen-plan-{plan_id}.docx"),
    )
}

/// GET /plans/{id}/export.xlsx.
pub async fn export_xlsx(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<OfficeQuery>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let digits = q.digits(viewer.lang)?;
    let plan_id = plan.id.to_string();
    let written =
        tokio::task::spawn_blocking(move || phaen_documents::xlsx::write(&plan, digits)).await;
    file(
        written,
        phaen_documents::xlsx::CONTENT_TYPE,
        &format!("phaen-plan-{plan_id}.xlsx"),
    )
}

/// The download, or a 500 that says the file could not be written (the cause goes to the log).
fn file(
    written: Result<phaen_documents::Result<Vec<u8>>, tokio::task::JoinError>,
    content_type: &str,
    name: &str,
) -> Result<Response, AppError> {
    let bytes = match written {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => {
            tracing::error!(error = %e, file = name, "writing a plan document failed");
            let why = format!("เขียนไฟล์ไม่ได้ / the file could not be written: {e}");
            return Ok((StatusCode::INTERNAL_SERVER_ERROR, why).into_response());
        }
        Err(e) => {
            tracing::error!(error = %e, file = name, "the document task stopped");
            let why = "เขียนไฟล์ไม่ได้ / the file could not be written";
            return Ok((StatusCode::INTERNAL_SERVER_ERROR, why).into_response());
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
