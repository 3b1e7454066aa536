//! Thai full-text search over the plans a reader may see: the index kept beside each plan
//! (`index`), looked up by the keys of a query, the hits ranked by how many of the query's
//! keys they match, then by matches in their title, then by how often, with the matches marked.

pub(crate) mod index;
mod reach;
mod sql;

use phaen_domain::PlanId;
use phaen_domain::search::{Piece, Query, excerpt, highlight};

use crate::db::AssertSqlSafe;
use crate::error::Result;
use crate::{PlanStore, Store};
use sql::search_sql;

/// Whose plans a search looks in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every plan (one who may read them all).
    All,
    /// Only these (the plans the reader may see).
    Plans(Vec<PlanId>),
}

/// One thing found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hit {
    pub plan: String,
    pub plan_title: String,
    pub org: String,
    /// The organization's Thai name.
    pub org_name: String,
    /// plan | an element kind (strategy, guideline, project ...) | kpi | kpi_narrative |
    /// project_narrative
    pub kind: String,
    /// The element whose page shows it; empty for the plan's own page.
    pub target: String,
    pub title: Vec<Piece>,
    /// Up to `EXCERPT_CHARS` characters of its text around the first match.
    pub excerpt: Vec<Piece>,
    /// How many of the query's keys it matches, of `keys`.
    pub matched: i64,
    pub keys: i64,
    /// How many times its terms match.
    pub hits: i64,
}

pub const EXCERPT_CHARS: usize = 180;

impl Store {
    /// The best `limit` hits for `query` among the plans of `scope`, best first.
    pub async fn search(&self, query: &Query, scope: &Scope, limit: usize) -> Result<Vec<Hit>> {
        if query.is_empty() || matches!(scope, Scope::Plans(ids) if ids.is_empty()) {
            return Ok(Vec::new());
        }
        let (sql, args) = search_sql(self.backend(), query, scope, limit);
        let rows = self.pool().all(AssertSqlSafe(sql), args).await?;
        let keys = i64::try_from(query.keys().len()).unwrap_or(i64::MAX);
        rows.iter()
            .map(|r| {
                Ok(Hit {
                    plan: r.text(0)?,
                    plan_title: r.text(1)?,
                    org: r.text(2)?,
                    kind: r.text(3)?,
                    target: r.text(4)?,
                    title: highlight(&r.text(5)?, query),
                    excerpt: excerpt(&r.text(6)?, query, EXCERPT_CHARS),
                    matched: r.int(7)?,
                    keys,
                    hits: r.int(8)?,
                    org_name: r.text(9)?,
                })
            })
            .collect()
    }

    /// Builds the search index of every plan afresh, one plan a transaction; returns how
    /// many plans were indexed.
    pub async fn reindex_search(&self) -> Result<usize> {
        let plans = self.list_plans().await?;
        for p in &plans {
            let mut tx = self.pool().begin_write().await?;
            let plan = crate::plans::load::load_plan(&mut tx, &p.id).await?;
            index::index_plan(&mut tx, &plan).await?;
            tx.commit().await?;
        }
        Ok(plans.len())
    }
}

#[cfg(test)]
mod explain;
