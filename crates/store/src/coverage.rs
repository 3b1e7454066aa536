//! Coverage of a parent plan: what other plans' projects, guidelines and KPIs serve its
//! elements and KPIs (their resolved alignment links). For one target within an
//! organization's subtree: the serving plans with their items and budgets (from the roll-up
//! facts kept as plans are saved), the latest statuses of their projects, and the items
//! themselves for a page of those plans, each with its organization, budget and latest
//! approved progress.

use std::collections::HashMap;

use rust_decimal::Decimal;

use phaen_domain::{OrgCode, PlanId, PlanStatus};

use crate::db::{Arg, AssertSqlSafe, json_list_from};
use crate::error::{Error, Result};
use crate::{Store, args};

/// One element or KPI of another plan serving an element or KPI of the plan asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The element or KPI of the parent plan that is served.
    pub target_id: String,
    pub plan: PlanId,
    pub plan_title: String,
    pub plan_status: PlanStatus,
    pub org: OrgCode,
    pub org_name: String,
    /// 'element' or 'kpi'.
    pub source_kind: String,
    pub source_id: String,
    /// The serving element's kind ('project', 'guideline' ...), or 'kpi'.
    pub kind: String,
    pub label: Option<String>,
    pub title: String,
    /// What the serving element's budget lines add up to (zero for KPIs and unbudgeted work).
    pub budget: Decimal,
    /// Its latest approved progress report: (period, status, percent complete).
    pub progress: Option<(String, String, Decimal)>,
}

/// A plan serving one target: how many of its elements and KPIs serve it, and their budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServingPlan {
    /// The organizations between the subtree's root and the plan's organization: the root
    /// first, the organization's parent last (empty for the root's own plans).
    pub path: Vec<OrgCode>,
    pub plan: PlanId,
    pub plan_title: String,
    pub plan_status: PlanStatus,
    pub org: OrgCode,
    pub org_name: String,
    pub items: i64,
    pub budget: Decimal,
}

/// Which serving items to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServingFilter<'a> {
    /// One element or KPI of the served plan (every one when `None`).
    pub target: Option<&'a str>,
    /// These serving plans only (every plan when `None`).
    pub plans: Option<&'a [PlanId]>,
}

impl Store {
    /// What in other plans serves `plan`'s elements and KPIs, by target, organization, plan.
    pub async fn coverage(&self, plan: &PlanId) -> Result<Vec<Served>> {
        self.serving_items(plan, ServingFilter::default()).await
    }

