//! Progress in the database: each plan's reporting set-up (how often each KPI or project
//! reports, how its periods combine, its weight and owner) and the values reported per KPI and
//! period with their life. Saving checks the entry's version; approved entries are locked until
//! reopened with a reason; every change is audited.

use std::str::FromStr;

use rust_decimal::Decimal;

use phaen_domain::evaluate::{ActualValue, Aggregation};
use phaen_domain::progress::{EntryState, Frequency, Period};
use phaen_domain::{BeYear, KpiId, PlanId};

use crate::batch::Cell;
use crate::entry_life::{Entries, check_editable, plan_org};
use crate::error::{Error, Result};
use crate::{Store, args};

/// What a reporting set-up row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    Kpi,
    Project,
}

impl SubjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Kpi => "kpi",
            SubjectKind::Project => "project",
        }
    }
}

/// How one KPI or project is followed up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingSetup {
    /// The KPI's id or the project's element id.
    pub subject: String,
    pub kind: SubjectKind,
    pub frequency: Frequency,
    pub aggregation: Aggregation,
    pub weight: Decimal,
    pub owner_user: Option<String>,
    pub owner_unit: Option<String>,
}

/// A value reported for one KPI and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiEntry {
    pub id: String,
    pub plan: PlanId,
    pub kpi: KpiId,
    pub period: Period,
    pub value: ActualValue,
    pub narrative: String,
    pub state: EntryState,
    pub reason: Option<String>,
    pub entered_by: String,
    pub entered_at: i64,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub version: i64,
}

/// A value to save for a KPI and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub kpi: KpiId,
    pub period: Period,
    pub value: ActualValue,
    pub narrative: String,
}

fn value_parts(v: &ActualValue) -> (&'static str, String) {
    match v {
        ActualValue::Number(n) => ("number", n.normalize().to_string()),
        ActualValue::Level(l) => ("level", l.clone()),
        ActualValue::Met(m) => ("met", m.to_string()),
    }
}

pub(crate) fn value_of(kind: &str, text: String) -> Result<ActualValue> {
    Ok(match kind {
        "number" => ActualValue::Number(
            Decimal::from_str(&text).map_err(|e| Error::corrupt("progress value", e))?,
        ),
        "level" => ActualValue::Level(text),
        "met" => ActualValue::Met(text == "true"),
        other => return Err(Error::corrupt("progress value kind", other)),
    })
}

pub(crate) const ENTRY_COLUMNS: &str = "id, plan_id, kpi_id, period, value_kind, value, narrative, state, \
    reason, entered_by, entered_at, decided_by, decided_at, version";

pub(crate) fn entry_of(r: &crate::db::Row) -> Result<KpiEntry> {
    Ok(KpiEntry {
        id: r.text(0)?,
        plan: PlanId::parse(&r.text(1)?)?,
        kpi: KpiId::parse(&r.text(2)?)?,
        period: Period::parse_key(&r.text(3)?)?,
        value: value_of(&r.text(4)?, r.text(5)?)?,
        narrative: r.text(6)?,
        state: EntryState::parse(&r.text(7)?)?,
        reason: r.opt_text(8)?,
        entered_by: r.text(9)?,
        entered_at: r.int(10)?,
        decided_by: r.opt_text(11)?,
        decided_at: r.opt_int(12)?,
        version: r.int(13)?,
    })
}

