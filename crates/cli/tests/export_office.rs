//! `phaen export PLAN --format xlsx|docx -o FILE [--digits thai|arabic]` through the binary:
//! the files are written whole, open as what they claim to be, take the chosen digits, and an
//! exported action-plan workbook imports back through `phaen import` into the same projects.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use phaen_domain::PlanKind;
use phaen_testkit::TestDb;

#[test]
fn every_demo_plan_exports_as_a_workbook_in_the_chosen_digits() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plans = demo_plans();
    for (i, p) in plans.iter().enumerate() {
        let f = write_plan(d, &format!("p{i}.json"), p);
        phaen(&db, d).arg("import").arg(&f).assert().success();
    }
    for p in &plans {
        for digits in ["thai", "arabic"] {
            let file = format!("{}-{digits}.xlsx", p.id);
            let out = phaen(&db, d)
                .args([
                    "export",
                    p.id.as_str(),
                    "--format",
                    "xlsx",
                    "--digits",
                    digits,
                    "-o",
                ])
                .arg(&file)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mut book: Xlsx<_> = calamine::open_workbook(d.join(&file)).unwrap();
            let first = book.sheet_names()[0].clone();
            let range = book.worksheet_range(&first).unwrap();
            let Some(Data::String(title)) = range.get_value((0, 0)) else {
                panic!("{file}: a title in A1");
            };
            let thai_digit = title.chars().any(|c| ('๐'..='๙').contains(&c));
            let arabic_digit = title.chars().any(|c| c.is_ascii_digit());
            match digits {
                "thai" => assert!(thai_digit && !arabic_digit, "{title}"),
                _ => assert!(arabic_digit && !thai_digit, "{title}"),
            }
        }
    }
    let out = phaen(&db, d)
        .args([
            "export",
            plans[0].id.as_str(),
            "--format",
            "xlsx",
            "--digits",
            "roman",
            "-o",
            "x.xlsx",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("roman"));
    assert!(
        !d.join("x.xlsx").exists(),
        "nothing is written on a bad choice"
    );
}

#[test]
fn an_exported_action_plan_workbook_imports_back_with_the_same_projects() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plan = demo_plans()
        .into_iter()
        .find(|p| p.kind == PlanKind::ActionPlan)
        .unwrap();
    let f = write_plan(d, "plan.json", &plan);
    phaen(&db, d).arg("import").arg(&f).assert().success();
    phaen(&db, d)
        .args([
            "export",
            plan.id.as_str(),
            "--format",
            "xlsx",
            "-o",
            "plan.xlsx",
        ])
        .assert()
        .success();
    let before = plan_count(&db, d);
    let out = phaen(&db, d)
        .args(["import", "plan.xlsx", "--org"])
        .arg(plan.owner.code.as_str())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(plan_count(&db, d), before + 1);
}

#[test]
fn every_demo_plan_exports_as_a_word_file_the_importer_reads() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let plans = demo_plans();
    for (i, p) in plans.iter().enumerate() {
        let f = write_plan(d, &format!("p{i}.json"), p);
        phaen(&db, d).arg("import").arg(&f).assert().success();
    }
    for p in &plans {
        let file = format!("{}.docx", p.id);
        let out = phaen(&db, d)
            .args([
                "export",
                p.id.as_str(),
                "--format",
                "docx",
                "--digits",
                "arabic",
                "-o",
            ])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = std::fs::read(d.join(&file)).unwrap();
        let read = phaen_import::source::read(&bytes).unwrap();
        let heading_1 =
            read.doc.blocks.iter().any(
                |b| matches!(b, phaen_import::doc::Block::Para(para) if para.heading == Some(1)),
            );
        assert!(
            heading_1,
            "{}: headings a table of contents is built from",
            p.title
        );
        assert!(
            read.doc
                .blocks
                .iter()
                .any(|b| matches!(b, phaen_import::doc::Block::Table(_))),
            "{}: real tables",
            p.title
        );
    }
}
