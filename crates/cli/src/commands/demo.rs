//! `phaen demo`: fills the database with Phaen's own demo organizations, plans and sign-ins
//! (those it does not hold yet) and says what is there, ending with the demo sign-ins.

use anyhow::{Context, Result};
use phaen_domain::{Membership, OrgCode, Role};
use phaen_store::{NewUser, OrgStore, PlanStore, Store, UserStore};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the generator; the same seed gives the same demo.
    #[arg(long, default_value_t = 2568)]
    seed: u64,
    /// Build the demo database and stop, without serving the web application.
    #[arg(long)]
    no_serve: bool,
    #[command(flatten)]
    serve: super::serve::ServeArgs,
}

pub async fn run(store: &Store, db: &str, args: Args) -> Result<()> {
    // A wrong certificate or key stops the demo before it adds any demo data.
    let tls = if args.no_serve {
        None
    } else {
        args.serve.load_tls()?
    };
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
    let reported = add_demo_progress(store, &data.plans, args.seed).await?;
    if reported > 0 {
        println!("demo progress: {reported} approved yearly values for the years that have ended");
    }
    let projects = add_demo_project_reports(store, &data.plans, args.seed).await?;
    if projects > 0 {
        println!("demo project reports: {projects} approved, one per project and year so far");
    }
    let users = phaen_synth::demo_users();
    let created = add_demo_users(store, &users).await?;
    println!(
        "demo sign-ins ({created} new; demo passwords, never for real data): username / password / role / organization"
    );
    for u in &users {
        let role = Role::parse(&u.role)?;
        println!(
            "  {} / {} / {} ({}) / {}",
            u.username,
            u.password,
            role,
            role.label_th(),
            u.org
        );
    }
    if args.no_serve {
        println!("next: `phaen serve`, `phaen plan summary ID`, `phaen export ID --format json`");
        return Ok(());
    }
    println!(
        "open {}/ in a browser and sign in with one of the accounts above",
        args.serve.url(&tls)
    );
    super::serve::serve(store, &args.serve, tls).await
}

/// Creates the demo users the database lacks (a user already there, whatever their password
/// now is, is left alone); returns how many were created.
async fn add_demo_users(store: &Store, users: &[phaen_synth::DemoUser]) -> Result<usize> {
    let mut created = 0;
    for u in users {
        if store.user_by_username(&u.username).await?.is_some() {
            continue;
        }
        let new = NewUser {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            password_hash: phaen_auth::hash_password(&u.password)?,
            memberships: vec![Membership::new(
                OrgCode::parse(&u.org)?,
                Role::parse(&u.role)?,
            )],
        };
        store
            .create_user(&new)
            .await
            .with_context(|| format!("cannot create demo user '{}'", u.username))?;
        created += 1;
    }
    Ok(created)
}

/// Approved yearly values for the demo plans' years that have ended, for plans that have no
/// progress yet; returns how many were added.
async fn add_demo_progress(
    store: &Store,
    plans: &[phaen_domain::Plan],
    seed: u64,
) -> Result<usize> {
    let today = phaen_store::today_in_bangkok();
    let mut added = 0;
    for plan in plans {
        if !store.kpi_entries(&plan.id, None).await?.is_empty() {
            continue;
        }
        let Ok(current) = plan.year_basis.year_of(today) else {
            continue;
        };
        let Ok(through) = phaen_domain::BeYear::new(current.get() - 1) else {
            continue;
        };
        let rows: Vec<phaen_domain::bulk::ValidRow> =
            phaen_synth::demo_progress(plan, through, seed)
                .into_iter()
                .enumerate()
                .map(|(i, v)| phaen_domain::bulk::ValidRow {
                    row: i + 1,
                    kpi: v.kpi,
                    period: v.period,
                    value: v.value,
                    narrative: v.narrative,
                })
                .collect();
        if rows.is_empty() {
            continue;
        }
        store
            .bulk_save_kpi_entries(
                &plan.id,
                &rows,
                phaen_domain::progress::EntryState::Approved,
                "phaen demo",
            )
            .await
            .with_context(|| format!("cannot store demo progress of '{}'", plan.title))?;
        added += rows.len();
    }
    Ok(added)
}

/// Approved project reports for the demo plans (the last quarter of each ended year and the
/// latest ended quarter of this one), for plans that have none yet; returns how many.
async fn add_demo_project_reports(
    store: &Store,
    plans: &[phaen_domain::Plan],
    seed: u64,
) -> Result<usize> {
    use phaen_domain::progress::{EntryState, Frequency, Period};
    let today = phaen_store::today_in_bangkok();
    let mut added = 0;
    for plan in plans {
        if !store.project_entries(&plan.id, None).await?.is_empty() {
            continue;
        }
        let Ok(current) = plan.year_basis.year_of(today) else {
            continue;
        };
        let quarter = (1..=4).rev().find(|q| {
            Period::new(current, Frequency::Quarterly, *q)
                .and_then(|p| p.bounds(plan.year_basis))
                .is_ok_and(|(_, end)| end < today)
        });
        for r in phaen_synth::demo_project_reports(plan, current, quarter, seed) {
            let saved = store
                .save_project_entry(&plan.id, &r.project, r.period, &r.report, None)
                .await
                .with_context(|| {
                    format!("cannot store a demo project report of '{}'", plan.title)
                })?;
            store
                .move_project_entry(
                    &plan.id,
                    &saved.id,
                    EntryState::Submitted,
                    None,
                    saved.version,
                )
                .await?;
            store
                .move_project_entry(
                    &plan.id,
                    &saved.id,
                    EntryState::Approved,
                    None,
                    saved.version + 1,
                )
                .await?;
            added += 1;
        }
    }
    Ok(added)
}
