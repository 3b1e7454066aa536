//! Seed 004, a fragment of the Cooperative Promotion Department's 5-year action plan
//! (2560-2564, Thai digits throughout), checked row by row against facts read off the document
//! by hand. Long Thai texts are compared with the seed file itself at test time; only counts,
//! labels, units, years, amounts and unit abbreviations are written here.

use phaen_domain::thai::{to_arabic_digits, to_thai_digits};
use phaen_domain::{Element, ElementKind, OrgKind, Plan, PlanKind, PlanStatus, YearBasis};
use phaen_import::doc::Loc;
use phaen_import::report::Outcome;
use rust_decimal::Decimal;

#[path = "seed_004/indicators.rs"]
mod indicators;
#[path = "seed_004/money.rs"]
mod money;

/// The seed's lines split into trimmed tab cells (line n is `lines[n - 1]`), and the import.
fn seed() -> Option<(Vec<Vec<String>>, phaen_import::Imported)> {
    let path = phaen_testkit::seed_file("004")?;
    let bytes = std::fs::read(&path).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let lines = text
        .split('\n')
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .collect();
    let imported = phaen_import::read(&bytes, "004", None).expect("seed 004 imports");
    Some((lines, imported))
}

/// A label's numbers in Arabic digits: '๕.๑' -> '5.1', '๑.' -> '1', 'ยุทธศาสตร์ที่ ๕' -> '5'.
fn key(e: &Element) -> String {
    e.label
        .as_deref()
        .map(|l| {
            to_arabic_digits(l)
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.')
                .collect::<String>()
                .trim_matches('.')
                .to_string()
        })
        .unwrap_or_default()
}

fn all(plan: &Plan, kind: ElementKind) -> Vec<&Element> {
    plan.walk()
        .into_iter()
        .map(|w| w.element)
        .filter(|e| e.kind == kind)
        .collect()
}

fn find<'p>(plan: &'p Plan, kind: ElementKind, k: &str) -> &'p Element {
    all(plan, kind)
        .into_iter()
        .find(|e| key(e) == k)
        .unwrap_or_else(|| panic!("{kind:?} {k}"))
}

fn issue<'p>(plan: &'p Plan, n: &str) -> &'p Element {
    plan.elements
        .iter()
        .find(|e| e.kind == ElementKind::StrategicIssue && key(e) == n)
        .unwrap_or_else(|| panic!("ยุทธศาสตร์ที่ {n}"))
}

/// The text of a cell without its leading label ('๕ การพัฒนา...' -> 'การพัฒนา...').
fn after_label(cell: &str) -> String {
    cell.split_once(' ')
        .map(|(_, t)| t.trim().to_string())
        .unwrap()
}

fn no_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn million(s: &str) -> Decimal {
    s.parse::<Decimal>().unwrap() * Decimal::from(1_000_000)
}

#[test]
fn the_title_gives_kind_owner_period_and_parent_plan() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    assert_eq!(p.kind, PlanKind::ActionPlan);
    assert_eq!(p.title, lines[4][0]);
    assert_eq!((p.period.from.get(), p.period.to.get()), (2560, 2564));
    assert_eq!(p.year_basis, YearBasis::FiscalYear);
    assert_eq!(p.status, PlanStatus::Draft);
    assert_eq!(p.owner.name_th, "กรมส่งเสริมสหกรณ์");
    assert_eq!(p.owner.kind, OrgKind::Department);
    let parent = p.parent_plan.as_ref().unwrap();
    assert!(parent.title.starts_with("แผนยุทธศาสตร์กรมส่งเสริมสหกรณ์"));
    assert!(parent.title.ends_with("๒๐ ปี"));
    assert!(lines[12][0].contains(&format!("(ภายใต้{})", parent.title)));
    assert_eq!(p.vision.as_deref(), Some(lines[31][1].as_str()));
    assert!(p.revision.is_none() && p.as_of.is_none() && p.approval.is_none());
}

