//! Seed 002, the federation's development plan with a balanced-scorecard strategy map, read
//! and checked row by row against the facts a colleague checked by hand. Long Thai texts are
//! compared with the seed itself, read at test time.

use chrono::NaiveDate;
use phaen_domain::{
    Comparator, Element, ElementKind, OrgKind, Plan, PlanKind, PlanStatus, Scale, Target, YearBasis,
};
use phaen_import::Imported;
use phaen_import::doc::Loc;
use rust_decimal::Decimal;

const SEED: &str = "002_4635f9075ec9cf0f.txt";

/// The seed's text and what the importer made of it; `None` when the corpus is absent.
fn load() -> Option<(Seed, Imported)> {
    let dir = phaen_testkit::corpus_dir()?;
    let bytes = std::fs::read(dir.join(SEED)).expect("the seed is readable");
    let imported = phaen_import::read(&bytes, SEED, None).expect("seed 002 imports");
    let text = String::from_utf8(bytes).expect("the seed is UTF-8");
    Some((Seed(text), imported))
}

struct Seed(String);

impl Seed {
    /// Line `n`, 1-based, as written.
    fn line(&self, n: usize) -> &str {
        self.0
            .split('\n')
            .nth(n - 1)
            .expect("the seed has that line")
    }

    /// Line `n` without markup (HTML tags, bold, heading marks) and with spaces normalised.
    fn plain(&self, n: usize) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in self.line(n).chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        let out = out.replace("**", "").replace("\\*", "*");
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn goals(m: &Element) -> Vec<&Element> {
    m.children
        .iter()
        .filter(|e| e.kind == ElementKind::Goal)
        .collect()
}

fn strategies(g: &Element) -> Vec<&Element> {
    g.children
        .iter()
        .filter(|e| e.kind == ElementKind::Strategy)
        .collect()
}

fn count(plan: &Plan, kind: ElementKind) -> usize {
    plan.walk()
        .iter()
        .filter(|w| w.element.kind == kind)
        .count()
}

/// Per mission, per goal: its KPI labels ("" = unnumbered), then each strategy's label ("" =
/// none) with its guidelines' labels ("-" = a '- ' bullet).
type Goal = (
    &'static [&'static str],
    &'static [(&'static str, &'static [&'static str])],
);

const TREE: [&[Goal]; 5] = [
    &[
        (
            &["1", "2"],
            &[
                ("1.1", &["-"]),
                ("1.2", &["1.2.1", "1.2.2"]),
                ("1.3", &["1.3.1", "1.3.2"]),
                ("1.4", &["1.4.1", "1.4.2", "1.4.2", "1.4.3"]),
                ("2.1", &["2.1.1", "2.1.2"]),
                ("2.2", &["2.2.1", "2.2.2"]),
                ("2.3", &["2.3.1", "2.3.2"]),
                ("2.4", &["2.4.1", "2.4.2", "2.4.3", "2.4.4"]),
            ],
        ),
        (&[""], &[("", &["-"])]),
        (&[""], &[("", &["1.1", "1.2"])]),
        (&[""], &[("", &["1.1", "1.2", "1.3", "1.4", "1.5"])]),
    ],
    &[
        (
            &["1", "2", "3"],
            &[
                ("1.1", &["1.1.1", "1.1.2", "1.1.3", "1.1.4"]),
                ("2.1", &["2.1.1", "2.1.2", "2.1.3"]),
                ("3.1", &["3.1.1", "3.1.2", "3.1.3", "3.1.4"]),
            ],
        ),
        (
            &["1", "2"],
            &[
                ("2.1.1", &["(1)", "(2)", "(3)", "(4)", "(5)"]),
                ("2.2.1", &["(1)", "(2)"]),
            ],
        ),
        (
            &[""],
            &[(
                "",
                &["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"],
            )],
        ),
    ],
    &[
        (
            &["1", "2"],
            &[
                (
                    "1.1",
                    &["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6"],
                ),
                ("2.1", &["-"]),
            ],
        ),
        (&[""], &[("", &["1.", "2.", "3.", "4.", "5."])]),
    ],
    &[
        (
            &["1", "2"],
            &[
                ("1.1", &["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5"]),
                ("1.2", &["1.2.1", "1.2.2"]),
                ("2.1", &["-"]),
            ],
        ),
        (&[""], &[("", &["1.1", "1.2", "1.3"])]),
    ],
    &[
        (
            &["1"],
            &[
                ("1.1", &["1.1.1", "1.1.2", "1.1.3"]),
                ("2.2", &["2.2.1", "2.2.2"]),
                ("2.3", &["2.3.1", "2.3.2"]),
            ],
        ),
        (&[""], &[("", &["1.", "2."])]),
    ],
];

