//! Changing a plan through the forms, over HTTP on a real port: a new revision opens a
//! published plan for editing; elements are edited, added, moved and removed; KPI targets are
//! set per year; bad input comes back with the user's words and a Thai message naming the line;
//! a stale form overwrites nothing; every change is in the audit log with before and after.

mod common;

use common::*;
use phaen_domain::access::Role;
use phaen_domain::{ElementKind, PlanStatus, Target};
use phaen_store::PlanStore;

/// The savings plan opened as a new draft revision by its editor, and the editor's client.
async fn draft(app: &App) -> (reqwest::Client, String) {
    let listing = savings_plan(app).await;
    let url = format!("{}/plans/{}", app.base, listing.id);
    let (editor, _) = sign_in(app, "editor", PASSWORD).await;
    let csrf = csrf_of(&editor, &url).await;
    let v = version_of(&editor, &url).await;
    let r = editor
        .post(format!("{url}/revisions/new"))
        .form(&[("csrf", csrf.as_str()), ("version", v.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "the editor opens a new revision");
    (editor, url)
}

fn editors() -> Vec<(&'static str, &'static str, Role)> {
    vec![
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("member", phaen_synth::SAVINGS, Role::Member),
        ("auditor", phaen_synth::SAVINGS, Role::Auditor),
        ("other", phaen_synth::AGRI, Role::Editor),
    ]
}

#[tokio::test]
async fn a_published_plan_changes_only_through_a_new_revision() {
    let app = spawn_app(&editors()).await;
    let listing = savings_plan(&app).await;
    let before = app.store.load_plan(&listing.id).await.unwrap();
    assert_eq!(before.status, PlanStatus::Published);
    let (editor, url) = {
        let url = format!("{}/plans/{}", app.base, listing.id);
        let (editor, _) = sign_in(&app, "editor", PASSWORD).await;
        let first = &before.elements[0];
        let r = editor
            .get(format!("{url}/elements/{}/edit", first.id))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400, "a published plan takes no edits in place");
        assert!(r.text().await.unwrap().contains("ฉบับปรับปรุงใหม่"));
        (editor, url)
    };
    drop(editor);
    let (_, _) = draft(&app).await;
    let after = app.store.load_plan(&listing.id).await.unwrap();
    assert_eq!(after.status, PlanStatus::Draft);
    assert_eq!(
        after.revision.as_ref().unwrap().number,
        before.revision.as_ref().map_or(1, |r| r.number) + 1
    );
    assert!(
        after.approval.is_none(),
        "the new revision needs its own approval"
    );
    let kept = app.store.list_revisions(&listing.id).await.unwrap();
    assert_eq!(kept.len(), 1, "the published revision is kept whole");
    let old = app
        .store
        .load_revision(&listing.id, kept[0].number)
        .await
        .unwrap();
    assert_eq!(old.status, PlanStatus::Published);
    assert!(url.contains(listing.id.as_str()));
}

#[tokio::test]
async fn an_element_is_edited_and_bad_input_keeps_what_was_typed() {
    let app = spawn_app(&editors()).await;
    let (editor, url) = draft(&app).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let project = plan
        .walk()
        .into_iter()
        .find(|w| w.element.kind == ElementKind::Project)
        .unwrap()
        .element
        .clone();
    let form_url = format!("{url}/elements/{}/edit", project.id);
    let csrf = csrf_of(&editor, &form_url).await;
    let v = version_of(&editor, &form_url).await;
    let year = plan.period.from.get();
    let bad = editor
        .post(&form_url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", v.as_str()),
            ("title", "โครงการพัฒนาระบบออมทรัพย์ดิจิทัล"),
            ("label", "9.9"),
            ("budget", &format!("{year}: 150,000\n{}: 20,000", year + 40)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let html = bad.text().await.unwrap();
    assert!(html.contains("บรรทัดที่ 2"), "the message names the line");
    assert!(html.contains("นอกระยะเวลาของแผน"), "and says why, in Thai");
    assert!(
        html.contains("โครงการพัฒนาระบบออมทรัพย์ดิจิทัล"),
        "what the user typed is still there"
    );
    let unchanged = app.store.load_plan(&listing.id).await.unwrap();
    assert_eq!(unchanged, plan, "nothing was written");

    let ok = editor
        .post(&form_url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", v.as_str()),
            ("title", "โครงการพัฒนาระบบออมทรัพย์ดิจิทัล"),
            ("label", "9.9"),
            ("objectives", "1. ให้สมาชิกออมผ่านโทรศัพท์\n2. ลดงานเอกสาร"),
            ("main_units", "ฝ่ายจัดการ"),
            (
                "budget",
                &format!("{year}: ๑๕๐,๐๐๐\n{}: 20,000.50", year + 1),
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let saved = app.store.load_plan(&listing.id).await.unwrap();
    let e = phaen_domain::edit::element(&saved, &project.id).unwrap();
    assert_eq!(e.title, "โครงการพัฒนาระบบออมทรัพย์ดิจิทัล");
    assert_eq!(e.label.as_deref(), Some("9.9"));
    assert_eq!(e.objectives.len(), 2);
    assert_eq!(e.objectives[1].label.as_deref(), Some("2."));
    assert_eq!(e.budget.len(), 2);
    assert_eq!(e.budget[0].amount_baht.to_string(), "150000");
    assert_eq!(e.budget[1].amount_baht.to_string(), "20000.5");
    assert_eq!(e.children, project.children, "what is below stays");
    let page = editor.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("โครงการพัฒนาระบบออมทรัพย์ดิจิทัล"));

    // The same form again, read before that save: a conflict that overwrites nothing.
    let stale = editor
        .post(&form_url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", v.as_str()),
            ("title", "ชื่อจากแบบฟอร์มเก่า"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 409);
    let html = stale.text().await.unwrap();
    assert!(
        html.contains("มีผู้อื่นแก้ไขแผนนี้"),
        "the conflict is said plainly"
    );
    assert!(
        html.contains("ชื่อจากแบบฟอร์มเก่า"),
        "and the typed words are kept"
    );
    assert_eq!(app.store.load_plan(&listing.id).await.unwrap(), saved);

    let log = app
        .store
        .audit_entries(Some(listing.id.as_str()))
        .await
        .unwrap();
    let entry = log.iter().find(|e| e.action == "element.edit").unwrap();
    assert_eq!(entry.actor_name, "ผู้ใช้ editor");
    assert!(entry.before.as_deref().unwrap().contains(&project.title));
    assert!(
        entry
            .after
            .as_deref()
            .unwrap()
            .contains("โครงการพัฒนาระบบออมทรัพย์ดิจิทัล")
    );
}

#[tokio::test]
async fn elements_are_added_moved_and_removed() {
    let app = spawn_app(&editors()).await;
    let (editor, url) = draft(&app).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let parent = plan.elements[0].clone();

    // An activity cannot stand under a mission: the form says so and keeps the words.
    let form_url = format!("{url}/elements/new?parent={}", parent.id);
    let csrf = csrf_of(&editor, &form_url).await;
    let v = version_of(&editor, &form_url).await;
    let add = |kind: &'static str, title: &'static str, v: String| {
        let (c, csrf, url, parent) = (
            editor.clone(),
            csrf.clone(),
            format!("{url}/elements/new"),
            parent.id.to_string(),
        );
        async move {
            c.post(url)
                .form(&[
                    ("csrf", csrf.as_str()),
                    ("version", v.as_str()),
                    ("parent", parent.as_str()),
                    ("kind", kind),
                    ("title", title),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    if parent.kind == ElementKind::Mission {
        let r = add("activity", "กิจกรรมที่วางผิดที่", v.clone()).await;
        assert_eq!(r.status(), 400);
        assert!(r.text().await.unwrap().contains("กิจกรรมที่วางผิดที่"));
    }
    let kind = ElementKind::ALL
        .into_iter()
        .find(|k| k.may_sit_under(Some(parent.kind)))
        .unwrap();
    let r = add(kind.as_str(), "รายการใหม่จากแบบฟอร์ม", v).await;
    assert_eq!(r.status(), 303);
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let children = &plan.elements[0].children;
    let new = children.last().unwrap();
    assert_eq!(new.title, "รายการใหม่จากแบบฟอร์ม");
    assert_eq!(children.len(), parent.children.len() + 1);

    // Move it up one place.
    let v = version_of(&editor, &url).await;
    let r = editor
        .post(format!("{url}/elements/{}/move", new.id))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", v.as_str()),
            ("way", "up"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let children = &plan.elements[0].children;
    if children.len() > 1 {
        assert_eq!(children[children.len() - 2].id, new.id);
    }

    // Remove the first top element: the confirmation says how much goes with it.
    let first = plan.elements[0].clone();
    let (elements, kpis) = phaen_domain::edit::weight(&first);
    let confirm = editor
        .get(format!("{url}/elements/{}/remove", first.id))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(confirm.contains(&format!("{elements} / {kpis}")));
    let v = version_of(&editor, &format!("{url}/elements/{}/remove", first.id)).await;
    let r = editor
        .post(format!("{url}/elements/{}/remove", first.id))
        .form(&[("csrf", csrf.as_str()), ("version", v.as_str())])
        .send()
        .await
        .unwrap();
    let status = r.status();
    assert_eq!(status, 303, "{}", r.text().await.unwrap());
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    assert!(phaen_domain::edit::element(&plan, &first.id).is_none());
    let actions: Vec<String> = app
        .store
        .audit_entries(Some(listing.id.as_str()))
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in ["element.add", "element.move", "element.remove"] {
        assert!(actions.iter().any(|x| x == a), "{a} is in the log");
    }
}

#[tokio::test]
async fn kpi_targets_are_typed_the_way_plans_write_them() {
    let app = spawn_app(&editors()).await;
    let (editor, url) = draft(&app).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let (_, kpi) = plan.all_kpis().into_iter().next().unwrap();
    let kpi = kpi.clone();
    let years: Vec<u16> = plan.period.years().map(|y| y.get()).collect();
    let form_url = format!("{url}/kpis/{}/edit", kpi.id);
    let csrf = csrf_of(&editor, &form_url).await;
    let v = version_of(&editor, &form_url).await;
    let mut fields = vec![
        ("csrf".to_string(), csrf.clone()),
        ("version".to_string(), v.clone()),
        ("name".to_string(), kpi.name.clone()),
        ("unit".to_string(), "ร้อยละ".to_string()),
    ];
    fields.push((format!("t-{}", years[0]), "ไม่น้อยกว่า ๘๕".into()));
    fields.push((format!("t-{}", years[1]), "-".into()));
    fields.push((format!("t-{}", years[2]), "ดีเยี่ยม".into()));
    // This is a revision of an approved plan: moving a target set before needs a reason.
    let r = editor.post(&form_url).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), 400);
    let html = r.text().await.unwrap();
    assert!(html.contains("ต้องระบุเหตุผล"), "the reason is asked for");
    assert!(html.contains("ไม่น้อยกว่า ๘๕"), "what was typed is kept");
    fields.push(("reason".into(), "ปรับตามผลการดำเนินงานปีก่อน".into()));
    let r = editor.post(&form_url).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let kept = app
        .store
        .target_revisions(&listing.id, &kpi.id)
        .await
        .unwrap();
    assert!(!kept.is_empty(), "the change is in the target history");
    assert!(
        kept.iter()
            .all(|t| t.change.reason == "ปรับตามผลการดำเนินงานปีก่อน")
    );
    assert_eq!(kept[0].by, "ผู้ใช้ editor");
    let form_page = editor
        .get(&form_url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form_page.contains("ประวัติการปรับค่าเป้าหมาย"));
    let saved = app.store.load_plan(&listing.id).await.unwrap();
    let k = phaen_domain::edit::kpi(&saved, &kpi.id).unwrap();
    assert_eq!(k.unit.as_deref(), Some("ร้อยละ"));
    assert_eq!(k.targets.len(), 3, "empty years have no target");
    assert_eq!(k.targets[0].target.to_string(), "≥ 85");
    assert_eq!(k.targets[0].written.as_deref(), Some("ไม่น้อยกว่า ๘๕"));
    assert_eq!(
        k.targets[1].target,
        Target::None,
        "'-' is no target, not zero"
    );
    assert!(matches!(k.targets[2].target, Target::Level { .. }));
    let page = editor.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("≥ 85"));

    // A KPI with no name is refused with the words kept.
    fields.retain(|(k, _)| k != "reason");
    fields[2].1 = "  ".into();
    fields[1].1 = version_of(&editor, &form_url).await;
    let r = editor.post(&form_url).form(&fields).send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("ต้องมีชื่อตัวชี้วัด"));

    // Add a KPI under the first element, then remove it.
    let owner = &saved.elements[0];
    let v = version_of(&editor, &url).await;
    let r = editor
        .post(format!("{url}/kpis/new"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", v.as_str()),
            ("element", owner.id.as_str()),
            ("name", "จำนวนสมาชิกที่ใช้แอปพลิเคชัน"),
            ("unit", "คน"),
            (&format!("t-{}", years[0]), "500"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let added = plan.elements[0].kpis.last().unwrap().clone();
    assert_eq!(added.name, "จำนวนสมาชิกที่ใช้แอปพลิเคชัน");
    let v = version_of(&editor, &url).await;
    let r = editor
        .post(format!("{url}/kpis/{}/remove", added.id))
        .form(&[("csrf", csrf.as_str()), ("version", v.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    assert!(phaen_domain::edit::kpi(&plan, &added.id).is_none());
}

#[tokio::test]
async fn only_the_plans_writers_reach_the_forms() {
    let app = spawn_app(&editors()).await;
    let (editor, url) = draft(&app).await;
    let listing = savings_plan(&app).await;
    let plan = app.store.load_plan(&listing.id).await.unwrap();
    let e = &plan.elements[0];
    let (_, k) = plan.all_kpis().into_iter().next().unwrap();
    let forms = [
        format!("{url}/elements/{}/edit", e.id),
        format!("{url}/elements/new?parent={}", e.id),
        format!("{url}/elements/{}/remove", e.id),
        format!("{url}/kpis/{}/edit", k.id),
        format!("{url}/kpis/new"),
    ];
    for f in &forms {
        assert_eq!(editor.get(f).send().await.unwrap().status(), 200, "{f}");
    }
    let (auditor, _) = sign_in(&app, "auditor", PASSWORD).await;
    let (other, _) = sign_in(&app, "other", PASSWORD).await;
    for f in &forms {
        assert_eq!(
            auditor.get(f).send().await.unwrap().status(),
            403,
            "an auditor reads but does not write: {f}"
        );
        assert_eq!(
            other.get(f).send().await.unwrap().status(),
            404,
            "another cooperative's editor does not learn the plan exists: {f}"
        );
    }
    // Posting with another cooperative's session changes nothing either.
    let csrf = csrf_of(&other, &format!("{}/plans", app.base)).await;
    let r = other
        .post(format!("{url}/elements/{}/edit", e.id))
        .form(&[("csrf", csrf.as_str()), ("version", "1"), ("title", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(app.store.load_plan(&listing.id).await.unwrap(), plan);
}
