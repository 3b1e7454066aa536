//! Who is asking: the session cookie read into a `Viewer` (user, memberships, CSRF token,
//! language); sign-in with throttling and without telling which usernames exist; sign-out.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::access::Membership;
use phaen_store::{SessionStore, User, UserStore};

use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::{AppState, cookies};

pub const SESSION_COOKIE: &str = "phaen_session";
pub const FORM_COOKIE: &str = "phaen_csrf";
/// Sessions last eight hours from their last use.
pub const SESSION_TTL_MS: i64 = 8 * 60 * 60 * 1000;
/// How stale a session's last use may be before a request records it again.
const TOUCH_EVERY_MS: i64 = 60 * 1000;
/// Five failed sign-ins for one username within fifteen minutes pause further tries.
const MAX_FAILURES: u64 = 5;
const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;

/// The person behind a request, signed in or not.
pub struct Viewer {
    pub lang: Lang,
    pub user: Option<User>,
    pub memberships: Vec<Membership>,
    /// The token forms must carry back: the session's, or the sign-in form's cookie.
    pub csrf: String,
    /// Signed in by an API token (`Authorization: Bearer ...`) rather than a session cookie.
    pub by_token: bool,
    session_hash: Option<String>,
}

impl Viewer {
    pub fn name(&self) -> Option<String> {
        self.user.as_ref().map(|u| u.display_name.clone())
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let lang = Lang::of(&parts.headers);
        let mut viewer = Viewer {
            lang,
            user: None,
            memberships: Vec::new(),
            csrf: cookies::get(&parts.headers, FORM_COOKIE).unwrap_or_default(),
            by_token: false,
            session_hash: None,
        };
        if let Some(token) = bearer(&parts.headers) {
            // Scripts: an API token stands for its user; it carries no form token.
            if let Some(user_id) = state
                .store
                .api_token_user(&phaen_auth::token_hash(token))
                .await?
            {
                let user = state.store.user(&user_id).await?;
                viewer.memberships = state.store.memberships(&user.id).await?;
                viewer.user = Some(user);
                viewer.csrf = String::new();
                viewer.by_token = true;
            }
            return Ok(viewer);
        }
        let Some(token) = cookies::get(&parts.headers, SESSION_COOKIE) else {
            return Ok(viewer);
        };
        let hash = phaen_auth::token_hash(&token);
        let Some(session) = state.store.session(&hash).await? else {
            return Ok(viewer);
        };
        let user = state.store.user(&session.user_id).await?;
        if user.disabled {
            return Ok(viewer);
        }
        // Slide the expiry at most once a minute: a write on every page view would queue every
        // reader behind SQLite's single writer.
        if phaen_store::now_ms() - session.last_seen_at > TOUCH_EVERY_MS {
            state.store.touch_session(&hash, SESSION_TTL_MS).await?;
        }
        viewer.memberships = state.store.memberships(&user.id).await?;
        viewer.user = Some(user);
        viewer.csrf = session.csrf_token;
        viewer.session_hash = Some(hash);
        Ok(viewer)
    }
}

/// The token of an `Authorization: Bearer ...` header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Compares a form's token with the expected one, in constant time; an empty token never
/// matches.
fn same(a: &str, b: &str) -> bool {
    !a.is_empty() && phaen_auth::tokens_equal(a, b)
}

/// A form post comes from this site: its Origin (when sent) names the Host it was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host)
}

/// A signed-in user's form is genuine: it carries the session's token and comes from here.
pub fn form_is_genuine(headers: &HeaderMap, token: &str, viewer: &Viewer) -> bool {
    viewer.user.is_some() && same_origin(headers) && same(token, &viewer.csrf)
}

/// The header a session's API writes carry the form token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// An API write is genuine when it is signed with an API token (a browser never adds one on
/// its own, so no other site can forge it), or, made with a session cookie, when it passes the
/// forms' rule: the session's form token in the `X-CSRF-Token` header and no foreign Origin.
pub fn api_write_is_genuine(headers: &HeaderMap, viewer: &Viewer) -> bool {
    if viewer.by_token {
        return viewer.user.is_some();
    }
    let token = headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    form_is_genuine(headers, token, viewer)
}

#[derive(Template, WebTemplate)]
#[template(path = "signin.html")]
pub struct SigninPage {
    lang: Lang,
    t: &'static Texts,
    user_name: Option<String>,
    csrf: String,
    username: String,
    error: Option<&'static str>,
}

/// GET /signin: the form, with a fresh anti-forgery token in a cookie and the form.
pub async fn signin_form(State(state): State<AppState>, viewer: Viewer) -> Response {
    let csrf = phaen_auth::new_token();
    let page = SigninPage {
        lang: viewer.lang,
        t: viewer.lang.t(),
        user_name: viewer.name(),
        csrf: csrf.clone(),
        username: String::new(),
        error: None,
    };
    (
        [(
            header::SET_COOKIE,
            cookies::set(FORM_COOKIE, &csrf, Some(3600), state.secure_cookies),
        )],
        page,
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct SigninForm {
    username: String,
    password: String,
    csrf: String,
}

/// POST /signin.
pub async fn signin(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Form(form): Form<SigninForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    if !same_origin(&headers) || !same(&form.csrf, &viewer.csrf) {
        return Err(AppError::Forbidden(lang));
    }
    let key = form.username.trim().to_lowercase();
    let since = phaen_store::now_ms() - FAILURE_WINDOW_MS;
    let again = |error: &'static str| {
        let page = SigninPage {
            lang,
            t: lang.t(),
            user_name: None,
            csrf: viewer.csrf.clone(),
            username: form.username.clone(),
            error: Some(error),
        };
        (StatusCode::UNAUTHORIZED, page).into_response()
    };
    if state.store.recent_signin_failures(&key, since).await? >= MAX_FAILURES {
        return Ok((StatusCode::TOO_MANY_REQUESTS, again(lang.t().throttled)).into_response());
    }
    let found = state.store.user_by_username(&key).await?;
    // The same work whether or not the user exists, so timing tells nothing.
    let ok = match &found {
        Some((user, hash)) => phaen_auth::verify_password(&form.password, hash) && !user.disabled,
        None => phaen_auth::verify_unknown_user(&form.password),
    };
    let Some((user, _)) = found.filter(|_| ok) else {
        state.store.record_signin_failure(&key).await?;
        return Ok(again(lang.t().bad_sign_in));
    };
    state.store.clear_signin_failures(&key).await?;
    let token = phaen_auth::new_token();
    let csrf = phaen_auth::new_token();
    state
        .store
        .create_session(
            &phaen_auth::token_hash(&token),
            &user.id,
            &csrf,
            SESSION_TTL_MS,
        )
        .await?;
    let cookie = cookies::set(SESSION_COOKIE, &token, None, state.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/plans")).into_response())
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// POST /signout.
pub async fn signout(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    if !same_origin(&headers) || !same(&form.csrf, &viewer.csrf) {
        return Err(AppError::Forbidden(viewer.lang));
    }
    if let Some(hash) = &viewer.session_hash {
        state.store.delete_session(hash).await?;
    }
    let cookie = cookies::set(SESSION_COOKIE, "", Some(0), state.secure_cookies);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/signin")).into_response())
}
