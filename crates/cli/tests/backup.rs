//! `phaen backup` and `phaen restore` through the binary.

mod common;

use common::*;
use phaen_testkit::TestDb;

#[test]
fn a_restored_backup_holds_every_plan_unchanged() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plans = demo_plans();
    for (i, p) in plans.iter().enumerate() {
        let f = write_plan(d, &format!("p{i}.json"), p);
        phaen(&db, d).arg("import").arg(&f).assert().success();
    }
    let out = phaen(&db, d)
        .args(["backup", "-o", "b.db"])
        .output()
        .unwrap();
    if db.is_postgres() {
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("pg_dump"));
        return;
    }
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fresh = TestDb::sqlite();
    phaen(&fresh, d)
        .args(["restore", "b.db"])
        .assert()
        .success();
    for p in &plans {
        let out = phaen(&fresh, d)
            .args(["export", p.id.as_str(), "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), p.to_json());
    }
    std::fs::write(d.join("junk.db"), b"junk").unwrap();
    let out = phaen(&fresh, d)
        .args(["restore", "junk.db"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unchanged"));
    assert_eq!(plan_count(&fresh, d), plans.len());
}
