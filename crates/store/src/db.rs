//! The one SQL code path: a pool, transaction and row that are either SQLite or PostgreSQL.
//! Queries are written once in portable SQL with `$1, $2 ...` parameters (both backends read
//! them) and bound from `Arg`; rows are read back by column position.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};
use sqlx::{PgPool, Postgres, Row as _, Sqlite, SqlitePool, Transaction};

pub use sqlx::{AssertSqlSafe, SqlSafeStr, SqlStr};

use crate::error::{Error, Result};

/// A value bound to a query parameter. Nulls carry their type so PostgreSQL can check them.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
    /// Bytes, compared byte by byte on both backends (BLOB in SQLite, BYTEA in PostgreSQL).
    Bytes(Vec<u8>),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(Some(v))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Arg {
        Arg::Int(v)
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Arg {
        Arg::Int(Some(i64::try_from(v).unwrap_or(i64::MAX)))
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Int(Some(i64::from(v)))
    }
}
impl From<Vec<u8>> for Arg {
    fn from(v: Vec<u8>) -> Arg {
        Arg::Bytes(v)
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_string()))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(Some(v))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Arg {
        Arg::Text(v)
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_string))
    }
}

/// Builds a `Vec<Arg>` from values of mixed types: `args![id, 3_i64, None::<String>]`.
#[macro_export]
macro_rules! args {
    ($($v:expr),* $(,)?) => { vec![$($crate::db::Arg::from($v)),*] };
}

/// Connections a process keeps to PostgreSQL unless told otherwise.
pub const DEFAULT_PG_POOL: u32 = 8;
/// Connections a process keeps to an SQLite file unless told otherwise (one writes at a time).
pub const DEFAULT_SQLITE_POOL: u32 = 4;

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool to one database.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// One transaction; dropped without `commit` it rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// A result row, read by column position.
pub enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

/// SQLite's 'database is locked' (SQLITE_BUSY).
fn is_busy(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.code().as_deref() == Some("5"))
}

/// Reads the backend from a database URL or path: `postgres://...` is PostgreSQL; `sqlite:...`
/// or a plain file path is SQLite.
/// Pushes `ids` onto `args` as one JSON array and returns a FROM item of them, rows `s(value)`:
/// a list of any length as one parameter, on both backends.
pub fn json_list_from(backend: Backend, ids: &[&str], args: &mut Vec<Arg>) -> String {
    args.push(
        serde_json::to_string(ids)
            .unwrap_or_else(|_| "[]".into())
            .into(),
    );
    let n = args.len();
    match backend {
        Backend::Sqlite => format!("json_each(${n}) AS s"),
        Backend::Postgres => format!("jsonb_array_elements_text(CAST(${n} AS jsonb)) AS s(value)"),
    }
}

pub fn backend_of(url: &str) -> Backend {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

/// The SQLite file a URL or path names (`sqlite://phaen.db`, `sqlite:phaen.db`, `phaen.db`).
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url)
        .split('?')
        .next()
        .unwrap_or_default()
}

macro_rules! bound {
    ($sql:expr, $args:expr) => {{
        let mut q = sqlx::query($sql);
        for a in $args {
            q = match a {
                Arg::Int(v) => q.bind(v),
                Arg::Text(v) => q.bind(v),
                Arg::Bytes(v) => q.bind(v),
            };
        }
        q
    }};
}

impl Pool {
    /// Opens the database, creating an SQLite file on first use: WAL, foreign keys on, and
    /// synchronous=NORMAL, with which a killed process never leaves a half-written transaction
    /// and the database stays consistent through a power cut (only the last commits before it
    /// may be lost), without an fsync on every commit.
    pub async fn connect(url: &str) -> Result<Pool> {
        Pool::connect_with(url, None).await
    }

