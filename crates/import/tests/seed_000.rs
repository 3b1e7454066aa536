//! Seed 000, a savings cooperative's strategic plan 2568-2570, checked row by row against
//! facts read off the document by hand. Long Thai texts are compared with the seed file itself
//! at test time; only counts, labels, units, years and numbers are written here.

use phaen_domain::{Element, ElementKind, Plan, PlanKind, PlanStatus, SwotKind, TowsType};
use phaen_import::report::Outcome;

fn seed() -> Option<(String, phaen_import::Imported)> {
    let path = phaen_testkit::seed_file("000")?;
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    Some((
        text,
        phaen_import::read(&bytes, "000", None).expect("seed 000 imports"),
    ))
}

fn kids(e: &Element, kind: ElementKind) -> Vec<&Element> {
    e.children.iter().filter(|c| c.kind == kind).collect()
}

fn strategies(plan: &Plan) -> Vec<&Element> {
    plan.walk()
        .into_iter()
        .map(|w| w.element)
        .filter(|e| e.kind == ElementKind::Strategy)
        .collect()
}

#[test]
fn the_title_page_gives_kind_owner_period_and_approval() {
    let Some((_, imported)) = seed() else { return };
    let p = &imported.plan;
    assert_eq!(p.kind, PlanKind::StrategicPlan);
    assert_eq!((p.period.from.get(), p.period.to.get()), (2568, 2570));
    assert_eq!(p.status, PlanStatus::Approved);
    let a = p.approval.as_ref().unwrap();
    assert_eq!(a.body, "ที่ประชุมใหญ่สามัญประจำปี 2567");
    assert_eq!(a.date.unwrap().to_string(), "2024-12-18");
    assert_eq!(p.owner.kind, phaen_domain::OrgKind::Cooperative);
    assert_eq!(p.owner.coop_type, Some(phaen_domain::CoopType::Savings));
    assert!(p.title.starts_with("แผนกลยุทธ์"));
}

