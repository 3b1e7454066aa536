//! Project reports in the database: per project and period its status, percent complete and
//! money so far in the year, with the same life as a KPI's entry (saved as a draft, submitted,
//! approved and locked, returned or reopened with a reason), version-checked and audited.

use std::str::FromStr;

use rust_decimal::Decimal;

use phaen_domain::money::Baht;
use phaen_domain::progress::{EntryState, Period, ProjectStatus};
use phaen_domain::project_report::ProjectReport;
use phaen_domain::{BeYear, ElementId, PlanId};

use crate::db::{AssertSqlSafe, Row};
use crate::entry_life::{Entries, check_editable, plan_org};
use crate::error::{Error, Result};
use crate::{Store, args};

/// A project's report for one period, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectEntry {
    pub id: String,
    pub project: ElementId,
    pub period: Period,
    pub report: ProjectReport,
    pub state: EntryState,
    pub reason: Option<String>,
    pub entered_by: String,
    pub entered_at: i64,
    pub version: i64,
}

const COLUMNS: &str = "id, element_id, period, status, percent_complete, allocated, committed, \
    disbursed, narrative, state, reason, entered_by, entered_at, version";

fn baht(text: Option<String>) -> Result<Option<Baht>> {
    text.map(|t| {
        Decimal::from_str(&t)
            .map_err(|e| Error::corrupt("amount", e))
            .and_then(|d| Baht::new(d).map_err(|e| Error::corrupt("amount", e)))
    })
    .transpose()
}

fn entry_of(r: &Row) -> Result<ProjectEntry> {
    Ok(ProjectEntry {
        id: r.text(0)?,
        project: ElementId::parse(&r.text(1)?)?,
        period: Period::parse_key(&r.text(2)?)?,
        report: ProjectReport {
            status: ProjectStatus::parse(&r.text(3)?)?,
            percent: Decimal::from_str(&r.text(4)?).map_err(|e| Error::corrupt("percent", e))?,
            allocated: baht(r.opt_text(5)?)?,
            committed: baht(r.opt_text(6)?)?,
            disbursed: baht(r.opt_text(7)?)?,
            narrative: r.text(8)?,
        },
        state: EntryState::parse(&r.text(9)?)?,
        reason: r.opt_text(10)?,
        entered_by: r.text(11)?,
        entered_at: r.int(12)?,
        version: r.int(13)?,
    })
}

fn amount(b: Option<Baht>) -> Option<String> {
    b.map(|b| b.amount().normalize().to_string())
}

fn describe(r: &ProjectReport) -> String {
    let money = |b: Option<Baht>| amount(b).unwrap_or_else(|| "-".into());
    format!(
        "{} {}% allocated {} committed {} disbursed {}",
        r.status.as_str(),
        r.percent.normalize(),
        money(r.allocated),
        money(r.committed),
        money(r.disbursed)
    )
}

impl Store {
    /// The plan's project reports, for one year or all, by project and period.
    pub async fn project_entries(
        &self,
        plan: &PlanId,
        year: Option<BeYear>,
    ) -> Result<Vec<ProjectEntry>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM project_progress
                     WHERE plan_id = $1 AND ($2 = 0 OR year = $2)
                     ORDER BY element_id, period"
                )),
                args![plan.as_str(), year.map_or(0, |y| i64::from(y.get()))],
            )
            .await?;
        rows.iter().map(entry_of).collect()
    }

    /// The report of `project` for `period`, when there is one.
    pub async fn project_entry_at(
        &self,
        plan: &PlanId,
        project: &ElementId,
        period: Period,
    ) -> Result<Option<ProjectEntry>> {
        let mut tx = self.pool().begin_read().await?;
        tx.one(
            AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM project_progress
                 WHERE plan_id = $1 AND element_id = $2 AND period = $3"
            )),
            args![plan.as_str(), project.as_str(), period.key()],
        )
        .await?
        .map(|r| entry_of(&r))
        .transpose()
    }

    /// Saves a project's report for a period as a draft: new (`version` None) or a change to a
    /// draft or returned one read at `version`. The report is checked again here.
    pub async fn save_project_entry(
        &self,
        plan: &PlanId,
        project: &ElementId,
        period: Period,
        report: &ProjectReport,
        version: Option<i64>,
    ) -> Result<ProjectEntry> {
        report.check().map_err(|e| Error::Refused(e.to_string()))?;
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        let key = format!("{project} {}", period.key());
        let existing = tx
            .one(
                AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM project_progress
                     WHERE plan_id = $1 AND element_id = $2 AND period = $3"
                )),
                args![plan.as_str(), project.as_str(), period.key()],
            )
            .await?
            .map(|r| entry_of(&r))
            .transpose()?;
        let actor = self.actor().clone();
        let now = crate::now_ms();
        let values = args![
            report.status.as_str(),
            report.percent.normalize().to_string(),
            amount(report.allocated),
            amount(report.committed),
            amount(report.disbursed),
            report.narrative.as_str(),
            actor.id.as_str(),
            now
        ];
        let before = match &existing {
            Some(e) => {
                check_editable("project report", key.clone(), e.state, e.version, version)?;
                let mut a = values;
                a.push(e.id.as_str().into());
                tx.exec(
                    "UPDATE project_progress SET status = $1, percent_complete = $2,
                        allocated = $3, committed = $4, disbursed = $5, narrative = $6,
                        state = 'draft', entered_by = $7, entered_at = $8,
                        version = version + 1
                     WHERE id = $9",
                    a,
                )
                .await?;
                Some(describe(&e.report))
            }
            None => {
                if version.is_some() {
                    return Err(Error::Conflict {
                        what: "project report",
                        key,
                        current: 0,
                    });
                }
                let mut a = values;
                a.extend(args![
                    uuid::Uuid::now_v7().to_string(),
                    plan.as_str(),
                    project.as_str(),
                    period.key(),
                    i64::from(period.year.get())
                ]);
                tx.exec(
                    "INSERT INTO project_progress (status, percent_complete, allocated,
                        committed, disbursed, narrative, entered_by, entered_at, id, plan_id,
                        element_id, period, year, state, version)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'draft', 1)",
                    a,
                )
                .await?;
                None
            }
        };
        crate::audit::append(
            &mut tx,
            &actor,
            crate::audit::Change {
                action: "project_progress.save",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&key),
                before,
                after: Some(describe(report)),
            },
        )
        .await?;
        crate::search::index::index_narratives(
            &mut tx,
            plan.as_str(),
            crate::search::index::Narratives::Project,
            Some(project.as_str()),
        )
        .await?;
        tx.commit().await?;
        self.project_entry_at(plan, project, period)
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "project report",
                key: format!("{project} {}", period.key()),
            })
    }

    /// Moves a project report along its life (see `move_kpi_entry`).
    pub async fn move_project_entry(
        &self,
        plan: &PlanId,
        id: &str,
        to: EntryState,
        reason: Option<&str>,
        version: i64,
    ) -> Result<()> {
        self.move_entry(Entries::Project, plan, id, to, reason, version)
            .await
    }
}
