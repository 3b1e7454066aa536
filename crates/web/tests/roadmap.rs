//! The roadmap page and its XLSX download over HTTP: the demo roadmap grouped by strategy and
//! cooperative type, filters that remove rows, the workbook read back (values, the total as a
//! formula, merged bands); and seed 003 imported, its rows and groups counted against the
//! document. On SQLite and PostgreSQL.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{App, PASSWORD, spawn_app};
use phaen_domain::access::{Membership, Role};
use phaen_domain::{BeYear, Element, ElementKind, Plan, PlanKind};
use phaen_store::{NewUser, PlanStore, UserStore};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

async fn signed_in(app: &App, username: &str) -> reqwest::Client {
    let (c, status) = common::sign_in(app, username, PASSWORD).await;
    assert_eq!(status, 303, "{username} signs in");
    c
}

async fn roadmap_plan(app: &App) -> Plan {
    for listing in app.store.list_plans().await.unwrap() {
        let plan = app.store.load_plan(&listing.id).await.unwrap();
        if plan.kind == PlanKind::Roadmap {
            return plan;
        }
    }
    panic!("the demo has a roadmap")
}

async fn get(c: &reqwest::Client, url: &str) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn count(page: &str, needle: &str) -> usize {
    page.matches(needle).count()
}

fn projects(plan: &Plan) -> Vec<&Element> {
    plan.projects()
}

/// The workbook at `url`: its one sheet's values and formulas, and its merged ranges.
struct Sheet {
    values: calamine::Range<Data>,
    formulas: calamine::Range<String>,
    merged: Vec<calamine::Dimensions>,
}

async fn workbook(c: &reqwest::Client, url: &str) -> Sheet {
    let r = c.get(url).send().await.unwrap();
    assert_eq!(r.status(), 200, "{url}");
    let kind = r.headers()["content-type"].to_str().unwrap().to_string();
    assert!(kind.contains("spreadsheetml"), "{kind}");
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["Road Map".to_string()]);
    let merged = book.merge_cells_by_sheet_name("Road Map").unwrap();
    Sheet {
        values: book.worksheet_range("Road Map").unwrap(),
        formulas: book.worksheet_formula("Road Map").unwrap(),
        merged,
    }
}

