//! The JSON shapes of the CLI contract and the JSON API (`plan summary`, `kpi list`, `project list`), built from
//! a loaded plan. Scripts rely on these field names; add fields, never rename them.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use crate::summary::{self, Counts};
use crate::{Element, ElementKind, Plan, ResponsibleRole, YearTarget};

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PeriodView {
    pub from: u16,
    pub to: u16,
}

#[derive(Debug, Serialize)]
pub struct ListedPlan {
    pub id: String,
    pub title: String,
    pub org: String,
    pub kind: String,
    pub period: PeriodView,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PlanSummary {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub org: String,
    pub status: String,
    pub period: PeriodView,
    pub year_basis: Value,
    pub edition: Option<String>,
    pub vision: Option<String>,
    pub revision: Option<u32>,
    /// ISO date, Common Era.
    pub as_of: Option<String>,
    pub approval: Option<Value>,
    pub counts: Counts,
    pub swot: BTreeMap<String, usize>,
    pub budget_baht_by_year: BTreeMap<String, String>,
    pub budget_baht_without_year: String,
    pub budget_baht_total: String,
}

pub fn summary(plan: &Plan) -> PlanSummary {
    let by_year = summary::budget_by_year(plan);
    let without_year = summary::budget_without_year(plan);
    let total: crate::Baht = by_year.values().copied().chain([without_year]).sum();
    PlanSummary {
        id: plan.id.to_string(),
        title: plan.title.clone(),
        kind: plan.kind.as_str().into(),
        org: plan.owner.code.to_string(),
        status: plan.status.as_str().into(),
        period: PeriodView {
            from: plan.period.from.get(),
            to: plan.period.to.get(),
        },
        year_basis: serde_json::to_value(plan.year_basis).unwrap_or(Value::Null),
        edition: plan.edition.clone(),
        vision: plan.vision.clone(),
        revision: plan.revision.as_ref().map(|r| r.number),
        as_of: plan.as_of.map(|d| d.to_string()),
        approval: plan.approval.as_ref().map(|a| {
            json!({
                "body": a.body,
                "meeting": a.meeting,
                "date": a.date.map(|d| d.to_string()),
            })
        }),
        counts: summary::counts(plan),
        swot: summary::swot_counts(plan)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        budget_baht_by_year: by_year
            .into_iter()
            .map(|(y, b)| (y.to_string(), b.to_string()))
            .collect(),
        budget_baht_without_year: without_year.to_string(),
        budget_baht_total: total.to_string(),
    }
}

/// Every KPI of the plan, at every level, in plan order.
pub fn kpi_list(plan: &Plan) -> Vec<Value> {
    plan.all_kpis()
        .into_iter()
        .map(|(element, k)| {
            json!({
                "id": k.id,
                "label": k.label,
                "name": k.name,
                "unit": k.unit,
                "level": element.map_or("plan", |e| e.kind.as_str()),
                "element_id": element.map(|e| e.id.to_string()),
                "targets": k.targets.iter().map(target_view).collect::<Vec<_>>(),
                "aligned_to": k.aligned_to,
            })
        })
        .collect()
}

fn target_view(t: &YearTarget) -> Value {
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("display".into(), Value::String(t.target.to_string()));
    }
    v
}

/// Every project of the plan with its budget per year, responsible units and alignment.
pub fn project_list(plan: &Plan) -> Vec<Value> {
    plan.walk()
        .into_iter()
        .map(|w| w.element)
        .filter(|e| e.kind == ElementKind::Project)
        .map(project_view)
        .collect()
}

fn project_view(e: &Element) -> Value {
    let mut by_year: BTreeMap<String, crate::Baht> = BTreeMap::new();
    let mut without_year = Vec::new();
    for b in &e.budget {
        match b.year {
            Some(y) => {
                let slot = by_year.entry(y.to_string()).or_default();
                *slot = [*slot, b.amount_baht].into_iter().sum();
            }
            None => without_year.push(b.amount_baht),
        }
    }
    let units = |role| {
        e.responsible
            .iter()
            .filter(|r| r.role == role)
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
    };
    json!({
        "id": e.id,
        "label": e.label,
        "name": e.title,
        "budget_baht": by_year.into_iter().map(|(y, b)| (y, b.to_string())).collect::<BTreeMap<_, _>>(),
        "budget_baht_without_year": (!without_year.is_empty())
            .then(|| without_year.into_iter().sum::<crate::Baht>().to_string()),
        "responsible": {
            "main": units(ResponsibleRole::Main),
            "support": units(ResponsibleRole::Support),
        },
        "aligned_to": e.aligned_to,
        "kpis": e.kpis.len(),
        "activities": e.children.iter().filter(|c| c.kind == ElementKind::Activity).count(),
    })
}
