//! GET /plans/{id}/coverage: how the plans below carry this one out. For every KPI and
//! element of the plan (strategies, goals, guidelines ...), what serves it from the plans the
//! viewer may read, across organizations: how many items and organizations, their budgets
//! summed exactly, their latest approved progress; what nobody serves is flagged as a gap.

use std::collections::{BTreeSet, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;

use phaen_domain::progress::ProjectStatus;
use phaen_domain::{Element, ElementKind, Plan};
use phaen_store::coverage::Served;

use super::money::baht;
use super::{Current, PlanNav, labelled, readable_plan};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::progress::project_texts::status_label;
use crate::views::element_label;

pub struct CoverageTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub target: &'static str,
    pub serving: &'static str,
    pub orgs: &'static str,
    pub budget: &'static str,
    pub progress: &'static str,
    pub gap: &'static str,
    pub gaps: &'static str,
    pub no_gaps: &'static str,
    pub org: &'static str,
    pub item: &'static str,
    pub kpi: &'static str,
    pub no_report: &'static str,
}

impl CoverageTexts {
    pub fn of(lang: Lang) -> &'static CoverageTexts {
        match lang {
            Lang::Th => &CoverageTexts {
                heading: "การตอบสนองแผน",
                intro: "ตัวชี้วัดและองค์ประกอบแต่ละข้อของแผนนี้ มีโครงการ แนวทาง หรือตัวชี้วัดของหน่วยงานใดตอบสนองบ้าง พร้อมงบประมาณและความก้าวหน้าล่าสุดที่อนุมัติแล้ว (เฉพาะแผนที่ท่านมีสิทธิ์เข้าถึง)",
                target: "ตัวชี้วัด / องค์ประกอบของแผน",
                serving: "รายการที่ตอบสนอง",
                orgs: "หน่วยงาน",
                budget: "งบประมาณรวม (บาท)",
                progress: "ความก้าวหน้า",
                gap: "ยังไม่มีผู้ตอบสนอง",
                gaps: "ข้อที่ยังไม่มีผู้ตอบสนอง",
                no_gaps: "ทุกข้อมีผู้ตอบสนองแล้ว",
                org: "หน่วยงาน",
                item: "รายการ",
                kpi: "ตัวชี้วัด",
                no_report: "ยังไม่มีรายงาน",
            },
            Lang::En => &CoverageTexts {
                heading: "Coverage",
                intro: "For each KPI and element of this plan: the projects, guidelines and KPIs of other organizations' plans that serve it, their budgets and latest approved progress (plans you may read only).",
                target: "KPI / element of this plan",
                serving: "Serving items",
                orgs: "Organizations",
                budget: "Total budget (baht)",
                progress: "Progress",
                gap: "Nobody serves this yet",
                gaps: "Not served yet",
                no_gaps: "Everything is served",
                org: "Organization",
                item: "Item",
                kpi: "KPI",
                no_report: "No report yet",
            },
        }
    }
}

/// One item serving a target, as listed under it.
pub struct ServingRow {
    pub org: String,
    pub plan_title: String,
    pub kind: String,
    pub text: String,
    /// The page to open: the serving element's (or the KPI's element's).
    pub href: String,
    pub budget: String,
    pub progress: String,
}

