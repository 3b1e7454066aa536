//! `phaen demo`: fills the database with Phaen's own demo organizations and plans (when it
//! holds none of them yet) and says what is there.

use anyhow::{Context, Result};
use phaen_store::{OrgStore, PlanStore, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the generator; the same seed gives the same demo.
    #[arg(long, default_value_t = 2568)]
    seed: u64,
}

pub async fn run(store: &Store, db: &str, args: Args) -> Result<()> {
    let data = phaen_synth::demo(args.seed);
    let known = store.list_plans().await?;
    let mut added = 0;
    for org in &data.orgs {
        store.upsert_org(org).await?;
    }
    for plan in &data.plans {
        if known.iter().any(|p| p.id == plan.id) {
            continue;
        }
        store
            .insert_plan(plan)
            .await
            .with_context(|| format!("cannot store demo plan '{}'", plan.title))?;
        added += 1;
    }
    println!(
        "demo database {}: {} organizations, {} plans ({} new)",
        phaen_store::db::redact(db),
        data.orgs.len(),
        data.plans.len(),
        added
    );
    for p in store.list_plans().await? {
        println!("  {}  {}-{}  {}", p.id, p.from, p.to, p.title);
    }
    println!("next: `phaen plan summary ID`, `phaen kpi list ID`, `phaen export ID --format json`");
    Ok(())
}
