//! Seed 004's indicators and project sheets: strategy-level KPIs with a target per year, the
//! detail sheets' objectives, groups, outcomes and success indicators, and activity timelines.

use phaen_domain::thai::to_arabic_digits;
use phaen_domain::{Element, ElementKind, TimelineMark};

use super::{after_label, all, find, key, no_spaces, seed};

/// Issue, KPI label, unit, targets 2560-2564 as written (in Arabic digits), line of its name.
type KpiFact = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    usize,
);

#[test]
fn strategy_level_kpis_have_units_and_a_target_per_year() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    let facts: [KpiFact; 9] = [
        ("4", "1", Some("ร้อยละ"), Some("- 50 60 70 80"), 17),
        ("4", "2", Some("ร้อยละ"), Some("- 20 20 20 20"), 19),
        ("5", "1", Some("ระบบ"), Some("- 8 - - -"), 55),
        ("5", "2", Some("แห่ง"), Some("60 60 60 60 60"), 56),
        ("5", "3", None, None, 56),
        ("6", "1", Some("ร้อยละ"), Some("- 80 80 80 80"), 84),
        ("6", "2", None, Some("10 - - - -"), 84),
        ("8", "1", Some("ร้อยละ"), Some("- 20 40 60 80"), 111),
        ("8", "2", Some("ร้อยละ"), Some("- 20 40 60 80"), 111),
    ];
    let kpis: Vec<(String, &phaen_domain::Kpi)> = p
        .elements
        .iter()
        .filter(|e| e.kind == ElementKind::StrategicIssue)
        .flat_map(|e| e.kpis.iter().map(move |k| (key(e), k)))
        .collect();
    assert_eq!(kpis.len(), 9);
    let (mut values, mut dashes) = (0, 0);
    for ((issue, k), (fi, label, unit, targets, line)) in kpis.iter().zip(facts) {
        let at = format!("ยุทธศาสตร์ที่ {fi} KPI {label}");
        assert_eq!(issue, fi, "{at}");
        assert_eq!(
            to_arabic_digits(k.label.as_deref().unwrap()).trim_end_matches('.'),
            label,
            "{at}"
        );
        assert!(
            no_spaces(&lines[line - 1][1]).contains(&no_spaces(&format!(
                "{}{}",
                k.label.as_deref().unwrap(),
                k.name
            ))),
            "{at}: name as written"
        );
        assert_eq!(k.unit.as_deref(), unit, "{at}");
        match targets {
            None => assert!(k.targets.is_empty(), "{at}"),
            Some(targets) => {
                let got: Vec<(u16, String, String)> = k
                    .targets
                    .iter()
                    .map(|t| {
                        (
                            t.year.get(),
                            t.target.to_string(),
                            to_arabic_digits(t.written.as_deref().unwrap()),
                        )
                    })
                    .collect();
                let want: Vec<(u16, String, String)> = (2560..=2564)
                    .zip(targets.split(' '))
                    .map(|(y, t)| (y, t.to_string(), t.to_string()))
                    .collect();
                assert_eq!(got, want, "{at}");
                for t in &k.targets {
                    match t.target.kind_str() {
                        "none" => dashes += 1,
                        "numeric" => values += 1,
                        other => panic!("{at}: unexpected target kind {other}"),
                    }
                }
            }
        }
    }
    assert_eq!((values, dashes), (27, 13));
}

