//! Many rows, few statements: single-row INSERTs are collected per table and sent as
//! multi-row INSERTs, parents' tables before children's. Per-statement overhead, not SQL, is
//! what a plan's many small rows would otherwise cost.

use std::collections::HashMap;

use crate::db::{Arg, AssertSqlSafe, Tx};
use crate::error::{Error, Result};

/// The order tables are filled in, so every foreign key finds its row.
const ORDER: &[&str] = &[
    "plan_sections",
    "swot_items",
    "tows_quadrants",
    "perspectives",
    "elements",
    "element_texts",
    "kpis",
    "kpi_targets",
    "budget_lines",
    "responsibilities",
    "alignment_links",
    "readiness_flags",
    "timeline_entries",
    "progress_results",
];

/// SQLite allows 32766 parameters a statement, PostgreSQL 65535; stay well below both.
const MAX_PARAMS: usize = 30_000;
const MAX_ROWS: usize = 500;

#[derive(Default)]
pub struct Batch {
    /// table -> (the statement's head up to VALUES, column count, rows)
    tables: HashMap<String, (String, usize, Vec<Vec<Arg>>)>,
}

impl Batch {
    /// Takes a one-row `INSERT INTO t (a, b) VALUES ($1, $2)` and keeps its row for later.
    pub async fn exec(&mut self, sql: &'static str, args: Vec<Arg>) -> Result<u64> {
        let head = sql
            .split("VALUES")
            .next()
            .filter(|h| h.trim_start().starts_with("INSERT INTO"))
            .ok_or_else(|| Error::Unsupported(format!("not a one-row INSERT: {sql}")))?;
        let table = head
            .trim_start()
            .trim_start_matches("INSERT INTO")
            .split('(')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        let entry = self.tables.entry(table).or_insert_with(|| {
            (
                head.split_whitespace().collect::<Vec<_>>().join(" "),
                args.len(),
                Vec::new(),
            )
        });
        entry.2.push(args);
        Ok(1)
    }

    /// Sends every kept row, table by table in foreign-key order.
    pub async fn flush(mut self, tx: &mut Tx) -> Result<()> {
        for table in ORDER {
            let Some((head, width, rows)) = self.tables.remove(*table) else {
                continue;
            };
            insert_rows(tx, &head, width, rows, "").await?;
        }
        if let Some(table) = self.tables.keys().next() {
            return Err(Error::Unsupported(format!(
                "no insert order for table {table}"
            )));
        }
        Ok(())
    }
}

/// Sends `rows` (each `width` values) as multi-row `head VALUES (...), (...) tail` statements,
/// as many rows a statement as the parameter limits allow.
pub async fn insert_rows(
    tx: &mut Tx,
    head: &str,
    width: usize,
    rows: Vec<Vec<Arg>>,
    tail: &str,
) -> Result<()> {
    // SQLite reads '$1' and even '?1' as *named* parameters, and sqlx asks each one's name: a
    // linear search per parameter, quadratic in a statement with thousands of them (it was
    // 90 % of a bulk import's time). Bare '?' marks have no name and are bound in order.
    let sqlite = tx.backend() == crate::Backend::Sqlite;
    let per_statement = (MAX_PARAMS / width.max(1)).clamp(1, MAX_ROWS);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Arg>> = rows.by_ref().take(per_statement).collect();
        let mut sql = String::with_capacity(head.len() + tail.len() + chunk.len() * width * 6);
        sql.push_str(head);
        sql.push_str(" VALUES ");
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for c in 0..width {
                n += 1;
                if c > 0 {
                    sql.push(',');
                }
                if sqlite {
                    sql.push('?');
                } else {
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
            sql.push(')');
        }
        sql.push_str(tail);
        tx.exec(AssertSqlSafe(sql), chunk.into_iter().flatten().collect())
            .await?;
    }
    Ok(())
}