    /// The plans of `under` and the organizations below it serving `target` (an element or
    /// KPI of another plan), by organization name and plan title, from the roll-up facts:
    /// one seek per organization of the subtree.
    pub async fn serving_plans(&self, target: &str, under: &OrgCode) -> Result<Vec<ServingPlan>> {
        let rows = self
            .pool()
            .all(
                "WITH RECURSIVE sub(code, path) AS (
                     SELECT code, CAST('' AS TEXT) FROM orgs WHERE code = $2
                     UNION ALL SELECT o.code, sub.path || '/' || sub.code
                     FROM orgs o JOIN sub ON o.parent_code = sub.code)
                 SELECT f.plan_id, p.title, p.status, p.org_code, o.name_th,
                        CAST(SUM(CASE WHEN f.year = 0 THEN f.items ELSE 0 END) AS BIGINT),
                        CAST(SUM(f.budget_satang) AS BIGINT), sub.path
                 FROM sub CROSS JOIN rollup_plan_facts f
                      JOIN plans p ON p.id = f.plan_id JOIN orgs o ON o.code = p.org_code
                 WHERE f.org_code = sub.code AND f.grain = 'target' AND f.key = $1
                 GROUP BY f.plan_id, p.title, p.status, p.org_code, o.name_th, sub.path
                 ORDER BY o.name_th, p.title, f.plan_id",
                args![target, under.as_str()],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ServingPlan {
                    plan: PlanId::parse(&r.text(0)?)?,
                    plan_title: r.text(1)?,
                    plan_status: PlanStatus::parse(&r.text(2)?)?,
                    org: OrgCode::parse(&r.text(3)?)?,
                    org_name: r.text(4)?,
                    items: r.int(5)?,
                    budget: Decimal::new(r.int(6)?, 2).normalize(),
                    path: r
                        .text(7)?
                        .split('/')
                        .filter(|c| !c.is_empty())
                        .map(OrgCode::parse)
                        .collect::<std::result::Result<_, _>>()?,
                })
            })
            .collect()
    }

    /// How many of the projects of `plans` serving `target` stand at each status by their
    /// latest approved report: (status, how many), by status.
    pub async fn serving_statuses(
        &self,
        target: &str,
        plans: &[PlanId],
    ) -> Result<Vec<(String, i64)>> {
        let mut args: Vec<Arg> = args![target];
        let ids: Vec<&str> = plans.iter().map(PlanId::as_str).collect();
        let from = json_list_from(self.backend(), &ids, &mut args);
        let rows = self
            .pool()
            .all(
                AssertSqlSafe(format!(
                    "WITH latest AS (
                         SELECT g.status, ROW_NUMBER() OVER (
                             PARTITION BY g.element_id ORDER BY g.period DESC) AS n
                         FROM {from} CROSS JOIN alignment_links a
                              JOIN project_progress g ON g.element_id = a.source_id
                         WHERE a.target_id = $1 AND a.plan_id = s.value
                           AND g.state = 'approved')
                     SELECT status, COUNT(*) FROM latest WHERE n = 1
                     GROUP BY status ORDER BY status"
                )),
                args,
            )
            .await?;
        rows.iter().map(|r| Ok((r.text(0)?, r.int(1)?))).collect()
    }

    /// What in other plans serves `plan` (one target of it, from some plans, as `filter`
    /// says), by target, organization name, plan title.
    pub async fn serving_items(
        &self,
        plan: &PlanId,
        filter: ServingFilter<'_>,
    ) -> Result<Vec<Served>> {
        // $1 the served plan, then the target and the serving plans when asked for.
        let mut args: Vec<Arg> = args![plan.as_str()];
        let target = match filter.target {
            Some(t) => {
                args.extend(args![t]);
                format!("a.target_id = ${}", args.len())
            }
            None => "a.target_id IN (SELECT id FROM elements WHERE plan_id = $1
                                     UNION ALL SELECT id FROM kpis WHERE plan_id = $1)"
                .to_string(),
        };
        let within = match filter.plans {
            Some(plans) => {
                let ids: Vec<&str> = plans.iter().map(PlanId::as_str).collect();
                let from = json_list_from(self.backend(), &ids, &mut args);
                format!("AND a.plan_id IN (SELECT s.value FROM {from})")
            }
            None => String::new(),
        };
        let links = format!("FROM alignment_links a WHERE {target} AND a.plan_id <> $1 {within}");
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                AssertSqlSafe(format!(
                    "SELECT a.target_id, a.plan_id, p.title, p.status, p.org_code, o.name_th,
                            a.source_kind, a.source_id, e.kind, COALESCE(e.label, k.label),
                            COALESCE(e.title, k.name)
                     {links_joined}
                     ORDER BY a.target_id, o.name_th, p.title, a.plan_id, a.source_id",
                    links_joined = links.replace(
                        "FROM alignment_links a",
                        "FROM alignment_links a JOIN plans p ON p.id = a.plan_id
                         JOIN orgs o ON o.code = p.org_code
                         LEFT JOIN elements e ON a.source_kind = 'element' AND e.id = a.source_id
                         LEFT JOIN kpis k ON a.source_kind = 'kpi' AND k.id = a.source_id"
                    )
                )),
                args.clone(),
            )
            .await?;
        let sources = format!("SELECT a.source_id {links}");
        let mut budgets: HashMap<String, Decimal> = HashMap::new();
        for r in tx
            .all(
                AssertSqlSafe(format!(
                    "SELECT b.element_id, b.amount_baht FROM budget_lines b
                     WHERE b.element_id IN ({sources})"
                )),
                args.clone(),
            )
            .await?
        {
            let amount: Decimal = r
                .text(1)?
                .parse()
                .map_err(|e| Error::corrupt("budget amount", e))?;
            *budgets.entry(r.text(0)?).or_default() += amount;
        }
        let mut progress: HashMap<String, (String, String, Decimal)> = HashMap::new();
        for r in tx
            .all(
                AssertSqlSafe(format!(
                    "SELECT g.element_id, g.period, g.status, g.percent_complete
                     FROM project_progress g
                     WHERE g.state = 'approved' AND g.element_id IN ({sources})"
                )),
                args.clone(),
            )
            .await?
        {
            let percent: Decimal = r.text(3)?.parse().unwrap_or_default();
            let entry = (r.text(1)?, r.text(2)?, percent);
            let id = r.text(0)?;
            // Period keys sort in time order ('2568-Q4' after '2568-Q1', '2569' after both).
            match progress.get(&id) {
                Some(kept) if kept.0 >= entry.0 => {}
                _ => {
                    progress.insert(id, entry);
                }
            }
        }
        rows.iter()
            .map(|r| {
                let source_id = r.text(7)?;
                let source_kind = r.text(6)?;
                Ok(Served {
                    target_id: r.text(0)?,
                    plan: PlanId::parse(&r.text(1)?)?,
                    plan_title: r.text(2)?,
                    plan_status: PlanStatus::parse(&r.text(3)?)?,
                    org: OrgCode::parse(&r.text(4)?)?,
                    org_name: r.text(5)?,
                    kind: if source_kind == "kpi" {
                        "kpi".into()
                    } else {
                        r.opt_text(8)?.unwrap_or_default()
                    },
                    label: r.opt_text(9)?,
                    title: r.opt_text(10)?.unwrap_or_default(),
                    budget: budgets.get(&source_id).copied().unwrap_or_default(),
                    progress: progress.get(&source_id).cloned(),
                    source_kind,
                    source_id,
                })
            })
            .collect()
    }

    /// The plan holding an element or KPI with this id.
    pub async fn plan_holding(&self, id: &str) -> Result<Option<PlanId>> {
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                "SELECT plan_id FROM elements WHERE id = $1
                 UNION ALL SELECT plan_id FROM kpis WHERE id = $1",
                args![id],
            )
            .await?;
        row.map(|r| PlanId::parse(&r.text(0)?).map_err(Into::into))
            .transpose()
    }
}
