//! `phaen import FILE|DIR [--org CODE] [--dry-run]`: reads plan documents (text exports, Word,
//! Excel, Phaen JSON) and stores each whole, or not at all, with a report of what every line
//! became.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use phaen_domain::OrgCode;
use phaen_domain::summary::{self, Counts};
use phaen_import::Report;
use phaen_store::{OrgStore, PlanStore, Store};

use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The document to import, or a folder whose every file is imported.
    file: PathBuf,
    /// Give the plan to this organization (its code) instead of the owner the file names.
    #[arg(long)]
    org: Option<String>,
    /// Read and check the file, print the report, write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Import the document as a new revision of this stored plan (its id or the start of it),
    /// keeping the old revision, and the progress and links of what carries on.
    #[arg(long, value_name = "PLAN")]
    into: Option<String>,
    /// Print one JSON value: {"plan_id": ..., "report": ...}.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Serialize)]
struct Outcome {
    plan_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision: Option<Revised>,
    title: String,
    org: String,
    counts: Counts,
    report: Report,
}

pub async fn run(store: &Store, args: Args) -> Result<()> {
    let owner = match &args.org {
        Some(code) => {
            let code = OrgCode::parse(code)?;
            Some(
                store
                    .org(&code)
                    .await
                    .with_context(|| format!("--org {code}: no such organization"))?,
            )
        }
        None => None,
    };
    if args.file.is_dir() {
        if args.into.is_some() {
            bail!("--into takes one document, not a folder");
        }
        return run_dir(store, &args, owner).await;
    }
    let outcome = match &args.into {
        Some(key) => revise(store, &args.file, key, args.dry_run).await?,
        None => import_one(store, &args.file, owner, args.dry_run).await?,
    };
    if args.json {
        return print_json(&outcome);
    }
    print_outcome(&outcome);
    Ok(())
}

async fn import_one(
    store: &Store,
    path: &Path,
    owner: Option<phaen_domain::Organization>,
    dry_run: bool,
) -> Result<Outcome> {
    let shown = path.display().to_string();
    let imported = read_doc(path, owner)?;
    let plan = imported.plan;
    let plan_id = if dry_run {
        None
    } else {
        store
            .insert_plan(&plan)
            .await
            .with_context(|| format!("cannot import {shown}; nothing was written"))?;
        Some(plan.id.to_string())
    };
    Ok(Outcome {
        plan_id,
        revision: None,
        title: plan.title.clone(),
        org: plan.owner.code.to_string(),
        counts: summary::counts(&plan),
        report: imported.report,
    })
}

