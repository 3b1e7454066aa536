//! `phaen import --into PLAN`: an updated document becomes the plan's next revision; the old
//! revision is kept whole, and what carries on keeps its ids.

mod common;

use common::*;
use phaen_testkit::TestDb;

fn kpi_ids(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_updated_document_becomes_the_next_revision_and_keeps_the_old_one() {
    let Some(seed) = phaen_testkit::seed_file("000") else {
        return;
    };
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = json(&db, d, &["import", seed.to_str().unwrap()]);
    let id = first["plan_id"].as_str().unwrap().to_string();
    let before = phaen(&db, d).args(["export", &id]).output().unwrap().stdout;
    let kpis_before = json(&db, d, &["kpi", "list", &id]);

    // The board revises one project KPI's targets for the later years.
    let text = std::fs::read_to_string(&seed).unwrap();
    let revised = text.replacen("ร้อยละ\t85\t85\t85", "ร้อยละ\t85\t87\t90", 1);
    assert_ne!(revised, text, "the seed has the row this test revises");
    let file = d.join("revised.txt");
    std::fs::write(&file, revised).unwrap();

    let dry = json(
        &db,
        d,
        &["import", "--dry-run", "--into", &id, file.to_str().unwrap()],
    );
    assert!(dry["plan_id"].is_null());
    assert_eq!(
        json(&db, d, &["plan", "revisions", &id])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let out = json(&db, d, &["import", "--into", &id, file.to_str().unwrap()]);
    assert_eq!(out["plan_id"], id.as_str());
    assert_eq!(out["revision"]["replaced"], 1);
    assert_eq!(out["revision"]["number"], 2);
    assert_eq!(out["revision"]["carried"]["kpis_kept"], 49);
    assert_eq!(out["revision"]["carried"]["elements_new"], 0);

    let revisions = json(&db, d, &["plan", "revisions", &id]);
    let numbers: Vec<u64> = revisions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2]);
    let old = phaen(&db, d)
        .args(["export", &id, "--revision", "1"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(old, before, "revision 1 is kept exactly");

    let kpis_after = json(&db, d, &["kpi", "list", &id]);
    assert_eq!(
        kpi_ids(&kpis_after),
        kpi_ids(&kpis_before),
        "KPIs keep their ids"
    );
    let changed: Vec<&serde_json::Value> = kpis_after
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["targets"][2]["display"] == "90")
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["targets"][1]["display"], "87");
    let s = json(&db, d, &["plan", "summary", &id]);
    assert_eq!(s["revision"], 2);
}

#[test]
fn a_document_of_another_kind_cannot_revise_a_plan() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plans = demo_plans();
    let strategic = plans
        .iter()
        .find(|p| p.kind == phaen_domain::PlanKind::StrategicPlan)
        .unwrap();
    let roadmap = plans
        .iter()
        .find(|p| p.kind == phaen_domain::PlanKind::Roadmap)
        .unwrap();
    let f = write_plan(d, "s.json", strategic);
    json(&db, d, &["import", f.to_str().unwrap()]);
    let r = write_plan(d, "r.json", roadmap);
    let out = phaen(&db, d)
        .args(["import", "--into", strategic.id.as_str()])
        .arg(&r)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("roadmap"));
    assert_eq!(
        json(&db, d, &["plan", "revisions", strategic.id.as_str()])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(plan_count(&db, d), 1);
}
