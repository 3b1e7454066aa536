//! `phaen progress template` and `phaen progress import`: the template is the file to fill in;
//! a filled file is saved whole; a file with any bad row is rejected whole, each bad row named
//! with its column and why.

mod common;

use common::*;
use phaen_testkit::TestDb;

#[tokio::test]
async fn a_filled_template_is_saved_and_a_bad_row_rejects_the_whole_file() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let plan = demo_plans().remove(0);
    let path = write_plan(dir.path(), "plan.json", &plan);
    phaen(&db, dir.path())
        .args(["import", path.to_str().unwrap()])
        .assert()
        .success();
    let template = dir.path().join("fill.csv");
    phaen(&db, dir.path())
        .args(["progress", "template", plan.id.as_str(), "-o"])
        .arg(&template)
        .assert()
        .success();
    let text = std::fs::read_to_string(&template).unwrap();
    let kpis = plan.all_kpis().len();
    assert_eq!(
        text.lines().count(),
        kpis + 1,
        "a header and a row per KPI (yearly)"
    );

    // Fill every value; one number written in Thai digits.
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(reader.headers().unwrap()).unwrap();
    for (i, record) in reader.records().enumerate() {
        let mut cells: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        cells[2] = if i == 0 {
            "๑๒.๕".into()
        } else {
            format!("{}", i + 1)
        };
        writer.write_record(&cells).unwrap();
    }
    let filled = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    // A bad copy: a value that is not a number and a KPI that does not exist.
    let mut bad = filled.clone();
    bad.push_str("no-such-kpi,2568,1,\n");
    let bad_path = dir.path().join("bad.csv");
    std::fs::write(&bad_path, bad.replacen(",๑๒.๕,", ",สิบสอง,", 1)).unwrap();
    let out = phaen(&db, dir.path())
        .args(["progress", "import", bad_path.to_str().unwrap(), "--plan"])
        .arg(&plan.id.as_str()[..8])
        .arg("--json")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rejected = report["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2, "{report}");
    assert_eq!(rejected[0]["row"], 2);
    assert_eq!(rejected[0]["column"], "value");
    assert_eq!(rejected[1]["column"], "kpi");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was written"));
    let store = db.store().await;
    assert!(store.kpi_entries(&plan.id, None).await.unwrap().is_empty());

    let good = dir.path().join("good.csv");
    std::fs::write(&good, &filled).unwrap();
    let report = json(
        &db,
        dir.path(),
        &[
            "progress",
            "import",
            good.to_str().unwrap(),
            "--plan",
            plan.id.as_str(),
            "--state",
            "approved",
        ],
    );
    assert_eq!(report["saved"], kpis);
    let entries = store.kpi_entries(&plan.id, None).await.unwrap();
    assert_eq!(entries.len(), kpis);
    assert!(
        entries.iter().any(
            |e| e.value == phaen_domain::evaluate::ActualValue::Number("12.5".parse().unwrap())
        )
    );
    // Approved values are locked: the same file again is refused row by row.
    let out = phaen(&db, dir.path())
        .args([
            "progress",
            "import",
            good.to_str().unwrap(),
            "--plan",
            plan.id.as_str(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("already submitted or approved"));
    let log = store.audit_entries(Some(plan.id.as_str())).await.unwrap();
    assert_eq!(
        log.iter().filter(|e| e.action == "progress.import").count(),
        1
    );
}
