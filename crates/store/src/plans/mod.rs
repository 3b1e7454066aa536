//! Plans in the database: saved whole in one transaction, loaded whole, listed, found by id or
//! by the first characters of their id.

pub(crate) mod cache;
mod codec;
pub(crate) mod load;
pub(crate) mod save;

use std::sync::Arc;

use phaen_domain::{BeYear, OrgCode, Plan, PlanId, PlanKind};

use crate::error::{Error, Result};
use crate::{Store, args};

/// A plan as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanListing {
    pub id: PlanId,
    pub title: String,
    pub org: OrgCode,
    pub kind: PlanKind,
    pub from: BeYear,
    pub to: BeYear,
    pub status: phaen_domain::PlanStatus,
}

/// Reading and writing whole plans.
pub trait PlanStore {
    /// Stores a new plan (and its owner, if the database has not met it) in one transaction.
    fn insert_plan(&self, plan: &Plan) -> impl Future<Output = Result<()>> + Send;
    fn load_plan(&self, id: &PlanId) -> impl Future<Output = Result<Plan>> + Send;
    /// The plan as `load_plan` reads it, shared with the store's kept copy instead of copied:
    /// for pages that only read it.
    fn load_plan_shared(&self, id: &PlanId) -> impl Future<Output = Result<Arc<Plan>>> + Send;
    fn list_plans(&self) -> impl Future<Output = Result<Vec<PlanListing>>> + Send;
    /// The plan whose id is `key` or starts with `key` (at least 4 characters).
    fn resolve_plan(&self, key: &str) -> impl Future<Output = Result<PlanId>> + Send;
    fn delete_plan(&self, id: &PlanId) -> impl Future<Output = Result<()>> + Send;
    /// Makes `plan` the current revision of the stored plan with its id, keeping the revision
    /// it replaces whole; all in one transaction. `plan.revision` must be newer.
    fn revise_plan(&self, plan: &Plan) -> impl Future<Output = Result<()>> + Send;
    /// Moves a plan along its life (draft -> consultation -> approved -> published -> closed),
    /// recording the approval when it is approved and the dates members may comment between
    /// when it goes to consultation; refused when the plan changed since `version` was read.
    /// Returns the new version.
    fn transition_plan(
        &self,
        id: &PlanId,
        to: phaen_domain::PlanStatus,
        step: Step,
        version: i64,
    ) -> impl Future<Output = Result<i64>> + Send;
    /// The changes made to a KPI's targets, oldest first.
    fn target_revisions(
        &self,
        id: &PlanId,
        kpi: &phaen_domain::KpiId,
    ) -> impl Future<Output = Result<Vec<TargetRevision>>> + Send;
    /// The dates members may comment between, when the plan has been sent to consultation.
    fn consultation_window(
        &self,
        id: &PlanId,
    ) -> impl Future<Output = Result<Option<ConsultationWindow>>> + Send;
    /// Saves a change made to the current revision through a form, refused when the plan
    /// changed since `version` was read or when its status takes no changes (an approved,
    /// published or closed plan changes only through a new revision). `note` says in the audit
    /// log what changed, before and after. Returns the new version.
    fn update_plan(
        &self,
        plan: &Plan,
        version: i64,
        note: EditNote,
    ) -> impl Future<Output = Result<i64>> + Send;
    /// Opens a new revision of an approved, published or closed plan: the current one is kept
    /// whole among the revisions and the plan becomes a draft numbered one higher, without its
    /// approval. Refused when the plan changed since `version` was read. Returns the new
    /// version.
    fn begin_revision(&self, id: &PlanId, version: i64)
    -> impl Future<Output = Result<i64>> + Send;
    /// The plan's version: it grows by one with every change.
    fn plan_version(&self, id: &PlanId) -> impl Future<Output = Result<i64>> + Send;
    /// The earlier revisions kept for a plan, oldest first.
    fn list_revisions(
        &self,
        id: &PlanId,
    ) -> impl Future<Output = Result<Vec<RevisionListing>>> + Send;
    /// An earlier revision, whole.
    fn load_revision(&self, id: &PlanId, number: u32) -> impl Future<Output = Result<Plan>> + Send;
}

/// What a move along the plan's life records besides the new status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Step {
    /// Needed to approve.
    pub approval: Option<phaen_domain::Approval>,
    /// Needed to send the plan to member consultation.
    pub window: Option<ConsultationWindow>,
}

/// The first and last day (Asia/Bangkok) members may comment on a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsultationWindow {
    pub opens: chrono::NaiveDate,
    pub closes: chrono::NaiveDate,
}

