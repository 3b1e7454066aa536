//! The plan workbook read back with calamine, as a spreadsheet program would: the sheets of
//! each demo plan, merged header cells, budgets as numbers in the baht format (Thai digits
//! shown through the format when chosen, the values still numbers), every total a SUM formula
//! whose stored value is the exact sum of the plan's budgets, and text in the chosen digits.

use calamine::{Data, Reader, Xlsx};
use phaen_documents::Digits;
use phaen_documents::xlsx::{self, action, grid, summary};
use phaen_domain::{Plan, PlanKind};
use rust_decimal::Decimal;

struct Book(Xlsx<std::io::Cursor<Vec<u8>>>);

impl Book {
    fn open(bytes: Vec<u8>) -> Book {
        Book(Xlsx::new(std::io::Cursor::new(bytes)).unwrap())
    }
    fn text(&mut self, sheet: &str, at: (u32, u32)) -> String {
        let range = self.0.worksheet_range(sheet).unwrap();
        match range.get_value(at) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }
}

fn total_budget(plan: &Plan) -> Decimal {
    plan.projects()
        .iter()
        .flat_map(|p| &p.budget)
        .filter(|b| b.year.is_some())
        .map(|b| b.amount_baht.amount())
        .sum()
}

#[test]
fn every_demo_plan_writes_a_workbook_with_merged_headers_formulas_and_baht() {
    let demo = phaen_synth::demo(7);
    for plan in &demo.plans {
        for digits in [Digits::Arabic, Digits::Thai] {
            let bytes = xlsx::write(plan, digits).unwrap();
            let mut book = Book::open(bytes);
            let names = book.0.sheet_names();
            let sheets = xlsx::sheets(plan);
            assert_eq!(
                names,
                sheets.iter().map(|s| s.name.clone()).collect::<Vec<_>>()
            );
            assert_eq!(book.text(&names[0], (0, 0)), digits.apply(&plan.title));
            if plan.kind == PlanKind::Roadmap {
                continue;
            }
            let ny = plan.period.years().count() as u32;
            let head = grid::header_row(&sheets[0]);
            // Action-plan sheet: 'ค่าเป้าหมาย' over the years, the budget heading over the years
            // and the total, the first columns merged down.
            let merged = book.0.merge_cells_by_sheet_name(action::NAME).unwrap();
            let spans = |r: u32, c: u32, r2: u32, c2: u32| {
                merged
                    .iter()
                    .any(|d| d.start == (r, c) && d.end == (r2, c2))
            };
            assert!(
                spans(head, 0, head + 1, 0),
                "{}: strategy heading merged down",
                plan.title
            );
            assert!(
                spans(head, 3, head, 3 + ny - 1),
                "targets heading across the years"
            );
            let budget_first = 3 + ny + 1;
            assert!(spans(head, budget_first, head, budget_first + ny));
            assert_eq!(
                book.text(action::NAME, (head + 1, 3)),
                digits.apply(&plan.period.from.to_string())
            );
            if plan.projects().iter().all(|p| p.budget.is_empty()) {
                continue;
            }
            // The total row: SUM formulas, their stored values the exact sums.
            let values = book.0.worksheet_range(action::NAME).unwrap();
            let formulas = book.0.worksheet_formula(action::NAME).unwrap();
            let last = values.end().unwrap().0;
            let total_col = budget_first + ny;
            let f = formulas
                .get_value((last, total_col))
                .cloned()
                .unwrap_or_default();
            assert_eq!(
                f,
                format!(
                    "SUM({c}{}:{c}{})",
                    head + 3,
                    last,
                    c = grid::column_letter(total_col as u16)
                )
            );
            let Some(Data::Float(v)) = values.get_value((last, total_col)) else {
                panic!("{}: the grand total is stored with its formula", plan.title);
            };
            let expected = total_budget(plan);
            assert_eq!(
                Decimal::try_from(*v).unwrap().round_dp(2),
                expected,
                "{}",
                plan.title
            );
            // A project row's own total is a SUM across its years.
            let row = (head + 2..last)
                .find(|r| matches!(values.get_value((*r, total_col)), Some(Data::Float(_))))
                .unwrap();
            let f = formulas
                .get_value((row, total_col))
                .cloned()
                .unwrap_or_default();
            assert!(
                f.starts_with("SUM(") && f.contains(&format!("{}", row + 1)),
                "{f}"
            );
            // Budgets are numbers in the baht format, Thai digits shown through it if chosen.
            let styles = book.0.worksheet_style(action::NAME).unwrap();
            let fmt = styles
                .get((row, total_col))
                .and_then(|s| s.number_format.clone())
                .map(|n| n.format_code)
                .unwrap_or_default();
            let want = match digits {
                Digits::Thai => grid::BAHT_THAI,
                Digits::Arabic => grid::BAHT,
            };
            assert_eq!(fmt, want);
            // The budget sheet adds up to the same total.
            let values = book.0.worksheet_range(summary::BUDGET_SHEET).unwrap();
            let last = values.end().unwrap();
            let Some(Data::Float(v)) = values.get_value(last) else {
                panic!("budget sheet total");
            };
            assert_eq!(Decimal::try_from(*v).unwrap().round_dp(2), expected);
            let formulas = book.0.worksheet_formula(summary::BUDGET_SHEET).unwrap();
            assert!(
                formulas
                    .get_value(last)
                    .is_some_and(|f| f.starts_with("SUM("))
            );
        }
    }
}

#[test]
fn text_takes_the_chosen_digits_and_numbers_stay_numbers() {
    let demo = phaen_synth::demo(7);
    let plan = demo
        .plans
        .iter()
        .find(|p| p.kind == PlanKind::ActionPlan)
        .unwrap();
    let mut book = Book::open(xlsx::write(plan, Digits::Thai).unwrap());
    let values = book.0.worksheet_range(summary::KPI_SHEET).unwrap();
    let all: Vec<&Data> = values.used_cells().map(|(_, _, d)| d).collect();
    assert!(
        all.iter().all(|d| match d {
            Data::String(s) => !s.chars().any(|c| c.is_ascii_digit()),
            _ => true,
        }),
        "no Arabic digit left in a text cell"
    );
    let mut book = Book::open(xlsx::write(plan, Digits::Arabic).unwrap());
    let values = book.0.worksheet_range(action::NAME).unwrap();
    assert!(
        values
            .used_cells()
            .any(|(_, _, d)| matches!(d, Data::Float(_)))
    );
    assert!(values.used_cells().all(|(_, _, d)| match d {
        Data::String(s) => !s.chars().any(|c| ('๐'..='๙').contains(&c)),
        _ => true,
    }));
}