#[test]
fn project_sheets_give_objectives_groups_activities_outcomes_and_indicators() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    let labels = |items: &[phaen_domain::TextItem]| {
        items
            .iter()
            .map(|i| i.label.clone().map(|l| to_arabic_digits(&l)))
            .collect::<Vec<_>>()
    };
    let one = find(p, ElementKind::Project, "1.1");
    assert_eq!(
        labels(&one.objectives),
        [Some("1.1".into()), Some("1.2".into())]
    );
    assert_eq!(one.objectives[0].text, after_label(&lines[143][0]));
    assert_eq!(one.target_groups.len(), 1);
    assert_eq!(one.target_groups[0].text, lines[149][0]);
    assert_eq!(one.expected_outcomes.len(), 1);
    assert_eq!(one.expected_outcomes[0].text, lines[163][0]);
    let kpis: Vec<String> = one
        .kpis
        .iter()
        .map(|k| to_arabic_digits(k.label.as_deref().unwrap()))
        .collect();
    assert_eq!(kpis, ["6.1", "6.2"]);
    assert!(one.kpis.iter().all(|k| k.targets.is_empty()));

    let two = find(p, ElementKind::Project, "1.2");
    assert_eq!(
        labels(&two.objectives),
        [Some("1.1".into()), Some("1.2".into()), Some("1.3".into())]
    );
    assert_eq!(two.target_groups[0].text, lines[187][0]);
    assert_eq!(
        labels(&two.expected_outcomes),
        [Some("5.1".into()), Some("5.2".into()), Some("5.3".into())]
    );
    assert_eq!(two.kpis.len(), 1);
    let k = &two.kpis[0];
    assert_eq!(k.name, lines[218][0]);
    assert_eq!(k.unit.as_deref(), Some("ร้อยละ"));
    let targets: Vec<(u16, String)> = k
        .targets
        .iter()
        .map(|t| (t.year.get(), t.target.to_string()))
        .collect();
    assert_eq!(
        targets,
        (2560..=2564)
            .map(|y| (y, "≥ 70%".to_string()))
            .collect::<Vec<_>>(),
        "at least 70 % each year"
    );
    assert_eq!(
        all(p, ElementKind::Project)
            .iter()
            .map(|e| e.kpis.len())
            .sum::<usize>(),
        3
    );
}

#[test]
fn activities_carry_their_timelines() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    assert_eq!(all(p, ElementKind::Activity).len(), 13);
    let marks = |e: &Element| {
        e.timeline
            .iter()
            .map(|t| (t.year.get(), t.mark))
            .collect::<Vec<_>>()
    };
    let one = find(p, ElementKind::Project, "1.1");
    let acts: Vec<&Element> = one.children.iter().collect();
    assert_eq!(
        acts.iter()
            .map(|a| to_arabic_digits(a.label.as_deref().unwrap()))
            .collect::<Vec<_>>(),
        ["3.1", "3.2", "3.3", "3.4", "3.5"]
    );
    assert!(acts[0].timeline.is_empty(), "3.1 marks no year");
    for a in &acts[1..4] {
        assert_eq!(marks(a), [(2560, Some(TimelineMark::Span))]);
    }
    use TimelineMark::*;
    assert_eq!(
        marks(acts[4]),
        [
            (2560, Some(Start)),
            (2561, Some(Continue)),
            (2562, Some(Continue)),
            (2563, Some(Continue)),
            (2564, Some(End))
        ]
    );
    let two = find(p, ElementKind::Project, "1.2");
    assert_eq!(two.children.len(), 8);
    let entries: usize = two.children.iter().map(|a| a.timeline.len()).sum();
    assert_eq!(entries, 37, "40 cells, 3 blank");
    assert_eq!(
        two.children[0]
            .timeline
            .iter()
            .map(|t| t.year.get())
            .collect::<Vec<_>>(),
        [2560, 2561]
    );
    let act_lines = [193, 194, 195, 196, 197, 204, 205, 206];
    for (a, line) in two.children.iter().zip(act_lines) {
        let cells = &lines[line - 1];
        assert_eq!(a.title, after_label(&cells[0]));
        for t in &a.timeline {
            let col = (t.year.get() - 2560) as usize + 1;
            assert_eq!(t.mark, None);
            assert_eq!(
                t.note.as_deref(),
                Some(cells[col].as_str()),
                "activity {} in {}",
                key(a),
                t.year
            );
        }
    }
}
