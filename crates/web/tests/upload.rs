//! Import by upload over HTTP: the report comes first and nothing is written until the user
//! confirms; an unreadable file is said plainly; another user cannot see or confirm someone's
//! upload; discarding drops it. Also the member consultation window.

mod common;

use common::*;
use phaen_domain::PlanStatus;
use phaen_domain::access::Role;
use phaen_store::PlanStore;

async fn upload(
    c: &reqwest::Client,
    app: &App,
    org: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let csrf = csrf_of(c, &format!("{}/import", app.base)).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .text("org", org.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    c.post(format!("{}/import", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_uploaded_seed_is_written_only_when_confirmed() {
    let Some(seed) = phaen_testkit::seed_file("000") else {
        return;
    };
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("editor2", phaen_synth::SAVINGS, Role::Editor),
        ("member", phaen_synth::SAVINGS, Role::Member),
    ])
    .await;
    let before = app.store.list_plans().await.unwrap().len();
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let bytes = std::fs::read(&seed).unwrap();
    let r = upload(
        &editor,
        &app,
        phaen_synth::SAVINGS,
        "plan.txt",
        bytes.clone(),
    )
    .await;
    assert_eq!(r.status(), 303);
    let report_url = format!("{}{}", app.base, r.headers()["location"].to_str().unwrap());
    assert_eq!(
        app.store.list_plans().await.unwrap().len(),
        before,
        "nothing is written before the user confirms"
    );
    let html = editor
        .get(&report_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("รายงานการนำเข้า"));
    assert!(html.contains("confirm-import"));
    let expected = phaen_import::read(&bytes, "plan.txt", None).unwrap().plan;
    let kpis = phaen_domain::summary::counts(&expected).kpis;
    assert!(
        html.contains(&format!("<td>{kpis}</td>")),
        "the report counts the plan's {kpis} KPIs"
    );

    // Another user, even of the same cooperative, cannot see or confirm it.
    let (other, _) = sign_in(&app, "editor2", PASSWORD).await;
    assert_eq!(other.get(&report_url).send().await.unwrap().status(), 404);
    let csrf = csrf_of(&other, &format!("{}/plans", app.base)).await;
    let r = other
        .post(format!("{report_url}/confirm"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);

    let csrf = csrf_of(&editor, &report_url).await;
    let r = editor
        .post(format!("{report_url}/confirm"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let plan_url = r.headers()["location"].to_str().unwrap().to_string();
    let plans = app.store.list_plans().await.unwrap();
    assert_eq!(plans.len(), before + 1);
    let id = plan_url.trim_start_matches("/plans/");
    let stored = app
        .store
        .load_plan(&phaen_domain::PlanId::parse(id).unwrap())
        .await
        .unwrap();
    assert_eq!(stored.owner.code.as_str(), phaen_synth::SAVINGS);
    assert_eq!(phaen_domain::summary::counts(&stored).kpis, kpis);
    assert_eq!(stored.title, expected.title);
    // Confirming twice writes once.
    let r = editor
        .post(format!("{report_url}/confirm"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(app.store.list_plans().await.unwrap().len(), before + 1);
    let log = app.store.audit_entries(Some(id)).await.unwrap();
    assert_eq!(log[0].action, "plan.import");
    assert_eq!(log[0].actor_name, "ผู้ใช้ editor");
}

#[tokio::test]
async fn a_bad_file_is_said_plainly_and_discarding_drops_an_upload() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("member", phaen_synth::SAVINGS, Role::Member),
    ])
    .await;
    let before = app.store.list_plans().await.unwrap().len();
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let r = upload(
        &editor,
        &app,
        phaen_synth::SAVINGS,
        "broken.docx",
        b"PK\x03\x04 not really a zip".to_vec(),
    )
    .await;
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("อ่านไฟล์ broken.docx ไม่ได้"), "{html}");
    assert!(html.contains("ยังไม่ได้บันทึกสิ่งใด"));

    // A member may not import, and nobody imports for another organization.
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    let json = phaen_synth::demo(3).plans[0].to_json().into_bytes();
    let r = upload(&member, &app, phaen_synth::SAVINGS, "p.json", json.clone()).await;
    assert_eq!(r.status(), 403);
    let r = upload(&editor, &app, phaen_synth::AGRI, "p.json", json.clone()).await;
    assert_eq!(r.status(), 403);

    let r = upload(&editor, &app, phaen_synth::SAVINGS, "p.json", json).await;
    assert_eq!(r.status(), 303);
    let report_url = format!("{}{}", app.base, r.headers()["location"].to_str().unwrap());
    let csrf = csrf_of(&editor, &report_url).await;
    let r = editor
        .post(format!("{report_url}/discard"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(editor.get(&report_url).send().await.unwrap().status(), 404);
    assert_eq!(app.store.list_plans().await.unwrap().len(), before);

    // The same plan again (its JSON carries the stored plan's ids): a clear conflict, not a crash.
    let json = phaen_synth::demo(3).plans[0].to_json().into_bytes();
    let r = upload(&editor, &app, phaen_synth::SAVINGS, "p.json", json).await;
    let report_url = format!("{}{}", app.base, r.headers()["location"].to_str().unwrap());
    let csrf = csrf_of(&editor, &report_url).await;
    let r = editor
        .post(format!("{report_url}/confirm"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(r.text().await.unwrap().contains("มีอยู่ในระบบแล้ว"));
    assert_eq!(app.store.list_plans().await.unwrap().len(), before);
}

#[tokio::test]
async fn members_comment_only_inside_the_consultation_window() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
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
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let move_to = |opens: &'static str, closes: &'static str| {
        let (c, url) = (editor.clone(), url.clone());
        async move {
            let csrf = csrf_of(&c, &url).await;
            let v = version_of(&c, &url).await;
            c.post(format!("{url}/status"))
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("version", v.as_str()),
                    ("to", "consultation"),
                    ("opens", opens),
                    ("closes", closes),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let r = move_to("2026-03-10", "2026-03-01").await;
    assert_eq!(r.status(), 400, "a window that closes before it opens");
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("วันปิดรับความคิดเห็นอยู่ก่อนวันเปิด")
    );
    let r = move_to("2020-01-01", "31 ธันวาคม 2563").await;
    assert_eq!(r.status(), 303);
    let w = app
        .store
        .consultation_window(&plan.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(w.closes.to_string(), "2020-12-31", "BE dates are read");

    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    let html = member.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(
        html.contains("31 ธันวาคม 2563"),
        "the window is shown in Thai"
    );
    assert!(
        !html.contains("comment-body"),
        "no comment form after it closed"
    );
    let csrf = csrf_of(&member, &url).await;
    let r = member
        .post(format!("{url}/comments"))
        .form(&[("csrf", csrf.as_str()), ("body", "ช้าไปแล้ว")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "a closed window takes no comments");
    assert!(app.store.comments(&plan.id).await.unwrap().is_empty());
}
