//! `phaen synth`: loads the national data set (the department, 77 provincial offices, the
//! national plan and thousands of cooperatives with their plans and approved monthly values)
//! into the database, generating each cooperative while the one before it is being stored, so
//! the whole set is never held in memory. Cooperatives already stored are skipped, so an
//! interrupted load can be run again.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use phaen_domain::evaluate::Aggregation;
use phaen_domain::progress::{EntryState, Frequency};
use phaen_store::progress::{ReportingSetup, SubjectKind};
use phaen_store::{OrgStore, PlanStore, Store};
use phaen_synth::{CoopData, Nation};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many cooperatives and farmer groups (spread over the 77 provinces).
    #[arg(long, default_value_t = 12_000)]
    coops: usize,
    /// Years of each cooperative's plan, from 2566 (1-5).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=5))]
    years: u16,
    /// Seed of the generator; the same seed gives the same data, ids included.
    #[arg(long, default_value_t = 2568)]
    seed: u64,
}

pub async fn run(store: &Store, db: &str, args: Args) -> Result<()> {
    let started = Instant::now();
    let nation = Arc::new(Nation::new(args.seed, args.coops, args.years));
    for org in nation.head_orgs() {
        store.upsert_org(&org).await?;
    }
    let known: HashSet<String> = store
        .list_plans()
        .await?
        .into_iter()
        .map(|p| p.id.to_string())
        .collect();
    if !known.contains(nation.national.id.as_str()) {
        store
            .insert_plan(&nation.national)
            .await
            .context("cannot store the national plan")?;
    }
    // Generation runs on its own thread, a few cooperatives ahead of storing.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<CoopData>(4);
    let gen_nation = nation.clone();
    let generator = tokio::task::spawn_blocking(move || {
        for i in 0..gen_nation.coops() {
            if tx.blocking_send(gen_nation.cooperative(i)).is_err() {
                break;
            }
        }
    });
    let (mut stored, mut skipped, mut values) = (0usize, 0usize, 0usize);
    let mut last_report = Instant::now();
    // Seconds spent storing plans, reporting set-ups and values.
    let mut spent = [0.0; 3];
    while let Some(c) = rx.recv().await {
        if known.contains(c.plan.id.as_str()) {
            skipped += 1;
            continue;
        }
        store_one(store, &c, &mut spent).await?;
        stored += 1;
        values += c.values.len();
        if last_report.elapsed().as_secs() >= 5 {
            last_report = Instant::now();
            report(stored + skipped, args.coops, values, started);
        }
    }
    generator.await.context("the generator stopped")?;
    report(stored + skipped, args.coops, values, started);
    println!(
        "national data set in {}: {} organizations, {} cooperative plans stored ({} already there) and the national plan, {} approved monthly values, in {:.1} s",
        phaen_store::db::redact(db),
        1 + phaen_synth::PROVINCES + args.coops,
        stored,
        skipped,
        values,
        started.elapsed().as_secs_f64()
    );
    println!(
        "storing took {:.1} s for plans, {:.1} s for reporting set-ups, {:.1} s for values",
        spent[0], spent[1], spent[2]
    );
    println!("national plan: {}", nation.national.id);
    Ok(())
}

/// The cooperative, its plan, monthly reporting of its KPIs (the latest value counts) and
/// its values, approved.
async fn store_one(store: &Store, c: &CoopData, spent: &mut [f64; 3]) -> Result<()> {
    let t = Instant::now();
    store.upsert_org(&c.org).await?;
    store
        .insert_plan(&c.plan)
        .await
        .with_context(|| format!("cannot store the plan of {}", c.org.code))?;
    let setups: Vec<ReportingSetup> = c
        .plan
        .all_kpis()
        .into_iter()
        .map(|(_, k)| ReportingSetup {
            subject: k.id.to_string(),
            kind: SubjectKind::Kpi,
            frequency: Frequency::Monthly,
            aggregation: Aggregation::Latest,
            weight: 1.into(),
            owner_user: None,
            owner_unit: None,
        })
        .collect();
    spent[0] += t.elapsed().as_secs_f64();
    let t = Instant::now();
    store.set_reportings(&c.plan.id, &setups, None).await?;
    spent[1] += t.elapsed().as_secs_f64();
    let t = Instant::now();
    store
        .bulk_save_kpi_entries(&c.plan.id, &c.values, EntryState::Approved, "phaen synth")
        .await
        .with_context(|| format!("cannot store the values of {}", c.org.code))?;
    spent[2] += t.elapsed().as_secs_f64();
    Ok(())
}

fn report(done: usize, all: usize, values: usize, started: Instant) {
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "synth: {done}/{all} cooperatives, {values} values, {secs:.0} s ({:.0} values/s)",
        values as f64 / secs.max(0.001)
    );
}