    /// [`Pool::connect`] with at most `max_connections` open at once (default: 8 to
    /// PostgreSQL, 4 to an SQLite file). Each server process has a pool of its own, so a
    /// PostgreSQL server sees up to (servers x this) connections.
    pub async fn connect_with(url: &str, max_connections: Option<u32>) -> Result<Pool> {
        let config_err = |e: sqlx::Error| Error::Config {
            url: redact(url),
            why: e.to_string(),
        };
        match backend_of(url) {
            Backend::Postgres => {
                let pool = PgPoolOptions::new()
                    .max_connections(max_connections.unwrap_or(DEFAULT_PG_POOL).max(1))
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await
                    .map_err(config_err)?;
                Ok(Pool::Postgres(pool))
            }
            Backend::Sqlite => {
                let path = sqlite_path(url);
                if path.is_empty() {
                    return Err(Error::Config {
                        url: url.into(),
                        why: "no file name".into(),
                    });
                }
                let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path}"))
                    .map_err(config_err)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                let pool_options = SqlitePoolOptions::new()
                    .max_connections(max_connections.unwrap_or(DEFAULT_SQLITE_POOL).max(1));
                // Turning a new file to WAL needs it alone and SQLite answers 'busy' at once
                // rather than waiting: processes opening one new file together try again.
                let mut tries = 0;
                loop {
                    match pool_options.clone().connect_with(opts.clone()).await {
                        Ok(pool) => return Ok(Pool::Sqlite(pool)),
                        Err(e) if is_busy(&e) && tries < 100 => tries += 1,
                        Err(e) => return Err(config_err(e)),
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (BEGIN IMMEDIATE) so two writers never deadlock half-way.
    pub async fn begin_write(&self) -> Result<Tx> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Runs one read query outside any transaction and returns its first row, if any. A
    /// single statement sees one consistent state on both backends; leaving out BEGIN and
    /// COMMIT saves two round trips, which on SQLite are two hops to its worker thread and
    /// back. Reads of several statements that must agree use `begin_read`.
    pub async fn one(&self, sql: impl SqlSafeStr, args: Vec<Arg>) -> Result<Option<Row>> {
        Ok(match self {
            Pool::Sqlite(p) => bound!(sql, args).fetch_optional(p).await?.map(Row::Sqlite),
            Pool::Postgres(p) => bound!(sql, args)
                .fetch_optional(p)
                .await?
                .map(Row::Postgres),
        })
    }

    /// Runs one read query outside any transaction and returns every row (see `one`).
    pub async fn all(&self, sql: impl SqlSafeStr, args: Vec<Arg>) -> Result<Vec<Row>> {
        Ok(match self {
            Pool::Sqlite(p) => bound!(sql, args)
                .fetch_all(p)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Pool::Postgres(p) => bound!(sql, args)
                .fetch_all(p)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    /// Starts a transaction for a consistent read of several tables.
    pub async fn begin_read(&self) -> Result<Tx> {
        Ok(match self {
            Pool::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Pool::Postgres(p) => Tx::Postgres(
                p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?,
            ),
        })
    }

    pub async fn close(&self) {
        match self {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    /// Runs a statement and returns how many rows it touched.
    pub async fn exec(&mut self, sql: impl SqlSafeStr, args: Vec<Arg>) -> Result<u64> {
        Ok(match self {
            Tx::Sqlite(tx) => bound!(sql, args).execute(&mut **tx).await?.rows_affected(),
            Tx::Postgres(tx) => bound!(sql, args).execute(&mut **tx).await?.rows_affected(),
        })
    }

    /// Runs a query and returns every row.
    pub async fn all(&mut self, sql: impl SqlSafeStr, args: Vec<Arg>) -> Result<Vec<Row>> {
        Ok(match self {
            Tx::Sqlite(tx) => bound!(sql, args)
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Sqlite)
                .collect(),
            Tx::Postgres(tx) => bound!(sql, args)
                .fetch_all(&mut **tx)
                .await?
                .into_iter()
                .map(Row::Postgres)
                .collect(),
        })
    }

    /// Runs a query and returns its first row, if any.
    pub async fn one(&mut self, sql: impl SqlSafeStr, args: Vec<Arg>) -> Result<Option<Row>> {
        Ok(match self {
            Tx::Sqlite(tx) => bound!(sql, args)
                .fetch_optional(&mut **tx)
                .await?
                .map(Row::Sqlite),
            Tx::Postgres(tx) => bound!(sql, args)
                .fetch_optional(&mut **tx)
                .await?
                .map(Row::Postgres),
        })
    }

    /// Runs several statements separated by ';' (used by migrations).
    pub async fn batch(&mut self, sql: impl SqlSafeStr) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => {
                sqlx::raw_sql(sql).execute(&mut **tx).await?;
            }
            Tx::Postgres(tx) => {
                sqlx::raw_sql(sql).execute(&mut **tx).await?;
            }
        }
        Ok(())
    }

    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}

impl Row {
    pub fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)?
            .ok_or_else(|| Error::corrupt("row", format!("column {i} is empty")))
    }

    pub fn opt_text(&self, i: usize) -> Result<Option<String>> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(i)?,
            Row::Postgres(r) => r.try_get(i)?,
        })
    }

    pub fn int(&self, i: usize) -> Result<i64> {
        self.opt_int(i)?
            .ok_or_else(|| Error::corrupt("row", format!("column {i} is empty")))
    }

    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        Ok(match self {
            Row::Sqlite(r) => r.try_get(i)?,
            Row::Postgres(r) => r.try_get(i)?,
        })
    }
}

/// A database URL with any password hidden, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_backend_and_file() {
        assert_eq!(backend_of("postgres://u@h/db"), Backend::Postgres);
        assert_eq!(backend_of("phaen.db"), Backend::Sqlite);
        assert_eq!(
            sqlite_path("sqlite://data/phaen.db?mode=rwc"),
            "data/phaen.db"
        );
        assert_eq!(sqlite_path("sqlite:phaen.db"), "phaen.db");
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://app:secret@db/phaen"),
            "postgres://app:***@db/phaen"
        );
        assert_eq!(redact("postgres://app@db/phaen"), "postgres://app@db/phaen");
    }
}