/// One KPI or element of the plan and what serves it.
pub struct TargetRow {
    pub id: String,
    pub depth: usize,
    pub kind: String,
    pub text: String,
    /// The element's page (a KPI's is its element's).
    pub href: String,
    pub orgs: usize,
    pub budget: String,
    /// The same, as a plain decimal (for machines reading the page).
    pub budget_exact: String,
    /// (status label, how many) of the serving projects' latest reports.
    pub statuses: Vec<(&'static str, usize)>,
    pub serving: Vec<ServingRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_coverage.html")]
struct CoveragePage {
    lang: Lang,
    t: &'static Texts,
    c: &'static CoverageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    rows: Vec<TargetRow>,
    gaps: Vec<(String, String)>,
}

/// The KPIs and elements a plan below may serve, in the tree's order: (id, depth, kind, text,
/// page). Groups and activities are headings and steps, not things to serve.
pub(crate) fn targets(plan: &Plan, lang: Lang) -> Vec<(String, usize, String, String, String)> {
    let c = CoverageTexts::of(lang);
    let mut out: Vec<(String, usize, String, String, String)> = plan
        .kpis
        .iter()
        .map(|k| {
            let href = format!("/plans/{}", plan.id);
            (
                k.id.to_string(),
                0,
                c.kpi.to_string(),
                labelled(k.label.as_deref(), &k.name),
                href,
            )
        })
        .collect();
    let mut stack: Vec<(&Element, usize)> = plan.elements.iter().rev().map(|e| (e, 0)).collect();
    while let Some((e, depth)) = stack.pop() {
        stack.extend(e.children.iter().rev().map(|c| (c, depth + 1)));
        if matches!(e.kind, ElementKind::Group | ElementKind::Activity) {
            continue;
        }
        let href = format!("/plans/{}/elements/{}", plan.id, e.id);
        out.push((
            e.id.to_string(),
            depth,
            element_label(e.kind, lang).to_string(),
            labelled(e.label.as_deref(), &e.title),
            href.clone(),
        ));
        for k in &e.kpis {
            out.push((
                k.id.to_string(),
                depth + 1,
                c.kpi.to_string(),
                labelled(k.label.as_deref(), &k.name),
                href.clone(),
            ));
        }
    }
    out
}

fn serving_row(s: &Served, lang: Lang) -> ServingRow {
    let c = CoverageTexts::of(lang);
    let kind = if s.source_kind == "kpi" {
        c.kpi.to_string()
    } else {
        ElementKind::parse(&s.kind)
            .map(|k| element_label(k, lang).to_string())
            .unwrap_or_else(|_| s.kind.clone())
    };
    let progress = match &s.progress {
        Some((period, status, percent)) => {
            let word = ProjectStatus::parse(status)
                .map(|st| status_label(st, lang))
                .unwrap_or("");
            format!("{word} {}% ({period})", percent.normalize())
        }
        None => c.no_report.to_string(),
    };
    let href = if s.source_kind == "element" {
        format!("/plans/{}/elements/{}", s.plan, s.source_id)
    } else {
        format!("/plans/{}", s.plan)
    };
    ServingRow {
        org: s.org_name.clone(),
        plan_title: s.plan_title.clone(),
        kind,
        text: labelled(s.label.as_deref(), &s.title),
        href,
        budget: baht(s.budget),
        progress,
    }
}

/// GET /plans/{id}/coverage.
pub async fn coverage_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let (visible, _) = crate::visibility::visible_plans(&state, &viewer).await?;
    let readable: HashSet<String> = visible.iter().map(|p| p.id.to_string()).collect();
    let served: Vec<Served> = state
        .store
        .coverage(&plan.id)
        .await?
        .into_iter()
        .filter(|s| readable.contains(s.plan.as_str()))
        .collect();
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    for (tid, depth, kind, text, href) in targets(&plan, lang) {
        let mine: Vec<&Served> = served.iter().filter(|s| s.target_id == tid).collect();
        if mine.is_empty() {
            gaps.push((kind.clone(), text.clone()));
        }
        let orgs: BTreeSet<&str> = mine.iter().map(|s| s.org.as_str()).collect();
        let budget: Decimal = mine.iter().map(|s| s.budget).sum();
        let statuses = ProjectStatus::ALL
            .iter()
            .map(|st| {
                let n = mine
                    .iter()
                    .filter(|s| s.progress.as_ref().is_some_and(|p| p.1 == st.as_str()))
                    .count();
                (status_label(*st, lang), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        rows.push(TargetRow {
            id: tid,
            depth,
            kind,
            text,
            href,
            orgs: orgs.len(),
            budget: baht(budget),
            budget_exact: budget.normalize().to_string(),
            statuses,
            serving: mine.iter().map(|s| serving_row(s, lang)).collect(),
        });
    }
    Ok(CoveragePage {
        lang,
        t: lang.t(),
        c: CoverageTexts::of(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Coverage),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        rows,
        gaps,
    }
    .into_response())
}
