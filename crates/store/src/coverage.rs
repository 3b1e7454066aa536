//! Coverage of a parent plan: what other plans' projects, guidelines and KPIs serve its
//! elements and KPIs (their resolved alignment links), with the serving plan's organization
//! and status, the budget the serving element plans and its latest approved progress. The
//! counts per target come from the roll-ups (`rollup`); this reads the items themselves, for
//! one target, or for a whole plan, within one organization's subtree.

use std::collections::HashMap;

use rust_decimal::Decimal;

use phaen_domain::{OrgCode, PlanId, PlanStatus};

use crate::db::{Arg, AssertSqlSafe};
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

/// Which serving items to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServingFilter<'a> {
    /// One element or KPI of the served plan (every one when `None`).
    pub target: Option<&'a str>,
    /// Plans of this organization and the organizations below it only (every plan when `None`).
    pub under: Option<&'a OrgCode>,
}

impl Store {
    /// What in other plans serves `plan`'s elements and KPIs, by target, organization, plan.
    pub async fn coverage(&self, plan: &PlanId) -> Result<Vec<Served>> {
        self.serving_items(plan, ServingFilter::default()).await
    }

    /// What in other plans serves `plan` (one target of it, within one subtree, as `filter`
    /// says), by target, organization name, plan title.
    pub async fn serving_items(
        &self,
        plan: &PlanId,
        filter: ServingFilter<'_>,
    ) -> Result<Vec<Served>> {
        // $1 the served plan, then the target and the subtree's root when asked for.
        let mut args: Vec<Arg> = args![plan.as_str()];
        let target = match filter.target {
            Some(t) => {
                args.extend(args![t]);
                "a.target_id = $2".to_string()
            }
            None => "a.target_id IN (SELECT id FROM elements WHERE plan_id = $1
                                     UNION ALL SELECT id FROM kpis WHERE plan_id = $1)"
                .to_string(),
        };
        let (subtree, within) = match filter.under {
            Some(root) => {
                args.extend(args![root.as_str()]);
                let n = args.len();
                (
                    format!(
                        "WITH RECURSIVE sub(code) AS (
                             SELECT code FROM orgs WHERE code = ${n}
                             UNION ALL SELECT o.code FROM orgs o JOIN sub ON o.parent_code = sub.code)"
                    ),
                    "AND p.org_code IN (SELECT code FROM sub)",
                )
            }
            None => (String::new(), ""),
        };
        let links = format!(
            "FROM alignment_links a JOIN plans p ON p.id = a.plan_id
             WHERE {target} AND a.plan_id <> $1 {within}"
        );
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                AssertSqlSafe(format!(
                    "{subtree}
                     SELECT a.target_id, a.plan_id, p.title, p.status, p.org_code, o.name_th,
                            a.source_kind, a.source_id, e.kind, COALESCE(e.label, k.label),
                            COALESCE(e.title, k.name)
                     {links}
                     ORDER BY a.target_id, o.name_th, p.title, a.source_id",
                    links = links.replace(
                        "JOIN plans p ON p.id = a.plan_id",
                        "JOIN plans p ON p.id = a.plan_id JOIN orgs o ON o.code = p.org_code
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
                    "{subtree} SELECT b.element_id, b.amount_baht FROM budget_lines b
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
                    "{subtree} SELECT g.element_id, g.period, g.status, g.percent_complete
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
