//! Seed 004's money and responsibility: exact baht per year per project, the stated totals
//! kept beside them, and responsible units split between abbreviations.

use phaen_domain::thai::to_arabic_digits;
use phaen_domain::{Element, ElementKind, MoneyUnit, ResponsibleRole};
use rust_decimal::Decimal;

use super::{all, find, million, seed};

/// Projects' amounts 2560-2564 in ล้านบาท ('-' is none that year) and the stated total (รวม),
/// facts 004.6 and 004.8; '' is a budget row whose project name is missing.
const BUDGETS: [(&str, &str, Option<&str>); 19] = [
    ("3.4", "5 5 5 5 5", Some("25")),
    ("4.1", "5 5 5 5 5", Some("25")),
    ("4.2", "5 5 5 5 5", Some("25")),
    ("5.1", "10 1 1 1 1", Some("13")),
    ("5.2", "10 1 1 1 1", Some("13")),
    ("5.3", "- 5 3 3 3", Some("14")),
    ("5.4", "0.5 5 1.5 1.5 1.5", Some("10")),
    ("5.5", "0.5 5 1.5 1.5 1.5", Some("10")),
    ("5.6", "1 1 2 2 2", Some("8")),
    ("5.7", "1 10 10 10 10", Some("60")),
    ("5.8", "0.5 5 1.5 1.5 1.5", Some("10")),
    ("5.9", "0.5 5 1.5 1.5 1.5", Some("10")),
    ("5.10", "0.5 5 1.5 1.5 1.5", Some("10")),
    ("6.1", "0.5 5 1.5 1.5 1.5", Some("10")),
    ("6.2", "10 - - - -", Some("10")),
    ("", "0.5 20 20 20 20", Some("80.5")),
    ("", "0.5 20 20 20 20", Some("80.5")),
    ("1.1", "51 50 50 50 50", None),
    ("1.2", "5 6 7 8 9", None),
];

#[test]
fn budgets_are_exact_baht_per_year_with_the_stated_totals_kept() {
    let Some((_, imported)) = seed() else { return };
    let p = &imported.plan;
    let budgeted: Vec<&Element> = all(p, ElementKind::Project)
        .into_iter()
        .filter(|e| !e.budget.is_empty())
        .collect();
    assert_eq!(budgeted.len(), 19);
    let mut unnamed = budgeted.iter().filter(|e| e.label.is_none());
    for (k, years, stated) in BUDGETS {
        let e = if k.is_empty() {
            unnamed.next().unwrap()
        } else {
            &find(p, ElementKind::Project, k)
        };
        let got: Vec<(u16, Decimal)> = e
            .budget
            .iter()
            .map(|b| (b.year.unwrap().get(), b.amount_baht.amount()))
            .collect();
        let want: Vec<(u16, Decimal)> = (2560..=2564)
            .zip(years.split(' '))
            .filter(|(_, v)| *v != "-")
            .map(|(y, v)| (y, million(v)))
            .collect();
        assert_eq!(got, want, "budget of project {k}");
        assert_eq!(
            e.budget_total_stated.map(|b| b.amount()),
            stated.map(million),
            "รวม of project {k}"
        );
        for b in &e.budget {
            assert_eq!(b.source_unit, MoneyUnit::MillionBaht);
            let written = b.written.as_deref().unwrap();
            if !(k == "6.1" && b.year.unwrap().get() >= 2562) {
                assert_eq!(
                    to_arabic_digits(written).parse::<Decimal>().unwrap()
                        * Decimal::from(1_000_000),
                    b.amount_baht.amount()
                );
            }
        }
    }
    let six_one = find(p, ElementKind::Project, "6.1");
    let written: Vec<&str> = six_one
        .budget
        .iter()
        .map(|b| b.written.as_deref().unwrap())
        .collect();
    assert_eq!(
        written,
        ["๐.๕", "๕", "๑๕", "๑๕", "๑๕"],
        "kept as written, read as 1.5"
    );
    let per_year: Vec<Decimal> = (2560..=2564)
        .map(|y| {
            budgeted
                .iter()
                .flat_map(|e| &e.budget)
                .filter(|b| b.year.unwrap().get() == y)
                .map(|b| b.amount_baht.amount())
                .sum()
        })
        .collect();
    assert_eq!(per_year, ["107", "159", "138", "139", "140"].map(million));
    let stated: Decimal = budgeted
        .iter()
        .filter_map(|e| e.budget_total_stated)
        .map(|b| b.amount())
        .sum();
    assert_eq!(
        stated,
        million("414"),
        "the stated รวม cells, 4.1 counted once"
    );
}

#[test]
fn responsible_units_are_split_between_abbreviations() {
    let Some((lines, imported)) = seed() else {
        return;
    };
    let p = &imported.plan;
    let units = |e: &Element| -> Vec<String> {
        assert!(
            e.responsible
                .iter()
                .all(|r| r.role == ResponsibleRole::Main)
        );
        e.responsible.iter().map(|r| r.text.clone()).collect()
    };
    let expected: [(&str, &[&str]); 15] = [
        ("3.4", &["กพท.", "สทล.", "สสจ.", "สสพ.", "สกก."]),
        ("4.1", &["กพร.", "กพรง."]),
        ("4.2", &["กพท.", "กพพ."]),
        ("5.1", &[]),
        ("5.2", &[]),
        ("5.3", &["คสท."]),
        ("5.4", &["คสท."]),
        ("5.5", &["คสท."]),
        ("5.6", &["คสท."]),
        ("5.7", &["คสท."]),
        ("5.8", &["คสท."]),
        ("5.9", &["คสท."]),
        ("5.10", &["คสท.", "สนม."]),
        ("6.1", &["กฟนง."]),
        ("6.2", &["กฟนง."]),
    ];
    for (k, want) in expected {
        assert_eq!(
            units(find(p, ElementKind::Project, k)),
            want,
            "units of project {k}"
        );
    }
    let unnamed: Vec<Vec<String>> = all(p, ElementKind::Project)
        .into_iter()
        .filter(|e| e.label.is_none())
        .map(units)
        .collect();
    assert_eq!(
        unnamed,
        [vec!["สทสจ.", "สสจ."], vec!["กพร."]],
        "'กพร. กพร. กพร.' counts once"
    );
    for (k, line) in [("1.1", 172), ("1.2", 221)] {
        let office = lines[line - 1][0]
            .split_once(':')
            .unwrap()
            .1
            .trim()
            .to_string();
        assert_eq!(units(find(p, ElementKind::Project, k)), [office]);
    }
    assert!(p.owner.units.iter().any(|u| u.code == "คสท."));
}
