//! `phaen import FILE [--org CODE] [--dry-run]`: reads a plan document and stores it whole, or
//! not at all. This version reads Phaen's canonical plan JSON.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use phaen_domain::rules::{self, Problem};
use phaen_domain::summary::{self, Counts};
use phaen_domain::{OrgCode, Plan};
use phaen_store::{OrgStore, PlanStore, Store};

use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document to import.
    file: PathBuf,
    /// Give the plan to this organization (its code) instead of the owner the file names.
    #[arg(long)]
    org: Option<String>,
    /// Read and check the file, print the report, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print one JSON value: {"plan_id": ..., "report": ...}.
    #[arg(long)]
    json: bool,
}

/// What the import understood.
#[derive(Debug, Serialize)]
pub struct Report {
    pub source: String,
    pub format: &'static str,
    pub encoding: &'static str,
    pub dry_run: bool,
    pub title: String,
    pub org: String,
    pub counts: Counts,
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Serialize)]
struct Outcome {
    plan_id: Option<String>,
    report: Report,
}

pub async fn run(store: &Store, args: Args) -> Result<()> {
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {shown}"))?;
    let mut plan = read_plan(&bytes).with_context(|| format!("cannot import {shown}"))?;
    if let Some(code) = &args.org {
        let code = OrgCode::parse(code)?;
        plan.owner = store
            .org(&code)
            .await
            .with_context(|| format!("--org {code}: no such organization"))?;
    }
    let report = Report {
        source: shown.clone(),
        format: "phaen-json",
        encoding: "utf-8",
        dry_run: args.dry_run,
        title: plan.title.clone(),
        org: plan.owner.code.to_string(),
        counts: summary::counts(&plan),
        warnings: rules::warnings(&plan),
    };
    let plan_id = if args.dry_run {
        None
    } else {
        store
            .insert_plan(&plan)
            .await
            .with_context(|| format!("cannot import {shown}; nothing was written"))?;
        Some(plan.id.to_string())
    };
    if args.json {
        return print_json(&Outcome { plan_id, report });
    }
    match &plan_id {
        Some(id) => println!("imported plan {id}: {} ({})", report.title, report.org),
        None => println!(
            "dry run: {} ({}) was read; nothing was written",
            report.title, report.org
        ),
    }
    let c = &report.counts;
    println!(
        "  {} missions, {} goals, {} strategies, {} guidelines, {} projects, {} KPIs with {} targets",
        c.missions, c.goals, c.strategies, c.guidelines, c.projects, c.kpis, c.kpi_targets
    );
    for w in &report.warnings {
        println!("  warning: {w}");
    }
    Ok(())
}

/// Reads the bytes of a plan file, telling apart what it cannot read.
pub fn read_plan(bytes: &[u8]) -> Result<Plan> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!("the file is empty");
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| anyhow::anyhow!("the file is not UTF-8 text (byte {})", e.valid_up_to()))?;
    if !text.trim_start().starts_with('{') {
        bail!(
            "this is not a Phaen plan JSON file; this version imports the canonical JSON that \
             `phaen export --format json` writes"
        );
    }
    Ok(Plan::from_json(text)?)
}
