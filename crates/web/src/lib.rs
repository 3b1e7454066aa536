//! Phaen's web application, served from the one binary with no CDN or internet: pages in Thai
//! (English one click away), sign-in with database sessions, and security headers on every
//! answer. Handlers are thin: they extract, call the store, render.

pub mod api;
pub mod audit;
pub mod audit_diff;
pub mod auth;
pub mod cookies;
pub mod dashboard;
pub mod edit;
pub mod error;
pub mod i18n;
pub mod notifications;
pub mod pages;
pub mod plan_pages;
pub mod progress;
pub mod search;
pub mod tls;
pub mod upload;
pub mod views;
pub mod visibility;

use std::net::SocketAddr;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Redirect;
use axum::routing::{MethodRouter, get, post};
use tower_http::set_header::SetResponseHeaderLayer;

use phaen_store::Store;

/// What every handler shares. No other state lives in the process, so several servers can
/// serve the same database.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// Mark cookies Secure (behind TLS).
    pub secure_cookies: bool,
    /// Where reminders are emailed through, when a mail server is configured.
    pub mailer: Option<phaen_monitor::mail::Mailer>,
    /// The address users open ('https://phaen.coop.example.th'), for links in emails.
    pub public_url: Option<String>,
}

impl AppState {
    pub fn new(store: Store, secure_cookies: bool) -> AppState {
        AppState {
            store,
            secure_cookies,
            mailer: None,
            public_url: None,
        }
    }

    /// The same state, emailing reminders through `mailer` with links to `public_url`.
    pub fn with_mail(
        mut self,
        mailer: Option<phaen_monitor::mail::Mailer>,
        public_url: Option<String>,
    ) -> AppState {
        self.mailer = mailer;
        self.public_url = public_url;
        self
    }
}