impl Store {
    /// The plan's reporting set-up, by subject.
    pub async fn reporting_setups(&self, plan: &PlanId) -> Result<Vec<ReportingSetup>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT subject, subject_kind, frequency, aggregation, weight, owner_user_id,
                    owner_unit FROM reporting_setups WHERE plan_id = $1 ORDER BY subject",
                args![plan.as_str()],
            )
            .await?;
        rows.iter()
            .map(|r| {
                let aggregation = r.text(3)?;
                Ok(ReportingSetup {
                    subject: r.text(0)?,
                    kind: match r.text(1)?.as_str() {
                        "project" => SubjectKind::Project,
                        _ => SubjectKind::Kpi,
                    },
                    frequency: Frequency::parse(&r.text(2)?)?,
                    aggregation: Aggregation::ALL
                        .into_iter()
                        .find(|a| a.as_str() == aggregation)
                        .unwrap_or_default(),
                    weight: Decimal::from_str(&r.text(4)?)
                        .map_err(|e| Error::corrupt("weight", e))?,
                    owner_user: r.opt_text(5)?,
                    owner_unit: r.opt_text(6)?,
                })
            })
            .collect()
    }

    /// Sets how one KPI or project reports (replacing what was set for it), audited.
    pub async fn set_reporting(&self, plan: &PlanId, setup: &ReportingSetup) -> Result<()> {
        self.set_reportings(plan, std::slice::from_ref(setup), None)
            .await
    }

    /// Sets how each of `setups`' subjects reports (and, when given, the days after a period
    /// ends until its data is due), all in one transaction, audited as one change with the
    /// set-up before and after.
    pub async fn set_reportings(
        &self,
        plan: &PlanId,
        setups: &[ReportingSetup],
        window_days: Option<u32>,
    ) -> Result<()> {
        if window_days.is_some_and(|d| d > 366) {
            return Err(Error::Refused(
                "กำหนดส่งต้องไม่เกิน 366 วันหลังสิ้นงวด / the window is at most 366 days".into(),
            ));
        }
        if let Some(bad) = setups.iter().find(|s| s.weight < Decimal::ZERO) {
            return Err(Error::Refused(format!(
                "น้ำหนักต้องไม่ติดลบ ({}) / a weight cannot be negative ({})",
                bad.subject, bad.subject
            )));
        }
        let before = self.reporting_setups(plan).await?;
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        for setup in setups {
            tx.exec(
                "DELETE FROM reporting_setups WHERE plan_id = $1 AND subject = $2",
                args![plan.as_str(), setup.subject.as_str()],
            )
            .await?;
            tx.exec(
                "INSERT INTO reporting_setups (plan_id, subject, subject_kind, frequency,
                    aggregation, weight, owner_user_id, owner_unit)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                args![
                    plan.as_str(),
                    setup.subject.as_str(),
                    setup.kind.as_str(),
                    setup.frequency.as_str(),
                    setup.aggregation.as_str(),
                    setup.weight.normalize().to_string(),
                    setup.owner_user.clone(),
                    setup.owner_unit.clone()
                ],
            )
            .await?;
        }
        // How KPIs combine their periods decides what they achieve.
        crate::rollup::refresh_achievement_in(&mut tx, plan, None, false).await?;
        let describe = |list: &[ReportingSetup]| {
            list.iter()
                .map(|s| {
                    format!(
                        "{}: {} {} weight {}{}",
                        s.subject,
                        s.frequency.as_str(),
                        s.aggregation.as_str(),
                        s.weight.normalize(),
                        s.owner_unit
                            .as_deref()
                            .map(|u| format!(" owner {u}"))
                            .unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        if let Some(days) = window_days {
            tx.exec(
                "UPDATE plans SET reporting_due_days = $2 WHERE id = $1",
                args![plan.as_str(), i64::from(days)],
            )
            .await?;
        }
        let touched: Vec<ReportingSetup> = before
            .into_iter()
            .filter(|b| setups.iter().any(|s| s.subject == b.subject))
            .collect();
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "reporting.set",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&format!("{} KPI/projects", setups.len())),
                before: Some(describe(&touched)).filter(|d| !d.is_empty()),
                after: Some(match window_days {
                    Some(d) => format!("due {d} days after each period\n{}", describe(setups)),
                    None => describe(setups),
                }),
            },
        )
        .await?;
        tx.commit().await
    }

    /// The values reported for a plan, for one year or all, by KPI and period.
    pub async fn kpi_entries(&self, plan: &PlanId, year: Option<BeYear>) -> Result<Vec<KpiEntry>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = match year {
            Some(y) => {
                tx.all(
                    crate::db::AssertSqlSafe(format!(
                        "SELECT {ENTRY_COLUMNS} FROM kpi_progress WHERE plan_id = $1 AND year = $2
                         ORDER BY kpi_id, period"
                    )),
                    args![plan.as_str(), i64::from(y.get())],
                )
                .await?
            }
            None => {
                tx.all(
                    crate::db::AssertSqlSafe(format!(
                        "SELECT {ENTRY_COLUMNS} FROM kpi_progress WHERE plan_id = $1
                         ORDER BY kpi_id, period"
                    )),
                    args![plan.as_str()],
                )
                .await?
            }
        };
        rows.iter().map(entry_of).collect()
    }

    /// One entry by its id, within a plan.
    pub async fn kpi_entry(&self, plan: &PlanId, id: &str) -> Result<KpiEntry> {
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                crate::db::AssertSqlSafe(format!(
                    "SELECT {ENTRY_COLUMNS} FROM kpi_progress WHERE plan_id = $1 AND id = $2"
                )),
                args![plan.as_str(), id],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "progress entry",
                key: id.to_string(),
            })?;
        entry_of(&row)
    }

    /// The entry of `kpi` for `period`, when there is one.
    pub async fn kpi_entry_at(
        &self,
        plan: &PlanId,
        kpi: &KpiId,
        period: Period,
    ) -> Result<Option<KpiEntry>> {
        let mut tx = self.pool().begin_read().await?;
        tx.one(
            crate::db::AssertSqlSafe(format!(
                "SELECT {ENTRY_COLUMNS} FROM kpi_progress
                 WHERE plan_id = $1 AND kpi_id = $2 AND period = $3"
            )),
            args![plan.as_str(), kpi.as_str(), period.key()],
        )
        .await?
        .map(|r| entry_of(&r))
        .transpose()
    }

    /// Saves the value of a KPI for a period as a draft: a new entry (`version` None), or a
    /// change to a draft or returned one read at `version`. A submitted or approved entry
    /// cannot be changed.
    pub async fn save_kpi_entry(
        &self,
        plan: &PlanId,
        new: &NewEntry,
        version: Option<i64>,
    ) -> Result<KpiEntry> {
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        let existing = tx
            .one(
                crate::db::AssertSqlSafe(format!(
                    "SELECT {ENTRY_COLUMNS} FROM kpi_progress
                     WHERE plan_id = $1 AND kpi_id = $2 AND period = $3"
                )),
                args![plan.as_str(), new.kpi.as_str(), new.period.key()],
            )
            .await?
            .map(|r| entry_of(&r))
            .transpose()?;
        let (kind, value) = value_parts(&new.value);
        let now = crate::now_ms();
        let actor = self.actor().clone();
        let (id, before) = match &existing {
            Some(e) => {
                check_editable(
                    "progress entry",
                    format!("{} {}", new.kpi, new.period.key()),
                    e.state,
                    e.version,
                    version,
                )?;
                tx.exec(
                    "UPDATE kpi_progress SET value_kind = $2, value = $3, narrative = $4,
                        state = 'draft', entered_by = $5, entered_at = $6, version = version + 1
                     WHERE id = $1",
                    args![
                        e.id.as_str(),
                        kind,
                        value.as_str(),
                        new.narrative.as_str(),
                        actor.id.as_str(),
                        now
                    ],
                )
                .await?;
                (e.id.clone(), Some(value_parts(&e.value).1))
            }
            None => {
                if version.is_some() {
                    return Err(Error::Conflict {
                        what: "progress entry",
                        key: format!("{} {}", new.kpi, new.period.key()),
                        current: 0,
                    });
                }
                let id = uuid::Uuid::now_v7().to_string();
                tx.exec(
                    "INSERT INTO kpi_progress (id, plan_id, kpi_id, period, year, value_kind,
                        value, narrative, state, entered_by, entered_at, version)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $10, 1)",
                    args![
                        id.as_str(),
                        plan.as_str(),
                        new.kpi.as_str(),
                        new.period.key(),
                        i64::from(new.period.year.get()),
                        kind,
                        value.as_str(),
                        new.narrative.as_str(),
                        actor.id.as_str(),
                        now
                    ],
                )
                .await?;
                (id, None)
            }
        };
        crate::audit::append(
            &mut tx,
            &actor,
            crate::audit::Change {
                action: "progress.save",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&format!("{} {}", new.kpi, new.period.key())),
                before,
                after: Some(value.clone()),
            },
        )
        .await?;
        crate::search::index::index_narratives(
            &mut tx,
            plan.as_str(),
            crate::search::index::Narratives::Kpi,
            Some(new.kpi.as_str()),
        )
        .await?;
        tx.commit().await?;
        self.kpi_entry(plan, &id).await
    }

    /// Moves an entry along its life, as read at `version`: submit, approve (locks it), return
    /// or reopen (both need a reason). Who may make which move is the caller's rule.
    pub async fn move_kpi_entry(
        &self,
        plan: &PlanId,
        id: &str,
        to: EntryState,
        reason: Option<&str>,
        version: i64,
    ) -> Result<KpiEntry> {
        self.move_entry(Entries::Kpi, plan, id, to, reason, version)
            .await?;
        self.kpi_entry(plan, id).await
    }
}

