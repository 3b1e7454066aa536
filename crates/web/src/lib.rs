//! Phaen's web application, served from the one binary with no CDN or internet: pages in Thai
//! (English one click away), sign-in with database sessions, and security headers on every
//! answer. Handlers are thin: they extract, call the store, render.

pub mod api;
pub mod audit;
pub mod auth;
pub mod cookies;
pub mod edit;
pub mod error;
pub mod i18n;
pub mod pages;
pub mod plan_pages;
pub mod tls;
pub mod upload;
pub mod views;
pub mod visibility;

use std::net::SocketAddr;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Redirect;
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

use phaen_store::Store;

/// What every handler shares. No other state lives in the process, so several servers can
/// serve the same database.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// Mark cookies Secure (behind TLS).
    pub secure_cookies: bool,
}

impl AppState {
    pub fn new(store: Store, secure_cookies: bool) -> AppState {
        AppState {
            store,
            secure_cookies,
        }
    }
}

/// Every route of the application.
pub fn router(state: AppState) -> Router {
    let headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    let mut router = Router::new()
        .route("/", get(|| async { Redirect::to("/plans") }))
        .route("/healthz", get(pages::healthz))
        .route("/static/phaen.css", get(pages::stylesheet))
        .route("/signin", get(auth::signin_form).post(auth::signin))
        .route("/signout", post(auth::signout))
        .route("/lang/{code}", get(pages::set_lang))
        .route("/plans", get(pages::list_plans))
        .route("/plans/{id}", get(pages::show_plan))
        .route("/plans/{id}/map", get(plan_pages::map::map_page))
        .route("/plans/{id}/table", get(plan_pages::table::table_page))
        .route(
            "/plans/{id}/elements/{eid}",
            get(plan_pages::element::element_page),
        )
        .route(
            "/plans/{id}/budgets",
            get(plan_pages::budgets::budgets_page),
        )
        .route(
            "/plans/{id}/revisions",
            get(plan_pages::revisions::revisions_page),
        )
        .route(
            "/plans/{id}/compare",
            get(plan_pages::compare::compare_page),
        )
        .route("/plans/{id}/status", post(pages::change_status))
        .route("/plans/{id}/comments", post(pages::add_comment))
        .route(
            "/plans/{id}/elements/new",
            get(edit::element::new_form).post(edit::element::new_save),
        )
        .route(
            "/plans/{id}/elements/{eid}/edit",
            get(edit::element::edit_form).post(edit::element::edit_save),
        )
        .route(
            "/plans/{id}/elements/{eid}/move",
            post(edit::element::move_save),
        )
        .route(
            "/plans/{id}/elements/{eid}/remove",
            get(edit::element::remove_form).post(edit::element::remove_save),
        )
        .route(
            "/plans/{id}/kpis/new",
            get(edit::kpi::new_form).post(edit::kpi::new_save),
        )
        .route(
            "/plans/{id}/kpis/{kid}/edit",
            get(edit::kpi::edit_form).post(edit::kpi::edit_save),
        )
        .route(
            "/plans/{id}/kpis/{kid}/remove",
            post(edit::kpi::remove_save),
        )
        .route("/plans/{id}/revisions/new", post(edit::revision::begin))
        .route(
            "/import",
            get(upload::form)
                .post(upload::upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    upload::MAX_UPLOAD_BYTES + 64 * 1024,
                )),
        )
        .route("/import/{id}", get(upload::report))
        .route("/import/{id}/confirm", post(upload::confirm))
        .route("/import/{id}/discard", post(upload::discard))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/api/v1/plans", get(api::list_plans))
        .route("/api/v1/plans/{id}", get(api::get_plan))
        .route("/api/v1/plans/{id}/summary", get(api::get_summary))
        .route("/api/v1/plans/{id}/kpis", get(api::get_kpis))
        .route("/api/v1/plans/{id}/projects", get(api::get_projects))
        .route("/audit", get(audit::audit_page))
        .route("/audit.csv", get(audit::audit_csv))
        .fallback(|viewer: auth::Viewer| async move { error::AppError::NotFound(viewer.lang) })
        .with_state(state);
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    let request_id = HeaderName::from_static("x-request-id");
    router
        .layer(axum::extract::DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(
            tower_http::trace::TraceLayer::new_for_http().make_span_with(
                |req: &axum::http::Request<axum::body::Body>| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", id, method = %req.method(), path = %req.uri().path())
                },
            ),
        )
        .layer(tower_http::request_id::PropagateRequestIdLayer::new(
            request_id.clone(),
        ))
        .layer(tower_http::request_id::SetRequestIdLayer::new(
            request_id,
            NewRequestId,
        ))
}

/// A fresh id for every request, logged with it and returned in `x-request-id`.
#[derive(Clone, Copy)]
struct NewRequestId;

impl tower_http::request_id::MakeRequestId for NewRequestId {
    fn make_request_id<B>(
        &mut self,
        _: &axum::http::Request<B>,
    ) -> Option<tower_http::request_id::RequestId> {
        HeaderValue::from_str(&uuid::Uuid::now_v7().to_string())
            .ok()
            .map(tower_http::request_id::RequestId::new)
    }
}

/// Serves the application on `addr` until the process is stopped: over HTTPS when `tls` is
/// given (cookies are then marked Secure whatever `state` says), plain HTTP otherwise.
pub async fn serve(
    state: AppState,
    addr: SocketAddr,
    tls: Option<tls::TlsConfig>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_on(listener, state, tls).await
}

/// [`serve`] on a socket already bound (port 0 in tests and benchmarks).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    mut state: AppState,
    tls: Option<tls::TlsConfig>,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    match tls {
        None => {
            tracing::info!(%addr, "listening (http)");
            axum::serve(listener, router(state)).await
        }
        Some(tls) => {
            state.secure_cookies = true;
            tracing::info!(%addr, "listening (https)");
            let config = axum_server::tls_rustls::RustlsConfig::from_config(tls.server_config());
            axum_server::from_tcp_rustls(listener.into_std()?, config)?
                .http1_only()
                .serve(router(state).into_make_service())
                .await
        }
    }
}
