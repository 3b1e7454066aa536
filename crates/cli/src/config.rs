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
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: String,
}

impl Config {
    /// `db_flag` already holds the flag or, failing that, PHAEN_DB (clap reads both).
    pub fn resolve(db_flag: Option<String>, config_path: Option<PathBuf>) -> Result<Config> {
        let file = match &config_path {
            Some(path) => read_file(path)?,
            None if Path::new("phaen.toml").exists() => read_file(Path::new("phaen.toml"))?,
            None => FileConfig::default(),
        };
        Ok(Config {
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
