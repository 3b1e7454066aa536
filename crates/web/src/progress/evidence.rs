//! Evidence files on the progress entry form: upload (multipart, at most 10 MB, judged by
//! its bytes), download (always as an attachment, served with the type the bytes showed, so
//! nothing uploaded runs in the browser), and removal while the period can still change.
//! Those who report or decide the plan's progress see and fetch them.

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::progress::Period;
use phaen_domain::{KpiId, edit};
use phaen_store::evidence::Evidence;

use super::{may_decide, may_report};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;

/// The body limit of an evidence upload: the file's limit and room for the form around it.
pub const UPLOAD_LIMIT: usize = phaen_domain::evidence::MAX_EVIDENCE_BYTES + 64 * 1024;

/// One file in the entry form's list.
pub struct EvidenceLine {
    pub name: String,
    pub size: String,
    pub url: String,
    pub remove_url: String,
}

/// A size as people read it: '532 KB', '1.4 MB'.
fn size_text(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

pub fn lines(plan: &str, list: Vec<Evidence>) -> Vec<EvidenceLine> {
    list.into_iter()
        .map(|e| EvidenceLine {
            size: size_text(e.size),
            url: format!("/plans/{plan}/evidence/{}", e.id),
            remove_url: format!("/plans/{plan}/evidence/{}/remove", e.id),
            name: e.file_name,
        })
        .collect()
}

/// POST /plans/{id}/progress/{kid}/{period}/evidence (multipart: csrf, file)
pub async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid, period)): Path<(String, String, String)>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let bad = |why: String| AppError::BadRequest(lang, why);
    let (mut csrf, mut file) = (String::new(), None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(format!("อ่านแบบฟอร์มไม่ได้ / cannot read the form: {e}")))?
    {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "file" => {
                let name = field.file_name().unwrap_or("evidence").to_string();
                let bytes = field.bytes().await.map_err(|e| {
                    bad(format!(
                        "ไฟล์ใหญ่เกิน 10 MB หรือส่งไม่ครบ / the file is over 10 MB or did not arrive whole: {e}"
                    ))
                })?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &csrf).await?;
    let kpi = KpiId::parse(&kid).map_err(|_| AppError::NotFound(lang))?;
    edit::kpi(&plan, &kpi).ok_or(AppError::NotFound(lang))?;
    let period = Period::parse_key(&period).map_err(|_| AppError::NotFound(lang))?;
    if !plan.period.contains(period.year) {
        return Err(AppError::NotFound(lang));
    }
    if !may_report(&viewer, &plan) || !super::in_force(&plan) {
        return Err(AppError::Denied(lang));
    }
    let (name, bytes) = file.ok_or_else(|| bad("ยังไม่ได้เลือกไฟล์ / no file was chosen".into()))?;
    store
        .add_evidence(&plan.id, &kpi, period, &name, &bytes)
        .await?;
    Ok(Redirect::to(&format!(
        "/plans/{}/progress/{}/{}#evidence",
        plan.id,
        kpi,
        period.key()
    ))
    .into_response())
}

/// GET /plans/{id}/evidence/{fid}: the file, as an attachment.
pub async fn download(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, fid)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let plan = crate::pages::readable_plan(&state, &viewer, &id).await?;
    if !may_report(&viewer, &plan) && !may_decide(&viewer, &plan) {
        return Err(AppError::NotFound(lang));
    }
    let (e, bytes) = match state.store.evidence_file(&plan.id, &fid).await {
        Ok(found) => found,
        Err(phaen_store::Error::NotFound { .. }) => return Err(AppError::NotFound(lang)),
        Err(e) => return Err(e.into()),
    };
    let ascii: String = e
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = e
        .file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, e.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct RemoveForm {
    csrf: String,
}

/// POST /plans/{id}/evidence/{fid}/remove
pub async fn remove(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, fid)): Path<(String, String)>,
    axum::Form(form): axum::Form<RemoveForm>,
) -> Result<Response, AppError> {
    let (plan, store) =
        crate::pages::plan_for_change(&state, &headers, &viewer, &id, &form.csrf).await?;
    if !may_report(&viewer, &plan) {
        return Err(AppError::Denied(viewer.lang));
    }
    let e = match store.remove_evidence(&plan.id, &fid).await {
        Ok(e) => e,
        Err(phaen_store::Error::NotFound { .. }) => return Err(AppError::NotFound(viewer.lang)),
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&format!(
        "/plans/{}/progress/{}/{}#evidence",
        plan.id,
        e.kpi,
        e.period.key()
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(super::size_text(1), "1 KB");
        assert_eq!(super::size_text(532 * 1024), "532 KB");
        assert_eq!(super::size_text(1_468_006), "1.4 MB");
    }
}
