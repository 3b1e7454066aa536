//! The layouts of Phaen's demo plans and of the imported seeds: every table's spans add up,
//! every text of the plan that a reader needs is in the document, in the digits chosen.

use phaen_documents::layout::{Block, Digits, Document, Options, plan_document, tables, texts};
use phaen_domain::{ElementKind, Plan, PlanKind};

fn demo_plans() -> Vec<Plan> {
    phaen_synth::demo(2568).plans
}

fn seed_plan(n: &str) -> Option<Plan> {
    let path = phaen_testkit::seed_file(n)?;
    let bytes = std::fs::read(path).unwrap();
    Some(
        phaen_import::read(&bytes, n, None)
            .expect("seed imports")
            .plan,
    )
}

fn all_text(doc: &Document) -> String {
    texts(doc).join("\n")
}

fn check_tables(doc: &Document) {
    for t in tables(doc) {
        t.check().unwrap_or_else(|e| panic!("{}: {e}", doc.title));
    }
}

#[test]
fn every_demo_plan_lays_out_with_consistent_tables() {
    for plan in demo_plans() {
        for digits in [Digits::Thai, Digits::Arabic] {
            let doc = plan_document(&plan, &Options::new(digits));
            check_tables(&doc);
            assert!(doc.cover.is_some());
            let text = all_text(&doc);
            let wrong = match digits {
                Digits::Thai => '0'..='9',
                Digits::Arabic => '๐'..='๙',
            };
            assert!(
                !text.chars().any(|c| wrong.contains(&c)),
                "{}: digits other than {digits:?} in {text}",
                plan.title
            );
        }
    }
}

#[test]
fn a_strategic_plan_shows_every_element_and_kpi() {
    let o = Options::new(Digits::Arabic);
    for plan in demo_plans()
        .into_iter()
        .filter(|p| p.kind == PlanKind::StrategicPlan)
    {
        let doc = plan_document(&plan, &o);
        let text = all_text(&doc);
        for w in plan.walk() {
            assert!(
                text.contains(&o.text(&w.element.title)),
                "{} lost {:?}",
                plan.title,
                w.element.title
            );
        }
        for (_, k) in plan.all_kpis() {
            assert!(text.contains(&o.text(&k.name)), "lost KPI {}", k.name);
        }
        let headings: Vec<&str> = doc
            .parts
            .iter()
            .flat_map(|p| &p.blocks)
            .filter_map(|b| match b {
                Block::Heading { level: 1, text } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            headings.iter().any(|h| h.contains("แผนกลยุทธ์")),
            "{headings:?}"
        );
    }
}

#[test]
fn seed_000_keeps_the_official_order() {
    let Some(plan) = seed_plan("000") else {
        eprintln!("seed 000 not found: skipped");
        return;
    };
    let doc = plan_document(&plan, &Options::new(Digits::Arabic));
    check_tables(&doc);
    let heads: Vec<String> = doc
        .parts
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Heading { level: 1, text } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        heads,
        [
            "ส่วนที่ 1 บทนำ",
            "ส่วนที่ 2 การวิเคราะห์สภาพแวดล้อม",
            "ส่วนที่ 3 แผนกลยุทธ์",
            "ส่วนที่ 4 แผนปฏิบัติการ (Action Plan)"
        ]
    );
    let text = all_text(&doc);
    let seed = std::fs::read_to_string(phaen_testkit::seed_file("000").unwrap()).unwrap();
    for w in plan.walk() {
        assert!(text.contains(&w.element.title));
    }
    // The SWOT items and the vision as imported, the vision word for word from the seed.
    for s in &plan.swot {
        assert!(text.contains(&s.text), "lost SWOT item {}", s.text);
    }
    let vision = plan.vision.as_deref().unwrap();
    assert!(seed.contains(vision) && text.contains(vision));
}

#[test]
fn seed_004_totals_its_budget_per_strategy_and_year() {
    let Some(plan) = seed_plan("004") else {
        eprintln!("seed 004 not found: skipped");
        return;
    };
    let o = Options::new(Digits::Arabic);
    let doc = plan_document(&plan, &o);
    check_tables(&doc);
    let total: rust_decimal::Decimal = plan
        .walk()
        .iter()
        .flat_map(|w| &w.element.budget)
        .map(|b| b.amount_baht.amount())
        .sum();
    let text = all_text(&doc);
    let words = phaen_domain::thai::baht_text(total);
    assert!(text.contains(&words), "the grand total in words: {words}");
    assert!(text.contains(&Options::new(Digits::Arabic).baht(total)));
    for p in plan.projects() {
        assert!(text.contains(&o.text(&p.title)), "lost project {}", p.title);
    }
    let issues = plan
        .walk()
        .iter()
        .filter(|w| w.element.kind == ElementKind::StrategicIssue)
        .count();
    assert!(issues > 0);
}
