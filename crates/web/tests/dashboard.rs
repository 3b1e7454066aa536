//! The plan dashboard over HTTP: charts as SVG with titles for screen readers, each chart's
//! data as CSV equal to what the store holds, and 404 for other organizations.

mod common;

use common::*;
use phaen_domain::access::Role;
use phaen_store::PlanStore;
use rust_decimal::Decimal;

#[tokio::test]
async fn the_dashboard_draws_status_trends_and_budget_with_their_data() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("other", phaen_synth::AGRI, Role::Editor),
    ])
    .await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let year = plan.period.from;
    let kpi = numeric_kpi(&plan, year);
    approved_value(
        &app,
        &plan.id,
        &kpi.id,
        year,
        "42.5",
        "เปิดบัญชีเงินฝากออนไลน์ให้สมาชิกทุกสาขา",
    )
    .await;

    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let base = format!("{}/plans/{}/dashboard", app.base, plan.id);
    let html = editor
        .get(format!("{base}?year={year}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.matches("<svg").count() >= 3,
        "status, trends and budget charts"
    );
    assert!(
        html.contains("<title id=\"c-status-t\">"),
        "charts carry titles"
    );
    assert!(
        html.contains("42.5"),
        "the approved value is in its trend's title"
    );

    let csv = |chart: &str| {
        let (c, url) = (
            editor.clone(),
            format!("{base}.csv?chart={chart}&year={year}"),
        );
        async move { c.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let status = csv("status").await;
    let achieved_or_not: usize = status
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.rsplitn(5, ',').collect();
            cells[1..4]
                .iter()
                .map(|c| c.parse::<usize>().unwrap())
                .sum::<usize>()
        })
        .sum();
    assert_eq!(
        achieved_or_not, 1,
        "one KPI has an evaluated value: {status}"
    );
    let trends = csv("trends").await;
    assert!(
        trends
            .lines()
            .any(|l| l.contains(&format!(",{year},42.5,"))),
        "{trends}"
    );
    let budget = csv("budget").await;
    for y in plan.period.years() {
        let expected: Decimal = plan
            .walk()
            .iter()
            .flat_map(|w| w.element.budget.iter())
            .filter(|b| b.year == Some(y))
            .map(|b| b.amount_baht.amount())
            .sum();
        assert!(
            budget.contains(&format!("{y},{}", expected.normalize())),
            "{y}: {budget}"
        );
    }
    let r = editor
        .get(format!("{base}.csv?chart=pie"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let (other, _) = sign_in(&app, "other", PASSWORD).await;
    assert_eq!(other.get(&base).send().await.unwrap().status(), 404);
    assert_eq!(
        other
            .get(format!("{base}.csv"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn the_results_overview_shows_each_plan_the_viewer_may_read() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("province", phaen_synth::PCO, Role::Provincial),
    ])
    .await;
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let csv = editor
        .get(format!("{}/dashboard.csv", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let own = savings_plan(&app).await;
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "the cooperative's own plan only: {csv}");
    assert!(rows[0].contains(own.id.as_str()));

    let (province, _) = sign_in(&app, "province", PASSWORD).await;
    let html = province
        .get(format!("{}/dashboard", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<svg class=\"bars\""));
    assert!(
        html.contains(own.id.as_str()),
        "the province sees its cooperatives' plans"
    );
    let csv = province
        .get(format!("{}/dashboard.csv", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.lines().count() > 2,
        "its own roadmap and its cooperatives' plans: {csv}"
    );
    let fed = app
        .store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.org.as_str() == phaen_synth::FED)
        .unwrap();
    assert!(
        !csv.contains(fed.id.as_str()),
        "nothing outside its subtree"
    );
}