/// The seed lines of each mission's goals, and of each goal's KPI and strategy rows.
const GOAL_LINES: [&[usize]; 5] = [
    &[65, 79, 84, 89],
    &[96, 105, 113],
    &[120, 126],
    &[133, 142],
    &[149, 156],
];
const KPI_LINES: [&[&[usize]]; 5] = [
    &[&[68, 74], &[82], &[87], &[92]],
    &[&[99, 100, 103], &[108, 109], &[116]],
    &[&[123, 124], &[129]],
    &[&[136, 140], &[145]],
    &[&[152], &[159]],
];
const STRATEGY_LINES: [&[&[usize]]; 5] = [
    &[&[68, 69, 70, 71, 74, 75, 76, 77], &[82], &[87], &[92]],
    &[&[99, 100, 103], &[108, 109], &[116]],
    &[&[123, 124], &[129]],
    &[&[136, 139, 140], &[145]],
    &[&[152, 153, 154], &[159]],
];

fn opt(label: &str) -> Option<&str> {
    (!label.is_empty() && label != "-").then_some(label)
}

#[test]
fn the_header_gives_title_edition_period_accounting_years_owner_and_approval() {
    let Some((seed, imported)) = load() else {
        return;
    };
    let plan = &imported.plan;
    assert_eq!(plan.kind, PlanKind::DevelopmentPlan);
    assert_eq!(imported.report.kind, "development_plan");
    assert_eq!(plan.title, seed.line(39).trim_end_matches([' ', ':']));
    assert_eq!(plan.edition.as_deref(), Some("ฉบับที่ 5"));
    assert_eq!((plan.period.from.get(), plan.period.to.get()), (2560, 2564));
    assert_eq!(
        plan.year_basis,
        YearBasis::AccountingYear {
            end_month: 12,
            end_day: 31
        }
    );
    assert_eq!(plan.owner.name_th, "ชสอ.");
    assert_eq!(plan.owner.kind, OrgKind::Federation);
    assert_eq!(plan.status, PlanStatus::Approved);
    let approval = plan.approval.as_ref().expect("an approval");
    assert_eq!(approval.body, "คณะกรรมการดำเนินการ ชุดที่ 44");
    assert_eq!(approval.meeting.as_deref(), Some("ครั้งที่ 15"));
    assert_eq!(approval.date, NaiveDate::from_ymd_opt(2017, 2, 18));
    assert_eq!(approval.written.as_deref(), Some(seed.line(41)));
    assert!(plan.revision.is_none() && plan.as_of.is_none());
}

#[test]
fn the_vision_is_read_once_from_its_own_section() {
    let Some((seed, imported)) = load() else {
        return;
    };
    let vision = seed.line(47).trim_matches(['“', '”']);
    assert_eq!(imported.plan.vision.as_deref(), Some(vision));
    assert!(seed.line(5).contains(vision), "the strategy map repeats it");
}

#[test]
fn the_tree_holds_5_missions_13_goals_19_kpis_28_strategies_and_85_guidelines() {
    let Some((_, imported)) = load() else {
        return;
    };
    let plan = &imported.plan;
    assert_eq!(plan.elements.len(), 5);
    assert_eq!(count(plan, ElementKind::Mission), 5);
    assert_eq!(count(plan, ElementKind::Goal), 13);
    assert_eq!(count(plan, ElementKind::Strategy), 28);
    assert_eq!(count(plan, ElementKind::Guideline), 85);
    assert_eq!(plan.all_kpis().len(), 19);
    assert_eq!(count(plan, ElementKind::Project), 0);
    let per_mission: Vec<(usize, usize)> = plan
        .elements
        .iter()
        .map(|m| {
            let g = goals(m);
            (g.len(), g.iter().map(|g| g.kpis.len()).sum())
        })
        .collect();
    assert_eq!(per_mission, [(4, 5), (3, 6), (2, 3), (2, 3), (2, 2)]);
}

