//! The API's changes to a plan's elements: add, change, move, remove. Each request becomes the
//! form the pages send and goes through the same shared change ([`crate::edit::element`]) and
//! the same save, so the rules, the messages and the audit log are the forms' own.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use phaen_domain::edit as model;
use phaen_domain::{Element, ResponsibleRole};

use super::read::with_version;
use super::reply::ApiResult;
use super::write::{fixed, written};
use super::{for_write, parse, version_param};
use crate::AppState;
use crate::auth::Viewer;
use crate::edit::element::{self, ElementForm, element_id, units_text};
use crate::edit::{save, writable};
use crate::error::AppError;

/// A list member: one string with an item per line (as the form's text box), or an array of
/// items.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Lines {
    Text(String),
    Items(Vec<String>),
}

impl Lines {
    pub(super) fn text(self) -> String {
        match self {
            Lines::Text(t) => t,
            Lines::Items(items) => items.join("\n"),
        }
    }
}

/// An element's members, as its form has them. Adding one: `kind` and `title` are needed and
/// `parent` places it (none: the top level). Changing one: members left out stay as they were,
/// and `kind` and `parent` cannot change (move an element with its `move` request).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElementBody {
    /// The plan version the change is made against.
    pub version: i64,
    /// Adding: the id of the element to add below.
    #[serde(default)]
    pub parent: Option<String>,
    /// Adding: mission, goal, strategic_issue, strategy, guideline, group, project or activity.
    #[serde(default)]
    pub kind: Option<String>,
    /// '2.1'.
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Numbered items: '1. เพิ่มรายได้'.
    #[serde(default)]
    pub objectives: Option<Lines>,
    #[serde(default)]
    pub target_groups: Option<Lines>,
    #[serde(default)]
    pub expected_outcomes: Option<Lines>,
    /// Responsible units, one each.
    #[serde(default)]
    pub main_units: Option<Lines>,
    #[serde(default)]
    pub support_units: Option<Lines>,
    /// Budget in baht, one year each: '2568: 150,000' (a year of the plan), or an amount alone.
    #[serde(default)]
    pub budget: Option<Lines>,
}

/// An element as saved.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ElementWritten {
    pub version: i64,
    pub element: Element,
}

/// POST /api/v1/plans/{id}/elements
pub async fn add_element(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let (mut plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    writable(&viewer, &plan)?;
    let req: ElementBody = parse(&viewer, &body)?;
    let form = ElementForm {
        version: req.version,
        parent: req.parent,
        kind: req.kind,
        label: req.label.unwrap_or_default(),
        title: req.title.unwrap_or_default(),
        description: req.description.unwrap_or_default(),
        objectives: req.objectives.map(Lines::text),
        target_groups: req.target_groups.map(Lines::text),
        expected_outcomes: req.expected_outcomes.map(Lines::text),
        main_units: req.main_units.map(Lines::text),
        support_units: req.support_units.map(Lines::text),
        budget: req.budget.map(Lines::text),
        ..ElementForm::default()
    };
    let (eid, note) = element::add_element(&mut plan, &form, viewer.lang)?;
    let version = save(&store, &plan, form.version, note).await?;
    let element = model::element(&plan, &eid)
        .cloned()
        .ok_or(AppError::NotFound(viewer.lang))?;
    Ok(with_version(
        version,
        (
            StatusCode::CREATED,
            Json(ElementWritten { version, element }),
        ),
    ))
}

/// PATCH /api/v1/plans/{id}/elements/{eid}
pub async fn change_element(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let lang = viewer.lang;
    let (mut plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    writable(&viewer, &plan)?;
    let eid = element_id(lang, &eid)?;
    let current = model::element(&plan, &eid).ok_or(AppError::NotFound(lang))?;
    let req: ElementBody = parse(&viewer, &body)?;
    if req
        .kind
        .as_deref()
        .is_some_and(|k| k != current.kind.as_str())
    {
        return Err(fixed(
            &viewer,
            "kind",
            "เปลี่ยนประเภทขององค์ประกอบไม่ได้ ให้เพิ่มใหม่แทน",
            "an element's kind cannot change; add a new one instead",
        ));
    }
    let parent = model::parent_of(&plan, &eid)
        .flatten()
        .map(|p| p.id.as_str());
    if req.parent.as_deref().is_some_and(|p| Some(p) != parent) {
        return Err(fixed(
            &viewer,
            "parent",
            "ย้ายองค์ประกอบไปใต้รายการอื่นไม่ได้ เลื่อนได้เฉพาะขึ้นหรือลง",
            "an element cannot move to another parent, only up or down among its siblings",
        ));
    }
    // Units are saved as a pair: the one left out stays as it was.
    let units = req.main_units.is_some() || req.support_units.is_some();
    let keep = |given: Option<Lines>, e: &Element, role| match given {
        Some(l) => Some(l.text()),
        None if units => Some(units_text(e, role)),
        None => None,
    };
    let form = ElementForm {
        version: req.version,
        label: req
            .label
            .unwrap_or_else(|| current.label.clone().unwrap_or_default()),
        title: req.title.unwrap_or_else(|| current.title.clone()),
        description: req
            .description
            .unwrap_or_else(|| current.description.clone().unwrap_or_default()),
        objectives: req.objectives.map(Lines::text),
        target_groups: req.target_groups.map(Lines::text),
        expected_outcomes: req.expected_outcomes.map(Lines::text),
        main_units: keep(req.main_units, current, ResponsibleRole::Main),
        support_units: keep(req.support_units, current, ResponsibleRole::Support),
        budget: req.budget.map(Lines::text),
        ..ElementForm::default()
    };
    let note = element::change_element(&mut plan, &eid, &form, lang)?;
    let version = save(&store, &plan, form.version, note).await?;
    let element = model::element(&plan, &eid)
        .cloned()
        .ok_or(AppError::NotFound(lang))?;
    Ok(with_version(
        version,
        Json(ElementWritten { version, element }),
    ))
}

/// Which way to move an element.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRequest {
    pub version: i64,
    /// 'up' or 'down'.
    pub way: String,
}

/// POST /api/v1/plans/{id}/elements/{eid}/move
pub async fn move_element(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    let (mut plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    writable(&viewer, &plan)?;
    let eid = element_id(viewer.lang, &eid)?;
    let req: MoveRequest = parse(&viewer, &body)?;
    let note = element::move_element(&mut plan, &eid, &req.way, viewer.lang)?;
    let version = save(&store, &plan, req.version, note).await?;
    Ok(written(version))
}

/// DELETE /api/v1/plans/{id}/elements/{eid}?version=N
pub async fn remove_element(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let (mut plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    writable(&viewer, &plan)?;
    let eid = element_id(viewer.lang, &eid)?;
    let version = version_param(&viewer, &q)?;
    let note = element::remove_element(&mut plan, &eid, viewer.lang)?;
    let version = save(&store, &plan, version, note).await?;
    Ok(written(version))
}
