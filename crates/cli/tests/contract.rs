//! The CLI contract scripts rely on, through the built binary: import, list, summary, KPI and
//! project lists, JSON export and re-import.

mod common;

use common::*;
use phaen_domain::summary;
use phaen_testkit::TestDb;

#[test]
fn import_then_list_and_summarise_with_the_documented_fields() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let plans = demo_plans();
    let plan = &plans[0];
    let file = write_plan(dir.path(), "plan.json", plan);

    let out = json(&db, dir.path(), &["import", file.to_str().unwrap()]);
    assert_eq!(out["plan_id"], plan.id.as_str());
    assert_eq!(out["report"]["format"], "phaen-json");
    assert_eq!(out["counts"]["kpis"], summary::counts(plan).kpis);

    let list = json(&db, dir.path(), &["plan", "list"]);
    let listed = &list.as_array().unwrap()[0];
    assert_eq!(listed["id"], plan.id.as_str());
    assert_eq!(listed["title"], plan.title.as_str());
    assert_eq!(listed["org"], plan.owner.code.as_str());
    assert_eq!(listed["kind"], plan.kind.as_str());
    assert_eq!(listed["period"]["from"], plan.period.from.get());
    assert_eq!(listed["period"]["to"], plan.period.to.get());

    let prefix = &plan.id.as_str()[..8];
    let s = json(&db, dir.path(), &["plan", "summary", prefix]);
    assert_eq!(s["id"], plan.id.as_str());
    assert_eq!(s["vision"], serde_json::json!(plan.vision));
    let c = summary::counts(plan);
    for (key, n) in [
        ("missions", c.missions),
        ("goals", c.goals),
        ("strategies", c.strategies),
        ("guidelines", c.guidelines),
        ("projects", c.projects),
        ("activities", c.activities),
        ("kpis", c.kpis),
        ("kpi_targets", c.kpi_targets),
        ("budget_lines", c.budget_lines),
        ("alignment_links", c.alignment_links),
        ("perspectives", c.perspectives),
        ("tows", c.tows),
    ] {
        assert_eq!(s["counts"][key], n, "counts.{key}");
    }
    for k in ["S", "W", "O", "T"] {
        assert!(s["swot"][k].is_u64(), "swot.{k}");
    }
    let by_year = summary::budget_by_year(plan);
    assert!(!by_year.is_empty(), "the demo plan has budgets");
    for (year, baht) in by_year {
        assert_eq!(s["budget_baht_by_year"][year.to_string()], baht.to_string());
    }
    if let Some(a) = &plan.approval {
        assert_eq!(s["approval"]["body"], a.body.as_str());
        assert_eq!(
            s["approval"]["date"],
            serde_json::json!(a.date.map(|d| d.to_string()))
        );
    }
}

#[test]
fn kpi_and_project_lists_carry_targets_budgets_and_units() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    for (i, plan) in demo_plans().iter().enumerate() {
        let file = write_plan(dir.path(), &format!("p{i}.json"), plan);
        json(&db, dir.path(), &["import", file.to_str().unwrap()]);
        let kpis = json(&db, dir.path(), &["kpi", "list", plan.id.as_str()]);
        let all = plan.all_kpis();
        assert_eq!(kpis.as_array().unwrap().len(), all.len());
        for (k, (element, kpi)) in kpis.as_array().unwrap().iter().zip(&all) {
            assert_eq!(k["id"], kpi.id.as_str());
            assert_eq!(k["name"], kpi.name.as_str());
            assert_eq!(k["level"], element.map_or("plan", |e| e.kind.as_str()));
            let targets = k["targets"].as_array().unwrap();
            assert_eq!(targets.len(), kpi.targets.len());
            for (t, yt) in targets.iter().zip(&kpi.targets) {
                assert_eq!(t["year"], yt.year.get());
                assert_eq!(t["display"], yt.target.to_string());
                assert_eq!(t["kind"], yt.target.kind_str());
            }
        }
        let projects = json(&db, dir.path(), &["project", "list", plan.id.as_str()]);
        let expected: Vec<_> = plan
            .walk()
            .into_iter()
            .filter(|w| w.element.kind == phaen_domain::ElementKind::Project)
            .collect();
        assert_eq!(projects.as_array().unwrap().len(), expected.len());
        for (p, w) in projects.as_array().unwrap().iter().zip(expected) {
            let e = w.element;
            assert_eq!(p["name"], e.title.as_str());
            for b in e.budget.iter().filter(|b| b.year.is_some()) {
                let y = b.year.unwrap().to_string();
                assert!(
                    p["budget_baht"][&y].is_string(),
                    "budget {y} of {}",
                    e.title
                );
            }
            let mains = e
                .responsible
                .iter()
                .filter(|r| r.role == phaen_domain::ResponsibleRole::Main)
                .count();
            assert_eq!(p["responsible"]["main"].as_array().unwrap().len(), mains);
        }
    }
    let any_none = demo_plans()
        .iter()
        .flat_map(|p| {
            p.all_kpis()
                .into_iter()
                .map(|(_, k)| k.clone())
                .collect::<Vec<_>>()
        })
        .any(|k| {
            k.targets
                .iter()
                .any(|t| t.target == phaen_domain::Target::None)
        });
    assert!(any_none, "the demo shows a year with no target");
}

#[test]
fn import_export_import_export_gives_identical_json() {
    let dir = tempfile::tempdir().unwrap();
    for (i, plan) in demo_plans().iter().enumerate() {
        let first = TestDb::new();
        let second = TestDb::new();
        let file = write_plan(dir.path(), &format!("in{i}.json"), plan);
        json(&first, dir.path(), &["import", file.to_str().unwrap()]);
        let out1 = dir.path().join(format!("out{i}a.json"));
        phaen(&first, dir.path())
            .args(["export", plan.id.as_str(), "--format", "json", "-o"])
            .arg(&out1)
            .assert()
            .success();
        json(&second, dir.path(), &["import", out1.to_str().unwrap()]);
        let out2 = phaen(&second, dir.path())
            .args(["export", plan.id.as_str(), "--format", "json"])
            .output()
            .unwrap();
        assert!(out2.status.success());
        let a = std::fs::read_to_string(&out1).unwrap();
        assert_eq!(a, String::from_utf8(out2.stdout).unwrap());
        assert_eq!(a, plan.to_json(), "the export is the plan that went in");
    }
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let plan = &demo_plans()[1];
    let file = write_plan(dir.path(), "plan.json", plan);
    let out = json(
        &db,
        dir.path(),
        &["import", "--dry-run", file.to_str().unwrap()],
    );
    assert!(out["plan_id"].is_null());
    assert!(out["plan_id"].is_null(), "a dry run names no plan");
    assert_eq!(out["title"], plan.title.as_str());
    assert_eq!(plan_count(&db, dir.path()), 0);
}

#[test]
fn org_flag_gives_the_plan_to_a_known_organization() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let plans = demo_plans();
    let a = write_plan(dir.path(), "a.json", &plans[0]);
    json(&db, dir.path(), &["import", a.to_str().unwrap()]);
    let mut other = plans[1].clone();
    other.owner.code = phaen_domain::OrgCode::parse("someone-else").unwrap();
    let b = write_plan(dir.path(), "b.json", &other);
    let owner = plans[0].owner.code.as_str();
    json(
        &db,
        dir.path(),
        &["import", "--org", owner, b.to_str().unwrap()],
    );
    let s = json(&db, dir.path(), &["plan", "summary", other.id.as_str()]);
    assert_eq!(s["org"], owner);
}
