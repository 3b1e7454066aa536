//! The four seed plans through the built binary: a folder import, the CLI contract on what it
//! stored, and the canonical JSON round trip of each imported plan.

mod common;

use common::*;
use phaen_testkit::TestDb;

#[test]
fn a_folder_of_seeds_imports_one_plan_per_file_with_a_line_each() {
    let Some(corpus) = phaen_testkit::corpus_dir() else {
        return;
    };
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = phaen(&db, d).arg("import").arg(&corpus).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("ok ")).count(),
        4,
        "{text}"
    );

    let plans = json(&db, d, &["plan", "list"]);
    let by_kind = |kind: &str| -> String {
        plans
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["kind"] == kind)
            .unwrap_or_else(|| panic!("a {kind}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let strategic = json(&db, d, &["plan", "summary", &by_kind("strategic_plan")]);
    assert_eq!(strategic["period"]["from"], 2568);
    assert_eq!(strategic["approval"]["date"], "2024-12-18");
    assert_eq!(strategic["counts"]["kpis"], 49);
    assert_eq!(strategic["counts"]["kpi_targets"], 147);
    assert_eq!(strategic["swot"]["S"], 9);
    let kpis = json(&db, d, &["kpi", "list", &by_kind("strategic_plan")]);
    assert_eq!(kpis[2]["targets"][0]["display"], "≤ 1");
    assert_eq!(kpis[2]["unit"], "เท่า");
    assert_eq!(kpis[2]["level"], "strategy");

    let development = json(&db, d, &["plan", "summary", &by_kind("development_plan")]);
    assert_eq!(development["counts"]["guidelines"], 85);
    assert_eq!(development["counts"]["perspectives"], 5);
    assert_eq!(development["edition"], "ฉบับที่ 5");

    let roadmap_id = by_kind("roadmap");
    let roadmap = json(&db, d, &["plan", "summary", &roadmap_id]);
    assert_eq!(roadmap["revision"], 2);
    assert_eq!(roadmap["as_of"], "2023-06-29");
    assert_eq!(roadmap["budget_baht_without_year"], "4920000");
    assert_eq!(roadmap["counts"]["projects"], 16);
    assert_eq!(roadmap["counts"]["readiness_flags"], 80);
    let projects = json(&db, d, &["project", "list", &roadmap_id]);
    assert_eq!(projects.as_array().unwrap().len(), 16);
    assert_eq!(projects[0]["responsible"]["main"][0], "กตส.");
    assert!(
        projects[0]["aligned_to"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "kpi")
    );

    let action = json(&db, d, &["plan", "summary", &by_kind("action_plan")]);
    let by_year = &action["budget_baht_by_year"];
    for (year, millions) in [
        ("2560", 107),
        ("2561", 159),
        ("2562", 138),
        ("2563", 139),
        ("2564", 140),
    ] {
        assert_eq!(
            by_year[year],
            format!("{}000000", millions),
            "budget {year}"
        );
    }
    assert_eq!(action["period"]["to"], 2564);
}

#[test]
fn every_imported_seed_round_trips_through_the_canonical_json() {
    let Some(corpus) = phaen_testkit::corpus_dir() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for (i, seed) in files.iter().enumerate() {
        let first = TestDb::new();
        let second = TestDb::new();
        let id = json(&first, d, &["import", seed.to_str().unwrap()])["plan_id"]
            .as_str()
            .unwrap()
            .to_string();
        let a = d.join(format!("{i}a.json"));
        phaen(&first, d)
            .args(["export", &id, "-o"])
            .arg(&a)
            .assert()
            .success();
        json(&second, d, &["import", a.to_str().unwrap()]);
        let b = phaen(&second, d)
            .args(["export", &id])
            .output()
            .unwrap()
            .stdout;
        assert_eq!(
            std::fs::read(&a).unwrap(),
            b,
            "{} changed on its way round",
            seed.display()
        );
    }
}
