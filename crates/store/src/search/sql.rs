//! The search statement, in the SQL both backends read: one bounded read of the index per
//! key, grouped per document, the documents ranked and the best read with their plan.
//!
//! Searching every plan reads each key's range of `search_terms_by_term`, documents with the
//! term in their title and most often first, at most `PER_KEY` rows; searching the plans one
//! may read seeks each plan's range of `search_terms_by_plan`, so a large plan one may not see
//! costs nothing and cannot fill the page. A word in nearly every document (สมาชิก) so costs
//! `PER_KEY` rows, not the whole country's.

use phaen_domain::PlanId;
use phaen_domain::search::{Key, Query};

use super::Scope;
use crate::Backend;
use crate::db::Arg;

/// At most this many postings are read for one key.
pub const PER_KEY: usize = 5_000;

/// Past this many plans, the plans one may read are found by filtering a key's range rather
/// than by a seek per plan.
pub const SEEK_PER_PLAN_UP_TO: usize = 2_000;

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

/// `term` compared with the key's bounds, their values pushed onto `args`.
fn range(column: &str, key: &Key, args: &mut Vec<Arg>) -> String {
    let (low, high) = bounds(key);
    args.push(Arg::Bytes(low));
    match high {
        Some(high) => {
            args.push(Arg::Bytes(high));
            format!(
                "{column} >= ${} AND {column} < ${}",
                args.len() - 1,
                args.len()
            )
        }
        None => format!("{column} = ${}", args.len()),
    }
}

/// The plan ids as one JSON parameter, and a FROM item of them as rows `s(value)`.
fn plans_from(backend: Backend, ids: &[PlanId], args: &mut Vec<Arg>) -> String {
    let list: Vec<&str> = ids.iter().map(PlanId::as_str).collect();
    crate::db::json_list_from(backend, &list, args)
}

/// One key's postings, at most `PER_KEY`, within the scope.
fn postings(backend: Backend, key: &Key, scope: &Scope, args: &mut Vec<Arg>) -> String {
    match scope {
        Scope::Plans(ids) if ids.len() <= SEEK_PER_PLAN_UP_TO => {
            let from = plans_from(backend, ids, args);
            let range = range("t.term", key, args);
            // SQLite is told to keep the plans outside (CROSS JOIN) and seek each one's range
            // of the plan index, which it would not guess for a term it takes to be rare;
            // PostgreSQL plans the join by its statistics.
            let by_plan = match backend {
                Backend::Sqlite => " INDEXED BY search_terms_by_plan",
                Backend::Postgres => "",
            };
            format!(
                "SELECT t.plan_id, t.doc, t.in_title, t.hits FROM {from}
                 CROSS JOIN search_terms t{by_plan} WHERE t.plan_id = s.value AND {range}
                 LIMIT {PER_KEY}"
            )
        }
        _ => {
            let filter = match scope {
                Scope::Plans(ids) => {
                    let from = plans_from(backend, ids, args);
                    format!(" AND plan_id IN (SELECT s.value FROM {from})")
                }
                Scope::All => String::new(),
            };
            let range = range("term", key, args);
            format!(
                "SELECT plan_id, doc, in_title, hits FROM search_terms WHERE {range}{filter}
                 ORDER BY term, in_title DESC, hits DESC LIMIT {PER_KEY}"
            )
        }
    }
}

/// The statement and its arguments: hits ranked by keys matched, then by keys matched in the
/// title, then by how often, the best `limit`.
pub fn search_sql(
    backend: Backend,
    query: &Query,
    scope: &Scope,
    limit: usize,
) -> (String, Vec<Arg>) {
    let mut args: Vec<Arg> = Vec::new();
    let branches: Vec<String> = query
        .keys()
        .iter()
        .enumerate()
        .map(|(i, key)| {
            format!(
                "SELECT {i} AS k, plan_id, doc, MAX(in_title) AS t, CAST(SUM(hits) AS BIGINT) AS h
                 FROM ({}) p{i} GROUP BY plan_id, doc",
                postings(backend, key, scope, &mut args)
            )
        })
        .collect();
    args.push(limit.into());
    let sql = format!(
        "WITH m AS ({}),
         r AS (SELECT plan_id, doc, COUNT(*) AS words, CAST(SUM(t) AS BIGINT) AS titles,
                CAST(SUM(h) AS BIGINT) AS hits
               FROM m GROUP BY plan_id, doc
               ORDER BY words DESC, titles DESC, hits DESC, plan_id, doc LIMIT ${})
         SELECT r.plan_id, p.title, p.org_code, d.kind, d.target, d.title, d.body, r.words,
            r.hits, o.name_th
         FROM r JOIN search_docs d ON d.plan_id = r.plan_id AND d.doc = r.doc
            JOIN plans p ON p.id = r.plan_id JOIN orgs o ON o.code = p.org_code
         ORDER BY r.words DESC, r.titles DESC, r.hits DESC, r.plan_id, r.doc",
        branches.join(" UNION ALL "),
        args.len()
    );
    (sql, args)
}
