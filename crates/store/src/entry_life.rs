//! The life every reported entry shares, KPI values and project reports alike: submit,
//! approve (locks it), return or reopen (both with a reason), each move checked against the
//! version the user read and audited in the same transaction.

use phaen_domain::PlanId;
use phaen_domain::progress::EntryState;

use crate::db::{AssertSqlSafe, Tx};
use crate::error::{Error, Result};
use crate::{Store, args};

/// Which kind of entry moves: its table, the column naming its subject, and its audit words.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entries {
    Kpi,
    Project,
}

impl Entries {
    fn table(self) -> &'static str {
        match self {
            Entries::Kpi => "kpi_progress",
            Entries::Project => "project_progress",
        }
    }

    fn subject_column(self) -> &'static str {
        match self {
            Entries::Kpi => "kpi_id",
            Entries::Project => "element_id",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Entries::Kpi => "progress entry",
            Entries::Project => "project report",
        }
    }

    fn audit_action(self, to: EntryState) -> &'static str {
        match (self, to) {
            (Entries::Kpi, EntryState::Submitted) => "progress.submit",
            (Entries::Kpi, EntryState::Approved) => "progress.approve",
            (Entries::Kpi, EntryState::Returned) => "progress.return",
            (Entries::Kpi, EntryState::Draft) => "progress.reopen",
            (Entries::Project, EntryState::Submitted) => "project_progress.submit",
            (Entries::Project, EntryState::Approved) => "project_progress.approve",
            (Entries::Project, EntryState::Returned) => "project_progress.return",
            (Entries::Project, EntryState::Draft) => "project_progress.reopen",
        }
    }
}

/// The plan's owner, for the audit log.
pub(crate) async fn plan_org(tx: &mut Tx, plan: &PlanId) -> Result<String> {
    tx.one(
        "SELECT org_code FROM plans WHERE id = $1",
        args![plan.as_str()],
    )
    .await?
    .ok_or_else(|| Error::NotFound {
        what: "plan",
        key: plan.to_string(),
    })?
    .text(0)
}

/// Refuses a change to an entry that was read at another version or can no longer change.
pub(crate) fn check_editable(
    what: &'static str,
    key: String,
    state: EntryState,
    current: i64,
    version: Option<i64>,
) -> Result<()> {
    if version != Some(current) {
        return Err(Error::Conflict { what, key, current });
    }
    if !state.editable() {
        return Err(Error::Refused(format!(
            "ค่าของงวดนี้อยู่ในสถานะ '{}' แก้ไขไม่ได้ / this period's value is {} and cannot be changed",
            state.label_th(),
            state.as_str()
        )));
    }
    Ok(())
}

impl Store {
    /// Moves the entry `id` of `plan` to `to`, as read at `version`. Who may make which move
    /// is the caller's rule; the order of the life and the reasons are checked here.
    pub(crate) async fn move_entry(
        &self,
        entries: Entries,
        plan: &PlanId,
        id: &str,
        to: EntryState,
        reason: Option<&str>,
        version: i64,
    ) -> Result<()> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        let (table, subject) = (entries.table(), entries.subject_column());
        let row = tx
            .one(
                AssertSqlSafe(format!(
                    "SELECT state, version, {subject}, period FROM {table}
                     WHERE plan_id = $1 AND id = $2"
                )),
                args![plan.as_str(), id],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: entries.what(),
                key: id.to_string(),
            })?;
        let (from, current) = (EntryState::parse(&row.text(0)?)?, row.int(1)?);
        let target = format!("{} {}", row.text(2)?, row.text(3)?);
        if current != version {
            return Err(Error::Conflict {
                what: entries.what(),
                key: id.to_string(),
                current,
            });
        }
        if !from.may_move_to(to) {
            return Err(Error::Refused(format!(
                "ค่าที่อยู่ในสถานะ '{}' เปลี่ยนเป็น '{}' ไม่ได้ / an entry that is {} cannot become {}",
                from.label_th(),
                to.label_th(),
                from.as_str(),
                to.as_str()
            )));
        }
        let needs_reason = matches!(
            (from, to),
            (EntryState::Submitted, EntryState::Returned)
                | (EntryState::Approved, EntryState::Draft)
        );
        if needs_reason && reason.is_none() {
            return Err(Error::Refused(
                "ต้องระบุเหตุผลในการส่งกลับหรือเปิดแก้ไข / returning or reopening needs a reason".into(),
            ));
        }
        let actor = self.actor().clone();
        let decided = matches!(to, EntryState::Approved | EntryState::Returned);
        tx.exec(
            AssertSqlSafe(format!(
                "UPDATE {table} SET state = $2, reason = COALESCE($3, reason),
                    decided_by = CASE WHEN $4 = 1 THEN $5 ELSE decided_by END,
                    decided_at = CASE WHEN $4 = 1 THEN $6 ELSE decided_at END,
                    version = version + 1
                 WHERE id = $1"
            )),
            args![
                id,
                to.as_str(),
                reason.map(str::to_string),
                decided,
                actor.id.as_str(),
                crate::now_ms()
            ],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            &actor,
            crate::audit::Change {
                action: entries.audit_action(to),
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&target),
                before: Some(from.as_str().to_string()),
                after: Some(match reason {
                    Some(r) => format!("{} ({r})", to.as_str()),
                    None => to.as_str().to_string(),
                }),
            },
        )
        .await?;
        // A KPI value approved, or no longer approved, changes what the plan achieves.
        if matches!(entries, Entries::Kpi)
            && (from == EntryState::Approved || to == EntryState::Approved)
        {
            crate::rollup::refresh_achievement_in(&mut tx, plan, None, false).await?;
        }
        tx.commit().await
    }
}
