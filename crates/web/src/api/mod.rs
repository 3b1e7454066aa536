//! The JSON API under /api/v1: what the pages show and change, for scripts. Callers sign in
//! with an API token (`Authorization: Bearer ...`, made by `phaen admin create-token`) or a
//! session; they see and change exactly what the same person may in the pages, through the
//! same functions the forms call, and every change is audited as them. A plan they may not see
//! is a 404 like a missing one.
//!
//! Writes: a request signed with an API token needs nothing more; one made with a session cookie
//! must carry the session's form token in `X-CSRF-Token` and come from this site (the forms'
//! rule), so no other site can make a signed-in browser write. Changes to a plan name the plan
//! `version` they were made against (`GET /api/v1/plans/{id}` gives it as the `ETag`); a stale
//! one is a 409 with the current version, and nothing is written.
//!
//! Every operation is one [`Endpoint`]: its method, path, handler and what the OpenAPI document
//! at /api/v1/openapi.json says of it, so a route cannot be added without being described.

mod elements;
mod imports;
mod kpis;
pub mod openapi;
mod progress;
mod read;
pub mod reply;
mod search;
mod write;

use std::collections::HashMap;

use axum::http::{HeaderMap, Method};
use axum::routing::{MethodFilter, MethodRouter};
use serde::de::DeserializeOwned;

use phaen_domain::Plan;
use phaen_store::Store;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::{AppError, Problem};
pub use openapi::openapi_document;
use openapi::{Doc, doc};
use reply::ApiError;

/// One operation of the API.
pub struct Endpoint {
    pub method: Method,
    pub path: &'static str,
    route: MethodRouter<AppState>,
    doc: Doc,
}

impl Endpoint {
    fn new<H, T>(method: Method, path: &'static str, handler: H, doc: Doc) -> Endpoint
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).expect("a method the router takes");
        Endpoint {
            method,
            path,
            route: axum::routing::on(filter, handler),
            doc,
        }
    }
}

