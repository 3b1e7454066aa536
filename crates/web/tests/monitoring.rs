//! Following projects and chasing data through the pages: the editor reports a project's
//! status, progress and money (Thai digits), nonsense is refused with nothing written, the
//! board approves it and the dashboard counts it and charts planned against disbursed; evidence
//! files are attached, fetched and refused by kind; reminders are sent from the data-owed page
//! and read on the notifications page; a corrective action is marked done.

mod common;

use common::*;
use phaen_domain::access::Role;
use phaen_domain::progress::{EntryState, Frequency, Period, ProjectStatus};
use phaen_store::PlanStore;

fn users() -> Vec<(&'static str, &'static str, Role)> {
    vec![
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("board", phaen_synth::SAVINGS, Role::Approver),
        ("member", phaen_synth::SAVINGS, Role::Member),
    ]
}

async fn text(r: reqwest::Response) -> (u16, String) {
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_project_report_is_checked_approved_and_charted() {
    let app = spawn_app(&users()).await;
    let plan = app
        .store
        .load_plan(&savings_plan(&app).await.id)
        .await
        .unwrap();
    let project = plan.projects()[0].clone();
    let year = plan.period.from;
    let q2 = Period::new(year, Frequency::Quarterly, 2).unwrap();
    let form_url = format!(
        "{}/plans/{}/projects/{}/{}",
        app.base,
        plan.id,
        project.id,
        q2.key()
    );
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let (_, page) = text(
        editor
            .get(format!(
                "{}/plans/{}/progress?year={year}",
                app.base, plan.id
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(page.contains(&project.title), "projects are listed");
    assert!(page.contains(&format!("/projects/{}/{}", project.id, q2.key())));

    let csrf = csrf_of(&editor, &form_url).await;
    let send = |status: &'static str, percent: &'static str, disbursed: &'static str| {
        let csrf = csrf.clone();
        let editor = editor.clone();
        let url = form_url.clone();
        async move {
            text(
                editor
                    .post(&url)
                    .form(&[
                        ("csrf", csrf.as_str()),
                        ("version", ""),
                        ("status", status),
                        ("percent", percent),
                        ("allocated", "๑,๐๐๐,๐๐๐"),
                        ("committed", "๒๐๐,๐๐๐"),
                        ("disbursed", disbursed),
                        ("narrative", "จัดอบรมแล้วสองรุ่น"),
                        ("action", "submit"),
                    ])
                    .send()
                    .await
                    .unwrap(),
            )
            .await
        }
    };
    let (status, html) = send("done", "๘๐", "๓๐๐,๐๐๐").await;
    assert_eq!(status, 400);
    assert!(
        html.contains("เสร็จสิ้นต้องมีความก้าวหน้าร้อยละ ๑๐๐"),
        "said in Thai"
    );
    assert!(html.contains("จัดอบรมแล้วสองรุ่น"), "what was typed is kept");
    let (status, html) = send("on_track", "๘๐", "๙๐๐,๐๐๐").await;
    assert_eq!(status, 400);
    assert!(html.contains("เกินงบที่ได้รับจัดสรร"), "{html}");
    assert!(
        app.store
            .project_entries(&plan.id, None)
            .await
            .unwrap()
            .is_empty()
    );

    let (status, _) = send("at_risk", "๔๕", "๓๐๐,๐๐๐").await;
    assert_eq!(status, 303);
    let saved = app.store.project_entries(&plan.id, None).await.unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].state, EntryState::Submitted);
    assert_eq!(saved[0].report.status, ProjectStatus::AtRisk);
    assert_eq!(saved[0].report.percent, 45.into());

    // A member reads the plan but reports nothing.
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    assert_eq!(member.get(&form_url).send().await.unwrap().status(), 403);

    let (board, _) = sign_in(&app, "board", PASSWORD).await;
    let bcsrf = csrf_of(&board, &form_url).await;
    let version = saved[0].version.to_string();
    let r = board
        .post(format!("{form_url}/move"))
        .form(&[
            ("csrf", bcsrf.as_str()),
            ("version", version.as_str()),
            ("to", "approved"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);

    let dash = format!("{}/plans/{}/dashboard", app.base, plan.id);
    let (_, html) = text(
        editor
            .get(format!("{dash}?year={year}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(html.contains("โครงการตามสถานะ"));
    assert!(
        html.contains("มีความเสี่ยง: 1"),
        "the at-risk project is counted"
    );
    assert!(html.contains("งบประมาณตามแผนเทียบผลการเบิกจ่าย"));
    assert!(html.contains("300,000"), "the disbursed bar is drawn");
    let (_, csv) = text(
        editor
            .get(format!("{dash}.csv?chart=projects&year={year}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let total = plan.projects().len();
    let expected = format!("{year},0,0,1,0,0,{}", total - 1);
    assert!(csv.lines().any(|l| l == expected), "{csv}");
    let (_, csv) = text(
        editor
            .get(format!("{dash}.csv?chart=budget"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        csv.lines()
            .any(|l| l.starts_with(&format!("{year},")) && l.ends_with(",300000")),
        "{csv}"
    );
    let (_, report) = text(
        editor
            .get(format!("{}/plans/{}/report?year={year}", app.base, plan.id))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(report.contains(&project.title) && report.contains("300,000"));
}

#[tokio::test]
async fn evidence_is_attached_fetched_refused_by_kind_and_locked_with_its_period() {
    let app = spawn_app(&users()).await;
    let plan = app
        .store
        .load_plan(&savings_plan(&app).await.id)
        .await
        .unwrap();
    let kpi = numeric_kpi(&plan, plan.period.from);
    let year = plan.period.from;
    let form_url = format!("{}/plans/{}/progress/{}/{year}", app.base, plan.id, kpi.id);
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let csrf = csrf_of(&editor, &form_url).await;
    let upload = |name: &'static str, bytes: &'static [u8]| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        editor
            .post(format!("{form_url}/evidence"))
            .multipart(form)
            .send()
    };
    let r = upload("รายงานการประชุม.pdf", b"%PDF-1.4 minutes of the meeting")
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (status, html) = text(upload("virus.pdf", b"MZ\x90\x00 not a pdf").await.unwrap()).await;
    assert_eq!(status, 400);
    assert!(html.contains("ไม่ใช่ชนิดที่รับเป็นหลักฐาน"), "{html}");
    let kept = app.store.evidence_list(&plan.id, None).await.unwrap();
    assert_eq!(kept.len(), 1);

    let (_, html) = text(editor.get(&form_url).send().await.unwrap()).await;
    assert!(html.contains("รายงานการประชุม.pdf"));
    let file = editor
        .get(format!(
            "{}/plans/{}/evidence/{}",
            app.base, plan.id, kept[0].id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(
        &file.bytes().await.unwrap()[..],
        b"%PDF-1.4 minutes of the meeting"
    );
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    let hidden = member
        .get(format!(
            "{}/plans/{}/evidence/{}",
            app.base, plan.id, kept[0].id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), 404, "members do not fetch evidence");

    // Once the value is approved, its evidence is locked with it.
    approved_value(&app, &plan.id, &kpi.id, year, "90", "ตามแผน").await;
    let (status, html) = text(upload("more.pdf", b"%PDF-1.4 later").await.unwrap()).await;
    assert_eq!(status, 400, "{html}");
    let r = editor
        .post(format!(
            "{}/plans/{}/evidence/{}/remove",
            app.base, plan.id, kept[0].id
        ))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(
        app.store.evidence_list(&plan.id, None).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn reminders_are_sent_from_the_owed_page_and_read_as_notifications() {
    let app = spawn_app(&users()).await;
    let plan = app
        .store
        .load_plan(&savings_plan(&app).await.id)
        .await
        .unwrap();
    let owed_url = format!("{}/plans/{}/progress/owed", app.base, plan.id);
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let (_, html) = text(editor.get(&owed_url).send().await.unwrap()).await;
    // The demo plan began years ago and nothing has been reported: much is overdue.
    assert!(html.contains("ส่งการแจ้งเตือนตอนนี้"), "{html}");
    assert!(
        html.contains("/projects/"),
        "project reports are chased too"
    );
    let csrf = csrf_of(&editor, &owed_url).await;
    let r = editor
        .post(format!("{owed_url}/remind"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let back = format!("{}{}", app.base, r.headers()["location"].to_str().unwrap());
    let (_, html) = text(editor.get(back).send().await.unwrap()).await;
    assert!(
        html.contains("แจ้งในระบบ 1 รายการ"),
        "the editor is the one reporter: {html}"
    );
    let (_, notes) = text(
        editor
            .get(format!("{}/notifications", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        notes.contains(&plan.title) && notes.contains("ค้างส่งข้อมูล"),
        "{notes}"
    );
    assert!(notes.contains(r#"id="unread-count">1<"#));
    let ncsrf = csrf_of(&editor, &format!("{}/notifications", app.base)).await;
    let r = editor
        .post(format!("{}/notifications/read", app.base))
        .form(&[("csrf", ncsrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, after) = text(
        editor
            .get(format!("{}/notifications", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(after.contains(r#"id="unread-count">0<"#));
    // The board reads nothing: it does not report.
    let (board, _) = sign_in(&app, "board", PASSWORD).await;
    let (_, none) = text(
        board
            .get(format!("{}/notifications", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(none.contains("ยังไม่มีการแจ้งเตือน"));
}

#[tokio::test]
async fn a_corrective_action_is_marked_done_once() {
    let app = spawn_app(&users()).await;
    let plan = app
        .store
        .load_plan(&savings_plan(&app).await.id)
        .await
        .unwrap();
    let kpi = numeric_kpi(&plan, plan.period.from);
    let action = app
        .store
        .add_corrective_action(
            &plan.id,
            &kpi.id,
            plan.period.from,
            "เพิ่มการประชาสัมพันธ์",
            "ฝ่ายส่งเสริม",
            phaen_store::today_in_bangkok(),
        )
        .await
        .unwrap();
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let page = format!(
        "{}/plans/{}/progress?year={}",
        app.base, plan.id, plan.period.from
    );
    let csrf = csrf_of(&editor, &page).await;
    let done = format!(
        "{}/plans/{}/corrective-actions/{}/done",
        app.base, plan.id, action.id
    );
    let r = editor
        .post(&done)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let kept = app
        .store
        .corrective_actions(&plan.id, plan.period.from)
        .await
        .unwrap();
    assert!(kept[0].done_at.is_some());
    let again = editor
        .post(&done)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
    let log = app
        .store
        .audit_entries(Some(plan.id.as_str()))
        .await
        .unwrap();
    assert!(log.iter().any(|e| e.action == "action.done"));
}
