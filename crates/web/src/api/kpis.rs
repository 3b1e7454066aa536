//! The API's changes to a plan's KPIs: add one, set its name, unit and target for each year,
//! remove it, through the same shared change as the KPI form ([`crate::edit::kpi`]).

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use phaen_domain::Kpi;
use phaen_domain::edit as model;

use super::elements::Lines;
use super::read::with_version;
use super::reply::ApiResult;
use super::write::{fixed, written};
use super::{for_write, parse, version_param};
use crate::AppState;
use crate::auth::Viewer;
use crate::edit::kpi::{self, KpiForm, kpi_id};
use crate::edit::{save, writable};
use crate::error::AppError;

/// A target as sent: text as plans write it ('≥ 80', 'ไม่น้อยกว่าร้อยละ 50', 'ดีเยี่ยม', '-'), or
/// a number.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum TargetText {
    Text(String),
    Number(serde_json::Number),
}

/// A KPI's members, as its form has them. Adding one: `name` is needed, and `element` says
/// which element it belongs to (none: the plan itself). Setting one (PUT): `name`, `unit` and
/// `targets` are set as sent (a year left out has no target); `label` and `notes`, when left
/// out, stay as they were.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KpiBody {
    /// The plan version the change is made against.
    pub version: i64,
    /// Adding: the id of the element the KPI belongs to.
    #[serde(default)]
    pub element: Option<String>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    /// 'ร้อยละ', 'คน', 'ล้านบาท'.
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub notes: Option<Lines>,
    /// The target for each Buddhist-Era year of the plan: {"2568": "≥ 80", "2569": "-"}.
    #[serde(default)]
    pub targets: Option<BTreeMap<String, Option<TargetText>>>,
    /// Why targets set before change; needed in a revision of an approved plan.
    #[serde(default)]
    pub reason: Option<String>,
}

impl KpiBody {
    fn targets(&mut self) -> Vec<(String, String)> {
        self.targets
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(|(year, t)| {
                let typed = match t {
                    Some(TargetText::Text(t)) => t,
                    Some(TargetText::Number(n)) => n.to_string(),
                    None => String::new(),
                };
                (year, typed)
            })
            .collect()
    }
}

/// A KPI as saved.
#[derive(Debug, Serialize, JsonSchema)]
pub struct KpiWritten {
    pub version: i64,
    pub kpi: Kpi,
}

/// POST /api/v1/plans/{id}/kpis
pub async fn add_kpi(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let (mut plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    writable(&viewer, &plan)?;
    let mut req: KpiBody = parse(&viewer, &body)?;
    let mut form = KpiForm::blank(&plan, req.version);
    form.set_targets(req.targets());
    form.element = req.element.take();
    form.name = req.name.take().unwrap_or_default();
    form.unit = req.unit.take().unwrap_or_default();
    form.label = req.label.take().unwrap_or_default();
    form.notes = req.notes.take().map(Lines::text).unwrap_or_default();
    let (kid, _, note) = kpi::add_kpi(&mut plan, &form, viewer.lang)?;
    let version = save(&store, &plan, form.version, note).await?;
    let kpi = model::kpi(&plan, &kid)
        .cloned()
        .ok_or(AppError::NotFound(viewer.lang))?;
    Ok(with_version(
        version,
        (StatusCode::CREATED, Json(KpiWritten { version, kpi })),
    ))
}

/// PUT /api/v1/plans/{id}/kpis/{kid}
pub async fn change_kpi(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let lang = viewer.lang;
    let (mut plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    writable(&viewer, &plan)?;
    let kid = kpi_id(lang, &kid)?;
    let current = model::kpi(&plan, &kid).ok_or(AppError::NotFound(lang))?;
    let mut req: KpiBody = parse(&viewer, &body)?;
    let owner = model::kpi_owner(&plan, &kid).map(|e| e.id.as_str());
    if req.element.as_deref().is_some_and(|e| Some(e) != owner) {
        return Err(fixed(
            &viewer,
            "element",
            "ย้ายตัวชี้วัดไปองค์ประกอบอื่นไม่ได้ ให้เพิ่มใหม่แทน",
            "a KPI cannot move to another element; add a new one instead",
        ));
    }
    let mut form = KpiForm::of(current, &plan, req.version);
    form.set_targets(req.targets());
    form.name = req.name.take().unwrap_or_default();
    form.unit = req.unit.take().unwrap_or_default();
    if let Some(label) = req.label.take() {
        form.label = label;
    }
    if let Some(notes) = req.notes.take() {
        form.notes = notes.text();
    }
    form.reason = req.reason.take().unwrap_or_default();
    let note = kpi::change_kpi(&mut plan, &kid, &form, lang)?;
    let version = save(&store, &plan, form.version, note).await?;
    let kpi = model::kpi(&plan, &kid)
        .cloned()
        .ok_or(AppError::NotFound(lang))?;
    Ok(with_version(version, Json(KpiWritten { version, kpi })))
}

/// DELETE /api/v1/plans/{id}/kpis/{kid}?version=N
pub async fn remove_kpi(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let (mut plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    writable(&viewer, &plan)?;
    let kid = kpi_id(viewer.lang, &kid)?;
    let version = version_param(&viewer, &q)?;
    let note = kpi::remove_kpi(&mut plan, &kid, viewer.lang)?;
    let version = save(&store, &plan, version, note).await?;
    Ok(written(version))
}
