//! Where Phaen's settings come from: flags first, then environment variables (PHAEN_DB), then
//! `phaen.toml` (in the working directory, or the file --config / PHAEN_CONFIG names), then
//! the defaults.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

/// The settings file's contents; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// Database URL or SQLite file.
    pub db: Option<String>,
    /// Most database connections a process keeps open.
    pub db_pool: Option<u32>,
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: String,
    /// `None`: the store's default for the backend.
    pub db_pool: Option<u32>,
}

impl Config {
    /// `db_flag` and `pool_flag` already hold the flag or, failing that, PHAEN_DB and
    /// PHAEN_DB_POOL (clap reads both).
    pub fn resolve(
        db_flag: Option<String>,
        pool_flag: Option<u32>,
        config_path: Option<PathBuf>,
    ) -> Result<Config> {
        let file = match &config_path {
            Some(path) => read_file(path)?,
            None if Path::new("phaen.toml").exists() => read_file(Path::new("phaen.toml"))?,
            None => FileConfig::default(),
        };
        if file.db_pool == Some(0) {
            anyhow::bail!("db_pool in the settings file must be at least 1");
        }
        Ok(Config {
            db_pool: pool_flag.or(file.db_pool),
            db: db_flag
                .or(file.db)
                .unwrap_or_else(|| phaen_store::DEFAULT_DB.to_string()),
        })
    }
}

fn read_file(path: &Path) -> Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read settings file {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("settings file {} is not valid", path.display()))
}