#[test]
fn missions_are_defined_by_the_mission_list() {
    let Some((seed, imported)) = load() else {
        return;
    };
    for (i, m) in imported.plan.elements.iter().enumerate() {
        let label = format!("พันธกิจที่ {}", i + 1);
        assert_eq!(m.kind, ElementKind::Mission);
        assert_eq!(m.label.as_deref(), Some(label.as_str()));
        assert_eq!(seed.line(51 + 2 * i), format!("{label} {}", m.title));
        assert!(m.kpis.is_empty(), "KPIs sit at the goals");
    }
}

#[test]
fn goals_kpis_strategies_and_guidelines_carry_their_labels_as_written() {
    let Some((seed, imported)) = load() else {
        return;
    };
    for (mi, mission) in imported.plan.elements.iter().enumerate() {
        let gs = goals(mission);
        assert_eq!(gs.len(), TREE[mi].len(), "goals of mission {}", mi + 1);
        for (gi, goal) in gs.iter().enumerate() {
            let at = format!("mission {} goal {}", mi + 1, gi + 1);
            let label = format!("เป้าประสงค์ที่ {}", gi + 1);
            assert_eq!(goal.label.as_deref(), Some(label.as_str()), "{at}");
            let heading = seed.plain(GOAL_LINES[mi][gi]);
            assert!(heading.contains(&format!("{label} {}", goal.title)), "{at}");
            assert!(
                !goal.title.ends_with('*'),
                "{at}: the footnote mark is not title"
            );

            let (kpis, strats) = TREE[mi][gi];
            let kpi_labels: Vec<&str> = goal
                .kpis
                .iter()
                .map(|k| k.label.as_deref().unwrap_or(""))
                .collect();
            assert_eq!(kpi_labels, kpis, "{at}: KPI labels");
            for (k, line) in goal.kpis.iter().zip(KPI_LINES[mi][gi]) {
                let cell = seed
                    .line(*line)
                    .split('\t')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                assert!(
                    cell.contains(&k.name),
                    "{at}: KPI {:?} named as written",
                    k.label
                );
                assert!(k.unit.is_none(), "{at}: no units in this plan");
            }

            let ss = strategies(goal);
            assert_eq!(ss.len(), strats.len(), "{at}: strategies");
            assert_eq!(
                ss.len(),
                goal.children.len(),
                "{at}: only strategies under a goal"
            );
            for ((s, (label, guidelines)), line) in
                ss.iter().zip(strats.iter()).zip(STRATEGY_LINES[mi][gi])
            {
                let at = format!("{at} strategy {label:?}");
                assert_eq!(s.label.as_deref(), opt(label), "{at}");
                let cell = seed.plain(*line);
                assert!(cell.contains(&s.title), "{at}: title as written");
                let got: Vec<&str> = s
                    .children
                    .iter()
                    .map(|g| {
                        assert_eq!(g.kind, ElementKind::Guideline, "{at}");
                        assert!(
                            cell.contains(&g.title),
                            "{at}: guideline {:?} as written",
                            g.label
                        );
                        g.label.as_deref().unwrap_or("-")
                    })
                    .collect();
                assert_eq!(got, *guidelines, "{at}: guideline labels");
            }
        }
    }
}

