//! Bad input gets a clear message on stderr, a non-zero exit code, and the database exactly as
//! it was.

mod common;

use common::*;
use phaen_testkit::TestDb;

/// Imports `bytes` and returns stderr, after checking the import failed and wrote nothing.
fn refused(db: &TestDb, dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let before = plan_count(db, dir);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = phaen(db, dir).arg("import").arg(&path).output().unwrap();
    assert!(!out.status.success(), "{name} was accepted");
    assert!(out.stdout.is_empty(), "nothing on stdout for a failure");
    assert_eq!(plan_count(db, dir), before, "{name} changed the database");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn empty_garbage_and_broken_files_are_refused_with_reasons() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(refused(&db, d, "empty.json", b"").contains("empty"));
    assert!(refused(&db, d, "blank.json", b"  \n\t ").contains("empty"));
    let bin = refused(&db, d, "bin.json", &[0xff, 0xfe, 0x00, 0x81, 0x9c]);
    assert!(bin.contains("not in a known encoding"), "{bin}");
    let noise: Vec<u8> = (0..4000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(refused(&db, d, "noise.bin", &noise).contains("cannot import"));
    let words = refused(&db, d, "words.txt", "แผนกลยุทธ์".as_bytes());
    assert!(words.contains("not a plan Phaen recognises"), "{words}");
    let prose = refused(&db, d, "prose.txt", "สวัสดีครับ วันนี้อากาศดี".as_bytes());
    assert!(prose.contains("not a plan Phaen recognises"), "{prose}");
    let broken = refused(
        &db,
        d,
        "broken.json",
        b"{\n  \"format\": \"phaen-plan/1\",\n  \"id\": ",
    );
    assert!(broken.contains("line 3"), "{broken}");
    let plan = demo_plans().remove(0);
    let cut = plan.to_json();
    let truncated = refused(&db, d, "cut.json", &cut.as_bytes()[..cut.len() / 2]);
    assert!(truncated.contains("cannot import"), "{truncated}");
    let wrong = refused(&db, d, "wrong.json", b"{\"format\": \"other/2\"}");
    assert!(wrong.contains("cannot import"), "{wrong}");
}

#[test]
fn a_plan_that_breaks_the_rules_says_where() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let mut plan = demo_plans().remove(0);
    let kpi = first_kpi(&mut plan.elements).expect("a KPI in the demo plan");
    let twice = kpi.targets[0].clone();
    kpi.targets.push(twice);
    let err = refused(&db, dir.path(), "twice.json", plan.to_json().as_bytes());
    assert!(err.contains("appears twice"), "{err}");
    assert!(err.contains(".kpis[0].targets["), "{err}");

    let mut plan = demo_plans().remove(0);
    plan.period.to = phaen_domain::BeYear::new(plan.period.from.get() - 1).unwrap();
    let json = plan.to_json();
    let err = refused(&db, dir.path(), "period.json", json.as_bytes());
    assert!(err.contains("period"), "{err}");

    let text = demo_plans()
        .remove(0)
        .to_json()
        .replacen("\"from\": 25", "\"from\": 20", 1);
    let err = refused(&db, dir.path(), "ce.json", text.as_bytes());
    assert!(err.contains("543"), "a CE year is explained: {err}");
}

#[test]
fn importing_the_same_plan_twice_is_refused_and_keeps_the_first() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plans().remove(0);
    let file = write_plan(dir.path(), "plan.json", &plan);
    phaen(&db, dir.path())
        .arg("import")
        .arg(&file)
        .assert()
        .success();
    let err = refused(&db, dir.path(), "again.json", plan.to_json().as_bytes());
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn unknown_plans_and_organizations_are_named_in_the_error() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let out = phaen(&db, dir.path())
        .args(["plan", "summary", "no-such-plan"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("'no-such-plan' was not found"));
    let file = write_plan(dir.path(), "p.json", &demo_plans()[0]);
    let out = phaen(&db, dir.path())
        .args(["import", "--org", "nobody"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody"));
    assert_eq!(plan_count(&db, dir.path()), 0);
}

#[test]
fn a_missing_file_is_named() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let out = phaen(&db, dir.path())
        .args(["import", "nowhere.json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere.json"));
}

fn first_kpi(elements: &mut [phaen_domain::Element]) -> Option<&mut phaen_domain::Kpi> {
    for e in elements {
        if !e.kpis.is_empty() {
            return e.kpis.first_mut();
        }
        if let Some(k) = first_kpi(&mut e.children) {
            return Some(k);
        }
    }
    None
}