impl ConsultationWindow {
    pub fn new(opens: chrono::NaiveDate, closes: chrono::NaiveDate) -> Result<Self> {
        if closes < opens {
            return Err(Error::Refused(
                "วันปิดรับความคิดเห็นอยู่ก่อนวันเปิด / the consultation closes before it opens".into(),
            ));
        }
        Ok(ConsultationWindow { opens, closes })
    }

    pub fn is_open_on(self, day: chrono::NaiveDate) -> bool {
        self.opens <= day && day <= self.closes
    }
}

/// A change to a KPI's target for a year, kept with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetChange {
    pub kpi: phaen_domain::KpiId,
    pub year: BeYear,
    /// The targets as written, '-' for none.
    pub before: String,
    pub after: String,
    pub reason: String,
}

/// A kept target change, with who made it and when (Unix milliseconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRevision {
    pub change: TargetChange,
    pub by: String,
    pub at: i64,
}

/// What a change made through a form did, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditNote {
    /// 'element.edit', 'element.add', 'kpi.targets', ...
    pub action: &'static str,
    /// What was changed, as a reader names it ('กลยุทธ์ 2.1 ...').
    pub target: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// Targets the change moved, kept in the target history in the same transaction.
    pub targets: Vec<TargetChange>,
}

/// An earlier revision as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionListing {
    pub number: u32,
    pub title: String,
    /// When a newer revision replaced it (Unix milliseconds).
    pub replaced_at: i64,
}

/// Refuses a change made against `version` when the plan is now at `current`: nothing is
/// written, and the error says the version to read again.
fn same_version(id: &PlanId, current: i64, version: i64) -> Result<()> {
    if current == version {
        Ok(())
    } else {
        Err(Error::Conflict {
            what: "plan",
            key: id.to_string(),
            current,
        })
    }
}

/// The stored plan's status and version, read inside a write transaction.
async fn status_and_version(
    tx: &mut crate::db::Tx,
    id: &PlanId,
) -> Result<(phaen_domain::PlanStatus, i64)> {
    let row = tx
        .one(
            "SELECT status, version FROM plans WHERE id = $1",
            args![id.as_str()],
        )
        .await?
        .ok_or_else(|| Error::NotFound {
            what: "plan",
            key: id.to_string(),
        })?;
    Ok((
        codec::enum_parse("plan status", &row.text(0)?)?,
        row.int(1)?,
    ))
}

/// The consultation window stored for a plan, read inside any transaction.
pub(crate) async fn consultation_window_in(
    tx: &mut crate::db::Tx,
    id: &PlanId,
) -> Result<Option<ConsultationWindow>> {
    let row = tx
        .one(
            "SELECT consultation_opens, consultation_closes FROM plans WHERE id = $1",
            args![id.as_str()],
        )
        .await?
        .ok_or_else(|| Error::NotFound {
            what: "plan",
            key: id.to_string(),
        })?;
    let day = |t: Option<String>| -> Result<Option<chrono::NaiveDate>> {
        t.map(|t| {
            t.parse()
                .map_err(|e| Error::corrupt("consultation date", e))
        })
        .transpose()
    };
    Ok(match (day(row.opt_text(0)?)?, day(row.opt_text(1)?)?) {
        (Some(opens), Some(closes)) => Some(ConsultationWindow { opens, closes }),
        _ => None,
    })
}

