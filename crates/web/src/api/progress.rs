//! Progress through the API: a year's values, evaluations and the plan's score as the follow-up
//! page shows them, and many values at once (the bulk path `phaen progress import` takes):
//! every row checked first, all saved in one transaction or none, bad rows named.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use phaen_domain::KpiId;
use phaen_domain::bulk::{RawRow, check_rows};
use phaen_domain::evaluate;
use phaen_domain::progress::EntryState;

use super::reply::{ApiError, ApiResult};
use super::{for_write, parse, readable};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::{AppError, Problem};

/// A year's follow-up.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProgressView {
    pub year: u16,
    /// The plan's score (0-100), when any KPI has an approved value.
    pub plan_score: Option<String>,
    /// KPIs with an approved value / KPIs with a target that year.
    pub reported: usize,
    pub expected: usize,
    pub kpis: Vec<KpiProgressView>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct KpiProgressView {
    pub kpi: String,
    pub name: String,
    pub target: String,
    /// The year's value from its approved periods.
    pub value: String,
    /// achieved | partly | not_achieved | no_data | no_target
    pub status: String,
    pub percent: String,
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct EntryView {
    /// '2568', '2568-Q1', '2568-M01'
    pub period: String,
    pub value: String,
    /// draft | submitted | approved | returned
    pub state: String,
    pub version: i64,
}

/// GET /api/v1/plans/{id}/progress?year=2568
pub async fn get_progress(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    let plan = readable(&state, &viewer, &id).await?;
    let year = crate::progress::page::year_to_show(&plan, q.get("year").map(String::as_str));
    let setups = state.store.reporting_setups(&plan.id).await?;
    let entries = state.store.kpi_entries(&plan.id, Some(year)).await?;
    let result =
        crate::progress::page::year_result(&plan, year, &setups, &entries, false, viewer.lang);
    let total = evaluate::plan_score(&plan, &result.evaluations, &result.weights);
    let kpis = plan
        .all_kpis()
        .into_iter()
        .zip(result.lines)
        .map(|((_, k), line)| KpiProgressView {
            kpi: k.id.to_string(),
            name: k.name.clone(),
            target: line.target,
            value: line.combined,
            status: line.status_class.to_string(),
            percent: line.percent,
            entries: entries
                .iter()
                .filter(|e| e.kpi == k.id)
                .map(|e| EntryView {
                    period: e.period.key(),
                    value: crate::progress::page::show_value(&e.value, viewer.lang),
                    state: e.state.as_str().to_string(),
                    version: e.version,
                })
                .collect(),
        })
        .collect();
    Ok(Json(ProgressView {
        year: year.get(),
        plan_score: total.value.map(|v| v.to_string()),
        reported: total.reported,
        expected: total.expected,
        kpis,
    })
    .into_response())
}

/// Many values at once.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkRequest {
    /// draft (the default), submitted, or approved (historical data; the board's right).
    #[serde(default)]
    pub state: Option<String>,
    pub rows: Vec<BulkRow>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkRow {
    /// The KPI's id, label or name.
    pub kpi: String,
    /// '2568-M01', 'ต.ค. 2567', 'ไตรมาส 1/2568', '2568'
    pub period: String,
    /// A number (as a JSON number or text), a level's name, or true/false for met.
    pub value: serde_json::Value,
    #[serde(default)]
    pub narrative: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct BulkSavedView {
    pub saved: usize,
    pub added: usize,
    pub replaced: usize,
}

/// POST /api/v1/plans/{id}/progress
pub async fn bulk_progress(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let lang = viewer.lang;
    let (plan, store) = for_write(&state, &headers, &viewer, &id).await?;
    let (report, decide) = (
        crate::progress::may_report(&viewer, &plan),
        crate::progress::may_decide(&viewer, &plan),
    );
    if !report && !decide {
        return Err(AppError::Denied(lang).into());
    }
    if !crate::progress::in_force(&plan) {
        return Err(Problem::new(
            "plan",
            crate::progress::texts::progress_texts(crate::i18n::Lang::Th).not_in_force,
            "the plan is not approved yet, so no progress is reported against it",
        )
        .into_error(lang)
        .into());
    }
    let request: BulkRequest = parse(&viewer, &body)?;
    let entry_state = match request.state.as_deref().unwrap_or("draft") {
        "draft" if report => EntryState::Draft,
        "submitted" if report => EntryState::Submitted,
        "approved" if decide => EntryState::Approved,
        "draft" | "submitted" | "approved" => return Err(AppError::Denied(lang).into()),
        other => {
            return Err(Problem::new(
                "state",
                format!("สถานะ '{other}' ใช้ไม่ได้ ใช้ draft, submitted หรือ approved"),
                format!("state '{other}': use draft, submitted or approved"),
            )
            .into_error(lang)
            .into());
        }
    };
    let raw: Vec<RawRow> = request
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| RawRow {
            row: i + 1,
            kpi: r.kpi,
            period: r.period,
            value: match r.value {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            },
            narrative: r.narrative.unwrap_or_default(),
        })
        .collect();
    let setups = state.store.reporting_setups(&plan.id).await?;
    let frequency_of: HashMap<KpiId, _> = setups
        .iter()
        .filter_map(|s| Some((KpiId::parse(&s.subject).ok()?, s.frequency)))
        .collect();
    let (valid, mut rejected) = check_rows(&plan, &frequency_of, &raw);
    let locked = state.store.locked_kpi_entries(&plan.id).await?;
    for r in &valid {
        if locked.contains(&(r.kpi.to_string(), r.period.key())) {
            rejected.push(phaen_domain::bulk::Rejected {
                row: r.row,
                column: "period",
                message_th: format!("งวด {} ส่งอนุมัติหรืออนุมัติแล้ว", r.period.key()),
                message_en: format!("period {} is already submitted or approved", r.period.key()),
            });
        }
    }
    if !rejected.is_empty() {
        rejected.sort_by_key(|r| r.row);
        let problems = rejected
            .into_iter()
            .map(|r| Problem {
                field: "rows",
                th: format!("แถวที่ {} ({}): {}", r.row, r.column, r.message_th),
                en: format!("row {} ({}): {}", r.row, r.column, r.message_en),
            })
            .collect();
        return Err(ApiError::App(AppError::Invalid(lang, problems)));
    }
    let saved = store
        .bulk_save_kpi_entries(&plan.id, &valid, entry_state, "api")
        .await?;
    Ok(Json(BulkSavedView {
        saved: valid.len(),
        added: saved.added,
        replaced: saved.replaced,
    })
    .into_response())
}