/// Every file of a folder, each in its own transaction; one summary line per file.
async fn run_dir(
    store: &Store,
    args: &Args,
    owner: Option<phaen_domain::Organization>,
) -> Result<()> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.file)
        .with_context(|| format!("cannot read folder {}", args.file.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut results = Vec::new();
    let mut failed = 0;
    for f in &files {
        match import_one(store, f, owner.clone(), args.dry_run).await {
            Ok(o) => {
                if !args.json {
                    println!(
                        "ok    {}  {}  {} KPIs, {} projects, {} unrecognized",
                        f.display(),
                        o.plan_id.as_deref().unwrap_or("(dry run)"),
                        o.counts.kpis,
                        o.counts.projects,
                        o.report.unrecognized().count()
                    );
                }
                results.push(
                    serde_json::json!({"file": f.display().to_string(), "ok": true, "outcome": o}),
                );
            }
            Err(e) => {
                failed += 1;
                if !args.json {
                    println!(
                        "error {}  {}",
                        f.display(),
                        crate::output::error_text(&e).replace('\n', " ")
                    );
                }
                results.push(serde_json::json!({"file": f.display().to_string(), "ok": false, "error": format!("{e:#}")}));
            }
        }
    }
    if args.json {
        print_json(&results)?;
    }
    if failed > 0 {
        bail!("{failed} of {} files could not be imported", files.len());
    }
    Ok(())
}

/// What a new revision replaced and kept.
#[derive(Debug, Serialize)]
struct Revised {
    replaced: u32,
    number: u32,
    carried: phaen_domain::revise::Carried,
}

fn read_doc(
    path: &Path,
    owner: Option<phaen_domain::Organization>,
) -> Result<phaen_import::Imported> {
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {shown}"))?
        .len();
    if size > phaen_import::source::MAX_FILE_BYTES {
        bail!(
            "cannot import {shown}: the file is too large ({size} bytes; the limit is {})",
            phaen_import::source::MAX_FILE_BYTES
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {shown}"))?;
    phaen_import::read(&bytes, &shown, owner)
        .with_context(|| format!("cannot import {shown}; nothing was written"))
}

/// `--into PLAN`: the document becomes the plan's next revision.
async fn revise(store: &Store, path: &Path, key: &str, dry_run: bool) -> Result<Outcome> {
    let shown = path.display().to_string();
    let id = store.resolve_plan(key).await?;
    let old = store.load_plan(&id).await?;
    let imported = read_doc(path, Some(old.owner.clone()))?;
    let mut plan = imported.plan;
    if plan.kind != old.kind {
        bail!(
            "cannot import {shown} into {id}: the document is a {} but the plan is a {}; nothing was written",
            plan.kind.as_str(),
            old.kind.as_str()
        );
    }
    let replaced = old.revision.as_ref().map_or(1, |r| r.number);
    let stated = plan.revision.as_ref().map(|r| r.number).unwrap_or(0);
    if stated <= replaced {
        plan.revision = Some(phaen_domain::Revision {
            number: replaced + 1,
            written: plan.revision.and_then(|r| r.written),
        });
    }
    let number = plan.revision.as_ref().map_or(replaced + 1, |r| r.number);
    let carried = phaen_domain::revise::adopt(&mut plan, &old);
    if !dry_run {
        store
            .revise_plan(&plan)
            .await
            .with_context(|| format!("cannot import {shown} into {id}; nothing was written"))?;
    }
    Ok(Outcome {
        plan_id: (!dry_run).then(|| id.to_string()),
        revision: Some(Revised {
            replaced,
            number,
            carried,
        }),
        title: plan.title.clone(),
        org: plan.owner.code.to_string(),
        counts: summary::counts(&plan),
        report: imported.report,
    })
}

fn print_outcome(o: &Outcome) {
    if let Some(r) = &o.revision {
        println!(
            "revision {} replaces revision {} (kept); {} elements and {} KPIs carry on, {} new",
            r.number,
            r.replaced,
            r.carried.elements_kept,
            r.carried.kpis_kept,
            r.carried.elements_new
        );
    }
    match &o.plan_id {
        Some(id) => println!("imported plan {id}: {} ({})", o.title, o.org),
        None => println!(
            "dry run: {} ({}) was read; nothing was written",
            o.title, o.org
        ),
    }
    let c = &o.counts;
    println!(
        "  {} missions, {} goals, {} strategies, {} guidelines, {} projects, {} KPIs with {} targets",
        c.missions, c.goals, c.strategies, c.guidelines, c.projects, c.kpis, c.kpi_targets
    );
    println!(
        "  read as {} ({}), {} repairs, {} unrecognized lines",
        o.report.format,
        o.report.encoding,
        o.report.repairs.len(),
        o.report.unrecognized().count()
    );
    for r in &o.report.repairs {
        println!(
            "  repaired {}: '{}' -> '{}' ({})",
            r.loc, r.from, r.to, r.why
        );
    }
    for w in &o.report.warnings {
        match &w.loc {
            Some(loc) => println!("  warning {loc}: {}", w.message_en),
            None => println!("  warning: {}", w.message_en),
        }
    }
    for i in o.report.unrecognized() {
        println!("  not recognized {}: {}", i.loc, i.text);
    }
}
