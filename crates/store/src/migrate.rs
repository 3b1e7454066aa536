//! Migrations: SQL files in /migrations, embedded in the binary and applied in order, each in
//! its own transaction, the first time a database is opened.

use crate::args;
use crate::db::{AssertSqlSafe, Backend, Pool};
use crate::error::Result;

/// Every migration, oldest first: (version, name, SQL).
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "plan_model",
        include_str!("../../../migrations/0001_plan_model.sql"),
    ),
    (
        2,
        "plan_revisions",
        include_str!("../../../migrations/0002_plan_revisions.sql"),
    ),
    (
        3,
        "child_indexes",
        include_str!("../../../migrations/0003_child_indexes.sql"),
    ),
    (
        4,
        "users_and_sessions",
        include_str!("../../../migrations/0004_users_and_sessions.sql"),
    ),
    (
        5,
        "audit_log",
        include_str!("../../../migrations/0005_audit_log.sql"),
    ),
    (
        6,
        "plan_comments",
        include_str!("../../../migrations/0006_plan_comments.sql"),
    ),
    (
        7,
        "imports_and_consultation",
        include_str!("../../../migrations/0007_imports_and_consultation.sql"),
    ),
    (
        8,
        "progress",
        include_str!("../../../migrations/0008_progress.sql"),
    ),
    (
        9,
        "target_revisions",
        include_str!("../../../migrations/0009_target_revisions.sql"),
    ),
    (
        10,
        "corrective_actions",
        include_str!("../../../migrations/0010_corrective_actions.sql"),
    ),
    (
        11,
        "projects_evidence_notifications",
        include_str!("../../../migrations/0011_projects_evidence_notifications.sql"),
    ),
    (
        12,
        "alignment_by_target_plan",
        include_str!("../../../migrations/0012_alignment_by_target_plan.sql"),
    ),
    (
        13,
        "search",
        include_str!("../../../migrations/0013_search.sql"),
    ),
    (
        14,
        "rollups",
        include_str!("../../../migrations/0014_rollups.sql"),
    ),
    (
        15,
        "project_progress_by_element",
        include_str!("../../../migrations/0015_project_progress_by_element.sql"),
    ),
];

/// The PostgreSQL advisory lock every migrating transaction takes, so that servers starting
/// at once against one database migrate one after another (SQLite's write lock does the same).
pub const LOCK_KEY: i64 = 7_271_001;

/// Takes the migration lock until the transaction ends (PostgreSQL only).
async fn lock(tx: &mut crate::db::Tx) -> Result<()> {
    if tx.backend() == Backend::Postgres {
        tx.one("SELECT pg_advisory_xact_lock($1)", args![LOCK_KEY])
            .await?;
    }
    Ok(())
}

/// Applies the migrations the database has not seen; returns how many ran. Safe to run from
/// several processes at once: each step holds the migration lock, so the second process
/// waits, then finds the step done. (Without the lock, two `CREATE TABLE IF NOT EXISTS` at
/// once can both pass the check and one fails on PostgreSQL's catalog.)
///
/// A database already at (or past) this binary's newest migration is only read, never
/// written or locked: every command opens the store, and read-only commands then work on a
/// read-only PostgreSQL replica too.
pub async fn migrate(pool: &Pool) -> Result<usize> {
    let newest = MIGRATIONS.last().map_or(0, |m| m.0);
    // Fails on a new database, which has no phaen_migrations yet.
    if current_version(pool).await.is_ok_and(|v| v >= newest) {
        return Ok(0);
    }
    let mut tx = pool.begin_write().await?;
    lock(&mut tx).await?;
    tx.batch(
        "CREATE TABLE IF NOT EXISTS phaen_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )",
    )
    .await?;
    tx.commit().await?;

    let mut applied = 0;
    for &(version, name, sql) in MIGRATIONS {
        let mut tx = pool.begin_write().await?;
        // Two servers starting at once: the second waits here, then sees the work done.
        lock(&mut tx).await?;
        let done = tx
            .one(
                "SELECT version FROM phaen_migrations WHERE version = $1",
                args![version],
            )
            .await?
            .is_some();
        if !done {
            tx.batch(AssertSqlSafe(sql)).await?;
            tx.exec(
                "INSERT INTO phaen_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                args![version, name, crate::now_ms()],
            )
            .await?;
            applied += 1;
        }
        tx.commit().await?;
    }
    Ok(applied)
}

/// The newest migration version applied to the database, 0 when none.
pub async fn current_version(pool: &Pool) -> Result<i64> {
    let mut tx = pool.begin_read().await?;
    let row = tx
        .one(
            "SELECT COALESCE(MAX(version), 0) FROM phaen_migrations",
            args![],
        )
        .await?;
    Ok(match row {
        Some(r) => r.int(0)?,
        None => 0,
    })
}
