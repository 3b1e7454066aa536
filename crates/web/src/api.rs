//! The JSON API under /api/v1: what the pages show, for scripts. Callers sign in with an API
//! token (`Authorization: Bearer ...`, made by `phaen admin create-token`) or a session; they
//! see exactly what the same person sees in the pages, and a plan they may not see is a 404
//! like a missing one. The OpenAPI document is built from the code at /api/v1/openapi.json.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use phaen_domain::{Plan, PlanId, access, views};
use phaen_store::{OrgStore, PlanStore};

use crate::AppState;
use crate::auth::Viewer;

fn error(status: StatusCode, en: &str, th: &str) -> Response {
    (status, Json(json!({ "error": en, "error_th": th }))).into_response()
}

fn unauthorized() -> Response {
    error(
        StatusCode::UNAUTHORIZED,
        "sign in, or send an API token as 'Authorization: Bearer <token>'",
        "โปรดเข้าสู่ระบบ หรือส่งโทเคน API ในส่วนหัว Authorization",
    )
}

fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "no such plan", "ไม่พบแผนนี้")
}

fn internal(e: phaen_store::Error) -> Response {
    tracing::error!(error = %e, "api request failed");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "something went wrong",
        "ระบบขัดข้อง",
    )
}

/// The plan if it exists and the caller may read it.
async fn readable(state: &AppState, viewer: &Viewer, id: &str) -> Result<Plan, Response> {
    if viewer.user.is_none() {
        return Err(unauthorized());
    }
    let id = PlanId::parse(id).map_err(|_| not_found())?;
    let plan = match state.store.load_plan(&id).await {
        Ok(p) => p,
        Err(phaen_store::Error::NotFound { .. }) => return Err(not_found()),
        Err(e) => return Err(internal(e)),
    };
    let ancestors = state
        .store
        .ancestors(&plan.owner.code)
        .await
        .map_err(internal)?;
    if access::can_read_plan(
        &viewer.memberships,
        &plan.owner.code,
        plan.status,
        &ancestors,
    ) {
        Ok(plan)
    } else {
        Err(not_found())
    }
}

/// GET /api/v1/plans
pub async fn list_plans(State(state): State<AppState>, viewer: Viewer) -> Response {
    if viewer.user.is_none() {
        return unauthorized();
    }
    let plans = match crate::visibility::visible_plans(&state, &viewer).await {
        Ok((plans, _)) => plans,
        Err(e) => return internal(e),
    };
    let visible: Vec<Value> = plans
        .into_iter()
        .map(|p| {
            json!({
                "id": p.id, "title": p.title, "org": p.org, "kind": p.kind.as_str(),
                "status": p.status.as_str(),
                "period": { "from": p.from.get(), "to": p.to.get() },
            })
        })
        .collect();
    Json(visible).into_response()
}

/// GET /api/v1/plans/{id}: the canonical JSON of the plan.
pub async fn get_plan(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    match readable(&state, &viewer, &id).await {
        Ok(plan) => Json(plan).into_response(),
        Err(r) => r,
    }
}

/// GET /api/v1/plans/{id}/summary
pub async fn get_summary(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    match readable(&state, &viewer, &id).await {
        Ok(plan) => Json(views::summary(&plan)).into_response(),
        Err(r) => r,
    }
}

/// GET /api/v1/plans/{id}/kpis
pub async fn get_kpis(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    match readable(&state, &viewer, &id).await {
        Ok(plan) => Json(views::kpi_list(&plan)).into_response(),
        Err(r) => r,
    }
}

/// GET /api/v1/plans/{id}/projects
pub async fn get_projects(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    match readable(&state, &viewer, &id).await {
        Ok(plan) => Json(views::project_list(&plan)).into_response(),
        Err(r) => r,
    }
}

/// GET /api/v1/openapi.json
pub async fn openapi() -> Response {
    Json(openapi_document()).into_response()
}

/// The OpenAPI 3.1 document: the routes above, with the plan's schema generated from the model.
pub fn openapi_document() -> Value {
    let schema = serde_json::to_string(&schemars::schema_for!(phaen_domain::Plan))
        .expect("the schema serializes")
        .replace("#/$defs/", "#/components/schemas/");
    let mut plan: Value = serde_json::from_str(&schema).expect("the schema parses");
    let defs = plan
        .as_object_mut()
        .and_then(|o| o.remove("$defs"))
        .unwrap_or_else(|| json!({}));
    if let Some(o) = plan.as_object_mut() {
        o.remove("$schema");
    }
    let mut schemas = defs;
    schemas["Plan"] = plan;
    schemas["Error"] = json!({
        "type": "object",
        "properties": { "error": { "type": "string" }, "error_th": { "type": "string" } },
        "required": ["error", "error_th"]
    });
    let id_param =
        json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }]);
    let errors = json!({
        "401": { "description": "not signed in", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        "404": { "description": "no such plan, or one the caller may not see", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
    });
    let with_errors = |ok: Value| {
        let mut r = errors.clone();
        r["200"] = ok;
        r
    };
    let object = |description: &str| json!({ "description": description, "content": { "application/json": { "schema": { "type": "object" } } } });
    let array = |description: &str| json!({ "description": description, "content": { "application/json": { "schema": { "type": "array", "items": { "type": "object" } } } } });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Phaen (แผน) API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Plans of Thai cooperatives. Authenticate with 'Authorization: Bearer <token>' (phaen admin create-token) or a session cookie."
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "token": { "type": "http", "scheme": "bearer" },
                "session": { "type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE }
            }
        },
        "security": [{ "token": [] }, { "session": [] }],
        "paths": {
            "/api/v1/plans": { "get": { "operationId": "list_plans", "summary": "The plans the caller may see", "responses": with_errors(array("plans: id, title, org, kind, status, period")) } },
            "/api/v1/plans/{id}": { "get": { "operationId": "get_plan", "summary": "A whole plan in its canonical JSON", "parameters": id_param.clone(), "responses": with_errors(json!({ "description": "the plan", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Plan" } } } })) } },
            "/api/v1/plans/{id}/summary": { "get": { "operationId": "get_summary", "summary": "Counts, SWOT and budget per year", "parameters": id_param.clone(), "responses": with_errors(object("the summary, as `phaen plan summary --json`")) } },
            "/api/v1/plans/{id}/kpis": { "get": { "operationId": "get_kpis", "summary": "Every KPI with its yearly targets", "parameters": id_param.clone(), "responses": with_errors(array("KPIs, as `phaen kpi list --json`")) } },
            "/api/v1/plans/{id}/projects": { "get": { "operationId": "get_projects", "summary": "Every project with budgets and units", "parameters": id_param, "responses": with_errors(array("projects, as `phaen project list --json`")) } }
        }
    })
}