#[test]
fn the_vision_and_introduction_are_kept_word_for_word() {
    let Some((text, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    let vision = p.vision.as_deref().unwrap();
    assert!(
        text.contains(&format!("“{vision}”")),
        "the vision is the seed's own"
    );
    assert_eq!(p.sections.len(), 4);
    for s in &p.sections {
        assert!(text.contains(&s.heading));
        for line in s.body.lines() {
            assert!(text.contains(line), "section text comes from the seed");
        }
    }
}

#[test]
fn swot_items_keep_their_codes_and_the_summary_its_picks() {
    let Some((_, imported)) = seed() else { return };
    let p = &imported.plan;
    let count = |k| p.swot.iter().filter(|s| s.kind == k).count();
    assert_eq!(
        [
            count(SwotKind::S),
            count(SwotKind::W),
            count(SwotKind::O),
            count(SwotKind::T)
        ],
        [9, 7, 5, 6]
    );
    let codes: Vec<&str> = p.swot.iter().map(|s| s.code.as_deref().unwrap()).collect();
    assert_eq!(codes[..3], ["S1", "S2", "S3"]);
    assert_eq!(codes[26], "T6");
    let o1 = p
        .swot
        .iter()
        .find(|s| s.code.as_deref() == Some("O1"))
        .unwrap();
    assert!(
        o1.text.contains("บำเหน็จบำนาญ"),
        "O1 keeps its continuation line"
    );
    let summary = |k| p.swot_summary.iter().filter(|s| s.kind == k).count();
    assert_eq!(
        [
            summary(SwotKind::S),
            summary(SwotKind::W),
            summary(SwotKind::O),
            summary(SwotKind::T)
        ],
        [5, 4, 4, 4]
    );
}

#[test]
fn tows_quadrants_yield_the_missions() {
    let Some((_, imported)) = seed() else { return };
    let p = &imported.plan;
    let mission_label = |id: &phaen_domain::ElementId| {
        p.elements
            .iter()
            .find(|e| &e.id == id)
            .unwrap()
            .label
            .clone()
            .unwrap()
    };
    let got: Vec<(TowsType, String, String)> = p
        .tows
        .iter()
        .map(|q| {
            (
                q.quadrant,
                q.approach.clone().unwrap(),
                mission_label(&q.missions[0]),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (TowsType::SO, "Matching approach".into(), "พันธกิจที่ 1".into()),
            (TowsType::WO, "Off-set approach".into(), "พันธกิจที่ 4".into()),
            (TowsType::ST, "Covering approach".into(), "พันธกิจที่ 2".into()),
            (
                TowsType::WT,
                "Mitigation approach".into(),
                "พันธกิจที่ 3".into()
            ),
        ]
    );
}

#[test]
fn the_tree_has_every_mission_goal_strategy_and_guideline_once() {
    let Some((_, imported)) = seed() else { return };
    let p = &imported.plan;
    let c = phaen_domain::summary::counts(p);
    assert_eq!(
        (
            c.missions,
            c.goals,
            c.strategies,
            c.guidelines,
            c.projects,
            c.activities
        ),
        (4, 5, 7, 23, 31, 0)
    );
    assert_eq!(
        (c.kpis, c.kpi_targets, c.budget_lines, c.tows),
        (49, 147, 0, 4)
    );
    let labels: Vec<_> = p
        .elements
        .iter()
        .map(|m| m.label.clone().unwrap())
        .collect();
    assert_eq!(labels, ["พันธกิจที่ 1", "พันธกิจที่ 2", "พันธกิจที่ 3", "พันธกิจที่ 4"]);
    let goals: Vec<usize> = p
        .elements
        .iter()
        .map(|m| kids(m, ElementKind::Goal).len())
        .collect();
    assert_eq!(goals, [1, 2, 1, 1]);
    let guidelines: Vec<usize> = strategies(p)
        .iter()
        .map(|s| kids(s, ElementKind::Guideline).len())
        .collect();
    assert_eq!(guidelines, [8, 2, 2, 1, 4, 4, 2]);
    let strategy_labels: Vec<Option<String>> =
        strategies(p).iter().map(|s| s.label.clone()).collect();
    assert_eq!(strategy_labels[2].as_deref(), Some("กลยุทธ์ที่ 1"));
    assert_eq!(strategy_labels[4].as_deref(), Some("กลยุทธ์ที่ 3"));
}

#[test]
fn strategy_kpis_have_units_and_targets_for_every_year() {
    let Some((_, imported)) = seed() else { return };
    let expected = [
        ("1.", "ระดับ", "ดีเยี่ยม"),
        ("2.", "ร้อยละ", "≥ 10"),
        ("3.", "เท่า", "≤ 1"),
        ("1.", "ร้อยละ", "85"),
        ("1.", "ระดับ", "ผ่าน"),
        ("2.", "ฉบับ", "3"),
        ("1.", "แผน", "1"),
        ("2.", "ร้อยละ", "100"),
        ("1.", "ร้อยละ", "100"),
        ("2.", "งาน", "1"),
        ("3.", "รายงาน", "1"),
        ("1.", "ครั้ง", "1"),
        ("2.", "ร้อยละ", "≥ 2"),
        ("1.", "ร้อยละ", "100"),
        ("2.", "ร้อยละ", "80"),
    ];
    let kpis: Vec<_> = strategies(&imported.plan)
        .into_iter()
        .flat_map(|s| s.kpis.iter())
        .collect();
    assert_eq!(kpis.len(), expected.len());
    for (k, (label, unit, display)) in kpis.iter().zip(expected) {
        assert_eq!(k.label.as_deref(), Some(label));
        assert_eq!(k.unit.as_deref(), Some(unit), "unit of {}", k.name);
        let years: Vec<u16> = k.targets.iter().map(|t| t.year.get()).collect();
        assert_eq!(years, [2568, 2569, 2570]);
        for t in &k.targets {
            assert_eq!(t.target.to_string(), display, "target of {}", k.name);
        }
    }
    assert!(kpis[0].scale.is_some(), "a graded level carries its scale");
}

#[test]
fn action_plan_projects_sit_under_their_guidelines_with_inherited_units() {
    let Some((_, imported)) = seed() else { return };
    let p = &imported.plan;
    let first = strategies(p)[0];
    let per_guideline: Vec<Vec<String>> = kids(first, ElementKind::Guideline)
        .iter()
        .map(|g| {
            g.children
                .iter()
                .map(|c| c.label.clone().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        per_guideline,
        vec![
            vec!["1."],
            vec!["2."],
            vec!["3.", "4."],
            vec!["5."],
            vec!["6.", "7."],
            vec!["8."],
            vec!["9."],
            vec!["10.", "11."]
        ]
    );
    let projects: Vec<&Element> = first
        .children
        .iter()
        .flat_map(|g| g.children.iter())
        .collect();
    let units = |i: usize| -> Vec<String> {
        projects[i]
            .responsible
            .iter()
            .map(|r| r.text.clone())
            .collect()
    };
    assert_eq!(units(0), ["ฝ่ายจัดการ", "คณะกรรมการดำเนินการ"]);
    assert_eq!(
        units(2),
        ["ฝ่ายจัดการ", "คณะกรรมการดำเนินการ"],
        "shifted row inherits from above"
    );
    assert_eq!(units(3), ["คณะกรรมการเงินกู้"]);
    assert_eq!(
        units(4),
        ["คณะกรรมการเงินกู้"],
        "shifted row inherits from above"
    );
    assert_eq!(
        projects[1].kpis.len(),
        2,
        "the merged project cell spans two KPI rows"
    );
    assert_eq!(projects[8].kpis[0].targets[0].target.to_string(), "12");
    let per_table: Vec<usize> = strategies(p)
        .iter()
        .map(|s| s.children.iter().map(|g| g.children.len()).sum())
        .collect();
    assert_eq!(per_table, [11, 2, 3, 3, 4, 5, 3]);
    for w in p.walk() {
        for r in &w.element.responsible {
            assert!(
                r.unit.is_some(),
                "{} resolved to a unit of the cooperative",
                r.text
            );
        }
    }
}

#[test]
fn the_report_accounts_for_every_line_and_flags_the_merged_and_shifted_rows() {
    let Some((_, imported)) = seed() else { return };
    let r = &imported.report;
    assert_eq!((r.format.as_str(), r.encoding.as_str()), ("text", "utf-8"));
    let unknown: Vec<_> = r.unrecognized().collect();
    assert!(unknown.is_empty(), "unrecognized: {unknown:#?}");
    let became = r
        .items
        .iter()
        .filter(|i| matches!(i.outcome, Outcome::Became { .. }))
        .count();
    assert!(became > 300, "most cells became something ({became})");
    let lines_warned: Vec<String> = r
        .warnings
        .iter()
        .filter_map(|w| w.loc.as_ref().map(|l| l.to_string()))
        .collect();
    for line in ["line 246", "line 248", "line 250"] {
        assert!(
            lines_warned.iter().any(|l| l == line),
            "{line} flagged: {lines_warned:?}"
        );
    }
    let repaired: Vec<(String, &str)> = r
        .repairs
        .iter()
        .map(|x| (x.loc.to_string(), x.to.as_str()))
        .collect();
    assert!(
        repaired
            .iter()
            .any(|(l, to)| l.starts_with("line 61") && *to == "ค้ำประกัน")
    );
    assert!(
        repaired
            .iter()
            .any(|(l, to)| l.starts_with("line 151") && *to == "ร้อยละ")
    );
    assert_eq!(r.repairs.len(), 8);
}

#[test]
fn the_imported_plan_round_trips_through_the_canonical_json() {
    let Some((_, imported)) = seed() else { return };
    let json = imported.plan.to_json();
    let back = Plan::from_json(&json).unwrap();
    assert_eq!(back, imported.plan);
}
