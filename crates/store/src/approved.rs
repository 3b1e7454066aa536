//! A plan's approved KPI values, all years at once, for the dashboard: read as one JSON text
//! made in the database instead of one row per entry. With sqlx every SQLite row is handed
//! from the connection's worker thread to the caller on its own, and a plan of 200 monthly
//! KPIs over five years has 12,000 of them; as rows they were most of a dashboard's time.

use phaen_domain::progress::{EntryState, Period};
use phaen_domain::{KpiId, PlanId};

use crate::error::{Error, Result};
use crate::progress::{KpiEntry, value_of};
use crate::{Store, args};

/// The columns read, all but the plan's id (asked for).
const COLUMNS: &str = "id, kpi_id, period, value_kind, value, narrative, state, reason, \
    entered_by, entered_at, decided_by, decided_at, version";

/// An entry as the database writes it into the JSON array, column by column.
type Columns = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    i64,
    Option<String>,
    Option<i64>,
    i64,
);

impl Store {
    /// The plan's approved entries, every year, by KPI and period (as `kpi_entries` orders
    /// them).
    pub async fn approved_kpi_entries(&self, plan: &PlanId) -> Result<Vec<KpiEntry>> {
        let sql = format!(
            "SELECT {} FROM kpi_progress WHERE plan_id = $1 AND state = $2",
            crate::batch::json_rows_select(self.pool().backend(), COLUMNS)
        );
        let text = self
            .pool()
            .one(
                crate::db::AssertSqlSafe(sql),
                args![plan.as_str(), EntryState::Approved.as_str()],
            )
            .await?
            .map(|r| r.opt_text(0))
            .transpose()?
            .flatten();
        let Some(text) = text else {
            return Ok(Vec::new());
        };
        let mut rows: Vec<Columns> =
            serde_json::from_str(&text).map_err(|e| Error::corrupt("progress entries", e))?;
        // By KPI and period. Asking the database to order the array made SQLite sort the
        // finished JSON values, which was slower than sorting here; an index order is
        // usually there already.
        if !rows.is_sorted_by(|a, b| (&a.1, &a.2) <= (&b.1, &b.2)) {
            rows.sort_unstable_by(|a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)));
        }
        rows.into_iter()
            .map(|c| {
                Ok(KpiEntry {
                    id: c.0,
                    plan: plan.clone(),
                    kpi: KpiId::parse(&c.1)?,
                    period: Period::parse_key(&c.2)?,
                    value: value_of(&c.3, c.4)?,
                    narrative: c.5,
                    state: EntryState::parse(&c.6)?,
                    reason: c.7,
                    entered_by: c.8,
                    entered_at: c.9,
                    decided_by: c.10,
                    decided_at: c.11,
                    version: c.12,
                })
            })
            .collect()
    }
}
