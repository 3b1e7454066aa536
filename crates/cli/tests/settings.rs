//! Settings come from flags, then PHAEN_DB, then phaen.toml, then the default phaen.db.

mod common;

use assert_cmd::Command;
use common::BIN;

fn phaen_in(dir: &std::path::Path) -> Command {
    let mut c = Command::new(BIN);
    c.env_remove("PHAEN_DB")
        .env_remove("PHAEN_CONFIG")
        .current_dir(dir);
    c
}

#[test]
fn the_default_database_is_phaen_db_in_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    phaen_in(dir.path())
        .args(["plan", "list"])
        .assert()
        .success();
    assert!(dir.path().join("phaen.db").exists());
}

#[test]
fn flags_beat_the_environment_which_beats_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("phaen.toml"), "db = \"from-file.db\"\n").unwrap();
    phaen_in(d).args(["plan", "list"]).assert().success();
    assert!(d.join("from-file.db").exists());
    phaen_in(d)
        .env("PHAEN_DB", "from-env.db")
        .args(["plan", "list"])
        .assert()
        .success();
    assert!(d.join("from-env.db").exists());
    phaen_in(d)
        .env("PHAEN_DB", "from-env.db")
        .args(["--db", "from-flag.db", "plan", "list"])
        .assert()
        .success();
    assert!(d.join("from-flag.db").exists());
    assert!(!d.join("phaen.db").exists());
}

#[test]
fn a_broken_settings_file_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("phaen.toml"), "db = [unclosed\n").unwrap();
    let out = phaen_in(dir.path())
        .args(["plan", "list"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("phaen.toml"));
    std::fs::write(dir.path().join("phaen.toml"), "dbb = \"x.db\"\n").unwrap();
    let out = phaen_in(dir.path())
        .args(["plan", "list"])
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "an unknown key is a mistake, not ignored"
    );
}

#[test]
fn the_pool_size_comes_from_the_flag_the_environment_or_the_file_and_must_be_positive() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    phaen_in(d)
        .args(["--db-pool", "2", "plan", "list"])
        .assert()
        .success();
    let out = phaen_in(d)
        .env("PHAEN_DB_POOL", "0")
        .args(["plan", "list"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("db-pool"));
    std::fs::write(d.join("phaen.toml"), "db_pool = 0\n").unwrap();
    let out = phaen_in(d).args(["plan", "list"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("db_pool"));
    std::fs::write(d.join("phaen.toml"), "db_pool = 3\n").unwrap();
    phaen_in(d).args(["plan", "list"]).assert().success();
}
