//! The web application through HTTP on a real port: sign-in, sessions, CSRF, throttling,
//! tenant isolation, languages and security headers, on SQLite and PostgreSQL.

mod common;

use common::*;
use phaen_domain::PlanStatus;
use phaen_domain::access::Role;
use phaen_store::{OrgStore, PlanStore, UserStore};

#[tokio::test]
async fn health_and_security_headers_answer_without_signing_in() {
    let app = spawn_app(&[]).await;
    let r = client()
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = client()
        .get(format!("{}/signin", app.base))
        .send()
        .await
        .unwrap();
    let h = r.headers();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert_eq!(
        h["x-request-id"].len(),
        36,
        "every answer carries its request id"
    );
    let cookie = h["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let html = r.text().await.unwrap();
    assert!(
        html.contains("lang=\"th\"") && html.contains("เข้าสู่ระบบ"),
        "Thai by default"
    );
    let r = client()
        .get(format!("{}/plans", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "anonymous visitors are sent to sign in");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let (_, wrong) = sign_in(&app, "editor", "not the password").await;
    let (_, unknown) = sign_in(&app, "nobody", "not the password").await;
    assert_eq!(wrong, 401);
    assert_eq!(unknown, 401);
    let (_, ok) = sign_in(&app, "EDITOR", PASSWORD).await;
    assert_eq!(ok, 303, "usernames are not case sensitive");
}

#[tokio::test]
async fn repeated_failures_pause_sign_in_for_that_user() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    for _ in 0..5 {
        assert_eq!(sign_in(&app, "editor", "wrong wrong wrong").await.1, 401);
    }
    assert_eq!(
        sign_in(&app, "editor", PASSWORD).await.1,
        429,
        "even the right password waits"
    );
}

#[tokio::test]
async fn forms_without_the_right_token_are_refused() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let c = client();
    let r = c
        .post(format!("{}/signin", app.base))
        .form(&[
            ("username", "editor"),
            ("password", PASSWORD),
            ("csrf", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let (c, _) = sign_in(&app, "editor", PASSWORD).await;
    let r = c
        .post(format!("{}/signout", app.base))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(
        c.get(format!("{}/plans", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        200,
        "still signed in"
    );
    let csrf = csrf_of(&c, &format!("{}/plans", app.base)).await;
    let r = c
        .post(format!("{}/signout", app.base))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        c.get(format!("{}/plans", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        303,
        "signed out"
    );
}

/// Whether `p` is a published or closed plan of an organization above `org`: those below read
/// it, as the plan theirs carries out.
async fn published_above(app: &App, org: &str, p: &phaen_store::PlanListing) -> bool {
    let above = app
        .store
        .ancestors(&phaen_domain::OrgCode::parse(org).unwrap())
        .await
        .unwrap();
    matches!(p.status, PlanStatus::Published | PlanStatus::Closed) && above.contains(&p.org)
}

#[tokio::test]
async fn a_cooperative_sees_its_own_plans_and_gets_404_for_anyone_elses() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let (c, _) = sign_in(&app, "editor", PASSWORD).await;
    let html = c
        .get(format!("{}/plans", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let plans = app.store.list_plans().await.unwrap();
    for p in &plans {
        let shown = html.contains(&format!("/plans/{}", p.id));
        assert_eq!(
            shown,
            p.org.as_str() == phaen_synth::SAVINGS
                || published_above(&app, phaen_synth::SAVINGS, p).await,
            "{} listed: {shown}",
            p.title
        );
        let r = c
            .get(format!("{}/plans/{}", app.base, p.id))
            .send()
            .await
            .unwrap();
        let expected = if p.org.as_str() == phaen_synth::SAVINGS
            || published_above(&app, phaen_synth::SAVINGS, p).await
        {
            200
        } else {
            404
        };
        assert_eq!(r.status(), expected, "{}", p.title);
    }
    let r = c
        .get(format!("{}/plans/no-such-plan", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "a missing plan looks like a forbidden one");
}

#[tokio::test]
async fn members_read_only_published_plans_and_provinces_read_their_subtree() {
    let app = spawn_app(&[
        ("member", phaen_synth::SAVINGS, Role::Member),
        ("province", phaen_synth::PCO, Role::Provincial),
    ])
    .await;
    let plans = app.store.list_plans().await.unwrap();
    let own = plans
        .iter()
        .find(|p| p.org.as_str() == phaen_synth::SAVINGS)
        .unwrap();
    let mut plan = app.store.load_plan(&own.id).await.unwrap();
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    let r = member
        .get(format!("{}/plans/{}", app.base, own.id))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        if plan.status >= PlanStatus::Published {
            200
        } else {
            404
        }
    );
    plan.status = PlanStatus::Draft;
    plan.approval = None;
    plan.revision = Some(phaen_domain::Revision {
        number: 9,
        written: None,
    });
    app.store.revise_plan(&plan).await.unwrap();
    let r = member
        .get(format!("{}/plans/{}", app.base, own.id))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "a draft is not for members");

    let (province, _) = sign_in(&app, "province", PASSWORD).await;
    for p in &plans {
        let ancestors = app.store.ancestors(&p.org).await.unwrap();
        let in_subtree = p.org.as_str() == phaen_synth::PCO
            || ancestors.iter().any(|a| a.as_str() == phaen_synth::PCO);
        let r = province
            .get(format!("{}/plans/{}", app.base, p.id))
            .send()
            .await
            .unwrap();
        let above = published_above(&app, phaen_synth::PCO, p).await;
        assert_eq!(r.status() == 200, in_subtree || above, "{}", p.title);
    }
}

#[tokio::test]
async fn english_is_one_click_away() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let (c, _) = sign_in(&app, "editor", PASSWORD).await;
    let r = c
        .get(format!("{}/lang/en?next=/plans", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = c
        .get(format!("{}/plans", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("lang=\"en\"") && html.contains("Sign out"));
    let r = c
        .get(format!("{}/lang/en?next=//evil.example", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers()["location"],
        "/plans",
        "never redirects off the site"
    );
}

#[tokio::test]
async fn auditors_read_their_organizations_log_and_can_download_it() {
    let app = spawn_app(&[
        ("auditor", phaen_synth::SAVINGS, Role::Auditor),
        ("editor", phaen_synth::AGRI, Role::Editor),
    ])
    .await;
    let own = savings_plan(&app).await;
    let (auditor, _) = sign_in(&app, "auditor", PASSWORD).await;
    let html = auditor
        .get(format!("{}/audit", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("plan.create"),
        "the import of the cooperative's plan is listed"
    );
    assert!(html.contains("ตรวจสอบแล้ว"), "the chain is reported intact");
    let csv = auditor
        .get(format!("{}/audit.csv", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r.contains(phaen_synth::SAVINGS)),
        "only the auditor's organization"
    );
    assert!(rows.iter().any(|r| r.contains(own.id.as_str())));

    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let csv = editor
        .get(format!("{}/audit.csv", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        csv.lines().count(),
        1,
        "an editor is no auditor: the header only"
    );
}

/// The `version` hidden field of a plan page.
#[tokio::test]
async fn a_plan_goes_from_draft_through_approval_to_published_by_the_right_hands() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("board", phaen_synth::SAVINGS, Role::Approver),
        ("member", phaen_synth::SAVINGS, Role::Member),
    ])
    .await;
    let listing = savings_plan(&app).await;
    let mut plan = app.store.load_plan(&listing.id).await.unwrap();
    plan.status = PlanStatus::Draft;
    plan.approval = None;
    plan.revision = Some(phaen_domain::Revision {
        number: 5,
        written: None,
    });
    app.store.revise_plan(&plan).await.unwrap();
    let url = format!("{}/plans/{}", app.base, plan.id);
    let post = |c: &reqwest::Client, fields: Vec<(&'static str, String)>| {
        let c = c.clone();
        let target = format!("{}/plans/{}/status", app.base, plan.id);
        async move { c.post(target).form(&fields).send().await.unwrap().status() }
    };

    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let csrf = csrf_of(&editor, &url).await;
    let v = version_of(&editor, &url).await;
    let status = post(
        &editor,
        vec![
            ("csrf", csrf.clone()),
            ("version", v.clone()),
            ("to", "consultation".into()),
            ("opens", "2026-01-01".into()),
            ("closes", "1 มกราคม 2643".into()),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let stale = post(
        &editor,
        vec![
            ("csrf", csrf.clone()),
            ("version", v),
            ("to", "draft".into()),
        ],
    )
    .await;
    assert_eq!(
        stale, 409,
        "an edit made on an old version overwrites nothing"
    );
    let v = version_of(&editor, &url).await;
    let denied = post(
        &editor,
        vec![("csrf", csrf), ("version", v), ("to", "approved".into())],
    )
    .await;
    assert_eq!(denied, 403, "management staff do not approve");

    let (board, _) = sign_in(&app, "board", PASSWORD).await;
    let csrf = csrf_of(&board, &url).await;
    let v = version_of(&board, &url).await;
    let bad_date = post(
        &board,
        vec![
            ("csrf", csrf.clone()),
            ("version", v.clone()),
            ("to", "approved".into()),
            ("body", "ที่ประชุมใหญ่สามัญประจำปี 2567".into()),
            ("date", "เมื่อวาน".into()),
        ],
    )
    .await;
    assert_eq!(bad_date, 400);
    let approved = post(
        &board,
        vec![
            ("csrf", csrf.clone()),
            ("version", v),
            ("to", "approved".into()),
            ("body", "ที่ประชุมใหญ่สามัญประจำปี 2567".into()),
            ("meeting", "ครั้งที่ 1".into()),
            ("date", "18 ธันวาคม 2567".into()),
        ],
    )
    .await;
    assert_eq!(approved, 303);
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    assert_eq!(
        member.get(&url).send().await.unwrap().status(),
        404,
        "not yet published"
    );
    let v = version_of(&board, &url).await;
    assert_eq!(
        post(
            &board,
            vec![("csrf", csrf), ("version", v), ("to", "published".into())]
        )
        .await,
        303
    );
    let html = member.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains("18 ธันวาคม 2567"),
        "members read the published plan with its approval"
    );

    let stored = app.store.load_plan(&plan.id).await.unwrap();
    assert_eq!(stored.status, PlanStatus::Published);
    assert_eq!(
        stored.approval.unwrap().date.unwrap().to_string(),
        "2024-12-18"
    );
    let log = app
        .store
        .audit_entries(Some(plan.id.as_str()))
        .await
        .unwrap();
    let moves: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.action == "plan.status")
        .map(|e| (e.actor_name.as_str(), e.target.as_deref().unwrap()))
        .collect();
    assert_eq!(
        moves,
        [
            ("ผู้ใช้ editor", "draft -> consultation"),
            ("ผู้ใช้ board", "consultation -> approved"),
            ("ผู้ใช้ board", "approved -> published"),
        ]
    );
}

#[tokio::test]
async fn members_comment_during_consultation_and_only_then() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("member", phaen_synth::SAVINGS, Role::Member),
    ])
    .await;
    let listing = savings_plan(&app).await;
    let mut plan = app.store.load_plan(&listing.id).await.unwrap();
    plan.status = PlanStatus::Consultation;
    plan.approval = None;
    plan.revision = Some(phaen_domain::Revision {
        number: 7,
        written: None,
    });
    app.store.revise_plan(&plan).await.unwrap();
    let url = format!("{}/plans/{}", app.base, plan.id);
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    let csrf = csrf_of(&member, &url).await;
    let say = |text: &'static str| {
        let (m, csrf) = (member.clone(), csrf.clone());
        let target = format!("{url}/comments");
        async move {
            m.post(target)
                .form(&[("csrf", csrf.as_str()), ("body", text)])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(say("ควรเพิ่มโครงการออมเพื่อการศึกษาของบุตรสมาชิก").await, 303);
    assert_eq!(say("   ").await, 400, "an empty comment is refused");
    let html = member.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("ควรเพิ่มโครงการออมเพื่อการศึกษาของบุตรสมาชิก"));
    assert!(html.contains("ผู้ใช้ member"), "the author is shown");

    plan.status = PlanStatus::Draft;
    plan.revision = Some(phaen_domain::Revision {
        number: 8,
        written: None,
    });
    app.store.revise_plan(&plan).await.unwrap();
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let csrf = csrf_of(&editor, &url).await;
    let r = editor
        .post(format!("{url}/comments"))
        .form(&[("csrf", csrf.as_str()), ("body", "ความเห็นนอกช่วงเวลา")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "no comments outside consultation");
    let log = app
        .store
        .audit_entries(Some(plan.id.as_str()))
        .await
        .unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "plan.comment").count(), 1);
}

#[tokio::test]
async fn scripts_read_the_api_with_a_token_and_see_what_the_person_sees() {
    use phaen_store::SessionStore;
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let (user, _) = app.store.user_by_username("editor").await.unwrap().unwrap();
    let token = phaen_auth::new_token();
    app.store
        .create_api_token(&phaen_auth::token_hash(&token), &user.id, "report script")
        .await
        .unwrap();
    let c = client();
    let anonymous = c
        .get(format!("{}/api/v1/plans", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let body: serde_json::Value = anonymous.json().await.unwrap();
    assert!(
        body["error_th"].is_string(),
        "errors come in Thai and English"
    );

    let auth = format!("Bearer {token}");
    let list: serde_json::Value = c
        .get(format!("{}/api/v1/plans", app.base))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let own = savings_plan(&app).await;
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let mut expected = Vec::new();
    for p in app.store.list_plans().await.unwrap() {
        if p.id == own.id || published_above(&app, phaen_synth::SAVINGS, &p).await {
            expected.push(p.id.to_string());
        }
    }
    assert_eq!(ids, expected);
    assert!(ids.contains(&own.id.as_str()));

    let plan: phaen_domain::Plan = c
        .get(format!("{}/api/v1/plans/{}", app.base, own.id))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(plan, app.store.load_plan(&own.id).await.unwrap());
    let kpis: serde_json::Value = c
        .get(format!("{}/api/v1/plans/{}/kpis", app.base, own.id))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(kpis.as_array().unwrap().len(), plan.all_kpis().len());

    let other = app
        .store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.org.as_str() == phaen_synth::AGRI)
        .unwrap();
    let r = c
        .get(format!("{}/api/v1/plans/{}/summary", app.base, other.id))
        .header("authorization", &auth)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let bad = c
        .get(format!("{}/api/v1/plans", app.base))
        .header("authorization", "Bearer not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route_and_the_plan_schema() {
    let app = spawn_app(&[]).await;
    let doc: serde_json::Value = client()
        .get(format!("{}/api/v1/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    // Every API route the router serves is in the document, with every method it answers.
    let api_paths: Vec<&str> = phaen_web::route_paths()
        .into_iter()
        .filter(|p| p.starts_with("/api/"))
        .collect();
    assert!(api_paths.len() >= 18, "{api_paths:?}");
    for path in &api_paths {
        assert!(doc["paths"][path].is_object(), "{path} is documented");
    }
    let endpoints = phaen_web::api::endpoints();
    for e in &endpoints {
        let method = e.method.as_str().to_ascii_lowercase();
        let op = &doc["paths"][e.path][&method];
        assert!(op.is_object(), "{method} {} is documented", e.path);
        assert!(op["operationId"].is_string() && op["summary"].is_string());
        let ok = ["200", "201", "204"]
            .iter()
            .any(|s| op["responses"][s].is_object());
        assert!(ok, "{method} {} says what it answers", e.path);
        if e.method != reqwest::Method::GET {
            assert!(
                op["responses"]["403"].is_object() && op["responses"]["400"].is_object(),
                "{method} {} documents its refusals",
                e.path
            );
        }
        for param in e.path.split('/').filter(|s| s.starts_with('{')) {
            let name = param.trim_matches(|c| c == '{' || c == '}');
            let params = op["parameters"].as_array().unwrap();
            assert!(
                params
                    .iter()
                    .any(|p| p["name"] == name && p["in"] == "path"),
                "{method} {} describes {{{name}}}",
                e.path
            );
        }
    }
    let documented: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|p| p.as_object().unwrap().len())
        .sum();
    assert_eq!(
        documented,
        endpoints.len(),
        "nothing documented that is not served"
    );
    // The writes' requests and answers are schemas generated from the code.
    let patch = &doc["paths"]["/api/v1/plans/{id}/elements/{eid}"]["patch"];
    assert_eq!(
        patch["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ElementBody"
    );
    assert!(doc["paths"]["/api/v1/plans/{id}/kpis/{kid}"]["put"]["responses"]["409"].is_object());
    assert!(
        doc["paths"]["/api/v1/plans/{id}"]["get"]["responses"]["200"]["headers"]["ETag"]
            .is_object()
    );
    assert!(
        doc["paths"]["/api/v1/openapi.json"]["get"]["security"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let schemas = &doc["components"]["schemas"];
    assert!(schemas["Plan"]["properties"]["elements"].is_object());
    assert!(schemas["KpiBody"]["properties"]["targets"].is_object());
    assert!(schemas["StatusRequest"]["properties"]["approval"].is_object());
    assert!(schemas["ErrorBody"]["properties"]["error_th"].is_object());
    let text = doc.to_string();
    assert!(
        !text.contains("#/$defs/"),
        "every reference resolves inside the document"
    );
    for r in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &r[..r.find('"').unwrap()];
        assert!(schemas[name].is_object(), "{name} is defined");
    }
}
