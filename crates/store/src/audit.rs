//! The audit log: who changed what, when, with the state before and after. Entries are only
//! ever appended, inside the same transaction as the change they record, and each carries the
//! SHA-256 of its own fields and the previous entry's hash, so editing or removing history
//! breaks the chain and `verify` finds where.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::{Backend, Row, Tx};
use crate::error::Result;
use crate::{Store, args};

/// Who is acting: a signed-in user, or the command line on this machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
}

impl Actor {
    /// The command line, named after the operating-system user running it.
    pub fn cli() -> Actor {
        let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
        Actor {
            id: format!("cli:{user}"),
            name: format!("phaen (command line, {user})"),
        }
    }
}

/// What one change was.
#[derive(Debug, Clone, Default)]
pub struct Change<'a> {
    pub action: &'a str,
    pub org: Option<&'a str>,
    pub plan: Option<&'a str>,
    pub target: Option<&'a str>,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// Unix milliseconds.
    pub at: i64,
    pub actor_id: String,
    pub actor_name: String,
    pub action: String,
    pub org: Option<String>,
    pub plan: Option<String>,
    pub target: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainCheck {
    pub entries: u64,
    /// The first entry whose hash or link does not hold, and why.
    pub broken_at: Option<(i64, String)>,
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of an entry: every field, each with its length, then the previous hash.
fn entry_hash(e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_be_bytes());
        h.update(s.as_bytes());
    };
    for f in [
        e.seq.to_string().as_str(),
        e.at.to_string().as_str(),
        &e.actor_id,
        &e.actor_name,
        &e.action,
        e.org.as_deref().unwrap_or("\u{0}"),
        e.plan.as_deref().unwrap_or("\u{0}"),
        e.target.as_deref().unwrap_or("\u{0}"),
        e.before.as_deref().unwrap_or("\u{0}"),
        e.after.as_deref().unwrap_or("\u{0}"),
        &e.prev_hash,
    ] {
        field(f);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends an entry inside `tx`; the caller's commit makes the change and its record land
/// together.
pub(crate) async fn append(tx: &mut Tx, actor: &Actor, change: Change<'_>) -> Result<()> {
    if tx.backend() == Backend::Postgres {
        // One writer of the chain at a time, across servers.
        tx.one("SELECT pg_advisory_xact_lock(7271002)", args![])
            .await?;
    }
    let last = tx
        .one(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            args![],
        )
        .await?;
    let (seq, prev_hash) = match last {
        Some(r) => (r.int(0)? + 1, r.text(1)?),
        None => (1, GENESIS.to_string()),
    };
    let mut e = AuditEntry {
        seq,
        at: crate::now_ms(),
        actor_id: actor.id.clone(),
        actor_name: actor.name.clone(),
        action: change.action.to_string(),
        org: change.org.map(str::to_string),
        plan: change.plan.map(str::to_string),
        target: change.target.map(str::to_string),
        before: change.before,
        after: change.after,
        prev_hash,
        hash: String::new(),
    };
    e.hash = entry_hash(&e);
    tx.exec(
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, org_code, plan_id, target,
            before, after, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        args![
            e.seq, e.at, e.actor_id, e.actor_name, e.action, e.org, e.plan, e.target, e.before,
            e.after, e.prev_hash, e.hash
        ],
    )
    .await?;
    Ok(())
}

fn entry_from(r: &Row) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.int(0)?,
        at: r.int(1)?,
        actor_id: r.text(2)?,
        actor_name: r.text(3)?,
        action: r.text(4)?,
        org: r.opt_text(5)?,
        plan: r.opt_text(6)?,
        target: r.opt_text(7)?,
        before: r.opt_text(8)?,
        after: r.opt_text(9)?,
        prev_hash: r.text(10)?,
        hash: r.text(11)?,
    })
}

const COLUMNS: &str = "seq, at, actor_id, actor_name, action, org_code, plan_id, target, before, after, prev_hash, hash";

impl Store {
    /// Entries, oldest first; only those of one plan when `plan` is given.
    pub async fn audit_entries(&self, plan: Option<&str>) -> Result<Vec<AuditEntry>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = match plan {
            Some(p) => {
                tx.all(
                    crate::db::AssertSqlSafe(format!(
                        "SELECT {COLUMNS} FROM audit_log WHERE plan_id = $1 ORDER BY seq"
                    )),
                    args![p],
                )
                .await?
            }
            None => {
                tx.all(
                    crate::db::AssertSqlSafe(format!(
                        "SELECT {COLUMNS} FROM audit_log ORDER BY seq"
                    )),
                    args![],
                )
                .await?
            }
        };
        rows.iter().map(entry_from).collect()
    }

    /// Walks the whole chain and reports the first entry that does not hold.
    pub async fn verify_audit(&self) -> Result<ChainCheck> {
        let entries = self.audit_entries(None).await?;
        let mut prev = GENESIS.to_string();
        for (expected_seq, e) in (1..).zip(entries.iter()) {
            let why = if e.seq != expected_seq {
                Some(format!("entry {expected_seq} is missing"))
            } else if e.prev_hash != prev {
                Some("it does not follow the entry before it".to_string())
            } else if entry_hash(e) != e.hash {
                Some("its contents were changed after it was written".to_string())
            } else {
                None
            };
            if let Some(why) = why {
                return Ok(ChainCheck {
                    entries: entries.len() as u64,
                    broken_at: Some((e.seq, why)),
                });
            }
            prev = e.hash.clone();
        }
        Ok(ChainCheck {
            entries: entries.len() as u64,
            broken_at: None,
        })
    }
}
