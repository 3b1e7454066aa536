//! The roll-up page, workbook and API: the department sees the national plan carried out by the
//! whole country, drills down to a province and a cooperative, chooses a budget year; the
//! numbers equal the store's roll-ups; people see only their own subtree.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::*;
use phaen_domain::OrgCode;
use phaen_domain::access::Role;
use phaen_store::PlanStore;
use rust_decimal::Decimal;
use serde_json::Value;

async fn national_id(app: &App) -> String {
    app.store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.title == phaen_synth::NATIONAL_PLAN)
        .unwrap()
        .id
        .to_string()
}

async fn get(c: &reqwest::Client, url: &str) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn the_department_drills_down_from_the_nation_to_a_cooperative() {
    let app = spawn_app(&[("dept", phaen_synth::DEPT, Role::Department)]).await;
    let nid = national_id(&app).await;
    let (c, _) = sign_in(&app, "dept", PASSWORD).await;
    let base = format!("{}/plans/{nid}/rollup", app.base);

    let (status, html) = get(&c, &base).await;
    assert_eq!(status, 200, "{html}");
    let (_, json) = get(&c, &format!("{}/api/v1/plans/{nid}/rollup", app.base)).await;
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["org"], phaen_synth::DEPT);
    // The API's numbers are the store's, target by target.
    let pid = phaen_domain::PlanId::parse(&nid).unwrap();
    let dept = OrgCode::parse(phaen_synth::DEPT).unwrap();
    let stored = app.store.rollup(&pid, &dept, None).await.unwrap();
    let targets = v["targets"].as_array().unwrap();
    let mut served = 0;
    for t in targets {
        let id = t["id"].as_str().unwrap();
        let rows: Vec<_> = stored
            .rows
            .iter()
            .filter(|r| r.grain == "target" && r.key == id)
            .collect();
        let items: i64 = rows.iter().filter(|r| r.year == 0).map(|r| r.items).sum();
        let budget: Decimal = rows.iter().map(|r| r.budget).sum();
        assert_eq!(t["items"].as_i64().unwrap(), items, "{id}");
        assert_eq!(dec(&t["budget"]), budget, "{id}");
        assert!(html.contains(&format!(
            "id=\"t-{id}\" data-orgs=\"{}\" data-items=\"{items}\"",
            t["orgs"]
        )));
        served += usize::from(items > 0);
    }
    assert!(
        served >= 8 && served < targets.len(),
        "most served, some gaps: {served}"
    );

    // KPI achievement of the followed plans of the whole country, as the store keeps it.
    let achievement = app.store.achievement(&dept).await.unwrap();
    assert!(!achievement.is_empty());
    for ((year, status), n) in &achievement {
        assert_eq!(
            v["achievement"][year.to_string()][status].as_i64(),
            Some(*n),
            "{year} {status}"
        );
    }

    // The province is below the department; its cooperatives below it.
    let children = v["children"].as_array().unwrap();
    let pco = children
        .iter()
        .find(|c| c["org"] == phaen_synth::PCO)
        .expect("the province");
    assert!(pco["items"].as_i64().unwrap() > 0);
    assert!(html.contains(&format!("rollup?org={}", phaen_synth::PCO)));
    let (_, json) = get(
        &c,
        &format!(
            "{}/api/v1/plans/{nid}/rollup?org={}",
            app.base,
            phaen_synth::PCO
        ),
    )
    .await;
    let p: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(p["up"], phaen_synth::DEPT);
    let coops = p["children"].as_array().unwrap();
    assert!(coops.iter().any(|c| c["org"] == phaen_synth::SAVINGS));
    // The province's subtree totals are the department's line for it.
    let total: i64 = p["strategies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["items"].as_i64().unwrap())
        .sum();
    assert_eq!(total, pco["items"].as_i64().unwrap());
    let (status, _) = get(&c, &format!("{base}?org={}", phaen_synth::SAVINGS)).await;
    assert_eq!(status, 200);

    // A budget year: every target's budget is that year's only.
    let (_, json) = get(
        &c,
        &format!("{}/api/v1/plans/{nid}/rollup?year=๒๕๖๘", app.base),
    )
    .await;
    let y: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(y["year"], 2568);
    for t in y["targets"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        let want: Decimal = stored
            .rows
            .iter()
            .filter(|r| r.grain == "target" && r.key == id && r.year == 2568)
            .map(|r| r.budget)
            .sum();
        assert_eq!(dec(&t["budget"]), want, "{id}");
    }
    let (status, body) = get(&c, &format!("{base}?year=abc")).await;
    assert_eq!(status, 400);
    assert!(body.contains("abc"));

    // The workbook: the same strategies, totals as formulas.
    let r = c.get(format!("{base}.xlsx")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap().to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "targets",
            "strategies",
            "below",
            "below by target",
            "achievement"
        ]
    );
    let values = book.worksheet_range("strategies").unwrap();
    let formulas = book.worksheet_formula("strategies").unwrap();
    let strategies = v["strategies"].as_array().unwrap();
    let total_row = 3 + strategies.len() as u32;
    let columns = v["years"].as_array().unwrap().len() as u32 + 2;
    let grand: Decimal = strategies
        .iter()
        .flat_map(|s| {
            s["budget_by_year"]
                .as_object()
                .unwrap()
                .values()
                .map(dec)
                .collect::<Vec<_>>()
        })
        .sum();
    let cell = values.get_value((total_row, columns)).unwrap();
    let shown = match cell {
        Data::Float(f) => Decimal::try_from(*f).unwrap(),
        Data::String(s) => s.parse().unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(shown.normalize(), grand.normalize());
    let f = formulas.get_value((total_row, columns)).unwrap();
    assert!(f.starts_with("SUM("), "{f}");
}

#[tokio::test]
async fn a_cooperative_sees_its_own_subtree_only() {
    let app = spawn_app(&[("sav", phaen_synth::SAVINGS, Role::Editor)]).await;
    let nid = national_id(&app).await;
    let (c, _) = sign_in(&app, "sav", PASSWORD).await;
    let (status, json) = get(&c, &format!("{}/api/v1/plans/{nid}/rollup", app.base)).await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["org"], phaen_synth::SAVINGS);
    assert!(
        v["up"].is_null(),
        "a cooperative editor does not oversee the province"
    );
    for org in [
        phaen_synth::PCO,
        phaen_synth::AGRI,
        phaen_synth::DEPT,
        "NO-SUCH-ORG",
    ] {
        let (status, _) = get(&c, &format!("{}/plans/{nid}/rollup?org={org}", app.base)).await;
        assert_eq!(status, 404, "{org}");
    }
}