#[test]
fn the_systems_a_strategy_lists_before_its_guidelines_are_its_objectives() {
    let Some((seed, imported)) = load() else {
        return;
    };
    let s = strategies(goals(&imported.plan.elements[3])[0])[0];
    assert_eq!(s.label.as_deref(), Some("1.1"));
    let labels: Vec<&str> = s
        .objectives
        .iter()
        .filter_map(|o| o.label.as_deref())
        .collect();
    assert_eq!(labels, ["(1)", "(2)", "(3)", "(4)", "(5)"]);
    let row = seed.plain(136);
    assert!(s.objectives.iter().all(|o| row.contains(&o.text)));
    assert!(
        s.objectives[0]
            .text
            .contains("Single Core Cooperatives Banking")
    );
    assert_eq!(
        s.children.len(),
        5,
        "the alternatives 1.1.1-1.1.5 stay guidelines"
    );
}

/// (mission, goal, KPI) -> the target its name states, at the year it states or the last one.
#[test]
fn targets_written_inside_kpi_names_become_targets_of_2564() {
    let Some((_, imported)) = load() else {
        return;
    };
    let plan = &imported.plan;
    let kpi = |m: usize, g: usize, k: usize| &goals(&plan.elements[m])[g].kpis[k];
    let percent = |comparator, value| Target::Numeric {
        comparator,
        value: Decimal::from(value),
        percent: true,
    };
    let expected = [
        ((0, 0, 0), percent(Comparator::MoreThan, 50), "เกินร้อยละ 50"),
        ((0, 0, 1), percent(Comparator::MoreThan, 50), "เกินร้อยละ 50"),
        (
            (1, 0, 0),
            Target::Tier {
                tier: "Gold".into(),
            },
            "ระดับ Gold",
        ),
        (
            (1, 0, 2),
            Target::Level {
                comparator: Comparator::AtLeast,
                level: "A-".into(),
            },
            "ไม่ต่ำกว่า A – (แนวโน้ม Stable)",
        ),
        ((1, 2, 0), percent(Comparator::MoreThan, 50), "เกินร้อยละ 50"),
        (
            (2, 0, 0),
            percent(Comparator::AtLeast, 90),
            "ไม่น้อยกว่าร้อยละ 90",
        ),
        (
            (2, 0, 1),
            percent(Comparator::AtLeast, 20),
            "ไม่น้อยกว่าร้อยละ 20",
        ),
        ((2, 1, 0), percent(Comparator::MoreThan, 50), "เกินร้อยละ 50"),
    ];
    for ((m, g, k), target, written) in &expected {
        let kpi = kpi(*m, *g, *k);
        assert_eq!(kpi.targets.len(), 1, "{m}/{g}/{k}");
        let t = &kpi.targets[0];
        assert_eq!(t.year.get(), 2564, "{m}/{g}/{k}");
        assert_eq!(&t.target, target, "{m}/{g}/{k}");
        assert_eq!(t.written.as_deref(), Some(*written), "{m}/{g}/{k}");
    }
    let with_targets = plan
        .all_kpis()
        .iter()
        .filter(|(_, k)| !k.targets.is_empty())
        .count();
    assert_eq!(with_targets, expected.len(), "no other KPI has a target");
}

#[test]
fn the_access_branding_kpi_has_its_tier_scale_and_notes() {
    let Some((seed, imported)) = load() else {
        return;
    };
    let kpi = &goals(&imported.plan.elements[1])[0].kpis[0];
    assert_eq!(kpi.scale, Some(Scale::access_branding()));
    let Some(Scale::Tiers { tiers, .. }) = &kpi.scale else {
        panic!("tiers")
    };
    assert!(
        tiers[3].min_exclusive && tiers[3].max.is_none(),
        "Platinum is more than 90"
    );
    assert_eq!(kpi.notes.len(), 5);
    let row = seed.plain(99);
    assert!(kpi.notes.iter().all(|n| row.contains(n.as_str())));
    assert!(kpi.notes[0].contains("4"));
    let professional = &goals(&imported.plan.elements[2])[0].kpis[0];
    assert_eq!(professional.notes.len(), 1, "the footnote defining มืออาชีพ");
    assert!(seed.plain(123).contains(&professional.notes[0]));
}

#[test]
fn the_credit_rating_kpi_is_read_against_a_credit_scale() {
    let Some((_, imported)) = load() else {
        return;
    };
    let kpi = &goals(&imported.plan.elements[1])[0].kpis[2];
    let scale = kpi.scale.as_ref().expect("a credit scale");
    assert!(matches!(scale, Scale::Levels { .. }));
    let (a_minus, bbb) = (
        scale.position("A-").unwrap(),
        scale.position("BBB+").unwrap(),
    );
    assert!(a_minus < bbb, "A- is better than BBB+");
}