impl Sheet {
    fn text(&self, row: u32, col: u32) -> String {
        match self.values.get_value((row, col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// The rows whose first column is a row number (the data rows).
    fn data_rows(&self) -> Vec<u32> {
        (6..self.values.end().map_or(0, |e| e.0) + 1)
            .filter(|r| {
                !self.text(*r, 0).is_empty() && self.text(*r, 0).chars().all(|c| c.is_ascii_digit())
            })
            .collect()
    }

    fn is_merged_across(&self, row: u32) -> bool {
        self.merged
            .iter()
            .any(|d| d.start == (row, 0) && d.end.0 == row && d.end.1 > 5)
    }
}

fn baht(v: f64) -> Decimal {
    Decimal::from_f64(v).unwrap().round_dp(2).normalize()
}

#[tokio::test]
async fn the_demo_roadmap_is_grouped_filtered_and_downloaded_with_the_same_rows() {
    let app = spawn_app(&[
        ("pco", phaen_synth::PCO, Role::Provincial),
        ("stranger", phaen_synth::FED, Role::Editor),
    ])
    .await;
    let plan = roadmap_plan(&app).await;
    let c = signed_in(&app, "pco").await;
    let base = format!("{}/plans/{}/roadmap", app.base, plan.id);

    // The page: one band per strategy, one per cooperative-type group, one row per project.
    let (status, page) = get(&c, &base).await;
    assert_eq!(status, 200);
    let groups: usize = plan.elements.iter().map(|s| s.children.len()).sum();
    assert_eq!(count(&page, "<tr class=\"band\">"), plan.elements.len());
    assert_eq!(count(&page, "<tr class=\"group\">"), groups);
    assert_eq!(count(&page, "<tr class=\"row\">"), projects(&plan).len());
    let as_of = phaen_domain::thai::format_long_date(plan.as_of.unwrap());
    assert!(page.contains(&format!("ข้อมูล ณ วันที่ {as_of} · ปรับปรุงครั้งที่ 2")));
    assert!(page.contains(&format!(
        "href=\"/plans/{}/roadmap\" aria-current=\"page\"",
        plan.id
    )));
    let total: Decimal = projects(&plan)
        .iter()
        .flat_map(|p| &p.budget)
        .map(|b| b.amount_baht.amount())
        .sum();
    // Bands come in the plan's order, and a band's rows follow it.
    let first = &plan.elements[0];
    let at_band = page.find(&first.title).unwrap();
    let first_row = &first.children[0].children[0].title;
    assert!(page.find(first_row.as_str()).unwrap() > at_band);

    // Filters: a supporting cooperative, a unit and a year each keep only their rows.
    let farmer = phaen_synth::FARMER;
    let of_farmer = projects(&plan)
        .iter()
        .filter(|p| {
            p.responsible
                .iter()
                .any(|r| r.org.as_deref() == Some(farmer))
        })
        .count();
    let (_, by_coop) = get(&c, &format!("{base}?coop={farmer}")).await;
    assert_eq!(count(&by_coop, "<tr class=\"row\">"), of_farmer);
    assert!(
        of_farmer > 0 && of_farmer < projects(&plan).len(),
        "a filter removes rows"
    );
    let main_unit = projects(&plan)[0].responsible[0].text.clone();
    let of_unit = projects(&plan)
        .iter()
        .filter(|p| p.responsible.iter().any(|r| r.text == main_unit))
        .count();
    let (_, by_unit) = get(
        &c,
        &format!("{base}?unit={}", main_unit.replace('.', "%2E")),
    )
    .await;
    assert_eq!(count(&by_unit, "<tr class=\"row\">"), of_unit);
    assert!(of_unit < projects(&plan).len());
    let year = BeYear::new(2566).unwrap();
    let ready = projects(&plan)
        .iter()
        .filter(|p| p.readiness.iter().any(|r| r.year == year && r.ready))
        .count();
    // Thai digits read too.
    let (_, by_year) = get(
        &c,
        &format!("{base}?year=%E0%B9%92%E0%B9%95%E0%B9%96%E0%B9%96"),
    )
    .await;
    assert_eq!(count(&by_year, "<tr class=\"row\">"), ready);
    assert!(ready < projects(&plan).len());
    let (status, bad) = get(&c, &format!("{base}?year=next")).await;
    assert_eq!(status, 400);
    assert!(bad.contains("next"), "says which value: {bad}");

    // The workbook: title rows, Thai headings, bands merged across, the same rows, the total a
    // formula over the budget column.
    let sheet = workbook(&c, &format!("{base}.xlsx")).await;
    assert_eq!(sheet.text(0, 0), plan.title);
    assert!(sheet.text(2, 0).contains(&as_of) && sheet.text(2, 0).contains("ปรับปรุงครั้งที่ 2"));
    assert_eq!(sheet.text(4, 2), "งาน/โครงการ");
    assert_eq!(sheet.text(4, 5), "งบประมาณ (บาท)");
    assert_eq!(sheet.text(5, 6), "ดำเนินการได้ในปี 2566");
    let rows = sheet.data_rows();
    assert_eq!(rows.len(), projects(&plan).len());
    let bands: Vec<u32> = (6..rows[rows.len() - 1])
        .filter(|r| sheet.is_merged_across(*r))
        .collect();
    assert_eq!(
        bands.len(),
        plan.elements.len() + groups,
        "a merged row per strategy and group"
    );
    assert_eq!(
        sheet.text(bands[0], 0),
        format!("{} : {}", first.label.clone().unwrap(), first.title)
    );
    for (row, project) in rows.iter().zip(projects(&plan)) {
        assert_eq!(sheet.text(*row, 2), project.title);
        let Some(Data::Float(v)) = sheet.values.get_value((*row, 5)) else {
            panic!("row {row} has a number for its budget");
        };
        let expected: Decimal = project.budget.iter().map(|b| b.amount_baht.amount()).sum();
        assert_eq!(baht(*v), expected.normalize());
    }
    let total_row = rows[rows.len() - 1] + 1;
    let formula = sheet
        .formulas
        .get_value((total_row, 5))
        .cloned()
        .unwrap_or_default();
    assert_eq!(formula, format!("SUM(F7:F{})", total_row));
    let Some(Data::Float(v)) = sheet.values.get_value((total_row, 5)) else {
        panic!("the total's value is stored with its formula");
    };
    assert_eq!(baht(*v), total.normalize());
    assert!(
        sheet
            .merged
            .iter()
            .any(|d| d.start == (4, 0) && d.end == (5, 0)),
        "headings merged down"
    );

    // The download keeps the page's filters.
    let filtered = workbook(&c, &format!("{base}.xlsx?coop={farmer}")).await;
    assert_eq!(filtered.data_rows().len(), of_farmer);
    assert!(filtered.text(3, 0).contains(farmer));

    // Someone who may not read the plan (the federation is not under the province) gets the
    // same 404 from both.
    let s = signed_in(&app, "stranger").await;
    assert_eq!(get(&s, &base).await.0, 404);
    assert_eq!(get(&s, &format!("{base}.xlsx")).await.0, 404);
    // Plans other than roadmaps have no roadmap page and no link to one.
    let other = common::savings_plan(&app).await;
    let (_, overview) = get(&c, &format!("{}/plans/{}", app.base, other.id)).await;
    assert!(!overview.contains("/roadmap\""));
}

/// Seed 003, a provincial office's roadmap: counts, labels and numbers of its rows against the
/// document (its text stays in the seed folder).
#[tokio::test]
async fn seed_003_shows_every_row_of_the_document_grouped_as_it_is() {
    let Some(path) = phaen_testkit::seed_file("003") else {
        eprintln!("notice: seed 003 not found; the seed roadmap is not checked");
        return;
    };
    let app = spawn_app(&[]).await;
    let imported = phaen_import::read(&std::fs::read(&path).unwrap(), "003", None).unwrap();
    let plan = imported.plan;
    app.store.insert_plan(&plan).await.unwrap();
    let hash = phaen_auth::hash_password(PASSWORD).unwrap();
    app.store
        .create_user(&NewUser {
            username: "office".into(),
            display_name: "สำนักงาน".into(),
            password_hash: hash,
            memberships: vec![Membership::new(plan.owner.code.clone(), Role::Auditor)],
        })
        .await
        .unwrap();
    let c = signed_in(&app, "office").await;
    let base = format!("{}/plans/{}/roadmap", app.base, plan.id);
    let (status, page) = get(&c, &base).await;
    assert_eq!(status, 200);
    // The document: five national strategies, sixteen rows, one cooperative-type heading.
    assert_eq!(count(&page, "<tr class=\"band\">"), 5);
    assert_eq!(count(&page, "<tr class=\"row\">"), 16);
    assert_eq!(count(&page, "<tr class=\"group\">"), 1);
    assert!(page.contains("ข้อมูล ณ วันที่ 29 มิถุนายน 2566 · ปรับปรุงครั้งที่ 2"));
    assert!(
        page.contains("id=\"roadmap-total\">4,920,000<"),
        "the five budgets add up"
    );
    assert_eq!(count(&page, "<td class=\"flag\">√</td>"), 78);
    assert_eq!(count(&page, "<td class=\"flag\">-</td>"), 2);
    // Two rows cannot run in the first year.
    let first_year = plan.period.from;
    let (_, ready) = get(&c, &format!("{base}?year={first_year}")).await;
    assert_eq!(count(&ready, "<tr class=\"row\">"), 14);

    let sheet = workbook(&c, &format!("{base}.xlsx")).await;
    let rows = sheet.data_rows();
    assert_eq!(rows.len(), 16);
    let numbers: Vec<String> = rows.iter().map(|r| sheet.text(*r, 0)).collect();
    assert_eq!(
        numbers.iter().filter(|n| *n == "1").count(),
        6,
        "each strategy and the group count from 1: {numbers:?}"
    );
    assert_eq!(numbers.iter().filter(|n| *n == "10").count(), 1);
    assert_eq!(numbers.last().unwrap(), "1");
    let budgets: Vec<Decimal> = rows
        .iter()
        .filter_map(|r| match sheet.values.get_value((*r, 5)) {
            Some(Data::Float(v)) => Some(baht(*v)),
            _ => None,
        })
        .collect();
    assert_eq!(budgets.len(), 5);
    assert_eq!(budgets.iter().sum::<Decimal>(), Decimal::from(4_920_000));
    let total_row = rows[rows.len() - 1] + 1;
    let Some(Data::Float(v)) = sheet.values.get_value((total_row, 5)) else {
        panic!("a total");
    };
    assert_eq!(baht(*v), Decimal::from(4_920_000));
    let groups = (6..total_row)
        .filter(|r| sheet.is_merged_across(*r))
        .count();
    assert_eq!(groups, 5 + 1);
    assert_eq!(
        plan.walk()
            .iter()
            .filter(|w| w.element.kind == ElementKind::Group)
            .count(),
        1
    );
}
