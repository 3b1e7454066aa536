//! Progress through the API: many values at once, all or none with bad rows named; approved
//! values only by the board; the year's follow-up with its evaluation.

mod common;

use common::*;
use phaen_domain::access::Role;
use phaen_store::PlanStore;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn bulk_rows_are_saved_whole_or_not_at_all_and_evaluated() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("board", phaen_synth::SAVINGS, Role::Approver),
        ("other", phaen_synth::AGRI, Role::Editor),
    ])
    .await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let year = plan.period.from;
    let numeric: Vec<_> = plan
        .all_kpis()
        .into_iter()
        .filter(|(_, k)| {
            matches!(
                k.target_for(year),
                Some(phaen_domain::Target::Numeric { .. })
            )
        })
        .map(|(_, k)| k.clone())
        .collect();
    let path = format!("/api/v1/plans/{}/progress", plan.id);
    let editor = Api::new(&app, "editor").await;
    let bad = editor
        .call(
            Method::POST,
            &path,
            Some(json!({"rows": [
                {"kpi": numeric[0].id.as_str(), "period": year.to_string(), "value": 12.5},
                {"kpi": numeric[1].id.as_str(), "period": year.to_string(), "value": "มาก"},
                {"kpi": "ไม่มีตัวนี้", "period": year.to_string(), "value": 1}
            ]})),
        )
        .await;
    assert_eq!(bad.status, 400);
    let problems = bad.json["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    assert!(
        problems[0]["error_th"]
            .as_str()
            .unwrap()
            .starts_with("แถวที่ 2 (value)")
    );
    assert!(
        app.store
            .kpi_entries(&plan.id, None)
            .await
            .unwrap()
            .is_empty()
    );

    let rows = json!({"state": "approved", "rows": [
        {"kpi": numeric[0].id.as_str(), "period": year.to_string(), "value": 12.5, "narrative": "ตามแผน"}
    ]});
    let denied = editor.call(Method::POST, &path, Some(rows.clone())).await;
    assert_eq!(denied.status, 403, "approving is the board's right");
    let board = Api::new(&app, "board").await;
    let ok = board.call(Method::POST, &path, Some(rows)).await;
    assert_eq!(ok.status, 200, "{}", ok.json);
    assert_eq!(ok.json["saved"], 1);
    assert_eq!(ok.json["added"], 1);

    let year_view = editor.get(&format!("{path}?year={year}")).await;
    assert_eq!(year_view.status, 200);
    let kpi = year_view.json["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kpi"] == numeric[0].id.as_str())
        .unwrap();
    assert_eq!(kpi["value"], "12.5");
    assert_ne!(kpi["status"], "no_data");
    assert_eq!(year_view.json["reported"], 1);

    let other = Api::new(&app, "other").await;
    assert_eq!(other.get(&path).await.status, 404);
    let r = other
        .call(Method::POST, &path, Some(json!({"rows": []})))
        .await;
    assert_eq!(r.status, 404);
}
