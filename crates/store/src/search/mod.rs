//! Thai full-text search over the plans a reader may see: the index kept beside each plan
//! (`index`), looked up by the keys of a query, the hits ranked by how many of the query's
//! keys they match, then by matches in their title, then by how often, with the matches marked.

pub(crate) mod index;

use phaen_domain::PlanId;
use phaen_domain::search::{Key, Piece, Query, excerpt, highlight};

use crate::db::{Arg, AssertSqlSafe};
use crate::error::Result;
use crate::{Backend, PlanStore, Store};

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

/// The range of terms a key stands for: equal, or starting with it (0xFF never occurs in
/// UTF-8, so every term with the prefix sorts below prefix + 0xFF).
fn bounds(key: &Key) -> (Vec<u8>, Option<Vec<u8>>) {
    let low = key.text.as_bytes().to_vec();
    if key.prefix {
        let mut high = low.clone();
        high.push(0xFF);
        (low, Some(high))
    } else {
        (low, None)
    }
}

/// The SQL and arguments of a search: one index range per key, each grouped per document,
/// then the documents ranked, the best `limit` read with their plan.
fn search_sql(backend: Backend, query: &Query, scope: &Scope, limit: usize) -> (String, Vec<Arg>) {
    let mut args: Vec<Arg> = Vec::new();
    let in_scope = match scope {
        Scope::All => String::new(),
        Scope::Plans(ids) => {
            let json = serde_json::to_string(&ids.iter().map(PlanId::as_str).collect::<Vec<_>>())
                .unwrap_or_else(|_| "[]".into());
            args.push(json.into());
            match backend {
                Backend::Sqlite => " AND plan_id IN (SELECT value FROM json_each($1))".into(),
                Backend::Postgres => {
                    " AND plan_id IN (SELECT jsonb_array_elements_text(CAST($1 AS jsonb)))".into()
                }
            }
        }
    };
    let mut branches = Vec::new();
    for (i, key) in query.keys().iter().enumerate() {
        let (low, high) = bounds(key);
        args.push(Arg::Bytes(low));
        let range = match high {
            Some(high) => {
                args.push(Arg::Bytes(high));
                format!("term >= ${} AND term < ${}", args.len() - 1, args.len())
            }
            None => format!("term = ${}", args.len()),
        };
        branches.push(format!(
            "SELECT {i} AS k, plan_id, doc, MAX(in_title) AS t, CAST(SUM(hits) AS BIGINT) AS h
             FROM search_terms WHERE {range}{in_scope} GROUP BY plan_id, doc"
        ));
    }
    args.push(limit.into());
    let sql = format!(
        "WITH m AS ({}),
         r AS (SELECT plan_id, doc, COUNT(*) AS words, CAST(SUM(t) AS BIGINT) AS titles,
                CAST(SUM(h) AS BIGINT) AS hits
               FROM m GROUP BY plan_id, doc
               ORDER BY words DESC, titles DESC, hits DESC, plan_id, doc LIMIT ${})
         SELECT r.plan_id, p.title, p.org_code, d.kind, d.target, d.title, d.body, r.words,
            r.hits
         FROM r JOIN search_docs d ON d.plan_id = r.plan_id AND d.doc = r.doc
            JOIN plans p ON p.id = r.plan_id
         ORDER BY r.words DESC, r.titles DESC, r.hits DESC, r.plan_id, r.doc",
        branches.join(" UNION ALL "),
        args.len()
    );
    (sql, args)
}

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
