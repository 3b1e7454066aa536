//! `phaen backup -o FILE` and `phaen restore FILE`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use phaen_store::Store;

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the backup; must not exist yet.
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A file `phaen backup` wrote.
    file: PathBuf,
}

pub async fn backup(store: &Store, args: BackupArgs) -> Result<()> {
    store
        .backup_to(&args.output)
        .await
        .with_context(|| format!("cannot back up to {}", args.output.display()))?;
    println!("backed up to {}", args.output.display());
    Ok(())
}

pub async fn restore(store: &Store, args: RestoreArgs) -> Result<()> {
    store.restore_from(&args.file).await.with_context(|| {
        format!(
            "cannot restore {}; the database is unchanged",
            args.file.display()
        )
    })?;
    println!("restored from {}", args.file.display());
    Ok(())
}
