//! `phaen demo` builds the demo database and its sign-ins once and can be run again safely.

mod common;

use common::*;
use phaen_testkit::TestDb;

#[test]
fn the_demo_fills_an_empty_database_prints_its_sign_ins_and_a_second_run_adds_nothing() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let out = phaen(&db, dir.path())
        .args(["demo", "--no-serve"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n = plan_count(&db, dir.path());
    assert_eq!(n, phaen_synth::demo(2568).plans.len());
    let kinds: Vec<String> = json(&db, dir.path(), &["plan", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap().to_string())
        .collect();
    for kind in [
        "strategic_plan",
        "development_plan",
        "roadmap",
        "action_plan",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "the demo has a {kind}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let users = phaen_synth::demo_users();
    for u in &users {
        let line = format!("{} / {} / {}", u.username, u.password, u.role);
        assert!(
            stdout.contains(&line),
            "sign-in '{line}' missing from:\n{stdout}"
        );
    }
    phaen(&db, dir.path())
        .args(["demo", "--no-serve"])
        .assert()
        .success();
    assert_eq!(plan_count(&db, dir.path()), n);
    let listed = json(&db, dir.path(), &["admin", "list-users"]);
    assert_eq!(listed.as_array().unwrap().len(), users.len());
    let orgs = json(&db, dir.path(), &["org", "list"]);
    assert!(orgs.as_array().unwrap().len() >= 7);
}