/// Every operation of the API, in the order the OpenAPI document lists them.
pub fn endpoints() -> Vec<Endpoint> {
    use Method as M;
    use openapi::{Body, Reply};
    let mut upload = Endpoint::new(
        M::POST,
        "/api/v1/imports",
        imports::stage,
        doc("stage_import", "Read an uploaded plan file and keep it waiting, with its import report; nothing is written until it is confirmed")
            .query(&[
                ("org", true, "the code of the organization the plan is for"),
                ("name", true, "the file's name; its extension says how to read it (.docx, .xlsx, .txt, .json)"),
            ])
            .body(Body::Raw("the file's bytes, up to 20 MB"))
            .ok(Reply::created::<imports::StagedView>("the import report and the waiting upload's id")),
    );
    upload.route = upload.route.layer(axum::extract::DefaultBodyLimit::max(
        crate::upload::MAX_UPLOAD_BYTES + 64 * 1024,
    ));
    vec![
        Endpoint::new(
            M::GET,
            "/api/v1/openapi.json",
            openapi::openapi,
            doc("openapi", "This document").public().ok(Reply::object("the OpenAPI document")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans",
            read::list_plans,
            doc("list_plans", "The plans the caller may see")
                .ok(Reply::array("plans: id, title, org, kind, status, period")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/search",
            search::search,
            doc("search", "Thai full-text search over every plan the caller may read: projects, KPIs, guidelines, narratives; Thai words are found inside compounds; best first")
                .query(&[
                    ("q", true, "the words to look for"),
                    ("limit", false, "how many hits, 1 to 200 (50 by default)"),
                ])
                .ok(Reply::json::<search::SearchReply>("the hits, each with its page and its matches marked")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}",
            read::get_plan,
            doc("get_plan", "A whole plan in its canonical JSON; its version is the ETag")
                .ok(Reply::json::<Plan>("the plan").etag()),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}/summary",
            read::get_summary,
            doc("get_summary", "Counts, SWOT and budget per year")
                .ok(Reply::json::<phaen_domain::views::PlanSummary>("the summary, as `phaen plan summary --json`")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}/rollup",
            read::get_rollup,
            doc("get_rollup", "The plan carried out up the organization tree: for the organization asked (`org`, the caller's own by default) and every one below it, the items and organizations serving each KPI and element, budgets (of `year`, or every year) by target, by strategy and year, and per organization directly below")
                .ok(Reply::json::<crate::plan_pages::rollup::RollupView>("the roll-up, as the page shows it")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}/kpis",
            read::get_kpis,
            doc("get_kpis", "Every KPI with its yearly targets")
                .ok(Reply::array("KPIs, as `phaen kpi list --json`")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}/projects",
            read::get_projects,
            doc("get_projects", "Every project with budgets and units")
                .ok(Reply::array("projects, as `phaen project list --json`")),
        ),
        Endpoint::new(
            M::POST,
            "/api/v1/plans/{id}/status",
            write::change_status,
            doc("change_status", "Move the plan along its life: editors open and end member consultation; the board approves (with the meeting that did), publishes and closes")
                .body(Body::json::<write::StatusRequest>())
                .ok(Reply::json::<write::Written>("the plan's new version").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::POST,
            "/api/v1/plans/{id}/elements",
            elements::add_element,
            doc("add_element", "Add an element (mission, goal, strategy, project ...) below another or at the top, where its kind may stand")
                .body(Body::json::<elements::ElementBody>())
                .ok(Reply::created::<elements::ElementWritten>("the new element and the plan's new version").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::PATCH,
            "/api/v1/plans/{id}/elements/{eid}",
            elements::change_element,
            doc("change_element", "Change an element's words, units and budget, as its form does; members left out stay as they were")
                .body(Body::json::<elements::ElementBody>())
                .ok(Reply::json::<elements::ElementWritten>("the element as saved and the plan's new version").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::DELETE,
            "/api/v1/plans/{id}/elements/{eid}",
            elements::remove_element,
            doc("remove_element", "Remove an element and everything below it")
                .query(&[("version", true, "the plan version the removal is made against")])
                .ok(Reply::json::<write::Written>("the plan's new version").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::POST,
            "/api/v1/plans/{id}/elements/{eid}/move",
            elements::move_element,
            doc("move_element", "Move an element one place up or down among its siblings")
                .body(Body::json::<elements::MoveRequest>())
                .ok(Reply::json::<write::Written>("the plan's new version").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::POST,
            "/api/v1/plans/{id}/kpis",
            kpis::add_kpi,
            doc("add_kpi", "Add a KPI to an element, or to the plan itself")
                .body(Body::json::<kpis::KpiBody>())
                .ok(Reply::created::<kpis::KpiWritten>("the new KPI and the plan's new version").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::PUT,
            "/api/v1/plans/{id}/kpis/{kid}",
            kpis::change_kpi,
            doc("change_kpi", "Set a KPI's name, unit and targets per year, as its form does")
                .body(Body::json::<kpis::KpiBody>())
                .ok(Reply::json::<kpis::KpiWritten>("the KPI as saved and the plan's new version").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::DELETE,
            "/api/v1/plans/{id}/kpis/{kid}",
            kpis::remove_kpi,
            doc("remove_kpi", "Remove a KPI")
                .query(&[("version", true, "the plan version the removal is made against")])
                .ok(Reply::json::<write::Written>("the plan's new version").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}/revisions",
            read::list_revisions,
            doc("list_revisions", "The plan's revisions: those kept, oldest first, then the current one")
                .ok(Reply::json::<Vec<read::RevisionView>>("the revisions")),
        ),
        Endpoint::new(
            M::POST,
            "/api/v1/plans/{id}/revisions",
            write::open_revision,
            doc("open_revision", "Open a new revision of an approved, published or closed plan: the current one is kept whole and the plan becomes a draft numbered one higher")
                .body(Body::json::<write::VersionRequest>())
                .ok(Reply::created::<write::Written>("the plan's new version and revision number").etag())
                .versioned(),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}/revisions/{number}",
            read::get_revision,
            doc("get_revision", "A kept revision, whole, in the canonical JSON")
                .ok(Reply::json::<Plan>("the plan as it was at that revision")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}/comments",
            read::list_comments,
            doc("list_comments", "Members' comments on the plan, oldest first")
                .ok(Reply::json::<Vec<read::CommentView>>("the comments")),
        ),
        Endpoint::new(
            M::POST,
            "/api/v1/plans/{id}/comments",
            write::add_comment,
            doc("add_comment", "Comment on a plan in member consultation, while its window is open")
                .body(Body::json::<write::CommentRequest>())
                .ok(Reply::created::<read::CommentView>("the comment as kept")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/plans/{id}/progress",
            progress::get_progress,
            doc("get_progress", "A year's follow-up: each KPI's reported periods, the year's value from the approved ones, its evaluation, and the plan's score with its coverage")
                .query(&[("year", false, "the Buddhist-Era year (default: this year, when the plan covers it)")])
                .ok(Reply::json::<progress::ProgressView>("the year's follow-up")),
        ),
        Endpoint::new(
            M::POST,
            "/api/v1/plans/{id}/progress",
            progress::bulk_progress,
            doc("bulk_progress", "Save many progress values at once, all or none: every row is checked first (KPI, period at the KPI's frequency, value of its kind); bad rows are listed by number and nothing is written")
                .body(Body::json::<progress::BulkRequest>())
                .ok(Reply::json::<progress::BulkSavedView>("how many were saved")),
        ),
        upload,
        Endpoint::new(
            M::GET,
            "/api/v1/imports/{id}",
            imports::report,
            doc("get_import", "A waiting upload of the caller's, with its import report")
                .ok(Reply::json::<imports::StagedView>("the import report")),
        ),
        Endpoint::new(
            M::POST,
            "/api/v1/imports/{id}/confirm",
            imports::confirm,
            doc("confirm_import", "Write a waiting upload of the caller's as a new plan")
                .ok(Reply::created::<imports::Confirmed>("the new plan's id and version")),
        ),
        Endpoint::new(
            M::DELETE,
            "/api/v1/imports/{id}",
            imports::discard,
            doc("discard_import", "Drop a waiting upload of the caller's")
                .ok(Reply::empty("dropped")),
        ),
        Endpoint::new(
            M::GET,
            "/api/v1/audit",
            read::audit,
            doc("audit", "The audit log entries the caller may read (as /audit shows them: their organizations' as auditor or admin, their subtree's as a provincial office or the department), oldest first, and whether the hash chain holds")
                .query(&[("after", false, "only entries after this sequence number")])
                .ok(Reply::json::<read::AuditView>("the entries")),
        ),
    ]
}

/// The API's routes, for [`crate::routes`].
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    endpoints().into_iter().map(|e| (e.path, e.route)).collect()
}

/// The caller is signed in, by session or API token.
fn signed_in(viewer: &Viewer) -> Result<(), ApiError> {
    match viewer.user {
        Some(_) => Ok(()),
        None => Err(ApiError::Unauthorized),
    }
}

/// The plan at `id` when the caller may read it; the same 404 for a missing one.
async fn readable(state: &AppState, viewer: &Viewer, id: &str) -> Result<Plan, ApiError> {
    signed_in(viewer)?;
    Ok(std::sync::Arc::unwrap_or_clone(
        crate::pages::readable_plan(state, viewer, id).await?,
    ))
}

/// For a write to the plan at `id`: a signed-in caller, a genuine request
/// ([`crate::auth::api_write_is_genuine`]), a plan they may read. Returns it and the store
/// acting as the caller, so the audit log names them.
async fn for_write(
    state: &AppState,
    headers: &HeaderMap,
    viewer: &Viewer,
    id: &str,
) -> Result<(Plan, Store), ApiError> {
    genuine(headers, viewer)?;
    Ok(crate::pages::plan_as_caller(state, viewer, id).await?)
}

/// A signed-in caller and a genuine write.
fn genuine(headers: &HeaderMap, viewer: &Viewer) -> Result<(), ApiError> {
    signed_in(viewer)?;
    if crate::auth::api_write_is_genuine(headers, viewer) {
        Ok(())
    } else {
        Err(AppError::Forbidden(viewer.lang).into())
    }
}

/// The JSON body of a request, read only after the caller's rights were checked (so a caller
/// without them learns nothing from how their input would have been read).
fn parse<T: DeserializeOwned>(viewer: &Viewer, body: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        Problem::new(
            "body",
            format!("อ่านข้อมูล JSON ของคำขอไม่ได้: {e}"),
            format!("the body is not the JSON this request takes: {e}"),
        )
        .into_error(viewer.lang)
        .into()
    })
}

/// The `version` query parameter of a removal.
fn version_param(viewer: &Viewer, query: &HashMap<String, String>) -> Result<i64, ApiError> {
    query
        .get("version")
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| {
            Problem::new(
                "version",
                "ต้องระบุ ?version= เป็นฉบับของแผนที่อ่านไว้ (จาก ETag)",
                "give ?version= the plan version you read (its ETag)",
            )
            .into_error(viewer.lang)
            .into()
        })
}
