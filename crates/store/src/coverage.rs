//! Coverage of a parent plan: for each of its elements and KPIs, what other plans' projects,
//! guidelines and KPIs serve it (their resolved alignment links), with the serving plan's
//! organization, the budget the serving element plans and its latest approved progress.

use std::collections::HashMap;

use rust_decimal::Decimal;

use phaen_domain::{OrgCode, PlanId};

use crate::error::Result;
use crate::{Store, args};

/// One element or KPI of another plan serving an element or KPI of the plan asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Served {
    /// The element or KPI of the parent plan that is served.
    pub target_id: String,
    pub plan: PlanId,
    pub plan_title: String,
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

/// The ids of `plan`'s elements and KPIs, as a subquery on $1.
const TARGETS: &str = "SELECT id FROM elements WHERE plan_id = $1
                       UNION ALL SELECT id FROM kpis WHERE plan_id = $1";

impl Store {
    /// Everything in other plans that serves `plan`'s elements and KPIs, by target, then plan.
    pub async fn coverage(&self, plan: &PlanId) -> Result<Vec<Served>> {
        let pid = plan.as_str();
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                crate::db::AssertSqlSafe(format!(
                    "SELECT a.target_id, a.plan_id, p.title, p.org_code, o.name_th, a.source_kind,
                            a.source_id, e.kind, COALESCE(e.label, k.label),
                            COALESCE(e.title, k.name)
                     FROM alignment_links a
                     JOIN plans p ON p.id = a.plan_id
                     JOIN orgs o ON o.code = p.org_code
                     LEFT JOIN elements e ON a.source_kind = 'element' AND e.id = a.source_id
                     LEFT JOIN kpis k ON a.source_kind = 'kpi' AND k.id = a.source_id
                     WHERE a.target_id IN ({TARGETS}) AND a.plan_id <> $1
                     ORDER BY a.target_id, o.name_th, p.title, a.source_id"
                )),
                args![pid],
            )
            .await?;
        let mut budgets: HashMap<String, Decimal> = HashMap::new();
        for r in tx
            .all(
                crate::db::AssertSqlSafe(format!(
                    "SELECT b.element_id, b.amount_baht FROM budget_lines b
                     WHERE b.element_id IN (SELECT a.source_id FROM alignment_links a
                                            WHERE a.target_id IN ({TARGETS}))"
                )),
                args![pid],
            )
            .await?
        {
            let amount: Decimal = r
                .text(1)?
                .parse()
                .map_err(|e| crate::error::Error::corrupt("budget amount", e))?;
            *budgets.entry(r.text(0)?).or_default() += amount;
        }
        let mut progress: HashMap<String, (String, String, Decimal)> = HashMap::new();
        for r in tx
            .all(
                crate::db::AssertSqlSafe(format!(
                    "SELECT g.element_id, g.period, g.status, g.percent_complete
                     FROM project_progress g
                     WHERE g.state = 'approved'
                       AND g.element_id IN (SELECT a.source_id FROM alignment_links a
                                            WHERE a.target_id IN ({TARGETS}))"
                )),
                args![pid],
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
                let source_id = r.text(6)?;
                let source_kind = r.text(5)?;
                Ok(Served {
                    target_id: r.text(0)?,
                    plan: PlanId::parse(&r.text(1)?)?,
                    plan_title: r.text(2)?,
                    org: OrgCode::parse(&r.text(3)?)?,
                    org_name: r.text(4)?,
                    kind: if source_kind == "kpi" {
                        "kpi".into()
                    } else {
                        r.opt_text(7)?.unwrap_or_default()
                    },
                    label: r.opt_text(8)?,
                    title: r.opt_text(9)?.unwrap_or_default(),
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
