//! Alignment read the other way: which elements and KPIs of other plans say they serve a given
//! element or KPI (their links whose resolved target is its id).

use phaen_domain::PlanId;

use crate::error::Result;
use crate::{Store, args};

/// An element or KPI of some plan that serves the target asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serving {
    pub plan: PlanId,
    /// 'element' or 'kpi'.
    pub source_kind: String,
    pub source_id: String,
}

impl Store {
    /// Every element or KPI, in any plan, linked to `target_id`; by plan, then source.
    pub async fn serving(&self, target_id: &str) -> Result<Vec<Serving>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT DISTINCT plan_id, source_kind, source_id FROM alignment_links
                 WHERE target_id = $1 ORDER BY plan_id, source_id",
                args![target_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Serving {
                    plan: PlanId::parse(&r.text(0)?)?,
                    source_kind: r.text(1)?,
                    source_id: r.text(2)?,
                })
            })
            .collect()
    }
}
