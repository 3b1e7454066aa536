//! `phaen export PLAN --format json [-o FILE]`: the canonical JSON of a whole plan.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use phaen_store::{PlanStore, Store};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan's id, or the first characters of it.
    plan: String,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// An earlier revision instead of the current one.
    #[arg(long)]
    revision: Option<u32>,
    /// Output file (default: stdout). An existing file is replaced only when complete.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub async fn run(store: &Store, args: Args) -> Result<()> {
    let id = store.resolve_plan(&args.plan).await?;
    let plan = match args.revision {
        Some(n) => match store.load_revision(&id, n).await {
            Ok(p) => p,
            Err(phaen_store::Error::NotFound { .. }) => {
                let current = store.load_plan(&id).await?;
                if current.revision.as_ref().map_or(1, |r| r.number) != n {
                    anyhow::bail!("plan {id} has no revision {n}: see `phaen plan revisions {id}`");
                }
                current
            }
            Err(e) => return Err(e.into()),
        },
        None => store.load_plan(&id).await?,
    };
    let text = match args.format {
        Format::Json => plan.to_json(),
    };
    match args.output {
        None => print!("{text}"),
        Some(path) => write_whole(&path, text.as_bytes())?,
    }
    Ok(())
}

/// Writes to a temporary file beside `path` and renames it, so a reader never sees half a file.
pub fn write_whole(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let Some(name) = path.file_name() else {
        bail!("{} is not a file name", path.display());
    };
    let tmp = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}
