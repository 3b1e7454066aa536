//! KPI achievement rolled up the organization tree: for each followed plan (approved or
//! published) and year, how many KPIs are achieved, partly achieved, not achieved, without
//! data or without a target, from the approved values; kept in the transaction that changes
//! what decides it (approved values, the reporting set-up, the plan, its status) and summed
//! over every organization's subtree by the difference.

use std::collections::{BTreeMap, HashMap};

use phaen_domain::evaluate::{Aggregation, Following, Rules, evaluate_plan_year};
use phaen_domain::progress::{EntryState, Frequency};
use phaen_domain::{BeYear, OrgCode, Plan, PlanId};

use crate::args;
use crate::db::Tx;
use crate::error::Result;

/// (year, status) -> KPIs.
type Counts = BTreeMap<(i64, String), i64>;

async fn stored(tx: &mut Tx, plan: &str) -> Result<Counts> {
    let mut out = Counts::new();
    for r in tx
        .all(
            "SELECT year, status, kpis FROM rollup_achievement WHERE plan_id = $1",
            args![plan],
        )
        .await?
    {
        out.insert((r.int(0)?, r.text(1)?), r.int(2)?);
    }
    Ok(out)
}

async fn following(tx: &mut Tx, plan: &str) -> Result<HashMap<String, Following>> {
    let mut out = HashMap::new();
    for r in tx
        .all(
            "SELECT subject, frequency, aggregation FROM reporting_setups
             WHERE plan_id = $1 AND subject_kind = 'kpi'",
            args![plan],
        )
        .await?
    {
        let aggregation = r.text(2)?;
        let aggregation = Aggregation::ALL
            .into_iter()
            .find(|a| a.as_str() == aggregation)
            .unwrap_or_default();
        out.insert(r.text(0)?, (Frequency::parse(&r.text(1)?)?, aggregation));
    }
    Ok(out)
}

/// The counts `plan` has now: none unless it is followed.
async fn current(tx: &mut Tx, plan: &Plan, status: &str) -> Result<Counts> {
    let mut out = Counts::new();
    if !matches!(status, "approved" | "published") {
        return Ok(out);
    }
    let pid = plan.id.as_str();
    let how = following(tx, pid).await?;
    let mut approved_by_year: HashMap<i64, HashMap<(String, String), _>> = HashMap::new();
    for r in tx
        .all(
            crate::db::AssertSqlSafe(format!(
                "SELECT {} FROM kpi_progress WHERE plan_id = $1 AND state = $2",
                crate::progress::ENTRY_COLUMNS
            )),
            args![pid, EntryState::Approved.as_str()],
        )
        .await?
    {
        let e = crate::progress::entry_of(&r)?;
        approved_by_year
            .entry(i64::from(e.period.year.get()))
            .or_default()
            .insert((e.kpi.to_string(), e.period.key()), e.value);
    }
    let empty = HashMap::new();
    for year in plan.period.years() {
        let approved = approved_by_year
            .get(&i64::from(year.get()))
            .unwrap_or(&empty);
        for (_, _, e) in evaluate_plan_year(plan, year, &how, approved, Rules::default()) {
            *out.entry((i64::from(year.get()), e.status.as_str().to_string()))
                .or_default() += 1;
        }
    }
    Ok(out)
}

/// Brings the achievement counts of `plan_id` up to date inside `tx` (none when `gone`, for a
/// plan about to be deleted), and its organization's and every one above by the difference.
/// `known` is the plan as just saved, when the caller has it.
pub(crate) async fn refresh_in(
    tx: &mut Tx,
    plan_id: &PlanId,
    known: Option<&Plan>,
    gone: bool,
) -> Result<()> {
    let Some(row) = tx
        .one(
            "SELECT org_code, status FROM plans WHERE id = $1",
            args![plan_id.as_str()],
        )
        .await?
    else {
        return Ok(());
    };
    let (org, status) = (row.text(0)?, row.text(1)?);
    let old = stored(tx, plan_id.as_str()).await?;
    let new = if gone {
        Counts::new()
    } else {
        let loaded;
        let plan = match known {
            Some(p) => p,
            None => {
                loaded = crate::plans::load::load_plan(tx, plan_id).await?;
                &loaded
            }
        };
        current(tx, plan, &status).await?
    };
    if old == new {
        return Ok(());
    }
    tx.exec(
        "DELETE FROM rollup_achievement WHERE plan_id = $1",
        args![plan_id.as_str()],
    )
    .await?;
    for ((year, status), kpis) in &new {
        tx.exec(
            "INSERT INTO rollup_achievement (plan_id, org_code, year, status, kpis)
             VALUES ($1, $2, $3, $4, $5)",
            args![
                plan_id.as_str(),
                org.as_str(),
                *year,
                status.as_str(),
                *kpis
            ],
        )
        .await?;
    }
    let mut delta: BTreeMap<(i64, String), i64> = BTreeMap::new();
    for (k, v) in old {
        *delta.entry(k).or_default() -= v;
    }
    for (k, v) in new {
        *delta.entry(k).or_default() += v;
    }
    let code = OrgCode::parse(&org)?;
    let mut chain = vec![code.clone()];
    chain.extend(crate::orgs::ancestors_in(tx, &code).await?);
    for ((year, status), d) in delta.into_iter().filter(|(_, d)| *d != 0) {
        for o in &chain {
            tx.exec(
                "INSERT INTO rollup_achievement_totals (org_code, year, status, kpis)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (org_code, year, status) DO UPDATE SET
                     kpis = rollup_achievement_totals.kpis + excluded.kpis",
                args![o.as_str(), year, status.as_str(), d],
            )
            .await?;
        }
    }
    Ok(())
}

impl crate::Store {
    /// The KPI achievement of the followed plans of `org` and every organization below it:
    /// (year, status) -> KPIs.
    pub async fn achievement(&self, org: &OrgCode) -> Result<BTreeMap<(i64, String), i64>> {
        let mut out = BTreeMap::new();
        for r in self
            .pool()
            .all(
                "SELECT year, status, kpis FROM rollup_achievement_totals
                 WHERE org_code = $1 AND kpis <> 0",
                args![org.as_str()],
            )
            .await?
        {
            out.insert((r.int(0)?, r.text(1)?), r.int(2)?);
        }
        Ok(out)
    }

    /// The same for each organization directly below `org` in `year`: (org, status) -> KPIs.
    pub async fn achievement_below(
        &self,
        org: &OrgCode,
        year: BeYear,
    ) -> Result<BTreeMap<(String, String), i64>> {
        let mut out = BTreeMap::new();
        for r in self
            .pool()
            .all(
                // CROSS JOIN: SQLite walks the organizations below first (see rollup::read).
                "SELECT t.org_code, t.status, t.kpis FROM orgs o
                 CROSS JOIN rollup_achievement_totals t
                 WHERE o.parent_code = $1 AND t.org_code = o.code AND t.year = $2
                   AND t.kpis <> 0",
                args![org.as_str(), i64::from(year.get())],
            )
            .await?
        {
            out.insert((r.text(0)?, r.text(1)?), r.int(2)?);
        }
        Ok(out)
    }
}
