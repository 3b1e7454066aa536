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
