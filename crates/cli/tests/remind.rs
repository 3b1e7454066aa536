//! `phaen remind` raises the reminders of data owed on the demo database: once a day per
//! person and plan, by email only when a mail server is configured; `phaen admin set-email`
//! sets where they go and refuses what is no address.

mod common;

use common::*;
use phaen_testkit::TestDb;

#[test]
fn reminders_are_raised_once_a_day_and_addresses_are_checked() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    phaen(&db, dir.path())
        .args(["demo", "--no-serve"])
        .assert()
        .success();
    let editor = phaen_synth::demo_users()
        .into_iter()
        .find(|u| u.role == "editor")
        .expect("the demo has an editor");
    let bad = phaen(&db, dir.path())
        .args([
            "admin",
            "set-email",
            "--username",
            &editor.username,
            "--email",
            "not-an-address",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not an email address"));
    phaen(&db, dir.path())
        .args([
            "admin",
            "set-email",
            "--username",
            &editor.username,
            "--email",
            "staff@coop.example.th",
        ])
        .assert()
        .success();

    let first = json(&db, dir.path(), &["remind", "--date", "2569-01-01"]);
    assert!(first["plans"].as_u64().unwrap() > 0);
    assert!(first["owed"].as_u64().unwrap() > 0, "{first}");
    assert!(first["notified"].as_u64().unwrap() > 0, "{first}");
    assert_eq!(first["date"], "2026-01-01");
    assert_eq!(first["email_configured"], false);
    assert_eq!(first["emailed"], 0);
    let again = json(&db, dir.path(), &["remind", "--date", "1 มกราคม ๒๕๖๙"]);
    assert_eq!(again["notified"], 0, "once a day: {again}");
}
