//! Seed 003's sixteen data rows, each checked cell by cell against facts 003.3: project,
//! KPI, target group, alignment links, budget, readiness, responsible units and results.

use phaen_domain::{AlignKind, Element, ReadinessKind, ResponsibleRole};

use super::{projects, seed};

/// Who is responsible: the abbreviations as written, or the whole cell as one cooperative.
enum Units {
    These(&'static [&'static str]),
    WholeCell,
}

/// One data row of the table (facts 003.3).
struct RowFact {
    line: usize,
    label: &'static str,
    kpis: &'static [&'static str],
    guidelines: &'static [&'static str],
    budget: Option<i64>,
    flags: [bool; 5],
    main: &'static [&'static str],
    support: Units,
    results: bool,
}

const ALL: [bool; 5] = [true; 5];
const NOT_2566: [bool; 5] = [false, true, true, true, true];

fn facts() -> Vec<RowFact> {
    use Units::*;
    let coop = |line, label, budget, flags, main, results| RowFact {
        line,
        label,
        kpis: &[],
        guidelines: &["2"],
        budget,
        flags,
        main,
        support: WholeCell,
        results,
    };
    vec![
        RowFact {
            line: 11,
            label: "1",
            kpis: &["1"],
            guidelines: &["5"],
            budget: None,
            flags: ALL,
            main: &["กตส."],
            support: These(&["สก", "สตส."]),
            results: true,
        },
        RowFact {
            line: 12,
            label: "2",
            kpis: &["3"],
            guidelines: &["2"],
            budget: None,
            flags: ALL,
            main: &["กตส."],
            support: These(&["สก", "สตส."]),
            results: true,
        },
        RowFact {
            line: 14,
            label: "1",
            kpis: &["1", "3", "4"],
            guidelines: &["1", "2", "3", "4"],
            budget: None,
            flags: ALL,
            main: &["ฝปท."],
            support: These(&["เกษตรจังหวัด", "ภาครัฐจังหวัด", "พาณิชย์จังหวัด"]),
            results: true,
        },
        RowFact {
            line: 16,
            label: "1",
            kpis: &["4"],
            guidelines: &["2", "4"],
            budget: None,
            flags: ALL,
            main: &["กตส."],
            support: These(&["กจส. กบส.", "กพส. และ สก"]),
            results: true,
        },
        coop(18, "1", None, ALL, &["กตส."], true),
        coop(19, "2", None, ALL, &["กตส."], true),
        coop(24, "3", None, ALL, &["กสส."], true),
        coop(25, "4", Some(250_000), ALL, &["กสส."], true),
        coop(26, "5", None, ALL, &["กสส."], true),
        coop(27, "6", Some(20_000), ALL, &["กสส."], true),
        coop(28, "7", Some(160_000), ALL, &["กสส."], true),
        coop(29, "8", Some(2_240_000), NOT_2566, &["กสส."], false),
        coop(34, "9", Some(2_250_000), ALL, &["กสส."], true),
        coop(35, "10", None, NOT_2566, &["กสส."], false),
        RowFact {
            line: 37,
            label: "1",
            kpis: &["1", "2", "3"],
            guidelines: &["2"],
            budget: None,
            flags: ALL,
            main: &["กฟส.", "กสส."],
            support: WholeCell,
            results: true,
        },
        RowFact {
            line: 39,
            label: "1",
            kpis: &["2", "5"],
            guidelines: &["4", "5"],
            budget: None,
            flags: ALL,
            main: &["กตส."],
            support: These(&["สก", "สตส."]),
            results: true,
        },
    ]
}

#[test]
fn every_numbered_row_is_a_project_with_its_cells() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    let projects = projects(p);
    let facts = facts();
    assert_eq!(projects.len(), 16);
    assert_eq!(facts.len(), 16);
    let issue_of = |e: &Element| {
        p.elements
            .iter()
            .find(|i| {
                let mut out = Vec::new();
                i.walk(None, &mut out);
                out.iter().any(|w| w.element.id == e.id)
            })
            .unwrap()
    };
    for (e, f) in projects.iter().zip(&facts) {
        let cells = &lines[f.line - 1];
        let at = format!("row at line {}", f.line);
        assert_eq!(e.label.as_deref(), Some(f.label), "{at}");
        assert_eq!(e.title, cells[2], "{at}: the project name as written");
        assert_eq!(e.kpis.len(), 1, "{at}");
        let k = &e.kpis[0];
        assert_eq!(k.name, cells[3], "{at}: the KPI as written");
        assert!(k.unit.is_none() && k.targets.is_empty(), "{at}");
        assert_eq!(e.target_groups.len(), 1, "{at}");
        assert_eq!(e.target_groups[0].text, cells[4], "{at}: the target group");

        let issue = issue_of(e);
        let links = |kind| {
            e.aligned_to
                .iter()
                .filter(|a| a.kind == kind)
                .map(|a| a.label.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(links(AlignKind::Kpi), f.kpis, "{at}: KPIs answered");
        assert_eq!(
            links(AlignKind::Guideline),
            f.guidelines,
            "{at}: guidelines"
        );
        for a in &e.aligned_to {
            assert_eq!(a.scope, issue.label, "{at}");
            assert_eq!(
                a.plan.as_deref(),
                Some(p.parent_plan.as_ref().unwrap().title.as_str())
            );
            assert_eq!(a.written.as_deref(), Some(cells[1].as_str()));
        }

        match f.budget {
            None => assert!(e.budget.is_empty(), "{at}: '-' is no budget"),
            Some(baht) => {
                assert_eq!(e.budget.len(), 1, "{at}");
                let b = &e.budget[0];
                assert_eq!(b.year, None, "{at}: one estimate, not per year");
                assert_eq!(
                    b.amount_baht.amount(),
                    rust_decimal::Decimal::from(baht),
                    "{at}"
                );
                assert_eq!(b.source_unit, phaen_domain::MoneyUnit::Baht);
                assert_eq!(b.written.as_deref(), Some(cells[5].as_str()));
            }
        }

        let flags: Vec<(u16, ReadinessKind, bool)> = e
            .readiness
            .iter()
            .map(|r| (r.year.get(), r.kind, r.ready))
            .collect();
        let kinds = [
            ReadinessKind::CanRun,
            ReadinessKind::PrepareBudget,
            ReadinessKind::InPlan,
            ReadinessKind::InPlan,
            ReadinessKind::InPlan,
        ];
        let expected: Vec<(u16, ReadinessKind, bool)> = (2566..=2570)
            .zip(kinds)
            .zip(f.flags)
            .map(|((y, k), r)| (y, k, r))
            .collect();
        assert_eq!(flags, expected, "{at}: readiness");

        let texts = |role| {
            e.responsible
                .iter()
                .filter(|r| r.role == role)
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(ResponsibleRole::Main), f.main, "{at}: main units");
        match &f.support {
            Units::These(units) => assert_eq!(texts(ResponsibleRole::Support), *units, "{at}"),
            Units::WholeCell => assert_eq!(texts(ResponsibleRole::Support), [cells[12].as_str()]),
        }

        if f.results {
            assert_eq!(e.results.len(), 1, "{at}");
            let r = &e.results[0];
            assert_eq!(r.narrative, cells[13], "{at}: results as written");
            assert_eq!(r.as_of, p.as_of);
            assert!(r.year.is_none() && r.actuals.is_empty());
        } else {
            assert_eq!(cells[13], "-");
            assert!(e.results.is_empty(), "{at}: '-' is no result yet");
        }
    }
}