impl PlanStore for Store {
    async fn insert_plan(&self, plan: &Plan) -> Result<()> {
        plan.check()?;
        let mut tx = self.pool().begin_write().await?;
        save::insert_plan(&mut tx, plan).await?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "plan.create",
                org: Some(plan.owner.code.as_str()),
                plan: Some(plan.id.as_str()),
                target: Some(&plan.title),
                before: None,
                after: Some(plan.to_json()),
            },
        )
        .await?;
        tx.commit().await
    }

    async fn load_plan(&self, id: &PlanId) -> Result<Plan> {
        Ok(Arc::unwrap_or_clone(self.load_plan_shared(id).await?))
    }

    async fn load_plan_shared(&self, id: &PlanId) -> Result<Arc<Plan>> {
        // The stamp alone, outside a transaction: when it matches the kept plan, that plan
        // is what the database holds now, and only its owner is read again.
        let stamp = load::stamp_row(self.pool().one(load::STAMP, args![id.as_str()]).await?, id)?;
        if let Some(kept) = self.plans.get(id, stamp) {
            let owner = crate::orgs::load_org_outside_tx(self.pool(), &kept.owner.code).await?;
            if owner == kept.owner {
                return Ok(kept);
            }
            let mut plan = Plan::clone(&kept);
            plan.owner = owner;
            let plan = Arc::new(plan);
            self.plans.put(stamp, plan.clone());
            return Ok(plan);
        }
        // A full load reads the stamp again in its own transaction, so the plan is kept with
        // the stamp of exactly the state it was read from.
        let mut tx = self.pool().begin_read().await?;
        let stamp = load::stamp_row(tx.one(load::STAMP, args![id.as_str()]).await?, id)?;
        let plan = Arc::new(load::load_plan(&mut tx, id).await?);
        self.plans.put(stamp, plan.clone());
        Ok(plan)
    }

    async fn list_plans(&self) -> Result<Vec<PlanListing>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT id, title, org_code, kind, period_from, period_to, status FROM plans
                 ORDER BY org_code, period_from, title, id",
                args![],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(PlanListing {
                    id: PlanId::parse(&r.text(0)?)?,
                    title: r.text(1)?,
                    org: OrgCode::parse(&r.text(2)?)?,
                    kind: codec::enum_parse("plan kind", &r.text(3)?)?,
                    from: codec::year("period", r.int(4)?)?,
                    to: codec::year("period", r.int(5)?)?,
                    status: codec::enum_parse("plan status", &r.text(6)?)?,
                })
            })
            .collect()
    }

    async fn resolve_plan(&self, key: &str) -> Result<PlanId> {
        let not_found = || Error::NotFound {
            what: "plan",
            key: key.to_string(),
        };
        let key = key.trim();
        if key.chars().count() < 4 {
            return Err(not_found());
        }
        let mut tx = self.pool().begin_read().await?;
        if tx
            .one("SELECT id FROM plans WHERE id = $1", args![key])
            .await?
            .is_some()
        {
            return Ok(PlanId::parse(key)?);
        }
        let prefix: String = key.replace(['%', '_', '\\'], "");
        let rows = tx
            .all(
                "SELECT id FROM plans WHERE id LIKE $1 ORDER BY id LIMIT 5",
                args![format!("{prefix}%")],
            )
            .await?;
        match rows.len() {
            0 => Err(not_found()),
            1 => Ok(PlanId::parse(&rows[0].text(0)?)?),
            _ => Err(Error::Ambiguous {
                what: "plan",
                key: key.to_string(),
                candidates: rows
                    .iter()
                    .filter_map(|r| r.text(0).ok())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    async fn revise_plan(&self, plan: &Plan) -> Result<()> {
        plan.check()?;
        let mut tx = self.pool().begin_write().await?;
        let current = load::load_plan(&mut tx, &plan.id).await?;
        let old = current.revision.as_ref().map_or(1, |r| r.number);
        let new = plan.revision.as_ref().map_or(0, |r| r.number);
        if new <= old {
            return Err(Error::AlreadyExists {
                what: "revision",
                key: format!(
                    "{} (the plan is at revision {old}; a new one must be higher)",
                    new
                ),
            });
        }
        tx.exec(
            "INSERT INTO plan_revisions (plan_id, number, title, snapshot, replaced_at)
             VALUES ($1, $2, $3, $4, $5)",
            args![
                plan.id.as_str(),
                i64::from(old),
                current.title.as_str(),
                current.to_json(),
                crate::now_ms()
            ],
        )
        .await?;
        save::replace_plan(&mut tx, plan).await?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "plan.revise",
                org: Some(plan.owner.code.as_str()),
                plan: Some(plan.id.as_str()),
                target: Some(&format!("{} -> {}", old, new)),
                before: Some(current.to_json()),
                after: Some(plan.to_json()),
            },
        )
        .await?;
        tx.commit().await
    }

    async fn transition_plan(
        &self,
        id: &PlanId,
        to: phaen_domain::PlanStatus,
        step: Step,
        version: i64,
    ) -> Result<i64> {
        let Step { approval, window } = step;
        let mut tx = self.pool().begin_write().await?;
        let row = tx
            .one(
                "SELECT status, version, org_code, approval_body FROM plans WHERE id = $1",
                args![id.as_str()],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "plan",
                key: id.to_string(),
            })?;
        let from: phaen_domain::PlanStatus = codec::enum_parse("plan status", &row.text(0)?)?;
        let current = row.int(1)?;
        same_version(id, current, version)?;
        if !from.may_move_to(to) {
            return Err(Error::Refused(format!(
                "a plan that is {} cannot become {} (แผนสถานะ '{}' เปลี่ยนเป็น '{}' ไม่ได้)",
                from.as_str(),
                to.as_str(),
                from.label_th(),
                to.label_th()
            )));
        }
        let has_approval = row.opt_text(3)?.is_some();
        if to == phaen_domain::PlanStatus::Approved && approval.is_none() {
            return Err(Error::Refused(
                "approval needs the approving body, meeting and date (การอนุมัติต้องระบุผู้อนุมัติ ครั้งที่ประชุม และวันที่)".into(),
            ));
        }
        if to.needs_approval() && approval.is_none() && !has_approval {
            return Err(Error::Refused("the plan has no approval record".into()));
        }
        if to == phaen_domain::PlanStatus::Consultation {
            let Some(w) = window else {
                return Err(Error::Refused(
                    "ประชาพิจารณ์ต้องระบุวันเปิดและวันปิดรับความคิดเห็น / member consultation needs the dates it opens and closes".into(),
                ));
            };
            tx.exec(
                "UPDATE plans SET consultation_opens = $2, consultation_closes = $3 WHERE id = $1",
                args![id.as_str(), w.opens.to_string(), w.closes.to_string()],
            )
            .await?;
        }
        if let Some(a) = &approval {
            if a.body.trim().is_empty() {
                return Err(Error::Refused(
                    "the approving body is empty (ต้องระบุผู้อนุมัติ)".into(),
                ));
            }
            tx.exec(
                "UPDATE plans SET approval_body = $2, approval_meeting = $3, approval_date = $4,
                    approval_written = $5 WHERE id = $1",
                args![
                    id.as_str(),
                    a.body.as_str(),
                    a.meeting.clone(),
                    a.date.map(|d| d.to_string()),
                    a.written.clone()
                ],
            )
            .await?;
        }
        tx.exec(
            "UPDATE plans SET status = $2, version = version + 1, updated_at = $3 WHERE id = $1",
            args![id.as_str(), to.as_str(), crate::now_ms()],
        )
        .await?;
        // Only approved and published plans count in the achievement roll-up.
        crate::rollup::refresh_achievement_in(&mut tx, id, None, false).await?;
        let org = row.text(2)?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "plan.status",
                org: Some(&org),
                plan: Some(id.as_str()),
                target: Some(&format!("{} -> {}", from.as_str(), to.as_str())),
                before: Some(from.as_str().to_string()),
                after: Some(match (&approval, window) {
                    (Some(a), _) => format!(
                        "{} ({} {} {})",
                        to.as_str(),
                        a.body,
                        a.meeting.clone().unwrap_or_default(),
                        a.date.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    (None, Some(w)) if to == phaen_domain::PlanStatus::Consultation => {
                        format!("{} ({} - {})", to.as_str(), w.opens, w.closes)
                    }
                    _ => to.as_str().to_string(),
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(current + 1)
    }

    async fn target_revisions(
        &self,
        id: &PlanId,
        kpi: &phaen_domain::KpiId,
    ) -> Result<Vec<TargetRevision>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT year, before, after, reason, changed_by_name, changed_at
                 FROM target_revisions WHERE plan_id = $1 AND kpi_id = $2
                 ORDER BY changed_at, id",
                args![id.as_str(), kpi.as_str()],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(TargetRevision {
                    change: TargetChange {
                        kpi: kpi.clone(),
                        year: codec::year("target revision", r.int(0)?)?,
                        before: r.text(1)?,
                        after: r.text(2)?,
                        reason: r.text(3)?,
                    },
                    by: r.text(4)?,
                    at: r.int(5)?,
                })
            })
            .collect()
    }

    async fn consultation_window(&self, id: &PlanId) -> Result<Option<ConsultationWindow>> {
        let mut tx = self.pool().begin_read().await?;
        consultation_window_in(&mut tx, id).await
    }

    async fn update_plan(&self, plan: &Plan, version: i64, note: EditNote) -> Result<i64> {
        plan.check()?;
        let mut tx = self.pool().begin_write().await?;
        let (status, current) = status_and_version(&mut tx, &plan.id).await?;
        same_version(&plan.id, current, version)?;
        if !status.takes_edits() {
            return Err(Error::Refused(format!(
                "แผนสถานะ '{}' แก้ไขได้ด้วยการเปิดฉบับปรับปรุงใหม่เท่านั้น / a plan that is {} changes only through a new revision",
                status.label_th(),
                status.as_str()
            )));
        }
        let mut stored = plan.clone();
        stored.status = status;
        save::replace_plan(&mut tx, &stored).await?;
        let actor = self.actor().clone();
        for t in &note.targets {
            tx.exec(
                "INSERT INTO target_revisions (id, plan_id, kpi_id, year, before, after, reason,
                    changed_by, changed_by_name, changed_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                args![
                    uuid::Uuid::now_v7().to_string(),
                    plan.id.as_str(),
                    t.kpi.as_str(),
                    i64::from(t.year.get()),
                    t.before.as_str(),
                    t.after.as_str(),
                    t.reason.as_str(),
                    actor.id.as_str(),
                    actor.name.as_str(),
                    crate::now_ms()
                ],
            )
            .await?;
        }
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: note.action,
                org: Some(plan.owner.code.as_str()),
                plan: Some(plan.id.as_str()),
                target: Some(&note.target),
                before: note.before,
                after: note.after,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(current + 1)
    }

    async fn begin_revision(&self, id: &PlanId, version: i64) -> Result<i64> {
        let mut tx = self.pool().begin_write().await?;
        let (status, current) = status_and_version(&mut tx, id).await?;
        same_version(id, current, version)?;
        if status.takes_edits() {
            return Err(Error::Refused(format!(
                "แผนสถานะ '{}' ยังแก้ไขได้โดยตรง ไม่ต้องเปิดฉบับใหม่ / a plan that is {} can still be edited directly",
                status.label_th(),
                status.as_str()
            )));
        }
        let old_plan = load::load_plan(&mut tx, id).await?;
        let old = old_plan.revision.as_ref().map_or(1, |r| r.number);
        tx.exec(
            "INSERT INTO plan_revisions (plan_id, number, title, snapshot, replaced_at)
             VALUES ($1, $2, $3, $4, $5)",
            args![
                id.as_str(),
                i64::from(old),
                old_plan.title.as_str(),
                old_plan.to_json(),
                crate::now_ms()
            ],
        )
        .await?;
        let mut next = old_plan.clone();
        next.revision = Some(phaen_domain::Revision {
            number: old + 1,
            written: None,
        });
        next.status = phaen_domain::PlanStatus::Draft;
        next.approval = None;
        save::replace_plan(&mut tx, &next).await?;
        tx.exec(
            "UPDATE plans SET approval_body = NULL, approval_meeting = NULL, approval_date = NULL,
                approval_written = NULL WHERE id = $1",
            args![id.as_str()],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "plan.revise",
                org: Some(old_plan.owner.code.as_str()),
                plan: Some(id.as_str()),
                target: Some(&format!("{} -> {}", old, old + 1)),
                before: Some(format!("{} ({})", status.as_str(), old)),
                after: Some(format!("draft ({})", old + 1)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(current + 1)
    }

    async fn plan_version(&self, id: &PlanId) -> Result<i64> {
        self.pool()
            .one(
                "SELECT version FROM plans WHERE id = $1",
                args![id.as_str()],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "plan",
                key: id.to_string(),
            })?
            .int(0)
    }

    async fn list_revisions(&self, id: &PlanId) -> Result<Vec<RevisionListing>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT number, title, replaced_at FROM plan_revisions WHERE plan_id = $1
                 ORDER BY number",
                args![id.as_str()],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(RevisionListing {
                    number: u32::try_from(r.int(0)?).map_err(|e| Error::corrupt("revision", e))?,
                    title: r.text(1)?,
                    replaced_at: r.int(2)?,
                })
            })
            .collect()
    }

    async fn load_revision(&self, id: &PlanId, number: u32) -> Result<Plan> {
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                "SELECT snapshot FROM plan_revisions WHERE plan_id = $1 AND number = $2",
                args![id.as_str(), i64::from(number)],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "revision",
                key: format!("{id} #{number}"),
            })?;
        Ok(Plan::from_json(&row.text(0)?)?)
    }

    async fn delete_plan(&self, id: &PlanId) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        let before = match load::load_plan(&mut tx, id).await {
            Ok(p) => p,
            Err(Error::NotFound { .. }) => {
                return Err(Error::NotFound {
                    what: "plan",
                    key: id.to_string(),
                });
            }
            Err(e) => return Err(e),
        };
        crate::rollup::refresh_in(&mut tx, id.as_str(), true).await?;
        crate::rollup::refresh_achievement_in(&mut tx, id, None, true).await?;
        tx.exec("DELETE FROM plans WHERE id = $1", args![id.as_str()])
            .await?;
        self.plans.forget(id);
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "plan.delete",
                org: Some(before.owner.code.as_str()),
                plan: Some(id.as_str()),
                target: Some(&before.title),
                before: Some(before.to_json()),
                after: None,
            },
        )
        .await?;
        tx.commit().await
    }
}
