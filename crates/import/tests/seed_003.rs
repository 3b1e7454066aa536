//! Seed 003, a provincial cooperative office's Road Map (revision 2) tying its projects to the
//! national cooperative development plan no. 5, checked row by row against facts read off the
//! document by hand. Long Thai texts are compared with the seed file itself at test time; only
//! counts, labels, years, numbers and unit abbreviations are written here.

use phaen_domain::{
    Element, ElementKind, OrgKind, PlanKind, PlanStatus, ReadinessKind, ResponsibleRole, YearBasis,
};
use phaen_import::doc::Loc;
use phaen_import::report::Outcome;

#[path = "seed_003/rows.rs"]
mod rows;

/// The seed's lines split into tab cells (line n is `lines[n - 1]`), and the import.
fn seed() -> Option<(Vec<Vec<String>>, phaen_import::Imported)> {
    seed_with(None)
}

fn seed_with(
    owner: Option<phaen_domain::Organization>,
) -> Option<(Vec<Vec<String>>, phaen_import::Imported)> {
    let path = phaen_testkit::seed_file("003")?;
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let lines = text
        .split('\n')
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .collect();
    let imported = phaen_import::read(&bytes, "003", owner).expect("seed 003 imports");
    Some((lines, imported))
}

fn projects(plan: &phaen_domain::Plan) -> Vec<&Element> {
    plan.walk()
        .into_iter()
        .map(|w| w.element)
        .filter(|e| e.kind == ElementKind::Project)
        .collect()
}

#[test]
fn the_title_lines_give_kind_owner_period_revision_date_and_higher_plan() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    assert_eq!(p.kind, PlanKind::Roadmap);
    assert_eq!(p.title, lines[2][0]);
    assert_eq!((p.period.from.get(), p.period.to.get()), (2566, 2570));
    assert_eq!(p.year_basis, YearBasis::FiscalYear);
    assert_eq!(p.status, PlanStatus::Draft);
    let rev = p.revision.as_ref().unwrap();
    assert_eq!((rev.number, rev.written.as_deref()), (2, Some("ครั้งที่ 2")));
    assert_eq!(p.as_of.unwrap().to_string(), "2023-06-29");
    assert_eq!(p.edition, None, "ฉบับที่ 5 is the higher plan's edition");
    let parent = p.parent_plan.as_ref().unwrap();
    assert!(parent.id.is_none());
    assert!(parent.title.starts_with("แผนพัฒนาการสหกรณ์"));
    assert!(parent.title.ends_with("ฉบับที่ 5 (พ.ศ.2566-2570)"));
    assert!(lines[2][0].contains(&parent.title));
    assert_eq!(p.owner.name_th, lines[3][0]);
    assert_eq!(p.owner.kind, OrgKind::ProvincialOffice);
    assert!(p.vision.is_none() && p.approval.is_none());
}

#[test]
fn groups_are_five_strategic_issues_and_one_cooperative_type() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    assert_eq!(p.elements.len(), 5);
    for (i, (e, line)) in p.elements.iter().zip([10, 13, 15, 36, 38]).enumerate() {
        assert_eq!(e.kind, ElementKind::StrategicIssue);
        let label = format!("ยุทธศาสตร์ชาติที่ {}", i + 1);
        assert_eq!(e.label.as_deref(), Some(label.as_str()));
        assert_eq!(lines[line - 1][0], format!("{label} : {}", e.title));
        assert!(e.kpis.is_empty() && e.budget.is_empty());
    }
    let per_issue: Vec<usize> = p
        .elements
        .iter()
        .map(|e| {
            let mut out = Vec::new();
            e.walk(None, &mut out);
            out.iter()
                .filter(|w| w.element.kind == ElementKind::Project)
                .count()
        })
        .collect();
    assert_eq!(per_issue, [2, 1, 11, 1, 1]);
    let groups: Vec<&Element> = p
        .walk()
        .into_iter()
        .filter(|w| w.element.kind == ElementKind::Group)
        .map(|w| w.element)
        .collect();
    assert_eq!(groups.len(), 1);
    let g = groups[0];
    assert_eq!(
        (g.title.as_str(), g.coop_type.as_deref()),
        ("ทุกประเภท", Some("ทุกประเภท"))
    );
    let third = &p.elements[2];
    assert_eq!(
        third.children.len(),
        2,
        "the project above the group, then the group"
    );
    assert_eq!(third.children[0].kind, ElementKind::Project);
    assert_eq!(third.children[1].id, g.id);
    let labels: Vec<&str> = g
        .children
        .iter()
        .map(|c| c.label.as_deref().unwrap())
        .collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
}