#[test]
fn five_perspectives_place_the_missions_seven_times() {
    let Some((seed, imported)) = load() else {
        return;
    };
    let plan = &imported.plan;
    let label_of = |id: &phaen_domain::ElementId| {
        plan.elements
            .iter()
            .find(|m| &m.id == id)
            .and_then(|m| m.label.clone())
            .unwrap()
    };
    let got: Vec<(&str, Option<&str>, Vec<String>)> = plan
        .perspectives
        .iter()
        .map(|p| {
            (
                p.key.as_str(),
                p.name_en.as_deref(),
                p.members.iter().map(label_of).collect(),
            )
        })
        .collect();
    let m = |ns: &[u8]| ns.iter().map(|n| format!("พันธกิจที่ {n}")).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            ("social", Some("Social and Cooperative Movement"), m(&[5])),
            ("financial", Some("Financial"), m(&[1])),
            ("member", Some("Member"), m(&[2, 3])),
            ("internal_process", Some("Internal Process"), m(&[2])),
            ("learning_growth", Some("Learning & Growth"), m(&[3, 4])),
        ]
    );
    for (p, line) in plan.perspectives.iter().zip([7, 13, 17, 22, 29]) {
        assert!(seed.line(line).starts_with(&format!("## {}", p.name_th)));
    }
    assert_eq!(plan.perspectives[0].name_th.split_whitespace().count(), 1);
    // The facts sheet says 8 placements, but its own table (5; 1; 2, 3; 2; 3, 4) and the map's
    // mission lines (11, 15, 19, 20, 27, 34, 35) make 7.
    assert_eq!(
        plan.perspectives
            .iter()
            .map(|p| p.members.len())
            .sum::<usize>(),
        7
    );
}

#[test]
fn every_line_is_accounted_for_and_the_oddities_are_flagged() {
    let Some((_, imported)) = load() else {
        return;
    };
    let report = &imported.report;
    let unrecognized: Vec<_> = report.unrecognized().collect();
    assert!(unrecognized.is_empty(), "unrecognized: {unrecognized:#?}");
    let at = |line: usize, column: Option<usize>| Some(Loc::Line { line, column });
    let flagged = |loc: Option<Loc>, words: &str| {
        report
            .warnings
            .iter()
            .any(|w| w.loc == loc && w.message_en.contains(words) && !w.message_th.is_empty())
    };
    assert!(flagged(at(3, None), "31 December was assumed"));
    assert!(flagged(at(71, Some(2)), "'1.4.2' is used twice"));
    assert!(flagged(at(108, Some(2)), "'2.1.1' has three levels"));
    assert!(flagged(at(109, Some(2)), "'2.2.1' has three levels"));
    assert!(flagged(at(153, Some(2)), "no strategy 2.1 comes before it"));
    assert!(flagged(
        at(154, Some(2)),
        "strategy '2.3' sits beside KPI 1"
    ));
    assert!(flagged(
        at(139, Some(2)),
        "'ซอส.' looks like a misspelling of 'ชสอ.'"
    ));
    assert!(flagged(
        at(145, Some(2)),
        "'ซอส.' looks like a misspelling of 'ชสอ.'"
    ));
    assert!(flagged(
        at(159, Some(1)),
        "'ช.สอ.' looks like a misspelling of 'ชสอ.'"
    ));
    for line in [15, 20, 34, 118] {
        assert!(
            flagged(at(line, None), "worded differently"),
            "mission wording at line {line}"
        );
    }
    assert!(
        !flagged(at(11, None), "worded differently"),
        "mission 5 is written the same"
    );
}

#[test]
fn the_plan_survives_its_canonical_json() {
    let Some((_, imported)) = load() else {
        return;
    };
    let json = imported.plan.to_json();
    assert_eq!(Plan::from_json(&json).expect("valid JSON"), imported.plan);
}
