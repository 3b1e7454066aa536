//! The commands, one module each; `open_store` and `migrate` are shared by them.

pub mod admin;
pub mod audit;
pub mod backup;
pub mod demo;
pub mod export;
pub mod import;
pub mod plan;
pub mod progress;
pub mod remind;
pub mod schema;
pub mod search;
pub mod serve;
pub mod synth;

use anyhow::{Context, Result};
use phaen_store::Store;

/// Opens the database (creating an SQLite file on first use) with a pool of at most
/// `pool_size` connections, and applies migrations.
pub async fn open_store(db: &str, pool_size: Option<u32>) -> Result<Store> {
    Store::open_with(db, pool_size)
        .await
        .with_context(|| format!("cannot open database {}", phaen_store::db::redact(db)))
}

pub async fn migrate(store: &Store) -> Result<()> {
    let version = phaen_store::migrate::current_version(store.pool()).await?;
    println!("database schema is at version {version}");
    Ok(())
}
