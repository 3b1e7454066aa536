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

/// One cell of a row sent as JSON, borrowed from the caller.
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    Text(&'a str),
    Int(i64),
}

/// Rows sent as JSON arrays (`[[cell, ...], ...]`), each text one statement's parameter, read
/// back in SQL with `json_rows_from`. Many rows cost one parameter and one allocation a chunk
/// instead of one owned argument per cell, and columns that are the same for every row are
/// bound once beside them.
pub struct JsonRows {
    texts: Vec<String>,
    current: String,
}

/// Past this size a chunk is closed and a new one started (one statement each).
const MAX_JSON_BYTES: usize = 4 << 20;

impl JsonRows {
    pub fn new(expected_bytes: usize) -> JsonRows {
        JsonRows {
            texts: Vec::new(),
            current: String::with_capacity(expected_bytes.min(MAX_JSON_BYTES) + 64),
        }
    }

    pub fn push(&mut self, cells: &[Cell<'_>]) {
        self.current
            .push(if self.current.is_empty() { '[' } else { ',' });
        self.current.push('[');
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.current.push(',');
            }
            match cell {
                Cell::Text(s) => push_json_str(&mut self.current, s),
                Cell::Int(n) => {
                    use std::fmt::Write as _;
                    let _ = write!(self.current, "{n}");
                }
            }
        }
        self.current.push(']');
        if self.current.len() >= MAX_JSON_BYTES {
            self.close_chunk();
        }
    }

    fn close_chunk(&mut self) {
        if !self.current.is_empty() {
            self.current.push(']');
            let capacity = self.current.capacity();
            self.texts.push(std::mem::replace(
                &mut self.current,
                String::with_capacity(capacity),
            ));
        }
    }

    /// The JSON texts, one a statement.
    pub fn into_texts(mut self) -> Vec<String> {
        self.close_chunk();
        self.texts
    }
}

/// Writes `s` as a JSON string.
fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        plain = i + 1;
        if escaped.is_empty() {
            use std::fmt::Write as _;
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escaped);
        }
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// A `FROM` item yielding one row `r` per element of the JSON array bound to `$param`; its
/// cells are `r.value ->> 0`, `r.value ->> 1` ... (text, or a number: CAST it) on both backends.
pub fn json_rows_from(backend: crate::Backend, param: usize) -> String {
    match backend {
        crate::Backend::Sqlite => format!("jsonb_each(${param}) AS r"),
        crate::Backend::Postgres => {
            format!("jsonb_array_elements(CAST(${param} AS jsonb)) AS r(value)")
        }
    }
}

/// A select list that gathers every row's `columns` (comma-separated) into one JSON array
/// of arrays, as text, in no set order; NULL on PostgreSQL when there are no rows.
pub fn json_rows_select(backend: crate::Backend, columns: &str) -> String {
    match backend {
        crate::Backend::Sqlite => format!("json_group_array(json_array({columns}))"),
        crate::Backend::Postgres => {
            format!("CAST(json_agg(json_build_array({columns})) AS TEXT)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_rows_escape_what_json_needs_and_split_into_chunks() {
        let mut rows = JsonRows::new(0);
        rows.push(&[Cell::Text("a\"b\\c\nd\u{1}ผล"), Cell::Int(-7)]);
        rows.push(&[Cell::Text(""), Cell::Int(2568)]);
        let texts = rows.into_texts();
        assert_eq!(texts, [r#"[["a\"b\\c\nd\u0001ผล",-7],["",2568]]"#]);
        let parsed: serde_json::Value = serde_json::from_str(&texts[0]).unwrap();
        assert_eq!(parsed[0][0], "a\"b\\c\nd\u{1}ผล");

        let mut many = JsonRows::new(0);
        let long = "x".repeat(1 << 20);
        for _ in 0..9 {
            many.push(&[Cell::Text(&long)]);
        }
        let texts = many.into_texts();
        assert_eq!(texts.len(), 3);
        let total: usize = texts
            .iter()
            .map(|t| serde_json::from_str::<Vec<Vec<String>>>(t).unwrap().len())
            .sum();
        assert_eq!(total, 9);
        assert!(JsonRows::new(0).into_texts().is_empty());
    }
}