#[test]
fn budgets_and_readiness_add_up_as_the_facts_say() {
    let Some((_, imported)) = seed() else { return };
    let projects = projects(&imported.plan);
    let budgets: Vec<_> = projects.iter().flat_map(|e| &e.budget).collect();
    assert_eq!(budgets.len(), 5);
    let total: phaen_domain::Baht = budgets.iter().map(|b| b.amount_baht).sum();
    assert_eq!(total.to_string(), "4920000");
    let flags: Vec<_> = projects.iter().flat_map(|e| &e.readiness).collect();
    assert_eq!(flags.len(), 80);
    assert_eq!(flags.iter().filter(|r| r.ready).count(), 78);
    assert!(
        flags
            .iter()
            .filter(|r| !r.ready)
            .all(|r| r.year.get() == 2566 && r.kind == ReadinessKind::CanRun)
    );
    assert_eq!(projects.iter().filter(|e| e.results.is_empty()).count(), 2);
    assert_eq!(projects.iter().map(|e| e.kpis.len()).sum::<usize>(), 16);
}

#[test]
fn the_offices_own_divisions_become_its_units() {
    let Some((_, imported)) = seed() else { return };
    let p = &imported.plan;
    let codes: Vec<&str> = p.owner.units.iter().map(|u| u.code.as_str()).collect();
    for unit in ["กตส.", "สก", "สตส.", "ฝปท.", "กสส.", "กฟส."] {
        assert!(codes.contains(&unit), "{unit} is a unit of the office");
    }
    for e in projects(p) {
        for r in e
            .responsible
            .iter()
            .filter(|r| r.role == ResponsibleRole::Main)
        {
            assert_eq!(
                r.unit.as_deref(),
                Some(r.text.as_str()),
                "{} resolves",
                r.text
            );
        }
    }
}

#[test]
fn every_line_is_accounted_for_and_repeated_headers_are_context() {
    let Some((_, imported)) = seed() else { return };
    let report = &imported.report;
    let unrecognized: Vec<_> = report.unrecognized().map(|i| i.loc.to_string()).collect();
    assert!(unrecognized.is_empty(), "unrecognized: {unrecognized:?}");
    let line_of = |loc: &Loc| match loc {
        Loc::Line { line, .. } => *line,
        _ => 0,
    };
    let header_lines = [7, 8, 9, 21, 22, 23, 31, 32, 33];
    let headers: Vec<_> = report
        .items
        .iter()
        .filter(|i| header_lines.contains(&line_of(&i.loc)))
        .collect();
    assert!(headers.len() >= 30);
    assert!(
        headers
            .iter()
            .all(|i| matches!(i.outcome, Outcome::Context { .. }))
    );
    let repeated = headers
        .iter()
        .filter(|i| matches!(&i.outcome, Outcome::Context { what } if what.contains("page break")))
        .count();
    assert_eq!(
        repeated,
        headers.len() / 3 * 2,
        "two of three blocks are repeats"
    );
    let became = |line: usize| {
        report
            .items
            .iter()
            .any(|i| line_of(&i.loc) == line && matches!(i.outcome, Outcome::Became { .. }))
    };
    assert!(
        became(3) && became(4) && became(5),
        "title, office and date"
    );
}

#[test]
fn nothing_in_the_roadmap_is_ambiguous_so_only_unresolved_units_are_flagged() {
    let Some((_, imported)) = seed() else { return };
    let warnings = &imported.report.warnings;
    assert!(
        warnings.iter().all(|w| w.loc.is_none()),
        "the recognizer itself had nothing to flag: {warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .all(|w| w.message_en.contains("did not resolve"))
    );
    assert!(warnings.iter().any(|w| w.message_th.contains("เกษตรจังหวัด")));
}

#[test]
fn an_organization_given_by_the_user_replaces_the_inferred_owner() {
    let org = phaen_domain::Organization {
        code: phaen_domain::OrgCode::parse("lopburi").unwrap(),
        name_th: "สหกรณ์จังหวัดลพบุรี".into(),
        name_en: None,
        kind: OrgKind::ProvincialOffice,
        coop_type: None,
        parent: None,
        units: Vec::new(),
    };
    let Some((_, imported)) = seed_with(Some(org)) else {
        return;
    };
    assert_eq!(imported.plan.owner.code.as_str(), "lopburi");
    let office_line = imported
        .report
        .items
        .iter()
        .find(|i| {
            i.loc
                == Loc::Line {
                    line: 4,
                    column: None,
                }
        })
        .unwrap();
    assert!(matches!(office_line.outcome, Outcome::Context { .. }));
}
