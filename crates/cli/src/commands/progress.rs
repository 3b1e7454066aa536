//! `phaen progress import FILE --plan KEY` takes many progress values at once from a CSV or
//! Excel file: every row is checked against the plan first, and either all are saved in one
//! transaction or none, with the rejected rows listed (row, column, why). `phaen progress
//! template PLAN --year Y` writes the file to fill in: one row per KPI and period.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde::Serialize;

use phaen_domain::bulk::{Rejected, check_rows};
use phaen_domain::progress::{EntryState, Frequency, Period};
use phaen_domain::{BeYear, KpiId};
use phaen_store::{PlanStore, Store};

#[derive(Debug, clap::Subcommand)]
pub enum ProgressCommand {
    /// Save many progress values from a CSV or Excel file (all rows or none).
    Import(ImportArgs),
    /// Write a CSV to fill in: one row per KPI and reporting period of a year.
    Template(TemplateArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// A .csv (UTF-8, UTF-16 or TIS-620) or .xlsx file with columns kpi, period, value
    /// [, narrative].
    file: PathBuf,
    /// The plan: its id or the first characters of it.
    #[arg(long)]
    plan: String,
    /// The state the values are saved in: draft, submitted or approved (historical data).
    #[arg(long, default_value = "draft")]
    state: String,
    /// Check the file and report, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print one JSON value: {"saved": n, "rejected": [...]}.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The plan: its id or the first characters of it.
    plan: String,
    /// The Buddhist-Era year (default: the plan's first year).
    #[arg(long)]
    year: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Serialize)]
struct Outcome {
    plan_id: String,
    rows: usize,
    saved: usize,
    added: usize,
    replaced: usize,
    dry_run: bool,
    rejected: Vec<Rejected>,
}

pub async fn run(store: &Store, command: ProgressCommand) -> Result<()> {
    match command {
        ProgressCommand::Import(args) => import(store, args).await,
        ProgressCommand::Template(args) => template(store, args).await,
    }
}

/// How often each KPI of the plan reports, from its set-up (yearly when unset).
async fn frequencies(
    store: &Store,
    plan: &phaen_domain::PlanId,
) -> Result<HashMap<KpiId, Frequency>> {
    Ok(store
        .reporting_setups(plan)
        .await?
        .into_iter()
        .filter_map(|s| Some((KpiId::parse(&s.subject).ok()?, s.frequency)))
        .collect())
}

async fn import(store: &Store, args: ImportArgs) -> Result<()> {
    let state = EntryState::parse(&args.state)
        .ok()
        .filter(|s| {
            matches!(
                s,
                EntryState::Draft | EntryState::Submitted | EntryState::Approved
            )
        })
        .with_context(|| format!("--state '{}': use draft, submitted or approved", args.state))?;
    let id = store.resolve_plan(&args.plan).await?;
    let plan = store.load_plan(&id).await?;
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {shown}"))?;
    let raw = phaen_import::progress_file::read(&bytes, &shown)
        .with_context(|| format!("cannot read {shown}; nothing was written"))?;
    let (valid, mut rejected) = check_rows(&plan, &frequencies(store, &id).await?, &raw);
    let locked = store.locked_kpi_entries(&id).await?;
    for r in &valid {
        if locked.contains(&(r.kpi.to_string(), r.period.key())) {
            rejected.push(Rejected {
                row: r.row,
                column: "period",
                message_th: format!("งวด {} ส่งอนุมัติหรืออนุมัติแล้ว แก้ไขจากไฟล์ไม่ได้", r.period.key()),
                message_en: format!("period {} is already submitted or approved", r.period.key()),
            });
        }
    }
    rejected.sort_by_key(|r| r.row);
    let mut outcome = Outcome {
        plan_id: id.to_string(),
        rows: raw.len(),
        saved: 0,
        added: 0,
        replaced: 0,
        dry_run: args.dry_run,
        rejected,
    };
    if outcome.rejected.is_empty() && !args.dry_run {
        let saved = store
            .bulk_save_kpi_entries(&id, &valid, state, &shown)
            .await
            .with_context(|| format!("cannot save {shown}; nothing was written"))?;
        outcome.saved = valid.len();
        outcome.added = saved.added;
        outcome.replaced = saved.replaced;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        print_outcome(&outcome, &shown);
    }
    if !outcome.rejected.is_empty() {
        bail!(
            "{} of {} rows were rejected; nothing was written (แถวที่ไม่ผ่าน {} แถว ยังไม่ได้บันทึกสิ่งใด)",
            outcome.rejected.len(),
            outcome.rows,
            outcome.rejected.len()
        );
    }
    Ok(())
}

fn print_outcome(o: &Outcome, shown: &str) {
    if o.rejected.is_empty() {
        if o.dry_run {
            println!(
                "{shown}: {} rows checked, all good (dry run: nothing written)",
                o.rows
            );
        } else {
            println!(
                "{shown}: {} rows saved to plan {} ({} new, {} replaced)",
                o.saved, o.plan_id, o.added, o.replaced
            );
        }
        return;
    }
    println!("{shown}: rejected rows (row / column / why):");
    for r in &o.rejected {
        println!(
            "  row {} / {} / {} ({})",
            r.row, r.column, r.message_th, r.message_en
        );
    }
}

async fn template(store: &Store, args: TemplateArgs) -> Result<()> {
    let id = store.resolve_plan(&args.plan).await?;
    let plan = store.load_plan(&id).await?;
    let year = match &args.year {
        Some(y) => BeYear::parse(y).with_context(|| format!("--year '{y}' is not a year"))?,
        None => plan.period.from,
    };
    if !plan.period.contains(year) {
        bail!(
            "{year} is outside the plan ({} - {})",
            plan.period.from,
            plan.period.to
        );
    }
    let freq = frequencies(store, &id).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "kpi",
        "period",
        "value",
        "narrative",
        "kpi_name",
        "target",
        "period_th",
    ])?;
    for (_, kpi) in plan.all_kpis() {
        let f = freq.get(&kpi.id).copied().unwrap_or_default();
        let target = kpi
            .target_for(year)
            .map(|t| t.to_string())
            .unwrap_or_default();
        for period in Period::all(year, f) {
            out.write_record([
                kpi.id.as_str(),
                &period.key(),
                "",
                "",
                &kpi.name,
                &target,
                &period.label_th(plan.year_basis),
            ])?;
        }
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(out.into_inner().context("cannot write the template")?);
    match &args.output {
        Some(path) => std::fs::write(path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(())
}