/// Every route of the application: its path and what answers there, pages and forms first,
/// then the JSON API ([`api::endpoints`]). Paths may repeat (one entry per method); the router
/// merges them. The tenant-isolation test walks this list, so a route added here is a route it
/// must know.
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    let upload_limit = axum::extract::DefaultBodyLimit::max(upload::MAX_UPLOAD_BYTES + 64 * 1024);
    let evidence_limit = axum::extract::DefaultBodyLimit::max(progress::evidence::UPLOAD_LIMIT);
    let mut all: Vec<(&'static str, MethodRouter<AppState>)> = vec![
        ("/", get(|| async { Redirect::to("/plans") })),
        ("/healthz", get(pages::healthz)),
        ("/static/phaen.css", get(pages::stylesheet)),
        ("/signin", get(auth::signin_form).post(auth::signin)),
        ("/signout", post(auth::signout)),
        ("/lang/{code}", get(pages::set_lang)),
        ("/plans", get(pages::list_plans)),
        ("/search", get(search::search_page)),
        ("/dashboard", get(dashboard::orgs::org_dashboard)),
        ("/dashboard.csv", get(dashboard::orgs::org_dashboard_csv)),
        ("/plans/{id}", get(pages::show_plan)),
        ("/plans/{id}/map", get(plan_pages::map::map_page)),
        ("/plans/{id}/table", get(plan_pages::table::table_page)),
        (
            "/plans/{id}/roadmap",
            get(plan_pages::roadmap::roadmap_page),
        ),
        (
            "/plans/{id}/roadmap.xlsx",
            get(plan_pages::roadmap::roadmap_xlsx),
        ),
        (
            "/plans/{id}/export.pdf",
            get(plan_pages::export::export_pdf),
        ),
        (
            "/plans/{id}/export.docx",
            get(plan_pages::office::export_docx),
        ),
        (
            "/plans/{id}/export.xlsx",
            get(plan_pages::office::export_xlsx),
        ),
        (
            "/plans/{id}/elements/{eid}",
            get(plan_pages::element::element_page),
        ),
        (
            "/plans/{id}/budgets",
            get(plan_pages::budgets::budgets_page),
        ),
        (
            "/plans/{id}/revisions",
            get(plan_pages::revisions::revisions_page),
        ),
        (
            "/plans/{id}/compare",
            get(plan_pages::compare::compare_page),
        ),
        ("/plans/{id}/status", post(pages::change_status)),
        ("/plans/{id}/comments", post(pages::add_comment)),
        (
            "/plans/{id}/elements/new",
            get(edit::element::new_form).post(edit::element::new_save),
        ),
        (
            "/plans/{id}/elements/{eid}/edit",
            get(edit::element::edit_form).post(edit::element::edit_save),
        ),
        (
            "/plans/{id}/elements/{eid}/move",
            post(edit::element::move_save),
        ),
        (
            "/plans/{id}/elements/{eid}/align",
            get(edit::align::align_form).post(edit::align::link_save),
        ),
        (
            "/plans/{id}/elements/{eid}/align/remove",
            post(edit::align::unlink_save),
        ),
        (
            "/plans/{id}/elements/{eid}/remove",
            get(edit::element::remove_form).post(edit::element::remove_save),
        ),
        (
            "/plans/{id}/kpis/new",
            get(edit::kpi::new_form).post(edit::kpi::new_save),
        ),
        (
            "/plans/{id}/kpis/{kid}/edit",
            get(edit::kpi::edit_form).post(edit::kpi::edit_save),
        ),
        (
            "/plans/{id}/kpis/{kid}/remove",
            post(edit::kpi::remove_save),
        ),
        ("/plans/{id}/revisions/new", post(edit::revision::begin)),
        (
            "/import",
            get(upload::form).post(upload::upload).layer(upload_limit),
        ),
        ("/import/{id}", get(upload::report)),
        ("/plans/{id}/progress", get(progress::page::progress_page)),
        ("/plans/{id}/dashboard", get(dashboard::dashboard_page)),
        (
            "/plans/{id}/coverage",
            get(plan_pages::coverage::coverage_page),
        ),
        (
            "/plans/{id}/coverage/{target}",
            get(plan_pages::coverage::target::target_page),
        ),
        (
            "/plans/{id}/rollup",
            get(plan_pages::rollup::page::rollup_page),
        ),
        (
            "/plans/{id}/rollup.xlsx",
            get(plan_pages::rollup::xlsx::rollup_xlsx),
        ),
        ("/plans/{id}/dashboard.csv", get(dashboard::dashboard_csv)),
        ("/plans/{id}/report", get(dashboard::report::report_page)),
        ("/plans/{id}/progress/owed", get(progress::owed::owed_page)),
        (
            "/plans/{id}/actions/{kid}/{year}",
            get(progress::actions::action_form).post(progress::actions::action_save),
        ),
        (
            "/plans/{id}/corrective-actions/{aid}/done",
            post(progress::actions::action_done),
        ),
        (
            "/plans/{id}/progress/setup",
            get(progress::setup::setup_form).post(progress::setup::setup_save),
        ),
        (
            "/plans/{id}/progress/{kid}/{period}",
            get(progress::entry::entry_form).post(progress::entry::entry_save),
        ),
        (
            "/plans/{id}/progress/{kid}/{period}/move",
            post(progress::entry::entry_move),
        ),
        (
            "/plans/{id}/progress/{kid}/{period}/evidence",
            post(progress::evidence::upload).layer(evidence_limit),
        ),
        (
            "/plans/{id}/evidence/{fid}",
            get(progress::evidence::download),
        ),
        (
            "/plans/{id}/evidence/{fid}/remove",
            post(progress::evidence::remove),
        ),
        (
            "/plans/{id}/projects/{eid}/{period}",
            get(progress::project_entry::project_form).post(progress::project_entry::project_save),
        ),
        (
            "/plans/{id}/projects/{eid}/{period}/move",
            post(progress::project_entry::project_move),
        ),
        ("/import/{id}/confirm", post(upload::confirm)),
        ("/import/{id}/discard", post(upload::discard)),
        ("/notifications", get(notifications::notifications_page)),
        ("/notifications/read", post(notifications::mark_read)),
        (
            "/plans/{id}/progress/owed/remind",
            post(progress::owed::remind_now),
        ),
        ("/audit", get(audit::audit_page)),
        ("/audit.csv", get(audit::audit_csv)),
    ];
    all.extend(api::routes());
    all
}

/// The paths of [`routes`], each once, in order.
pub fn route_paths() -> Vec<&'static str> {
    let mut paths: Vec<&'static str> = Vec::new();
    for (path, _) in routes() {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    paths
}

/// The application: every route, security headers on every answer, request ids and tracing.
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
    let mut router = Router::new();
    for (path, route) in routes() {
        router = router.route(path, route);
    }
    let mut router = router
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