#[test]
fn four_missions_one_strategic_goal_and_seven_strategic_issues() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    let kinds: Vec<ElementKind> = p.elements.iter().map(|e| e.kind).collect();
    use ElementKind::*;
    assert_eq!(
        kinds,
        [
            Mission,
            Mission,
            Mission,
            Mission,
            Goal,
            StrategicIssue,
            StrategicIssue,
            StrategicIssue,
            StrategicIssue,
            StrategicIssue,
            StrategicIssue,
            StrategicIssue
        ]
    );
    for (i, m) in p.elements[..4].iter().enumerate() {
        assert_eq!(key(m), (i + 1).to_string());
        assert_eq!(
            m.label.as_deref(),
            Some(format!("{}.", to_thai_digits(&(i + 1).to_string())).as_str())
        );
        assert_eq!(
            m.title,
            after_label(&lines[32 + i][1]),
            "mission {} as written",
            i + 1
        );
    }
    assert_eq!(
        p.elements[4].title, lines[36][1],
        "the goal is the row below mission 4"
    );
    let issues: Vec<String> = p.elements[5..].iter().map(key).collect();
    assert_eq!(issues, ["1", "3", "4", "5", "6", "7", "8"]);
    assert_eq!(p.elements[5].label.as_deref(), Some("ยุทธศาสตร์ที่ ๑"));
}

#[test]
fn strategic_issues_keep_their_first_names_and_goals() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    assert_eq!(issue(p, "1").title, lines[119][0]);
    assert_eq!(
        issue(p, "3").title,
        "ยุทธศาสตร์ที่ ๓",
        "no name in the fragment"
    );
    assert!(lines[16][0].starts_with(&format!("ยุทธศาสตร์ที่ ๔ {}", issue(p, "4").title)));
    assert_eq!(issue(p, "5").title, after_label(&lines[37][1]));
    assert_eq!(issue(p, "6").title, after_label(&lines[37][4]));
    assert_eq!(issue(p, "7").title, after_label(&lines[96][1]));
    assert_eq!(issue(p, "8").title, after_label(&lines[96][2]));
    let goals: Vec<(String, &str)> = p.elements[5..]
        .iter()
        .flat_map(|i| {
            i.children
                .iter()
                .filter(|c| c.kind == ElementKind::Goal)
                .map(move |g| (key(i), g.title.as_str()))
        })
        .collect();
    assert_eq!(
        goals,
        [
            ("5".to_string(), lines[38][1].as_str()),
            ("6".to_string(), lines[38][4].as_str()),
            ("7".to_string(), lines[97][1].as_str()),
            ("8".to_string(), lines[97][2].as_str()),
        ]
    );
}

#[test]
fn twelve_strategies_hold_their_projects_as_the_matrix_counts_them() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    let strategies: Vec<String> = all(p, ElementKind::Strategy).into_iter().map(key).collect();
    assert_eq!(
        strategies,
        [
            "3.2", "3.3", "4.1", "4.2", "5.1", "5.2", "5.3", "5.4", "5.5", "6.1", "7.1", "8.1"
        ]
    );
    for (c, k) in [
        (1, "5.1"),
        (2, "5.2"),
        (3, "5.3"),
        (4, "5.4"),
        (5, "5.5"),
        (6, "6.1"),
    ] {
        assert_eq!(
            find(p, ElementKind::Strategy, k).title,
            after_label(&lines[39][c]),
            "กลยุทธ์ {k}"
        );
    }
    let projects_of = |k: &str| -> Vec<String> {
        find(p, ElementKind::Strategy, k)
            .children
            .iter()
            .filter(|c| c.kind == ElementKind::Project)
            .map(key)
            .collect()
    };
    let expected: [(&str, &[&str]); 12] = [
        ("3.2", &[]),
        ("3.3", &["3.4"]),
        ("4.1", &["4.1"]),
        ("4.2", &["4.2"]),
        ("5.1", &["5.1", "5.2", "5.3", "5.4", "5.5"]),
        ("5.2", &["5.6", "5.7"]),
        ("5.3", &["5.8"]),
        ("5.4", &["5.9"]),
        ("5.5", &["5.10"]),
        ("6.1", &["6.1", "6.2"]),
        ("7.1", &[]),
        ("8.1", &["", ""]),
    ];
    for (k, projects) in expected {
        assert_eq!(projects_of(k), projects, "projects of กลยุทธ์ {k}");
    }
    let first: Vec<String> = issue(p, "1")
        .children
        .iter()
        .map(|c| {
            assert_eq!(c.kind, ElementKind::Project);
            key(c)
        })
        .collect();
    let listed: Vec<String> = (1..=11).map(|n| format!("1.{n}")).collect();
    assert_eq!(
        first, listed,
        "ยุทธศาสตร์ที่ ๑ lists 11 projects and no strategy"
    );
    for (n, e) in issue(p, "1").children.iter().enumerate() {
        let item = &lines[123 + n][0];
        assert_eq!(
            item,
            &format!("- {} {}", e.label.as_deref().unwrap(), e.title)
        );
    }
    let projects = all(p, ElementKind::Project);
    assert_eq!(projects.len(), 28);
    assert_eq!(
        projects.iter().filter(|e| e.label.is_none()).count(),
        2,
        "ยุทธศาสตร์ที่ ๘'s rows name no project"
    );
}

