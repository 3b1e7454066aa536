//! Corrective actions: what will be done about a KPI that missed its target in a year, who owns
//! it and by when. Each one audited.

use chrono::NaiveDate;

use phaen_domain::{BeYear, KpiId, PlanId};

use crate::entry_life::plan_org;
use crate::error::{Error, Result};
use crate::{Store, args};

/// A corrective action as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectiveAction {
    pub id: String,
    pub kpi: KpiId,
    pub year: BeYear,
    pub action: String,
    pub owner: String,
    pub due: NaiveDate,
    /// When it was marked done (Unix milliseconds).
    pub done_at: Option<i64>,
    pub created_by: String,
}

impl Store {
    /// Records a corrective action for `kpi` in `year`.
    pub async fn add_corrective_action(
        &self,
        plan: &PlanId,
        kpi: &KpiId,
        year: BeYear,
        action: &str,
        owner: &str,
        due: NaiveDate,
    ) -> Result<CorrectiveAction> {
        let (action, owner) = (action.trim(), owner.trim());
        if action.is_empty() || owner.is_empty() {
            return Err(Error::Refused(
                "ต้องระบุแนวทางแก้ไขและผู้รับผิดชอบ / an action and its owner are needed".into(),
            ));
        }
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        let actor = self.actor().clone();
        let a = CorrectiveAction {
            id: uuid::Uuid::now_v7().to_string(),
            kpi: kpi.clone(),
            year,
            action: action.to_string(),
            owner: owner.to_string(),
            due,
            done_at: None,
            created_by: actor.name.clone(),
        };
        tx.exec(
            "INSERT INTO corrective_actions (id, plan_id, kpi_id, year, action, owner, due,
                created_by, created_by_name, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            args![
                a.id.as_str(),
                plan.as_str(),
                kpi.as_str(),
                i64::from(year.get()),
                a.action.as_str(),
                a.owner.as_str(),
                due.to_string(),
                actor.id.as_str(),
                actor.name.as_str(),
                crate::now_ms()
            ],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            &actor,
            crate::audit::Change {
                action: "action.add",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&format!("{kpi} {year}")),
                before: None,
                after: Some(format!("{} ({}, {due})", a.action, a.owner)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(a)
    }

    /// The plan's corrective actions for `year`, oldest first.
    pub async fn corrective_actions(
        &self,
        plan: &PlanId,
        year: BeYear,
    ) -> Result<Vec<CorrectiveAction>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT id, kpi_id, year, action, owner, due, done_at, created_by_name
                 FROM corrective_actions WHERE plan_id = $1 AND year = $2
                 ORDER BY created_at, id",
                args![plan.as_str(), i64::from(year.get())],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(CorrectiveAction {
                    id: r.text(0)?,
                    kpi: KpiId::parse(&r.text(1)?)?,
                    year: BeYear::new(
                        u16::try_from(r.int(2)?).map_err(|e| Error::corrupt("year", e))?,
                    )?,
                    action: r.text(3)?,
                    owner: r.text(4)?,
                    due: r
                        .text(5)?
                        .parse()
                        .map_err(|e| Error::corrupt("due date", e))?,
                    done_at: r.opt_int(6)?,
                    created_by: r.text(7)?,
                })
            })
            .collect()
    }

    /// Marks the plan's corrective action `id` done, now; audited. Marking one already done
    /// changes nothing and is refused.
    pub async fn complete_corrective_action(&self, plan: &PlanId, id: &str) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        let row = tx
            .one(
                "SELECT kpi_id, year, action, done_at FROM corrective_actions
                 WHERE plan_id = $1 AND id = $2",
                args![plan.as_str(), id],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "corrective action",
                key: id.to_string(),
            })?;
        if row.opt_int(3)?.is_some() {
            return Err(Error::Refused(
                "แนวทางแก้ไขนี้ทำเสร็จไปแล้ว / this corrective action is done already".into(),
            ));
        }
        tx.exec(
            "UPDATE corrective_actions SET done_at = $2 WHERE id = $1",
            args![id, crate::now_ms()],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "action.done",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&format!("{} {}", row.text(0)?, row.int(1)?)),
                before: Some(row.text(2)?),
                after: Some("done".into()),
            },
        )
        .await?;
        tx.commit().await
    }
}
