//! `phaen plan list|summary`, `phaen kpi list`, `phaen project list`, `phaen org list`.

use anyhow::Result;
use clap::Subcommand;

use phaen_store::{OrgStore, PlanStore, Store};

use crate::output::print_json;
use phaen_domain::views;

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Every plan in the database.
    List {
        #[arg(long)]
        json: bool,
    },
    /// The earlier revisions kept for a plan.
    Revisions {
        plan: String,
        #[arg(long)]
        json: bool,
    },
    /// What a plan holds: counts, SWOT, budget per year.
    Summary {
        /// The plan's id, or the first characters of it.
        plan: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KpiCommand {
    /// Every KPI of a plan, at every level, with its yearly targets.
    List {
        plan: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// Every project of a plan with its budget per year and responsible units.
    List {
        plan: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Every organization, with its parent and units.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub async fn run_plan(store: &Store, c: PlanCommand) -> Result<()> {
    match c {
        PlanCommand::List { json } => {
            let plans: Vec<views::ListedPlan> = store
                .list_plans()
                .await?
                .into_iter()
                .map(|p| views::ListedPlan {
                    id: p.id.to_string(),
                    title: p.title,
                    org: p.org.to_string(),
                    kind: p.kind.as_str().into(),
                    period: views::PeriodView {
                        from: p.from.get(),
                        to: p.to.get(),
                    },
                })
                .collect();
            if json {
                return print_json(&plans);
            }
            if plans.is_empty() {
                println!("no plans yet: try `phaen demo` or `phaen import FILE`");
            }
            for p in plans {
                println!(
                    "{}  {}-{}  {:<16} {:<12} {}",
                    p.id, p.period.from, p.period.to, p.kind, p.org, p.title
                );
            }
            Ok(())
        }
        PlanCommand::Revisions { plan, json } => {
            let id = store.resolve_plan(&plan).await?;
            let current = store.load_plan(&id).await?;
            let revisions: Vec<serde_json::Value> = store
                .list_revisions(&id)
                .await?
                .into_iter()
                .map(|r| serde_json::json!({"number": r.number, "title": r.title, "replaced_at_ms": r.replaced_at, "current": false}))
                .chain([serde_json::json!({
                    "number": current.revision.as_ref().map_or(1, |r| r.number),
                    "title": current.title,
                    "current": true,
                })])
                .collect();
            if json {
                return print_json(&revisions);
            }
            for r in revisions {
                println!(
                    "revision {}{}  {}",
                    r["number"],
                    if r["current"] == true {
                        " (current)"
                    } else {
                        ""
                    },
                    r["title"].as_str().unwrap_or("")
                );
            }
            Ok(())
        }
        PlanCommand::Summary { plan, json } => {
            let id = store.resolve_plan(&plan).await?;
            let s = views::summary(&store.load_plan(&id).await?);
            if json {
                return print_json(&s);
            }
            println!("{} [{}] {}", s.title, s.kind, s.id);
            println!(
                "  owner {}, {}-{}, status {}",
                s.org, s.period.from, s.period.to, s.status
            );
            if let Some(v) = &s.vision {
                println!("  vision: {v}");
            }
            let c = &s.counts;
            println!(
                "  {} missions, {} goals, {} strategic issues, {} strategies, {} guidelines",
                c.missions, c.goals, c.strategic_issues, c.strategies, c.guidelines
            );
            println!(
                "  {} projects, {} activities, {} KPIs, {} targets, {} budget lines",
                c.projects, c.activities, c.kpis, c.kpi_targets, c.budget_lines
            );
            for (year, baht) in &s.budget_baht_by_year {
                println!("  budget {year}: {baht} baht");
            }
            Ok(())
        }
    }
}

pub async fn run_kpi(store: &Store, c: KpiCommand) -> Result<()> {
    let KpiCommand::List { plan, json } = c;
    let id = store.resolve_plan(&plan).await?;
    let kpis = views::kpi_list(&store.load_plan(&id).await?);
    if json {
        return print_json(&kpis);
    }
    for k in kpis {
        let targets: Vec<String> = k["targets"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| format!("{}: {}", t["year"], t["display"].as_str().unwrap_or("")))
            .collect();
        println!(
            "{} {} [{}] {}",
            k["label"].as_str().unwrap_or("-"),
            k["name"].as_str().unwrap_or(""),
            k["unit"].as_str().unwrap_or(""),
            targets.join(", ")
        );
    }
    Ok(())
}

pub async fn run_project(store: &Store, c: ProjectCommand) -> Result<()> {
    let ProjectCommand::List { plan, json } = c;
    let id = store.resolve_plan(&plan).await?;
    let projects = views::project_list(&store.load_plan(&id).await?);
    if json {
        return print_json(&projects);
    }
    for p in projects {
        println!(
            "{} {}  budget {}  main {}",
            p["label"].as_str().unwrap_or("-"),
            p["name"].as_str().unwrap_or(""),
            p["budget_baht"],
            p["responsible"]["main"]
        );
    }
    Ok(())
}

pub async fn run_org(store: &Store, c: OrgCommand) -> Result<()> {
    let OrgCommand::List { json } = c;
    let orgs = store.list_orgs().await?;
    if json {
        return print_json(&orgs);
    }
    for o in orgs {
        println!(
            "{:<14} {:<18} {} (under {})",
            o.code.as_str(),
            o.kind.as_str(),
            o.name_th,
            o.parent.as_ref().map_or("-", |p| p.as_str())
        );
    }
    Ok(())
}
