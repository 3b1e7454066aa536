//! `phaen audit verify` checks the hash chain of the audit log; `phaen audit list` shows it.

use anyhow::{Result, bail};
use clap::Subcommand;
use phaen_store::{PlanStore, Store};

use crate::output::print_json;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check that no entry of the audit log was changed or removed.
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// The audit log, oldest first.
    List {
        /// Only the entries of this plan (its id or the start of it).
        #[arg(long)]
        plan: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(store: &Store, c: AuditCommand) -> Result<()> {
    match c {
        AuditCommand::Verify { json } => {
            let check = store.verify_audit().await?;
            if json {
                print_json(&check)?;
            }
            match check.broken_at {
                None => {
                    if !json {
                        println!(
                            "the audit log is intact: {} entries, every link holds",
                            check.entries
                        );
                    }
                    Ok(())
                }
                Some((seq, why)) => bail!(
                    "the audit log was tampered with at entry {seq}: {why} (บันทึกการตรวจสอบถูกแก้ไขที่รายการที่ {seq})"
                ),
            }
        }
        AuditCommand::List { plan, json } => {
            let plan_id = match plan {
                Some(key) => Some(store.resolve_plan(&key).await?.to_string()),
                None => None,
            };
            let entries = store.audit_entries(plan_id.as_deref()).await?;
            if json {
                return print_json(&entries);
            }
            for e in entries {
                let when = chrono::DateTime::from_timestamp_millis(e.at)
                    .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
                    .unwrap_or_default();
                println!(
                    "{:>5}  {when}  {:<20} {:<18} {}",
                    e.seq,
                    e.actor_name,
                    e.action,
                    e.target.unwrap_or_default()
                );
            }
            Ok(())
        }
    }
}
