//! A process killed in the middle of a write leaves the database as it was before that write.

mod common;

use std::time::{Duration, Instant};

use common::*;
use phaen_domain::{
    Baht, BeYear, BudgetLine, Comparator, Element, ElementId, ElementKind, Kpi, KpiId, MoneyUnit,
    Target, YearTarget,
};
use phaen_testkit::TestDb;

/// The first demo plan grown to a few hundred thousand rows.
fn big_plan() -> phaen_domain::Plan {
    let mut plan = demo_plans().remove(0);
    let years: Vec<BeYear> = plan.period.years().collect();
    let mut mission = Element::new(ElementKind::Mission, "พันธกิจทดสอบขนาดใหญ่");
    mission.id = ElementId::parse("big-mission").unwrap();
    for i in 0..12_000 {
        let mut p = Element::new(ElementKind::Project, format!("โครงการที่ {i}"));
        p.id = ElementId::parse(&format!("big-p{i}")).unwrap();
        let mut k = Kpi::new(format!("ร้อยละความสำเร็จของโครงการที่ {i}"));
        k.id = KpiId::parse(&format!("big-k{i}")).unwrap();
        for y in &years {
            k.targets.push(YearTarget {
                year: *y,
                target: Target::Numeric {
                    comparator: Comparator::AtLeast,
                    value: rust_decimal::Decimal::new(805, 1),
                    percent: true,
                },
                written: None,
            });
            p.budget.push(BudgetLine {
                year: Some(*y),
                amount_baht: Baht::new(rust_decimal::Decimal::new(125_050, 2)).unwrap(),
                source_unit: MoneyUnit::Baht,
                written: None,
            });
        }
        p.kpis.push(k);
        mission.children.push(p);
    }
    plan.elements.push(mission);
    plan
}

#[test]
fn killing_an_import_half_way_leaves_the_database_as_it_was() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let before = demo_plans().remove(1);
    let f = write_plan(d, "before.json", &before);
    phaen(&db, d).arg("import").arg(&f).assert().success();

    let plan = big_plan();
    let file = write_plan(d, "big.json", &plan);
    let wal = db
        .url()
        .strip_prefix("sqlite://")
        .map(|p| std::path::PathBuf::from(format!("{p}-wal")));
    let wal_size = || {
        wal.as_ref()
            .and_then(|w| std::fs::metadata(w).ok())
            .map_or(0, |m| m.len())
    };
    let start_size = wal_size();

    let mut child = std::process::Command::new(BIN)
        .env_remove("PHAEN_DB")
        .current_dir(d)
        .arg("--db")
        .arg(db.url())
        .arg("import")
        .arg(&file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import is writing (SQLite: its write-ahead log is growing; PostgreSQL:
    // a moment after start), then kill it without warning.
    let started = Instant::now();
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed; make the test plan bigger"
        );
        let writing = match wal {
            Some(_) => wal_size() > start_size + 2_000_000,
            None => started.elapsed() > Duration::from_millis(2500),
        };
        if writing {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the import never started writing"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let listed = json(&db, d, &["plan", "list"]);
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        vec![before.id.as_str()],
        "the killed import left a plan behind"
    );
    let out = phaen(&db, d)
        .args(["export", before.id.as_str(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), before.to_json());
    // And the same import, let run, lands whole.
    phaen(&db, d).arg("import").arg(&file).assert().success();
    assert_eq!(plan_count(&db, d), 2);
}
