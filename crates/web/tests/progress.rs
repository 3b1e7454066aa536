//! Progress reporting through the pages: the editor reports a KPI's value and submits it, the
//! board approves (locking it) or returns or reopens it with a reason, the follow-up page
//! evaluates approved values and rolls them up; readers see it without forms, other
//! organizations get 404.

mod common;

use common::*;
use phaen_domain::access::Role;
use phaen_domain::progress::EntryState;
use phaen_store::PlanStore;

fn users() -> Vec<(&'static str, &'static str, Role)> {
    vec![
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("board", phaen_synth::SAVINGS, Role::Approver),
        ("member", phaen_synth::SAVINGS, Role::Member),
        ("other", phaen_synth::AGRI, Role::Editor),
    ]
}

#[tokio::test]
async fn a_value_is_reported_submitted_approved_and_evaluated() {
    let app = spawn_app(&users()).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let kpi = numeric_kpi(&plan, plan.period.from);
    let year = plan.period.from;
    let page_url = format!("{}/plans/{}/progress?year={year}", app.base, plan.id);
    let form_url = format!("{}/plans/{}/progress/{}/{year}", app.base, plan.id, kpi.id);

    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let html = editor
        .get(&page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&kpi.name));
    assert!(
        html.contains(&format!("/progress/{}/{year}", kpi.id)),
        "the editor may report"
    );

    let csrf = csrf_of(&editor, &form_url).await;
    let bad = editor
        .post(&form_url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", ""),
            ("value", "แปดสิบห้า"),
            ("narrative", "อธิบายผล"),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let html = bad.text().await.unwrap();
    assert!(html.contains("ไม่ใช่ตัวเลข"), "said in Thai");
    assert!(html.contains("อธิบายผล"), "the narrative typed is kept");
    assert!(
        app.store
            .kpi_entries(&plan.id, None)
            .await
            .unwrap()
            .is_empty()
    );

    let ok = editor
        .post(&form_url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", ""),
            ("value", "๘๕"),
            ("narrative", "ระดมเงินฝากได้ตามแผน"),
            ("action", "submit"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let entries = app.store.kpi_entries(&plan.id, None).await.unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].state, EntryState::Submitted);
    let version = entries[0].version.to_string();

    // The editor may not approve their own report.
    let r = editor
        .post(format!("{form_url}/move"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("to", "approved"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    let (board, _) = sign_in(&app, "board", PASSWORD).await;
    let bcsrf = csrf_of(&board, &form_url).await;
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
    let entry = app
        .store
        .kpi_entries(&plan.id, None)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(entry.state, EntryState::Approved);

    let html = board
        .get(&page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let score_at = html.find("id=\"plan-score\">").unwrap() + 16;
    assert_ne!(
        &html[score_at..score_at + 1],
        "-",
        "the plan has a score now"
    );
    assert!(html.contains("85"));

    // Reopening needs a reason.
    let v = entry.version.to_string();
    let r = board
        .post(format!("{form_url}/move"))
        .form(&[
            ("csrf", bcsrf.as_str()),
            ("version", v.as_str()),
            ("to", "draft"),
            ("reason", " "),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let r = board
        .post(format!("{form_url}/move"))
        .form(&[
            ("csrf", bcsrf.as_str()),
            ("version", v.as_str()),
            ("to", "draft"),
            ("reason", "ตัวเลขต้องตรงกับงบการเงินที่ตรวจแล้ว"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let log = app
        .store
        .audit_entries(Some(plan.id.as_str()))
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.ends_with(&[
        "progress.save",
        "progress.submit",
        "progress.approve",
        "progress.reopen"
    ]));
}

#[tokio::test]
async fn readers_see_progress_without_forms_and_others_get_404() {
    let app = spawn_app(&users()).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let (_, kpi) = plan.all_kpis().into_iter().next().unwrap();
    let page_url = format!("{}/plans/{}/progress", app.base, plan.id);
    let form_url = format!(
        "{}/plans/{}/progress/{}/{}",
        app.base, plan.id, kpi.id, plan.period.from
    );
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    let html = member
        .get(&page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&kpi.name));
    assert!(!html.contains("/progress/"), "no report links for a member");
    assert_eq!(member.get(&form_url).send().await.unwrap().status(), 403);
    let (other, _) = sign_in(&app, "other", PASSWORD).await;
    assert_eq!(other.get(&page_url).send().await.unwrap().status(), 404);
    assert_eq!(other.get(&form_url).send().await.unwrap().status(), 404);
    let bad_period = format!("{}/plans/{}/progress/{}/2400", app.base, plan.id, kpi.id);
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    assert_eq!(editor.get(&bad_period).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn monthly_reporting_set_up_on_the_page_combines_months_into_the_year() {
    let app = spawn_app(&users()).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let kpis: Vec<_> = plan
        .all_kpis()
        .into_iter()
        .map(|(_, k)| k.clone())
        .collect();
    let kpi = &kpis[0];
    let setup_url = format!("{}/plans/{}/progress/setup", app.base, plan.id);
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let csrf = csrf_of(&editor, &setup_url).await;
    let mut fields = vec![("csrf".to_string(), csrf.clone())];
    fields.push((format!("f-{}", kpi.id), "monthly".into()));
    fields.push((format!("a-{}", kpi.id), "sum".into()));
    fields.push((format!("w-{}", kpi.id), "ลบสอง".into()));
    fields.push((format!("o-{}", kpi.id), "ฝ่ายสินเชื่อ".into()));
    let r = editor.post(&setup_url).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), 400, "a weight that is not a number is refused");
    assert!(r.text().await.unwrap().contains("ลบสอง"));
    assert!(
        app.store
            .reporting_setups(&plan.id)
            .await
            .unwrap()
            .is_empty()
    );
    fields[3].1 = "2".into();
    let r = editor.post(&setup_url).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let setups = app.store.reporting_setups(&plan.id).await.unwrap();
    assert_eq!(
        setups.len(),
        kpis.len() + plan.projects().len(),
        "every KPI and project of the form is set"
    );
    let s = setups
        .iter()
        .find(|s| s.subject == kpi.id.as_str())
        .unwrap();
    assert_eq!(s.frequency.as_str(), "monthly");
    assert_eq!(s.owner_unit.as_deref(), Some("ฝ่ายสินเชื่อ"));

    let year = plan.period.from;
    let (board, _) = sign_in(&app, "board", PASSWORD).await;
    for (month, value) in [(1, "10"), (2, "20"), (3, "30")] {
        let url = format!(
            "{}/plans/{}/progress/{}/{year}-M{month:02}",
            app.base, plan.id, kpi.id
        );
        let r = editor
            .post(&url)
            .form(&[
                ("csrf", csrf.as_str()),
                ("version", ""),
                ("value", value),
                ("action", "submit"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "month {month}");
        let e = app
            .store
            .kpi_entries(&plan.id, Some(year))
            .await
            .unwrap()
            .into_iter()
            .find(|e| e.period.index == month)
            .unwrap();
        let bcsrf = csrf_of(&board, &url).await;
        let r = board
            .post(format!("{url}/move"))
            .form(&[
                ("csrf", bcsrf.as_str()),
                ("version", e.version.to_string().as_str()),
                ("to", "approved"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
    }
    let html = editor
        .get(format!(
            "{}/plans/{}/progress?year={year}",
            app.base, plan.id
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<td>60</td>"),
        "the months are summed into the year"
    );
    assert!(
        html.contains("ต.ค. "),
        "months are named on the plan's year basis"
    );
}

#[tokio::test]
async fn the_owed_page_lists_past_due_periods_until_they_are_sent() {
    let app = spawn_app(&users()).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let year = plan.period.from;
    let kpi = numeric_kpi(&plan, year);
    // The plan's first year ended long ago, so its data is past due whatever today is.
    let owed_url = format!("{}/plans/{}/progress/owed", app.base, plan.id);
    let link = format!("/plans/{}/progress/{}/{year}", plan.id, kpi.id);
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let html = editor
        .get(&owed_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&link),
        "the first year of a KPI with a target is owed"
    );
    assert!(html.contains("ยังไม่ได้บันทึก"));
    let csrf = csrf_of(&editor, &owed_url).await;
    let r = editor
        .post(format!("{}{link}", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", ""),
            ("value", "1"),
            ("action", "save"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = editor
        .get(&owed_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(&link), "a draft is still owed");
    let e = app
        .store
        .kpi_entries(&plan.id, None)
        .await
        .unwrap()
        .remove(0);
    let r = editor
        .post(format!("{}{link}/move", app.base))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", e.version.to_string().as_str()),
            ("to", "submitted"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let html = editor
        .get(&owed_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains(&link), "sent data is no longer owed");
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    assert_eq!(member.get(&owed_url).send().await.unwrap().status(), 403);
}

#[tokio::test]
async fn a_missed_kpi_gets_a_corrective_action_with_an_owner_and_a_due_date() {
    let app = spawn_app(&users()).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let year = plan.period.from;
    let (_, kpi) = plan
        .all_kpis()
        .into_iter()
        .find(|(_, k)| {
            matches!(
                k.target_for(year),
                Some(phaen_domain::Target::Numeric {
                    comparator: phaen_domain::Comparator::AtLeast,
                    value,
                    ..
                }) if *value > rust_decimal::Decimal::ONE
            )
        })
        .expect("a KPI with an at-least target above 1");
    // Far below the target, approved.
    approved_value(&app, &plan.id, &kpi.id, year, "0", "").await;
    let page_url = format!("{}/plans/{}/progress?year={year}", app.base, plan.id);
    let action_url = format!("/plans/{}/actions/{}/{year}", plan.id, kpi.id);
    let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
    let html = editor
        .get(&page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&action_url),
        "a missed KPI offers a corrective action"
    );
    let csrf = csrf_of(&editor, &page_url).await;
    let post = |due: &'static str| {
        let (c, url, csrf) = (
            editor.clone(),
            format!("{}{action_url}", app.base),
            csrf.clone(),
        );
        async move {
            c.post(url)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("action", "จัดอบรมการออมให้สมาชิกใหม่ทุกไตรมาส"),
                    ("owner", "ฝ่ายส่งเสริมสมาชิก"),
                    ("due", due),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let bad = post("สิ้นปี").await;
    assert_eq!(bad.status(), 400);
    let text = bad.text().await.unwrap();
    assert!(
        text.contains("อ่านไม่ได้") && text.contains("จัดอบรมการออม"),
        "said, words kept"
    );
    assert_eq!(post("31 มีนาคม 2569").await.status(), 303);
    let html = editor
        .get(&page_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("จัดอบรมการออมให้สมาชิกใหม่ทุกไตรมาส"));
    assert!(html.contains("31 มีนาคม 2569"), "the due date in Thai");
    let (member, _) = sign_in(&app, "member", PASSWORD).await;
    assert_eq!(
        member
            .get(format!("{}{action_url}", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}
