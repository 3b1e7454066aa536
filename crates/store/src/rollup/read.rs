//! Reading the roll-ups: an organization's totals for a served plan (every key and year), and
//! the same per organization directly below it, for drilling down.

use rust_decimal::Decimal;

use phaen_domain::{OrgCode, PlanId};

use crate::error::Result;
use crate::{Store, args};

/// One total of an organization's subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupRow {
    /// 'target' (an element or KPI of the served plan) or 'strategy' (a top-level element,
    /// or 'plan' for KPIs of the plan as a whole).
    pub grain: String,
    pub key: String,
    /// Buddhist-Era budget year; 0 holds the counts and budget lines of no year.
    pub year: i64,
    /// Elements and KPIs serving the key (year 0 only).
    pub items: i64,
    /// Organizations of the subtree serving the key (year 0 only).
    pub orgs: i64,
    pub budget: Decimal,
}

/// One organization directly below, on one target: its subtree's items, serving
/// organizations and budget (of the year asked, or every year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollupChild {
    pub org: OrgCode,
    /// 'target' or 'strategy', as in [`RollupRow`].
    pub grain: String,
    pub key: String,
    pub items: i64,
    pub orgs: i64,
    pub budget: Decimal,
}

/// An organization's roll-up of a served plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rollup {
    pub rows: Vec<RollupRow>,
    pub children: Vec<RollupChild>,
}

fn baht(satang: i64) -> Decimal {
    Decimal::new(satang, 2).normalize()
}

impl Store {
    /// What the plans of `org` and every organization below it contribute to `served`, and
    /// the same for each organization directly below `org` (budgets of `year` only, when
    /// given).
    pub async fn rollup(
        &self,
        served: &PlanId,
        org: &OrgCode,
        year: Option<i64>,
    ) -> Result<Rollup> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT grain, key, year, items, orgs, budget_satang FROM rollup_totals
                 WHERE target_plan = $1 AND org_code = $2 ORDER BY grain, key, year",
                args![served.as_str(), org.as_str()],
            )
            .await?;
        let rows = rows
            .iter()
            .map(|r| {
                Ok(RollupRow {
                    grain: r.text(0)?,
                    key: r.text(1)?,
                    year: r.int(2)?,
                    items: r.int(3)?,
                    orgs: r.int(4)?,
                    budget: baht(r.int(5)?),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let year = year.unwrap_or(-1);
        // CROSS JOIN keeps SQLite walking the few organizations below and seeking each one's
        // rows, instead of every organization's rows of the plan (PostgreSQL plans it freely).
        let children = tx
            .all(
                "SELECT t.org_code, t.grain, t.key,
                        CAST(SUM(CASE WHEN t.year = 0 THEN t.items ELSE 0 END) AS BIGINT),
                        CAST(SUM(CASE WHEN t.year = 0 THEN t.orgs ELSE 0 END) AS BIGINT),
                        CAST(SUM(CASE WHEN $3 < 0 OR t.year = $3 THEN t.budget_satang ELSE 0 END)
                             AS BIGINT)
                 FROM orgs o CROSS JOIN rollup_totals t
                 WHERE o.parent_code = $2 AND t.target_plan = $1 AND t.org_code = o.code
                 GROUP BY t.org_code, t.grain, t.key ORDER BY t.org_code, t.grain, t.key",
                args![served.as_str(), org.as_str(), year],
            )
            .await?;
        let children = children
            .iter()
            .map(|r| {
                Ok(RollupChild {
                    org: OrgCode::parse(&r.text(0)?)?,
                    grain: r.text(1)?,
                    key: r.text(2)?,
                    items: r.int(3)?,
                    orgs: r.int(4)?,
                    budget: baht(r.int(5)?),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Rollup { rows, children })
    }
}

impl Store {
    /// Each organization directly below `org` on one target of `served`: its subtree's
    /// items, serving organizations and budget (every year), by organization code.
    pub async fn rollup_children_on(
        &self,
        served: &PlanId,
        org: &OrgCode,
        key: &str,
    ) -> Result<Vec<RollupChild>> {
        let rows = self
            .pool()
            .all(
                "SELECT t.org_code,
                        CAST(SUM(CASE WHEN t.year = 0 THEN t.items ELSE 0 END) AS BIGINT),
                        CAST(SUM(CASE WHEN t.year = 0 THEN t.orgs ELSE 0 END) AS BIGINT),
                        CAST(SUM(t.budget_satang) AS BIGINT)
                 FROM orgs o CROSS JOIN rollup_totals t
                 WHERE o.parent_code = $2 AND t.target_plan = $1 AND t.org_code = o.code
                   AND t.grain = 'target' AND t.key = $3
                 GROUP BY t.org_code ORDER BY t.org_code",
                args![served.as_str(), org.as_str(), key],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(RollupChild {
                    org: OrgCode::parse(&r.text(0)?)?,
                    grain: "target".into(),
                    key: key.to_string(),
                    items: r.int(1)?,
                    orgs: r.int(2)?,
                    budget: baht(r.int(3)?),
                })
            })
            .collect()
    }

    /// The organizations directly below `org`: (code, Thai name), by code.
    pub async fn child_orgs(&self, org: &OrgCode) -> Result<Vec<(OrgCode, String)>> {
        let rows = self
            .pool()
            .all(
                "SELECT code, name_th FROM orgs WHERE parent_code = $1 ORDER BY code",
                args![org.as_str()],
            )
            .await?;
        rows.iter()
            .map(|r| Ok((OrgCode::parse(&r.text(0)?)?, r.text(1)?)))
            .collect()
    }
}