/// What a bulk save wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkSaved {
    /// Entries that were not there before.
    pub added: usize,
    /// Draft or returned entries whose value the file replaced.
    pub replaced: usize,
}

impl Store {
    /// The (KPI, period key) of every entry of the plan that can no longer change (submitted or
    /// approved), for checking a file before saving it.
    pub async fn locked_kpi_entries(
        &self,
        plan: &PlanId,
    ) -> Result<std::collections::HashSet<(String, String)>> {
        let mut tx = self.pool().begin_read().await?;
        locked_in(&mut tx, plan).await
    }

    /// Saves many checked rows at once, all or none, in `state` (draft, submitted or approved):
    /// new entries are added, draft and returned ones replaced; a row for a submitted or
    /// approved entry refuses the whole save. One audit entry names the source and the count.
    pub async fn bulk_save_kpi_entries(
        &self,
        plan: &PlanId,
        rows: &[phaen_domain::bulk::ValidRow],
        state: EntryState,
        source: &str,
    ) -> Result<BulkSaved> {
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        let locked = locked_in(&mut tx, plan).await?;
        let clashes: Vec<String> = match locked.is_empty() {
            true => Vec::new(),
            false => rows
                .iter()
                .filter(|r| locked.contains(&(r.kpi.to_string(), r.period.key())))
                .map(|r| r.row.to_string())
                .collect(),
        };
        if !clashes.is_empty() {
            return Err(Error::Refused(format!(
                "แถว {} เป็นงวดที่ส่งอนุมัติหรืออนุมัติแล้ว แก้ไขจากไฟล์ไม่ได้ / rows {} are periods already submitted or approved",
                clashes.join(", "),
                clashes.join(", ")
            )));
        }
        let existing: i64 = tx
            .one(
                "SELECT COUNT(*) FROM kpi_progress WHERE plan_id = $1",
                args![plan.as_str()],
            )
            .await?
            .map_or(Ok(0), |r| r.int(0))?;
        let actor = self.actor().clone();
        let now = crate::now_ms();
        let decided = state == EntryState::Approved;
        // The six columns that are the same for every row are bound once; the rest go as
        // one JSON text a chunk (see `batch::JsonRows`), which SQLite and PostgreSQL read
        // far faster than they bind one argument per cell.
        let mut table = crate::batch::JsonRows::new(rows.len() * 112);
        let mut id = uuid::Uuid::encode_buffer();
        for r in rows {
            let (kind, value) = value_parts(&r.value);
            let period = r.period.key();
            table.push(&[
                Cell::Text(uuid::Uuid::now_v7().hyphenated().encode_lower(&mut id)),
                Cell::Text(r.kpi.as_str()),
                Cell::Text(&period),
                Cell::Int(i64::from(r.period.year.get())),
                Cell::Text(kind),
                Cell::Text(&value),
                Cell::Text(&r.narrative),
            ]);
        }
        let upsert = format!(
            "INSERT INTO kpi_progress (id, plan_id, kpi_id, period, year, value_kind, value,
                narrative, state, entered_by, entered_at, decided_by, decided_at, version)
             SELECT r.value ->> 0, $1, r.value ->> 1, r.value ->> 2,
                CAST(r.value ->> 3 AS BIGINT), r.value ->> 4, r.value ->> 5, r.value ->> 6,
                $2, $3, $4, $5, $6, 1
             FROM {} WHERE true
             ON CONFLICT (plan_id, kpi_id, period) DO UPDATE SET value_kind = excluded.value_kind,
                value = excluded.value, narrative = excluded.narrative, state = excluded.state,
                entered_by = excluded.entered_by, entered_at = excluded.entered_at,
                decided_by = excluded.decided_by, decided_at = excluded.decided_at,
                version = kpi_progress.version + 1",
            crate::batch::json_rows_from(tx.backend(), 7)
        );
        for text in table.into_texts() {
            tx.exec(
                crate::db::AssertSqlSafe(upsert.clone()),
                args![
                    plan.as_str(),
                    state.as_str(),
                    actor.id.as_str(),
                    now,
                    decided.then(|| actor.id.clone()),
                    decided.then_some(now),
                    text
                ],
            )
            .await?;
        }
        let total: i64 = tx
            .one(
                "SELECT COUNT(*) FROM kpi_progress WHERE plan_id = $1",
                args![plan.as_str()],
            )
            .await?
            .map_or(Ok(0), |r| r.int(0))?;
        let added = usize::try_from(total - existing).unwrap_or(0);
        let saved = BulkSaved {
            added,
            replaced: rows.len().saturating_sub(added),
        };
        crate::audit::append(
            &mut tx,
            &actor,
            crate::audit::Change {
                action: "progress.import",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(source),
                before: None,
                after: Some(format!(
                    "{} rows as {} ({} new, {} replaced)",
                    rows.len(),
                    state.as_str(),
                    saved.added,
                    saved.replaced
                )),
            },
        )
        .await?;
        let any_narrative = rows.iter().any(|r| !r.narrative.is_empty());
        crate::search::index::index_bulk_narratives(&mut tx, plan.as_str(), any_narrative).await?;
        if state == EntryState::Approved {
            crate::rollup::refresh_achievement_in(&mut tx, plan, None, false).await?;
        }
        tx.commit().await?;
        Ok(saved)
    }
}

async fn locked_in(
    tx: &mut crate::db::Tx,
    plan: &PlanId,
) -> Result<std::collections::HashSet<(String, String)>> {
    let rows = tx
        .all(
            "SELECT kpi_id, period FROM kpi_progress
             WHERE plan_id = $1 AND state IN ('submitted', 'approved')",
            args![plan.as_str()],
        )
        .await?;
    rows.iter().map(|r| Ok((r.text(0)?, r.text(1)?))).collect()
}

impl Store {
    /// Days after a period ends until its data is due.
    pub async fn reporting_window(&self, plan: &PlanId) -> Result<u32> {
        let mut tx = self.pool().begin_read().await?;
        let days = tx
            .one(
                "SELECT reporting_due_days FROM plans WHERE id = $1",
                args![plan.as_str()],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "plan",
                key: plan.to_string(),
            })?
            .int(0)?;
        u32::try_from(days).map_err(|e| Error::corrupt("reporting window", e))
    }
}
