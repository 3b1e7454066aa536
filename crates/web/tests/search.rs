//! Search in the web application: the box on every signed-in page, and results only from the
//! plans the viewer may read: a member of one cooperative finds nothing of another's plan,
//! whose own staff find it, with the match marked and the text escaped.

mod common;

use common::*;
use phaen_domain::access::Role;
use phaen_domain::{Element, ElementKind, PlanId};
use phaen_store::PlanStore;

fn first_project(elements: &mut [Element]) -> Option<&mut Element> {
    for e in elements {
        if e.kind == ElementKind::Project {
            return Some(e);
        }
        if let Some(p) = first_project(&mut e.children) {
            return Some(p);
        }
    }
    None
}

/// Gives the first project of `org`'s plan the title `title`; returns the plan's id.
async fn retitle(app: &App, org: &str, title: &str) -> PlanId {
    let listing = app
        .store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.org.as_str() == org)
        .unwrap();
    let mut plan = app.store.load_plan(&listing.id).await.unwrap();
    first_project(&mut plan.elements).unwrap().title = title.into();
    app.store.delete_plan(&plan.id).await.unwrap();
    app.store.insert_plan(&plan).await.unwrap();
    plan.id
}

async fn search(c: &reqwest::Client, app: &App, q: &str) -> (u16, String) {
    let q: String = q.bytes().map(|b| format!("%{b:02X}")).collect();
    let r = c
        .get(format!("{}/search?q={q}", app.base))
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_member_finds_nothing_of_another_cooperatives_plan_whose_staff_find_it() {
    let app = spawn_app(&[
        ("member_a", phaen_synth::SAVINGS, Role::Member),
        ("staff_b", phaen_synth::AGRI, Role::Editor),
    ])
    .await;
    let b = retitle(&app, phaen_synth::AGRI, "เลี้ยงปลานิลในกระชัง <b>ทดลอง</b>").await;
    let a = retitle(&app, phaen_synth::SAVINGS, "ระดมเงินฝากผ่านแอปพลิเคชัน").await;

    let (member, _) = sign_in(&app, "member_a", PASSWORD).await;
    let (status, body) = search(&member, &app, "ปลานิล").await;
    assert_eq!(status, 200);
    assert!(body.contains("ไม่พบคำที่ค้นหา"), "{body}");
    assert!(
        !body.contains(b.as_str()),
        "a hidden plan shows in the results"
    );
    assert!(!body.contains("<mark>"));
    // Their own published plan they do find, the word marked inside the compound.
    let (_, body) = search(&member, &app, "เงินฝาก").await;
    assert!(body.contains("<mark>เงินฝาก</mark>"), "{body}");
    assert!(body.contains(&format!("/plans/{a}/elements/")));

    let (staff, _) = sign_in(&app, "staff_b", PASSWORD).await;
    let (status, body) = search(&staff, &app, "ปลานิล").await;
    assert_eq!(status, 200);
    assert!(body.contains("<mark>ปลานิล</mark>"), "{body}");
    assert!(body.contains(&format!("href=\"/plans/{b}/elements/")));
    assert!(body.contains("&#60;b&#62;"), "the title is escaped: {body}");
    assert!(!body.contains("<b>ทดลอง"));
    assert!(
        !body.contains(a.as_str()),
        "staff of B see nothing of A's plan"
    );
}

#[tokio::test]
async fn every_signed_in_page_has_the_search_box_and_the_page_speaks_english_too() {
    let app = spawn_app(&[("staff_b", phaen_synth::AGRI, Role::Editor)]).await;
    let anonymous = client();
    let r = anonymous
        .get(format!("{}/search?q=x", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let (staff, _) = sign_in(&app, "staff_b", PASSWORD).await;
    for page in ["/plans", "/dashboard", "/notifications"] {
        let html = staff
            .get(format!("{}{page}", app.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            html.contains("action=\"/search\""),
            "{page} has no search box"
        );
    }
    staff
        .get(format!("{}/lang/en?next=/plans", app.base))
        .send()
        .await
        .unwrap();
    let (_, body) = search(&staff, &app, "zzqxv").await;
    assert!(
        body.contains("Nothing found in the plans you may see"),
        "{body}"
    );
    let (_, body) = search(&staff, &app, "  ").await;
    assert!(!body.contains("id=\"results\""), "no results for no words");
}

async fn api_search(
    c: &reqwest::Client,
    app: &App,
    query: &[(&str, &str)],
) -> (u16, serde_json::Value) {
    let url = reqwest::Url::parse_with_params(&format!("{}/api/v1/search", app.base), query);
    let r = c.get(url.unwrap()).send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn the_api_answers_a_search_with_the_same_rule_and_names_bad_input() {
    let app = spawn_app(&[
        ("member_a", phaen_synth::SAVINGS, Role::Member),
        ("staff_b", phaen_synth::AGRI, Role::Editor),
    ])
    .await;
    let b = retitle(&app, phaen_synth::AGRI, "เลี้ยงปลานิลในกระชังลอยน้ำ").await;
    let (staff, _) = sign_in(&app, "staff_b", PASSWORD).await;
    // A word inside the compound title is found, its run marked, with the page that shows it.
    let (status, body) = api_search(&staff, &app, &[("q", "ปลานิล")]).await;
    assert_eq!(status, 200, "{body}");
    let hits = body["hits"].as_array().unwrap();
    let hit = hits
        .iter()
        .find(|h| h["plan"] == b.as_str())
        .expect("the plan's own staff find it");
    assert_eq!(hit["kind"], "project");
    assert!(
        hit["link"]
            .as_str()
            .unwrap()
            .starts_with(&format!("/plans/{b}/elements/"))
    );
    let marked: Vec<&str> = hit["title"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["hit"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(marked.iter().any(|t| t.contains("ปลานิล")), "{marked:?}");
    // A member of another cooperative gets no hit of that plan.
    let (member, _) = sign_in(&app, "member_a", PASSWORD).await;
    let (status, body) = api_search(&member, &app, &[("q", "ปลานิล")]).await;
    assert_eq!(status, 200);
    assert!(
        body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["plan"] != b.as_str()),
        "{body}"
    );
    // The limit is kept (Thai digits read); bad input is a 400 naming the member.
    let (status, body) = api_search(&staff, &app, &[("q", "สหกรณ์"), ("limit", "๒")]).await;
    assert_eq!(status, 200);
    assert_eq!(body["hits"].as_array().unwrap().len(), 2);
    assert_eq!(body["more"], true);
    let (status, body) = api_search(&staff, &app, &[("q", "สหกรณ์"), ("limit", "0")]).await;
    assert_eq!(status, 400);
    assert_eq!(body["problems"][0]["field"], "limit", "{body}");
    let (status, body) = api_search(&staff, &app, &[("q", "  ")]).await;
    assert_eq!(status, 400);
    assert_eq!(body["problems"][0]["field"], "q", "{body}");
    // Not signed in: 401.
    let r = reqwest::get(format!("{}/api/v1/search?q=x", app.base))
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn the_search_scope_the_database_selects_is_the_plans_the_rule_lets_one_read() {
    use phaen_domain::{Membership, OrgCode};
    use phaen_store::search::Scope;
    let app = spawn_app(&[]).await;
    let every: Vec<String> = app
        .store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.id.to_string())
        .collect();
    let m = |org: &str, role: Role| Membership::new(OrgCode::parse(org).unwrap(), role);
    let cases = [
        vec![m(phaen_synth::DEPT, Role::Department)],
        vec![m(phaen_synth::PCO, Role::Provincial)],
        vec![m(phaen_synth::SAVINGS, Role::Member)],
        vec![m(phaen_synth::SAVINGS, Role::Editor)],
        vec![
            m(phaen_synth::AGRI, Role::Auditor),
            m(phaen_synth::FED, Role::Member),
        ],
        vec![
            m(phaen_synth::FED, Role::Admin),
            m(phaen_synth::PCO, Role::Provincial),
        ],
        vec![],
    ];
    for memberships in cases {
        let mut rule: Vec<String> =
            phaen_web::visibility::readable_plans(&app.store, &memberships, true)
                .await
                .unwrap()
                .plans
                .into_iter()
                .map(|p| p.id.to_string())
                .collect();
        rule.sort();
        let mut selected: Vec<String> =
            match phaen_web::visibility::search_scope(&app.store, &memberships)
                .await
                .unwrap()
            {
                Scope::All => every.clone(),
                Scope::Plans(ids) => ids.into_iter().map(|p| p.to_string()).collect(),
            };
        selected.sort();
        assert_eq!(selected, rule, "{memberships:?}");
    }
}
