//! Backups: a consistent copy of an SQLite database taken while the server runs, and a
//! restore that replaces every table's rows in one transaction.

use std::path::Path;

use crate::Store;
use crate::db::{AssertSqlSafe, Pool};
use crate::error::{Error, Result};

/// Tables in the order a restore fills them (parents before children).
pub const TABLES: &[&str] = &[
    "orgs",
    "org_units",
    "plans",
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
    "plan_revisions",
    "users",
    "memberships",
    "sessions",
    "api_tokens",
    "signin_attempts",
    "audit_log",
    "plan_comments",
    "pending_imports",
    "reporting_setups",
    "kpi_progress",
    "target_revisions",
    "corrective_actions",
    "project_progress",
    "evidence_files",
    "notifications",
    "search_docs",
    "search_terms",
    "rollup_plan_facts",
    "rollup_totals",
    "rollup_achievement",
    "rollup_achievement_totals",
    "rollup_built",
];

/// What PostgreSQL users do instead of `phaen backup`.
pub const PG_BACKUP_HINT: &str = "For PostgreSQL use its own tools, which take a consistent \
snapshot while Phaen runs: `pg_dump --format=custom --file=phaen.dump \"$PHAEN_DB\"` to back up \
and `pg_restore --clean --if-exists --dbname=\"$PHAEN_DB\" phaen.dump` to restore.";

fn sql_string(path: &Path) -> Result<String> {
    let s = path
        .to_str()
        .ok_or_else(|| Error::Unsupported(format!("{} is not a UTF-8 path", path.display())))?;
    Ok(format!("'{}'", s.replace('\'', "''")))
}

impl Store {
    /// Writes a consistent copy of the database to `out` (SQLite's `VACUUM INTO`, which reads
    /// one snapshot and lets writers go on). Refuses to overwrite an existing file.
    pub async fn backup_to(&self, out: &Path) -> Result<()> {
        let Pool::Sqlite(pool) = self.pool() else {
            return Err(Error::Unsupported(PG_BACKUP_HINT.into()));
        };
        if out.exists() {
            return Err(Error::AlreadyExists {
                what: "backup file",
                key: out.display().to_string(),
            });
        }
        sqlx::query(AssertSqlSafe(format!("VACUUM INTO {}", sql_string(out)?)))
            .execute(pool)
            .await?;
        Ok(())
    }

    /// Replaces every plan and organization with the backup's, in one transaction: a restore
    /// that fails half-way leaves the database as it was.
    pub async fn restore_from(&self, backup: &Path) -> Result<()> {
        let Pool::Sqlite(pool) = self.pool() else {
            return Err(Error::Unsupported(PG_BACKUP_HINT.into()));
        };
        check_backup_file(backup)?;
        // Bring a copy of the backup up to this version's schema; the backup itself is never
        // written to.
        let staging = std::env::temp_dir().join(format!(
            "phaen-restore-{}-{}.db",
            std::process::id(),
            crate::now_ms()
        ));
        std::fs::copy(backup, &staging).map_err(|e| {
            Error::Unsupported(format!("cannot read backup {}: {e}", backup.display()))
        })?;
        let result = self.restore_staged(pool, &staging).await;
        self.plans.clear();
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", staging.display()));
        }
        result
    }

    async fn restore_staged(&self, pool: &sqlx::SqlitePool, staging: &Path) -> Result<()> {
        let source = Store::open(&format!("sqlite://{}", staging.display())).await?;
        let version = crate::migrate::current_version(source.pool()).await?;
        source.close().await;
        let ours = crate::migrate::MIGRATIONS.last().map_or(0, |m| m.0);
        if version != ours {
            return Err(Error::Unsupported(format!(
                "the backup comes from a newer Phaen (schema {version}, this one knows {ours})"
            )));
        }
        // ATTACH cannot run inside a transaction, so this one connection attaches first and
        // then copies every table in one transaction of its own.
        let mut conn = pool.acquire().await?;
        sqlx::query(AssertSqlSafe(format!(
            "ATTACH DATABASE {} AS backup",
            sql_string(staging)?
        )))
        .execute(&mut *conn)
        .await?;
        let copied = async {
            let mut tx = sqlx::Connection::begin(&mut *conn).await?;
            for table in TABLES.iter().rev() {
                sqlx::query(AssertSqlSafe(format!("DELETE FROM main.{table}")))
                    .execute(&mut *tx)
                    .await?;
            }
            for table in TABLES {
                sqlx::query(AssertSqlSafe(format!(
                    "INSERT INTO main.{table} SELECT * FROM backup.{table}"
                )))
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok::<_, Error>(())
        }
        .await;
        sqlx::query("DETACH DATABASE backup")
            .execute(&mut *conn)
            .await?;
        copied
    }
}

/// A backup must be an SQLite file; anything else is refused before the database is touched.
fn check_backup_file(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let ok = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map(|_| &header == b"SQLite format 3\0");
    match ok {
        Ok(true) => Ok(()),
        Ok(false) => Err(Error::Unsupported(format!(
            "{} is not a Phaen backup (not an SQLite database)",
            path.display()
        ))),
        Err(e) => Err(Error::Unsupported(format!(
            "cannot read backup {}: {e}",
            path.display()
        ))),
    }
}
