//! Roll-ups up the organization tree (cooperative -> province -> nation), kept up to date in
//! the transaction that saves or deletes a plan: what each plan contributes to the plans it
//! serves (`rollup_plan_facts`), and the same summed over every organization's subtree
//! (`rollup_totals`, changed by the difference only), so a national view reads a few hundred
//! rows. Money is whole satang, summed exactly by the database.

mod achievement;
mod facts;
mod read;

pub use read::{Rollup, RollupChild, RollupRow};

use std::collections::{BTreeMap, HashMap};

use crate::args;
use crate::db::{Pool, Tx};
use crate::error::Result;

pub(crate) use achievement::refresh_in as refresh_achievement_in;
pub(crate) use facts::FactKey;

/// Brings `plan_id`'s contribution up to date inside `tx`: its facts as the plan now stands
/// (none when `gone`, for a plan about to be deleted), and every total of its organization and
/// the organizations above by the difference.
pub(crate) async fn refresh_in(tx: &mut Tx, plan_id: &str, gone: bool) -> Result<()> {
    let Some(org) = tx
        .one("SELECT org_code FROM plans WHERE id = $1", args![plan_id])
        .await?
    else {
        return Ok(());
    };
    let org = org.text(0)?;
    let old = facts::stored(tx, plan_id).await?;
    let new = if gone {
        BTreeMap::new()
    } else {
        facts::current(tx, plan_id).await?
    };
    if old == new {
        return Ok(());
    }
    // Whether the organization itself serves each key, before and after (its other plans count).
    let own_before = facts::own_items(tx, &org).await?;
    let mut own_after = own_before.clone();
    for (k, v) in old.iter().filter(|(k, _)| k.year == 0) {
        *own_after.entry(k.clone()).or_default() -= v.0;
    }
    for (k, v) in new.iter().filter(|(k, _)| k.year == 0) {
        *own_after.entry(k.clone()).or_default() += v.0;
    }
    let mut deltas: HashMap<FactKey, (i64, i64, i64)> = HashMap::new();
    for (k, (items, budget)) in &old {
        let d = deltas.entry(k.clone()).or_default();
        d.0 -= items;
        d.2 -= budget;
    }
    for (k, (items, budget)) in &new {
        let d = deltas.entry(k.clone()).or_default();
        d.0 += items;
        d.2 += budget;
    }
    for (k, d) in deltas.iter_mut().filter(|(k, _)| k.year == 0) {
        let before = own_before.get(k).copied().unwrap_or_default() > 0;
        let after = own_after.get(k).copied().unwrap_or_default() > 0;
        d.1 = i64::from(after) - i64::from(before);
    }
    facts::replace(tx, plan_id, &org, &new).await?;
    let mut chain = vec![org.clone()];
    let code = phaen_domain::OrgCode::parse(&org)?;
    chain.extend(
        crate::orgs::ancestors_in(tx, &code)
            .await?
            .into_iter()
            .map(|c| c.to_string()),
    );
    for (k, (items, orgs, budget)) in deltas {
        if items == 0 && orgs == 0 && budget == 0 {
            continue;
        }
        for o in &chain {
            tx.exec(
                "INSERT INTO rollup_totals (target_plan, org_code, grain, key, year, items, orgs,
                     budget_satang)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (target_plan, org_code, grain, key, year) DO UPDATE SET
                     items = rollup_totals.items + excluded.items,
                     orgs = rollup_totals.orgs + excluded.orgs,
                     budget_satang = rollup_totals.budget_satang + excluded.budget_satang",
                args![
                    k.target_plan.as_str(),
                    o.as_str(),
                    k.grain,
                    k.key.as_str(),
                    k.year,
                    items,
                    orgs,
                    budget
                ],
            )
            .await?;
        }
    }
    Ok(())
}

/// Builds every roll-up afresh from the stored plans, in one transaction; returns how many
/// plans contribute. For a database older than the roll-ups, or after organizations moved.
pub(crate) async fn rebuild_in(tx: &mut Tx) -> Result<usize> {
    tx.exec("DELETE FROM rollup_totals", args![]).await?;
    tx.exec("DELETE FROM rollup_plan_facts", args![]).await?;
    let ids = tx
        .all(
            "SELECT DISTINCT plan_id FROM alignment_links WHERE target_id IS NOT NULL
             ORDER BY plan_id",
            args![],
        )
        .await?;
    for r in &ids {
        refresh_in(tx, &r.text(0)?, false).await?;
    }
    tx.exec("DELETE FROM rollup_achievement_totals", args![])
        .await?;
    tx.exec("DELETE FROM rollup_achievement", args![]).await?;
    let followed = tx
        .all(
            "SELECT id FROM plans WHERE status IN ('approved', 'published') ORDER BY id",
            args![],
        )
        .await?;
    for r in &followed {
        let id = phaen_domain::PlanId::parse(&r.text(0)?)?;
        refresh_achievement_in(tx, &id, None, false).await?;
    }
    tx.exec("DELETE FROM rollup_built", args![]).await?;
    tx.exec(
        "INSERT INTO rollup_built (built_at) VALUES ($1)",
        args![crate::now_ms()],
    )
    .await?;
    Ok(ids.len())
}

/// Builds the roll-ups of a database that has never had them (one cheap query otherwise); on
/// PostgreSQL two servers starting at once build them once.
pub(crate) async fn backfill(pool: &Pool) -> Result<()> {
    const BUILT: &str = "SELECT built_at FROM rollup_built";
    if pool.one(BUILT, args![]).await?.is_some() {
        return Ok(());
    }
    let mut tx = pool.begin_write().await?;
    if tx.backend() == crate::Backend::Postgres {
        tx.one("SELECT pg_advisory_xact_lock(7271014)", args![])
            .await?;
    }
    if tx.one(BUILT, args![]).await?.is_none() {
        rebuild_in(&mut tx).await?;
    }
    tx.commit().await
}

impl crate::Store {
    /// Builds every roll-up afresh (`phaen rollup --rebuild`); returns how many plans serve
    /// another.
    pub async fn rebuild_rollups(&self) -> Result<usize> {
        let mut tx = self.pool().begin_write().await?;
        let n = rebuild_in(&mut tx).await?;
        tx.commit().await?;
        Ok(n)
    }
}
