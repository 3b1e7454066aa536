//! The web crate's one error type. Policy: every failure maps to a status code by an explicit
//! match; a 5xx logs its cause and shows the user no internals; a 404 looks the same whether
//! the thing is missing or belongs to someone else, so nothing leaks.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::i18n::Lang;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound(Lang),
    #[error("forbidden")]
    Forbidden(Lang),
    /// Signed in, may read, but may not make this change.
    #[error("denied")]
    Denied(Lang),
    #[error("bad request: {1}")]
    BadRequest(Lang, String),
    /// Input that cannot be saved, each problem naming its field, in Thai and English.
    #[error("invalid input: {}", .1.iter().map(|p| p.en.as_str()).collect::<Vec<_>>().join("; "))]
    Invalid(Lang, Vec<Problem>),
    #[error(transparent)]
    Store(#[from] phaen_store::Error),
}

/// One reason a form or an API request cannot be saved: the field it is about and why, in both
/// languages, so a page can say it in the viewer's language and the API can give both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The form field or JSON member ('title', 'budget', 'targets', ...).
    pub field: &'static str,
    pub th: String,
    pub en: String,
}

impl Problem {
    pub fn new(field: &'static str, th: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            field,
            th: th.into(),
            en: en.into(),
        }
    }

    /// The message in `lang`.
    pub fn say(&self, lang: Lang) -> &str {
        match lang {
            Lang::Th => &self.th,
            Lang::En => &self.en,
        }
    }

    /// This one problem as an error.
    pub fn into_error(self, lang: Lang) -> AppError {
        AppError::Invalid(lang, vec![self])
    }
}

impl From<phaen_domain::Error> for AppError {
    fn from(e: phaen_domain::Error) -> Self {
        AppError::Store(e.into())
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    lang: Lang,
    t: &'static crate::i18n::Texts,
    user_name: Option<String>,
    csrf: String,
    heading: &'a str,
    detail: &'a str,
}

fn page(status: StatusCode, lang: Lang, heading: &str, detail: &str) -> Response {
    let body = ErrorPage {
        lang,
        t: lang.t(),
        user_name: None,
        csrf: String::new(),
        heading,
        detail,
    }
    .render()
    .unwrap_or_else(|_| heading.to_string());
    (status, Html(body)).into_response()
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound(lang) => {
                let t = lang.t();
                page(StatusCode::NOT_FOUND, lang, t.not_found, t.not_found_detail)
            }
            AppError::Forbidden(lang) => page(
                StatusCode::FORBIDDEN,
                lang,
                lang.t().bad_request,
                "The form has expired or came from another site; reload the page and try again. / แบบฟอร์มหมดอายุหรือมาจากเว็บไซต์อื่น โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง",
            ),
            AppError::Denied(lang) => page(
                StatusCode::FORBIDDEN,
                lang,
                lang.t().bad_request,
                "ท่านไม่มีสิทธิ์ทำรายการนี้ / You may not make this change",
            ),
            AppError::BadRequest(lang, why) => {
                page(StatusCode::BAD_REQUEST, lang, lang.t().bad_request, &why)
            }
            AppError::Invalid(lang, problems) => {
                let text = problems
                    .iter()
                    .map(|p| p.say(lang))
                    .collect::<Vec<_>>()
                    .join("; ");
                page(StatusCode::BAD_REQUEST, lang, lang.t().bad_request, &text)
            }
            AppError::Store(phaen_store::Error::Conflict { .. }) => {
                let lang = Lang::default();
                page(
                    StatusCode::CONFLICT,
                    lang,
                    lang.t().conflict,
                    "แผนนี้ถูกแก้ไขหลังจากที่ท่านเปิดหน้า จึงยังไม่ได้บันทึกสิ่งใด โปรดโหลดหน้าแผนใหม่แล้วทำรายการอีกครั้ง / The plan changed after you opened the page, so nothing was saved; reload the plan and try again.",
                )
            }
            AppError::Store(e @ phaen_store::Error::AlreadyExists { .. }) => {
                let lang = Lang::default();
                let text = format!(
                    "ข้อมูลนี้มีอยู่ในระบบแล้ว จึงไม่ได้บันทึกซ้ำ (เช่น นำเข้าไฟล์ JSON ของแผนที่มีอยู่แล้ว ให้นำเข้าเป็นฉบับปรับปรุงแทน) / {e}; nothing was written"
                );
                page(StatusCode::CONFLICT, lang, lang.t().conflict, &text)
            }
            AppError::Store(phaen_store::Error::Refused(why)) => {
                let lang = Lang::default();
                page(StatusCode::BAD_REQUEST, lang, lang.t().bad_request, &why)
            }
            AppError::Store(phaen_store::Error::Domain(d)) => {
                let lang = Lang::default();
                let text = match &d {
                    phaen_domain::Error::Refused { th, en } => format!("{th} / {en}"),
                    d => format!("{} / {}", d.to_string_th(), d),
                };
                page(StatusCode::BAD_REQUEST, lang, lang.t().bad_request, &text)
            }
            AppError::Store(phaen_store::Error::NotFound { .. }) => {
                let lang = Lang::default();
                let t = lang.t();
                page(StatusCode::NOT_FOUND, lang, t.not_found, t.not_found_detail)
            }
            AppError::Store(e) => {
                tracing::error!(error = %e, "request failed");
                let lang = Lang::default();
                let t = lang.t();
                page(StatusCode::INTERNAL_SERVER_ERROR, lang, t.server_error, "")
            }
        }
    }
}