#[test]
fn only_the_unattributed_targets_are_left_unrecognized() {
    let Some((_, imported)) = seed() else { return };
    let report = &imported.report;
    let left: Vec<(usize, usize)> = report
        .unrecognized()
        .map(|i| match i.loc {
            Loc::Line {
                line,
                column: Some(c),
            } => (line, c),
            _ => panic!("unrecognized {:?}", i.loc),
        })
        .collect();
    // Facts 004.5: lines 18 and 20 hold '20' five times in the target columns with no KPI name
    // and no unit; the recommended reading is to attribute them to no KPI and report them.
    let expected: Vec<(usize, usize)> = [18, 20]
        .into_iter()
        .flat_map(|l| (4..=8).map(move |c| (l, c)))
        .collect();
    assert_eq!(left, expected);
    let context = |line: usize| {
        report
            .items
            .iter()
            .filter(|i| matches!(i.loc, Loc::Line { line: l, .. } if l == line))
            .all(|i| matches!(i.outcome, Outcome::Context { .. }))
    };
    for line in [
        7, 8, 15, 16, 41, 42, 43, 44, 45, 46, 91, 92, 93, 94, 96, 100, 101, 102, 152, 153, 154,
        201, 202, 203,
    ] {
        assert!(
            context(line),
            "line {line} is context (headers, summary matrices, repeats)"
        );
    }
}

#[test]
fn warnings_name_every_ambiguity_and_the_reading_chosen() {
    let Some((_, imported)) = seed() else { return };
    let warnings: Vec<String> = imported
        .report
        .warnings
        .iter()
        .map(|w| {
            let at = w.loc.as_ref().map(|l| l.to_string());
            to_arabic_digits(&format!("{} @{at:?}", w.message_en))
        })
        .collect();
    let has = |needles: &[&str]| {
        warnings
            .iter()
            .any(|w| needles.iter().all(|n| w.contains(n)))
    };
    let expect = [
        vec!["6.1", "1.5", "decimal point"],
        vec!["2/5/2/1/0", "5/2/1/1/1", "matrix reading was chosen"],
        vec!["mirror", "line 85"],
        vec!["merged cell", "line 36"],
        vec!["unattributed", "line 18"],
        vec!["unattributed", "line 20"],
        vec!["several strategies", "placed under the last"],
        vec!["stated total (รวม) 13", "14", "line 57"],
        vec!["stated total (รวม) 13", "14", "line 58"],
        vec!["stated total (รวม) 60", "41"],
        vec!["matrix", "125", "158", "141"],
        vec!["matrix", "35", "68", "49"],
        vec!["matrix", "161.5"],
        vec!["matrix", "121", "161"],
        vec!["counts 2 projects", "0"],
        vec!["names no project", "line 111"],
        vec!["names no project", "line 112"],
        vec!["written more than once"],
        vec!["known only from its strategies"],
        vec!["worded differently", "line 138"],
        vec!["worded differently", "line 84"],
        vec!["worded differently", "line 76"],
        vec!["named differently on its detail sheet"],
        vec!["marks no year"],
        vec!["perhaps merged"],
        vec!["no yearly targets and no unit"],
        vec!["names no responsible unit"],
        vec!["project 4.1 is written again", "line 19"],
    ];
    for needles in expect {
        assert!(has(&needles), "a warning with {needles:?} in {warnings:#?}");
    }
}
