//! Plans tied to the plans above them, through the pages: an editor links a project to a
//! national guideline from the suggestions (and unlinks it), both plans show the link, and the
//! national plan's coverage lists what serves each KPI and guideline with budgets summed as a
//! direct computation over the demo data does, flagging what nobody serves.

mod common;

use std::collections::HashMap;

use common::*;
use phaen_domain::access::Role;
use phaen_domain::{ElementKind, Plan};
use phaen_store::PlanStore;
use rust_decimal::Decimal;

async fn national(app: &App) -> Plan {
    let listing = app
        .store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.title == phaen_synth::NATIONAL_PLAN)
        .expect("the demo stores the national plan");
    app.store.load_plan(&listing.id).await.unwrap()
}

async fn get(app: &App, c: &reqwest::Client, path: &str) -> (u16, String) {
    let r = c.get(format!("{}{path}", app.base)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The value of `attr` on the coverage row of target `id`.
fn row_attr(html: &str, id: &str, attr: &str) -> String {
    let at = html
        .find(&format!("id=\"t-{id}\""))
        .expect("a row per target");
    let rest = &html[at..];
    let from = rest.find(&format!("{attr}=\"")).unwrap() + attr.len() + 2;
    rest[from..from + rest[from..].find('"').unwrap()].to_string()
}

#[tokio::test]
async fn coverage_counts_and_sums_what_serves_each_element_and_flags_the_gaps() {
    let app = spawn_app(&[("dept", phaen_synth::DEPT, Role::Department)]).await;
    let nat = national(&app).await;
    // The direct computation: every element of every demo plan linked to a target.
    let demo = phaen_synth::demo(3);
    let mut serving: HashMap<String, (usize, Decimal)> = HashMap::new();
    for p in demo.plans.iter().filter(|p| p.id != nat.id) {
        for w in p.walk() {
            for l in &w.element.aligned_to {
                if let Some(t) = &l.target_id {
                    let e = serving.entry(t.clone()).or_default();
                    e.0 += 1;
                    e.1 += w
                        .element
                        .budget
                        .iter()
                        .map(|b| b.amount_baht.amount())
                        .sum::<Decimal>();
                }
            }
        }
    }
    let (c, _) = sign_in(&app, "dept", PASSWORD).await;
    let (status, html) = get(&app, &c, &format!("/plans/{}/coverage", nat.id)).await;
    assert_eq!(status, 200);
    let gaps_at = html.find("id=\"gaps\"").unwrap();
    let gaps = &html[gaps_at..html[gaps_at..].find("</section>").unwrap() + gaps_at];
    let mut targets: Vec<(String, String)> = Vec::new();
    for w in nat.walk() {
        targets.push((w.element.id.to_string(), w.element.title.clone()));
        targets.extend(
            w.element
                .kpis
                .iter()
                .map(|k| (k.id.to_string(), k.name.clone())),
        );
    }
    let mut gap_count = 0;
    for (id, text) in &targets {
        let (n, budget) = serving.get(id).cloned().unwrap_or_default();
        assert_eq!(row_attr(&html, id, "data-serving"), n.to_string(), "{text}");
        assert_eq!(
            row_attr(&html, id, "data-budget"),
            budget.normalize().to_string(),
            "{text}"
        );
        assert_eq!(
            gaps.contains(text.as_str()),
            n == 0,
            "{text} in the gaps: {}",
            n == 0
        );
        gap_count += usize::from(n == 0);
    }
    assert!(
        gap_count >= 2,
        "the demo leaves a KPI and a guideline unserved"
    );
    assert!(serving.len() >= 8, "the demo serves most of the plan");
}

#[tokio::test]
async fn an_editor_links_a_project_to_a_suggested_guideline_and_both_plans_show_it() {
    let app = spawn_app(&[
        ("sav", phaen_synth::SAVINGS, Role::Editor),
        ("dept", phaen_synth::DEPT, Role::Department),
    ])
    .await;
    let nat = national(&app).await;
    let last_guideline = nat
        .walk()
        .into_iter()
        .map(|w| w.element)
        .rfind(|e| e.kind == ElementKind::Guideline)
        .unwrap()
        .clone();
    // A new revision of the savings plan, whose first project takes the guideline's words.
    let listing = savings_plan(&app).await;
    let version = app.store.plan_version(&listing.id).await.unwrap();
    let version = app
        .store
        .begin_revision(&listing.id, version)
        .await
        .unwrap();
    let mut plan = app.store.load_plan(&listing.id).await.unwrap();
    let project_id = plan.projects()[0].id.clone();
    let project = phaen_domain::edit::element_mut(&mut plan, &project_id).unwrap();
    project.title = format!("โครงการ{}ในชุมชน", last_guideline.title);
    project.aligned_to.clear();
    let note = phaen_store::EditNote {
        action: "element.edit",
        target: "test".into(),
        before: None,
        after: None,
        targets: Vec::new(),
    };
    app.store.update_plan(&plan, version, note).await.unwrap();

    let (c, _) = sign_in(&app, "sav", PASSWORD).await;
    let form = format!(
        "/plans/{}/elements/{project_id}/align?parent={}",
        plan.id, nat.id
    );
    let (status, html) = get(&app, &c, &form).await;
    assert_eq!(status, 200, "{html}");
    let suggestions = &html[html.find("class=\"suggestions\"").expect("suggestions")..];
    let first = &suggestions[..suggestions.find("</li>").unwrap()];
    assert!(first.contains(&last_guideline.title), "{first}");

    let url = format!("{}/plans/{}/elements/{project_id}/align", app.base, plan.id);
    let csrf = csrf_of(&c, &format!("{}{form}", app.base)).await;
    let version = version_of(&c, &format!("{}{form}", app.base)).await;
    // Something not in the national plan is refused, with the reason, and nothing is saved.
    let r = c
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("parent", nat.id.as_str()),
            ("target", project_id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert!(r.text().await.unwrap().contains("ไม่อยู่ในแผนระดับบนนี้"));
    assert_eq!(
        app.store.plan_version(&plan.id).await.unwrap().to_string(),
        version
    );
    let r = c
        .post(&url)
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("parent", nat.id.as_str()),
            ("target", last_guideline.id.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let stored = app.store.load_plan(&plan.id).await.unwrap();
    let linked = &phaen_domain::edit::element(&stored, &project_id)
        .unwrap()
        .aligned_to;
    assert_eq!(linked.len(), 1);
    assert_eq!(
        linked[0].target_id.as_deref(),
        Some(last_guideline.id.as_str())
    );

    // The project's page leads to the guideline; the guideline's page lists the project.
    let (_, html) = get(
        &app,
        &c,
        &format!("/plans/{}/elements/{project_id}", plan.id),
    )
    .await;
    assert!(html.contains(&format!("/plans/{}/elements/{}", nat.id, last_guideline.id)));
    let (d, _) = sign_in(&app, "dept", PASSWORD).await;
    let (_, html) = get(
        &app,
        &d,
        &format!("/plans/{}/elements/{}", nat.id, last_guideline.id),
    )
    .await;
    assert!(html.contains(&format!("/plans/{}/elements/{project_id}", plan.id)));
    let (_, html) = get(&app, &d, &format!("/plans/{}/coverage", nat.id)).await;
    assert_eq!(
        row_attr(&html, last_guideline.id.as_str(), "data-serving"),
        "1"
    );

    // Unlinking takes it away again.
    let version = version_of(&c, &format!("{}{form}", app.base)).await;
    let r = c
        .post(format!("{url}/remove"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("version", version.as_str()),
            ("position", "0"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let stored = app.store.load_plan(&plan.id).await.unwrap();
    assert!(
        phaen_domain::edit::element(&stored, &project_id)
            .unwrap()
            .aligned_to
            .is_empty()
    );
}

#[tokio::test]
async fn a_member_reads_the_published_plans_above_but_not_another_cooperatives() {
    let app = spawn_app(&[("mem", phaen_synth::SAVINGS, Role::Member)]).await;
    let nat = national(&app).await;
    let (c, _) = sign_in(&app, "mem", PASSWORD).await;
    let (status, _) = get(&app, &c, &format!("/plans/{}", nat.id)).await;
    assert_eq!(status, 200);
    let other = app
        .store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.org.as_str() == phaen_synth::AGRI)
        .unwrap();
    let (status, _) = get(&app, &c, &format!("/plans/{}", other.id)).await;
    assert_eq!(status, 404);
}

/// The value of `attr` on the first element with `id="{id}"`.
fn attr_at(html: &str, id: &str, attr: &str) -> Option<String> {
    let at = html.find(&format!("id=\"{id}\""))?;
    let rest = &html[at..];
    let from = rest.find(&format!("{attr}=\""))? + attr.len() + 2;
    Some(rest[from..from + rest[from..].find('"')?].to_string())
}

#[tokio::test]
async fn a_target_lists_what_serves_it_and_drills_down_by_organization() {
    use phaen_store::OrgStore;
    let app = spawn_app(&[
        ("dept", phaen_synth::DEPT, Role::Department),
        ("mem", phaen_synth::SAVINGS, Role::Member),
    ])
    .await;
    let nat = national(&app).await;
    // The direct computation: per target, the serving elements' owners and budgets.
    let demo = phaen_synth::demo(3);
    let mut serving: HashMap<String, Vec<(String, Decimal)>> = HashMap::new();
    for p in demo.plans.iter().filter(|p| p.id != nat.id) {
        for w in p.walk() {
            for t in w
                .element
                .aligned_to
                .iter()
                .filter_map(|l| l.target_id.clone())
            {
                let budget = w
                    .element
                    .budget
                    .iter()
                    .map(|b| b.amount_baht.amount())
                    .sum();
                serving
                    .entry(t)
                    .or_default()
                    .push((p.owner.code.to_string(), budget));
            }
        }
    }
    let (tid, items) = serving
        .iter()
        .max_by_key(|(id, v)| (v.len(), id.as_str()))
        .map(|(id, v)| (id.clone(), v.clone()))
        .unwrap();
    let (d, _) = sign_in(&app, "dept", PASSWORD).await;
    let (status, html) = get(&app, &d, &format!("/plans/{}/coverage/{tid}", nat.id)).await;
    assert_eq!(status, 200, "{html}");
    let budget: Decimal = items.iter().map(|i| i.1).sum();
    assert_eq!(
        attr_at(&html, "target-facts", "data-serving").unwrap(),
        items.len().to_string()
    );
    assert_eq!(
        attr_at(&html, "target-facts", "data-unreadable").unwrap(),
        "0"
    );
    assert_eq!(
        attr_at(&html, "target-facts", "data-budget").unwrap(),
        budget.normalize().to_string()
    );
    let listed = html.matches("<tr><td>").count();
    assert_eq!(listed, items.len().min(100));
    // The projects with an approved report, as the store's own listing of the items has them.
    let reported = app
        .store
        .coverage(&nat.id)
        .await
        .unwrap()
        .iter()
        .filter(|s| s.target_id == tid && s.progress.is_some())
        .count();
    assert_eq!(
        attr_at(&html, "target-facts", "data-reported").unwrap(),
        reported.to_string()
    );
    // Each organization directly below the department counts its subtree's items.
    let mut below: HashMap<String, usize> = HashMap::new();
    for (org, _) in &items {
        let code = phaen_domain::OrgCode::parse(org).unwrap();
        let mut chain = app.store.ancestors(&code).await.unwrap();
        chain.insert(0, code);
        if let Some(at) = chain.iter().position(|o| o.as_str() == phaen_synth::DEPT)
            && at > 0
        {
            *below.entry(chain[at - 1].to_string()).or_default() += 1;
        }
    }
    assert!(!below.is_empty());
    for (child, n) in &below {
        assert_eq!(
            attr_at(&html, &format!("c-{child}"), "data-serving").as_deref(),
            Some(n.to_string().as_str()),
            "{child}"
        );
    }
    // Drilling down to the provincial office shows its subtree only; Thai digits read.
    let (status, html) = get(
        &app,
        &d,
        &format!(
            "/plans/{}/coverage/{tid}?org={}&page=๑",
            nat.id,
            phaen_synth::PCO
        ),
    )
    .await;
    assert_eq!(status, 200);
    let under_pco = below.get(phaen_synth::PCO).copied().unwrap_or_default();
    assert_eq!(
        attr_at(&html, "target-facts", "data-serving").unwrap(),
        under_pco.to_string()
    );
    let (status, html) = get(
        &app,
        &d,
        &format!("/plans/{}/coverage/{tid}?page=x", nat.id),
    )
    .await;
    assert_eq!(status, 400);
    assert!(html.contains("หน้า &#39;x&#39; อ่านไม่ได้"), "{html}");
    let (status, _) = get(&app, &d, &format!("/plans/{}/coverage/nothing", nat.id)).await;
    assert_eq!(status, 404);

    // A member sees their cooperative's share: counted whatever the plans' status, listed
    // only from the plans a member may read; never another organization's subtree.
    let (m, _) = sign_in(&app, "mem", PASSWORD).await;
    let (status, html) = get(&app, &m, &format!("/plans/{}/coverage", nat.id)).await;
    assert_eq!(status, 200);
    let mine = items.iter().filter(|i| i.0 == phaen_synth::SAVINGS).count();
    assert_eq!(row_attr(&html, &tid, "data-serving"), mine.to_string());
    let (_, html) = get(&app, &m, &format!("/plans/{}/coverage/{tid}", nat.id)).await;
    let shown: usize = attr_at(&html, "target-facts", "data-serving")
        .unwrap()
        .parse()
        .unwrap();
    let hidden: usize = attr_at(&html, "target-facts", "data-unreadable")
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(shown + hidden, mine);
    for org in [phaen_synth::DEPT, phaen_synth::PCO, phaen_synth::AGRI] {
        let (status, _) = get(
            &app,
            &m,
            &format!("/plans/{}/coverage/{tid}?org={org}", nat.id),
        )
        .await;
        assert_eq!(status, 404, "{org}");
    }
}
