//! Documents uploaded through the web app, read but not yet written: each waits with its
//! import report until the user who uploaded it confirms (the plan is then written, the wait
//! ends, all in one transaction) or discards it. Waiting uploads older than a day are dropped.

use phaen_domain::{OrgCode, Plan, PlanId};

use crate::error::{Error, Result};
use crate::{Store, args};

/// How long an upload waits for its confirmation (milliseconds).
pub const PENDING_TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// An uploaded document waiting for its user's confirmation.
#[derive(Debug, Clone)]
pub struct PendingImport {
    pub id: String,
    pub org: OrgCode,
    /// The file name as uploaded.
    pub source: String,
    pub plan: Plan,
    /// The import report, as the web app saved it.
    pub report_json: String,
    pub created_at: i64,
}

fn not_found(id: &str) -> Error {
    Error::NotFound {
        what: "uploaded document",
        key: id.to_string(),
    }
}

impl Store {
    /// Keeps a read document for `user_id` to confirm; returns its id.
    pub async fn stage_import(
        &self,
        user_id: &str,
        source: &str,
        plan: &Plan,
        report_json: &str,
    ) -> Result<String> {
        plan.check()?;
        let id = uuid::Uuid::now_v7().to_string();
        let now = crate::now_ms();
        let mut tx = self.pool().begin_write().await?;
        tx.exec(
            "DELETE FROM pending_imports WHERE created_at < $1",
            args![now - PENDING_TTL_MS],
        )
        .await?;
        tx.exec(
            "INSERT INTO pending_imports (id, user_id, org_code, source, plan_json, report_json,
                created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            args![
                id.as_str(),
                user_id,
                plan.owner.code.as_str(),
                source,
                plan.to_json(),
                report_json,
                now
            ],
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// `user_id`'s waiting upload `id`; another user's, or an expired one, is not found.
    pub async fn pending_import(&self, id: &str, user_id: &str) -> Result<PendingImport> {
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                "SELECT org_code, source, plan_json, report_json, created_at FROM pending_imports
                 WHERE id = $1 AND user_id = $2 AND created_at >= $3",
                args![id, user_id, crate::now_ms() - PENDING_TTL_MS],
            )
            .await?
            .ok_or_else(|| not_found(id))?;
        Ok(PendingImport {
            id: id.to_string(),
            org: OrgCode::parse(&row.text(0)?)?,
            source: row.text(1)?,
            plan: Plan::from_json(&row.text(2)?)?,
            report_json: row.text(3)?,
            created_at: row.int(4)?,
        })
    }

    /// Writes `user_id`'s waiting upload as a new plan and ends the wait, in one transaction.
    pub async fn confirm_import(&self, id: &str, user_id: &str) -> Result<PlanId> {
        let pending = self.pending_import(id, user_id).await?;
        let plan = pending.plan;
        plan.check()?;
        let mut tx = self.pool().begin_write().await?;
        let gone = tx
            .exec(
                "DELETE FROM pending_imports WHERE id = $1 AND user_id = $2",
                args![id, user_id],
            )
            .await?;
        if gone == 0 {
            // Confirmed or discarded in another tab meanwhile.
            return Err(not_found(id));
        }
        crate::plans::save::insert_plan(&mut tx, &plan).await?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "plan.import",
                org: Some(plan.owner.code.as_str()),
                plan: Some(plan.id.as_str()),
                target: Some(&format!("{} ({})", plan.title, pending.source)),
                before: None,
                after: Some(plan.to_json()),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(plan.id)
    }

    /// Drops `user_id`'s waiting upload.
    pub async fn discard_import(&self, id: &str, user_id: &str) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        let gone = tx
            .exec(
                "DELETE FROM pending_imports WHERE id = $1 AND user_id = $2",
                args![id, user_id],
            )
            .await?;
        if gone == 0 {
            return Err(not_found(id));
        }
        tx.commit().await
    }
}
