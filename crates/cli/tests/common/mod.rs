//! Shared by the CLI tests: run the built `phaen` against a test database, write demo plans
//! to files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use phaen_domain::Plan;
use phaen_testkit::TestDb;

pub const BIN: &str = env!("CARGO_BIN_EXE_phaen");

/// `phaen --db <test db>` run from `dir`, with no settings leaking in from the environment.
pub fn phaen(db: &TestDb, dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.env_remove("PHAEN_DB")
        .env_remove("PHAEN_CONFIG")
        .current_dir(dir)
        .arg("--db")
        .arg(db.url());
    c
}

/// Runs `phaen ... --json` and parses its stdout.
pub fn json(db: &TestDb, dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = phaen(db, dir).args(args).arg("--json").output().unwrap();
    assert!(
        out.status.success(),
        "phaen {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON value on stdout")
}

pub fn demo_plans() -> Vec<Plan> {
    phaen_synth::demo(11).plans
}

pub fn write_plan(dir: &Path, name: &str, plan: &Plan) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, plan.to_json()).unwrap();
    path
}

pub fn plan_count(db: &TestDb, dir: &Path) -> usize {
    json(db, dir, &["plan", "list"]).as_array().unwrap().len()
}
