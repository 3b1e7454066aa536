//! What one plan contributes to the roll-ups of the plans it serves, read from its stored
//! links (targets resolved), the parent plans' trees (which strategy each target sits under)
//! and its budget lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rust_decimal::Decimal;

use crate::args;
use crate::db::Tx;
use crate::error::{Error, Result};

/// One roll-up key: a served plan, a grain ('target' or 'strategy'), the element or KPI id of
/// that plan, and a budget year (0: the count row, and lines of no year).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct FactKey {
    pub target_plan: String,
    pub grain: &'static str,
    pub key: String,
    pub year: i64,
}

/// (items, budget in satang) per key.
pub(crate) type Facts = BTreeMap<FactKey, (i64, i64)>;

/// The key a plan-level KPI of the parent plan (under no strategy) rolls up under.
pub const WHOLE_PLAN: &str = "plan";

fn grain(g: &str) -> Result<&'static str> {
    match g {
        "target" => Ok("target"),
        "strategy" => Ok("strategy"),
        other => Err(Error::corrupt("roll-up grain", other)),
    }
}

/// The facts stored for `plan_id`.
pub(crate) async fn stored(tx: &mut Tx, plan_id: &str) -> Result<Facts> {
    let rows = tx
        .all(
            "SELECT target_plan, grain, key, year, items, budget_satang
             FROM rollup_plan_facts WHERE plan_id = $1",
            args![plan_id],
        )
        .await?;
    let mut out = Facts::new();
    for r in rows {
        out.insert(
            FactKey {
                target_plan: r.text(0)?,
                grain: grain(&r.text(1)?)?,
                key: r.text(2)?,
                year: r.int(3)?,
            },
            (r.int(4)?, r.int(5)?),
        );
    }
    Ok(out)
}

/// How many items the organization's own plans have on each year-0 key.
pub(crate) async fn own_items(tx: &mut Tx, org: &str) -> Result<HashMap<FactKey, i64>> {
    let rows = tx
        .all(
            "SELECT target_plan, grain, key, CAST(SUM(items) AS BIGINT) FROM rollup_plan_facts
             WHERE org_code = $1 AND year = 0 GROUP BY target_plan, grain, key",
            args![org],
        )
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        out.insert(
            FactKey {
                target_plan: r.text(0)?,
                grain: grain(&r.text(1)?)?,
                key: r.text(2)?,
                year: 0,
            },
            r.int(3)?,
        );
    }
    Ok(out)
}

/// Replaces the stored facts of `plan_id` with `facts`.
pub(crate) async fn replace(tx: &mut Tx, plan_id: &str, org: &str, facts: &Facts) -> Result<()> {
    tx.exec(
        "DELETE FROM rollup_plan_facts WHERE plan_id = $1",
        args![plan_id],
    )
    .await?;
    for (k, (items, budget)) in facts {
        tx.exec(
            "INSERT INTO rollup_plan_facts (plan_id, org_code, target_plan, grain, key, year,
                 items, budget_satang)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            args![
                plan_id,
                org,
                k.target_plan.as_str(),
                k.grain,
                k.key.as_str(),
                k.year,
                *items,
                *budget
            ],
        )
        .await?;
    }
    Ok(())
}

/// Each resolved target of `plan_id`'s links: (its plan, the top-level element it sits under,
/// or [`WHOLE_PLAN`] for a KPI of the plan as a whole).
async fn places(tx: &mut Tx, plan_id: &str) -> Result<HashMap<String, (String, String)>> {
    let rows = tx
        .all(
            "WITH RECURSIVE t (target_id) AS (
                 SELECT DISTINCT target_id FROM alignment_links
                 WHERE plan_id = $1 AND target_id IS NOT NULL
             ),
             start (target_id, plan_id, el) AS (
                 SELECT t.target_id, e.plan_id, e.id FROM t JOIN elements e ON e.id = t.target_id
                 UNION ALL
                 SELECT t.target_id, k.plan_id, k.element_id FROM t JOIN kpis k ON k.id = t.target_id
             ),
             up (target_id, plan_id, el, parent, depth) AS (
                 SELECT s.target_id, s.plan_id, e.id, e.parent_id, 0
                 FROM start s JOIN elements e ON e.id = s.el
                 UNION ALL
                 SELECT up.target_id, up.plan_id, e.id, e.parent_id, up.depth + 1
                 FROM up JOIN elements e ON e.id = up.parent
                 WHERE up.depth < 64
             )
             SELECT target_id, plan_id, el FROM up WHERE parent IS NULL
             UNION ALL
             SELECT target_id, plan_id, NULL FROM start WHERE el IS NULL",
            args![plan_id],
        )
        .await?;
    let mut out = HashMap::new();
    for r in rows {
        let strategy = r.opt_text(2)?.unwrap_or_else(|| WHOLE_PLAN.to_string());
        out.insert(r.text(0)?, (r.text(1)?, strategy));
    }
    Ok(out)
}

/// Baht written as a decimal, in whole satang.
fn satang(amount: &str) -> Result<i64> {
    let baht: Decimal = amount
        .parse()
        .map_err(|e| Error::corrupt("budget amount", e))?;
    let satang = (baht * Decimal::ONE_HUNDRED).normalize();
    if satang.scale() > 0 {
        return Err(Error::corrupt("budget amount", amount));
    }
    i64::try_from(satang).map_err(|e| Error::corrupt("budget amount", e))
}

/// The facts of `plan_id` as it is stored now: each element or KPI linked to targets counts
/// once per target and once per strategy of its targets, with its budget lines by year.
pub(crate) async fn current(tx: &mut Tx, plan_id: &str) -> Result<Facts> {
    let places = places(tx, plan_id).await?;
    let links = tx
        .all(
            "SELECT source_id, target_id FROM alignment_links
             WHERE plan_id = $1 AND target_id IS NOT NULL ORDER BY source_id",
            args![plan_id],
        )
        .await?;
    let mut targets_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for r in links {
        targets_of.entry(r.text(0)?).or_default().insert(r.text(1)?);
    }
    let mut budgets: HashMap<String, BTreeMap<i64, i64>> = HashMap::new();
    for r in tx
        .all(
            "SELECT b.element_id, b.year, b.amount_baht FROM budget_lines b
             JOIN elements e ON e.id = b.element_id
             WHERE e.plan_id = $1 AND b.element_id IN
                 (SELECT source_id FROM alignment_links WHERE plan_id = $1)",
            args![plan_id],
        )
        .await?
    {
        let year = r.opt_int(1)?.unwrap_or(0);
        *budgets
            .entry(r.text(0)?)
            .or_default()
            .entry(year)
            .or_default() += satang(&r.text(2)?)?;
    }
    let mut facts = Facts::new();
    let mut add =
        |target_plan: &str, grain: &'static str, key: &str, lines: Option<&BTreeMap<i64, i64>>| {
            let at = |year: i64| FactKey {
                target_plan: target_plan.to_string(),
                grain,
                key: key.to_string(),
                year,
            };
            facts.entry(at(0)).or_default().0 += 1;
            for (year, amount) in lines.into_iter().flatten() {
                facts.entry(at(*year)).or_default().1 += amount;
            }
        };
    for (source, targets) in &targets_of {
        let lines = budgets.get(source);
        let mut strategies: BTreeSet<(&str, &str)> = BTreeSet::new();
        for t in targets {
            let Some((tp, strategy)) = places.get(t) else {
                continue;
            };
            add(tp, "target", t, lines);
            strategies.insert((tp, strategy));
        }
        for (tp, strategy) in strategies {
            add(tp, "strategy", strategy, lines);
        }
    }
    Ok(facts)
}
