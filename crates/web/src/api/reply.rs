//! How the API answers when it cannot do what was asked: one JSON shape for every error, with
//! the message in English and Thai, the problems of a request field by field, and on a conflict
//! the plan's current version. Every [`AppError`] the shared form logic returns maps here by an
//! explicit match.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use schemars::JsonSchema;
use serde::Serialize;

use crate::error::{AppError, Problem};

/// The body of every API error.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorBody {
    /// What went wrong, in English.
    pub error: String,
    /// What went wrong, in Thai.
    pub error_th: String,
    /// Bad input: each problem with the request member it is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ProblemBody>,
    /// A conflict (409): the plan's current version, to read it again and retry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
}

/// One problem of a request.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProblemBody {
    /// The request member ('title', 'budget', 'targets', 'date', ...).
    pub field: String,
    pub error: String,
    pub error_th: String,
}

/// Why an API request was not done.
#[derive(Debug)]
pub enum ApiError {
    /// No session and no valid API token.
    Unauthorized,
    App(AppError),
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError::App(e)
    }
}

impl From<phaen_store::Error> for ApiError {
    fn from(e: phaen_store::Error) -> Self {
        ApiError::App(e.into())
    }
}

pub type ApiResult = Result<Response, ApiError>;

fn answer(status: StatusCode, en: impl Into<String>, th: impl Into<String>) -> Response {
    let body = ErrorBody {
        error: en.into(),
        error_th: th.into(),
        problems: Vec::new(),
        version: None,
    };
    (status, Json(body)).into_response()
}

/// Bad input, field by field (400).
fn invalid(problems: Vec<Problem>) -> Response {
    let join = |f: fn(&Problem) -> &str| problems.iter().map(f).collect::<Vec<_>>().join("; ");
    let body = ErrorBody {
        error: join(|p| p.en.as_str()),
        error_th: join(|p| p.th.as_str()),
        problems: problems
            .iter()
            .map(|p| ProblemBody {
                field: p.field.to_string(),
                error: p.en.clone(),
                error_th: p.th.clone(),
            })
            .collect(),
        version: None,
    };
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

fn not_found() -> Response {
    answer(
        StatusCode::NOT_FOUND,
        "not found, or not yours to see",
        "ไม่พบรายการนี้ หรือท่านไม่มีสิทธิ์เห็น",
    )
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        use phaen_store::Error as S;
        let e = match self {
            ApiError::Unauthorized => {
                return answer(
                    StatusCode::UNAUTHORIZED,
                    "sign in, or send an API token as 'Authorization: Bearer <token>'",
                    "โปรดเข้าสู่ระบบ หรือส่งโทเคน API ในส่วนหัว Authorization",
                );
            }
            ApiError::App(e) => e,
        };
        match e {
            AppError::NotFound(_) | AppError::Store(S::NotFound { .. }) => not_found(),
            AppError::Forbidden(_) => answer(
                StatusCode::FORBIDDEN,
                "a write made with a session needs the session's form token in the X-CSRF-Token header and no foreign Origin; scripts use an API token",
                "การเขียนผ่านเซสชันต้องส่งโทเคนของแบบฟอร์มในส่วนหัว X-CSRF-Token และต้องมาจากเว็บไซต์นี้ สคริปต์ให้ใช้โทเคน API",
            ),
            AppError::Denied(_) => answer(
                StatusCode::FORBIDDEN,
                "you may not make this change",
                "ท่านไม่มีสิทธิ์ทำรายการนี้",
            ),
            AppError::BadRequest(_, why) => answer(StatusCode::BAD_REQUEST, why.clone(), why),
            AppError::Invalid(_, problems) => invalid(problems),
            AppError::Store(S::Conflict { current, .. }) => {
                let body = ErrorBody {
                    error: format!(
                        "the plan changed since the version you sent (it is now at version {current}); nothing was saved: read it again and retry"
                    ),
                    error_th: format!(
                        "แผนนี้ถูกแก้ไขหลังจากฉบับที่ท่านอ่าน (ปัจจุบันเป็นฉบับที่ {current}) จึงยังไม่ได้บันทึกสิ่งใด โปรดอ่านแผนใหม่แล้วทำรายการอีกครั้ง"
                    ),
                    problems: Vec::new(),
                    version: Some(current),
                };
                (StatusCode::CONFLICT, Json(body)).into_response()
            }
            AppError::Store(S::Refused(why)) => {
                answer(StatusCode::UNPROCESSABLE_ENTITY, why.clone(), why)
            }
            AppError::Store(e @ S::AlreadyExists { .. }) => answer(
                StatusCode::CONFLICT,
                format!("{e}; nothing was written"),
                "ข้อมูลนี้มีอยู่ในระบบแล้ว จึงไม่ได้บันทึกซ้ำ".to_string(),
            ),
            AppError::Store(S::Domain(phaen_domain::Error::Refused { th, en })) => {
                answer(StatusCode::UNPROCESSABLE_ENTITY, en, th)
            }
            AppError::Store(S::Domain(d)) => answer(
                StatusCode::UNPROCESSABLE_ENTITY,
                d.to_string(),
                d.to_string_th(),
            ),
            AppError::Store(e) => {
                tracing::error!(error = %e, "api request failed");
                answer(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "something went wrong",
                    "ระบบขัดข้อง",
                )
            }
        }
    }
}
