//! `phaen search` through the binary: a Thai word found inside compound text, marked; `--as`
//! looks only in the plans that user may read; `--reindex` rebuilds the index.

mod common;

use common::*;
use phaen_domain::{Element, ElementKind};
use phaen_testkit::TestDb;

fn first_project(elements: &mut [Element]) -> Option<&mut Element> {
    for e in elements {
        if e.kind == ElementKind::Project {
            return Some(e);
        }
        if let Some(p) = first_project(&mut e.children) {
            return Some(p);
        }
    }
    None
}

#[test]
fn search_finds_a_word_inside_compounds_only_in_the_plans_a_user_may_read() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plans = demo_plans();
    let of = |org: &str| plans.iter().find(|p| p.owner.code.as_str() == org).unwrap();
    let a = of(phaen_synth::SAVINGS).clone();
    let mut b = of(phaen_synth::AGRI).clone();
    first_project(&mut b.elements).unwrap().title = "เลี้ยงปลานิลในกระชังร่วมกับสมาชิก".into();
    for (name, plan) in [("a.json", &a), ("b.json", &b)] {
        let f = write_plan(d, name, plan);
        phaen(&db, d).arg("import").arg(&f).assert().success();
    }
    let hits = json(&db, d, &["search", "ปลานิล"]);
    let hit = &hits[0];
    assert_eq!(hit["plan"], b.id.as_str());
    assert_eq!(hit["kind"], "project");
    assert!(
        hit["title"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["hit"] == true && p["text"] == "ปลานิล"),
        "{hit}"
    );
    let out = phaen(&db, d).args(["search", "ปลานิล"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("เลี้ยง«ปลานิล»ในกระชัง"), "{text}");

    // A member of the first cooperative sees nothing of the second's plan.
    phaen(&db, d)
        .args([
            "admin",
            "create-user",
            "--username",
            "member_a",
            "--org",
            a.owner.code.as_str(),
            "--role",
            "member",
            "--password-stdin",
        ])
        .write_stdin("ม้าลาย-แบตเตอรี่-42\n")
        .assert()
        .success();
    let theirs = json(&db, d, &["search", "ปลานิล", "--as", "member_a"]);
    assert_eq!(theirs.as_array().unwrap().len(), 0, "{theirs}");
    let title_word = json(
        &db,
        d,
        &["search", &a.title, "--as", "member_a", "--limit", "3"],
    );
    let found = title_word.as_array().unwrap();
    assert!(!found.is_empty() && found.len() <= 3);
    assert!(
        found.iter().all(|h| h["plan"] == a.id.as_str()),
        "{title_word}"
    );

    let rebuilt = json(&db, d, &["search", "--reindex"]);
    assert_eq!(rebuilt["reindexed_plans"], 2);
    let out = phaen(&db, d)
        .args(["search", "ปลานิล", "--as", "nobody"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no user is named nobody"));
}
