//! The signed-in user's notifications (reminders of data owed, and the like): the latest
//! ones, newest first, unread ones marked, each leading where it is about; and marking them
//! read.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

/// How many notifications the page lists.
const SHOWN: i64 = 100;

pub struct Line {
    pub message: String,
    pub link: String,
    pub when: String,
    pub unread: bool,
    pub emailed: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    lang: Lang,
    t: &'static Texts,
    user_name: Option<String>,
    csrf: String,
    unread: usize,
    lines: Vec<Line>,
}

/// Milliseconds since 1970 as a Thai date and Bangkok time ('22 พฤศจิกายน 2569 08:00 น.').
fn when(ms: i64) -> String {
    let at = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
        + chrono::Duration::hours(7);
    format!(
        "{} {} น.",
        phaen_domain::thai::format_long_date(at.date_naive()),
        at.format("%H:%M")
    )
}

/// The message in the viewer's language: kept as 'Thai / English'.
fn in_language(message: &str, lang: Lang) -> String {
    match (message.split_once(" / "), lang) {
        (Some((th, _)), Lang::Th) => th.to_string(),
        (Some((_, en)), Lang::En) => en.to_string(),
        (None, _) => message.to_string(),
    }
}

/// GET /notifications
pub async fn notifications_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, AppError> {
    let Some(user) = &viewer.user else {
        return Ok(Redirect::to("/signin").into_response());
    };
    let lines: Vec<Line> = state
        .store
        .notifications(&user.id, SHOWN)
        .await?
        .into_iter()
        .map(|n| Line {
            message: in_language(&n.message, viewer.lang),
            link: n.link,
            when: when(n.created_at),
            unread: n.read_at.is_none(),
            emailed: n.emailed_at.is_some(),
        })
        .collect();
    Ok(NotificationsPage {
        lang: viewer.lang,
        t: viewer.lang.t(),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        unread: lines.iter().filter(|l| l.unread).count(),
        lines,
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct ReadForm {
    csrf: String,
}

/// POST /notifications/read: marks every notification of the viewer read.
pub async fn mark_read(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    axum::Form(form): axum::Form<ReadForm>,
) -> Result<Response, AppError> {
    let Some(user) = &viewer.user else {
        return Ok(Redirect::to("/signin").into_response());
    };
    if !crate::auth::form_is_genuine(&headers, &form.csrf, &viewer) {
        return Err(AppError::Forbidden(viewer.lang));
    }
    state.store.mark_notifications_read(&user.id, None).await?;
    Ok(Redirect::to("/notifications").into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn messages_show_in_the_viewers_language_and_bangkok_time() {
        use crate::i18n::Lang;
        let m = "ค้างส่งข้อมูล 3 งวด / 3 periods owed";
        assert_eq!(super::in_language(m, Lang::Th), "ค้างส่งข้อมูล 3 งวด");
        assert_eq!(super::in_language(m, Lang::En), "3 periods owed");
        // 2026-11-22 01:00 UTC is 08:00 in Bangkok.
        assert_eq!(super::when(1_795_309_200_000), "22 พฤศจิกายน 2569 08:00 น.");
    }
}
