//! The plan's read-only pages through HTTP on a real port: strategy map, mission–goal–strategy
//! table, element pages, budgets by year, revisions and their comparison; each answers the
//! plan's readers and gives everyone else the overview's 404. On SQLite and PostgreSQL.

mod common;

use common::{App, PASSWORD, client, spawn_app};
use phaen_domain::access::Role;
use phaen_domain::{Baht, BeYear, ElementKind, Plan, Revision, Target};
use phaen_store::PlanStore;

/// Signs `username` in with the shared password.
async fn signed_in(app: &App, username: &str) -> reqwest::Client {
    let (c, status) = common::sign_in(app, username, PASSWORD).await;
    assert_eq!(status, 303, "{username} signs in");
    c
}

/// The stored plan of the demo organization `org`.
async fn plan_of(app: &App, org: &str) -> Plan {
    let listing = app
        .store
        .list_plans()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.org.as_str() == org)
        .unwrap();
    app.store.load_plan(&listing.id).await.unwrap()
}

/// The page at `path`, which must answer 200.
async fn page(app: &App, c: &reqwest::Client, path: &str) -> String {
    let r = c.get(format!("{}{path}", app.base)).send().await.unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

/// What the page shows for `text` once HTML-escaped.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// '1,234,500' for an amount of baht, as the pages write it.
fn separated(b: Baht) -> String {
    let text = b.to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(format!("{f:0<2}"))),
        None => (text.clone(), None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{out}.{f}"),
        None => out,
    }
}

/// The texts inside every element with `class="{class}"`, in order.
fn cells_of(page: &str, class: &str) -> Vec<String> {
    let needle = format!("class=\"{class}\"");
    page.match_indices(&needle)
        .map(|(at, _)| {
            let start = at + page[at..].find('>').unwrap() + 1;
            let end = start + page[start..].find('<').unwrap();
            page[start..end].to_string()
        })
        .collect()
}

/// The first project of the plan that has activities on a timeline and budget lines.
fn a_project(plan: &Plan) -> &phaen_domain::Element {
    plan.walk()
        .into_iter()
        .map(|w| w.element)
        .find(|e| {
            e.kind == ElementKind::Project
                && !e.budget.is_empty()
                && e.children.iter().any(|c| !c.timeline.is_empty())
        })
        .expect("the demo has a project with activities and budgets")
}

#[tokio::test]
async fn every_plan_page_answers_its_readers_and_404s_for_another_organization() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("stranger", phaen_synth::AGRI, Role::Editor),
    ])
    .await;
    let plan = plan_of(&app, phaen_synth::SAVINGS).await;
    let id = plan.id.to_string();
    let project = a_project(&plan).id.to_string();
    let paths = [
        format!("/plans/{id}/map"),
        format!("/plans/{id}/table"),
        format!("/plans/{id}/elements/{project}"),
        format!("/plans/{id}/budgets"),
        format!("/plans/{id}/revisions"),
        format!("/plans/{id}/compare?a=current&b=current"),
    ];
    let editor = signed_in(&app, "editor").await;
    let stranger = signed_in(&app, "stranger").await;
    let anonymous = client();
    let missing = stranger
        .get(format!("{}/plans/no-such-plan/map", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let missing_body = missing.text().await.unwrap();
    for path in &paths {
        let body = page(&app, &editor, path).await;
        assert!(
            body.contains("class=\"plan-nav\""),
            "{path} has the sub-navigation"
        );
        assert!(
            !body.contains("style="),
            "{path}: no inline styles under the CSP"
        );
        let r = stranger
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path} for another organization");
        assert_eq!(
            r.text().await.unwrap(),
            missing_body,
            "{path}: the same 404 as a missing plan"
        );
        let r = anonymous
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path} for a visitor not signed in");
    }
    let r = editor
        .get(format!("{}/plans/{id}/elements/no-such-element", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "an element the plan does not have");

    let overview = page(&app, &editor, &format!("/plans/{id}")).await;
    for sub in ["map", "table", "budgets", "revisions"] {
        assert!(
            overview.contains(&format!("href=\"/plans/{id}/{sub}\"")),
            "{sub}"
        );
    }
    for w in plan.walk() {
        assert!(
            overview.contains(&format!("/plans/{id}/elements/{}", w.element.id)),
            "the tree links {}",
            w.element.title
        );
    }
}

#[tokio::test]
async fn the_map_draws_an_svg_of_missions_goals_and_strategies() {
    let app = spawn_app(&[
        ("editor", phaen_synth::SAVINGS, Role::Editor),
        ("fed", phaen_synth::FED, Role::Editor),
    ])
    .await;
    let plan = plan_of(&app, phaen_synth::SAVINGS).await;
    assert!(plan.perspectives.is_empty(), "bands by mission");
    let c = signed_in(&app, "editor").await;
    let body = page(&app, &c, &format!("/plans/{}/map", plan.id)).await;
    let svg = &body[body.find("<svg").expect("an inline SVG")..body.find("</svg>").unwrap()];
    assert!(svg.contains("<title id=\"map-title\">"));
    for w in plan.walk() {
        let e = w.element;
        let drawn = svg.contains(&format!("/plans/{}/elements/{}", plan.id, e.id));
        match e.kind {
            ElementKind::Goal | ElementKind::Strategy => {
                assert!(drawn, "a box for {}", e.title);
            }
            ElementKind::Mission => {
                assert!(!drawn, "a mission is its band");
                let start: String = e.title.chars().take(8).collect();
                assert!(svg.contains(&start), "a band for {}", e.title);
            }
            _ => assert!(!drawn, "no box for {}", e.title),
        }
    }
    assert!(svg.matches("<title>").count() >= 2, "every box has a title");
    assert!(
        svg.contains("<path d=\"M"),
        "lines join strategies to their goals"
    );

    let fed = plan_of(&app, phaen_synth::FED).await;
    assert!(!fed.perspectives.is_empty());
    let c = signed_in(&app, "fed").await;
    let body = page(&app, &c, &format!("/plans/{}/map", fed.id)).await;
    for p in &fed.perspectives {
        let first_word = p.name_th.split_whitespace().next().unwrap();
        assert!(body.contains(first_word), "a band for {}", p.name_th);
    }
    c.get(format!("{}/lang/en", app.base)).send().await.unwrap();
    let body = page(&app, &c, &format!("/plans/{}/map", fed.id)).await;
    assert!(body.contains("Strategy map") && body.contains("balanced-scorecard"));
}

#[tokio::test]
async fn the_table_lists_missions_goals_strategies_and_their_kpis() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let plan = plan_of(&app, phaen_synth::SAVINGS).await;
    let c = signed_in(&app, "editor").await;
    let body = page(&app, &c, &format!("/plans/{}/table", plan.id)).await;
    for heading in ["พันธกิจ", "เป้าประสงค์", "กลยุทธ์"]
    {
        assert!(
            body.contains(&format!("<th scope=\"col\">{heading}</th>")),
            "{heading}"
        );
    }
    assert!(
        body.contains("<div class=\"scroll\""),
        "the table scrolls on phones"
    );
    assert!(
        body.contains("rowspan=\""),
        "a mission spans its goals' rows"
    );
    for w in plan.walk() {
        let e = w.element;
        if matches!(
            e.kind,
            ElementKind::Mission | ElementKind::Goal | ElementKind::Strategy
        ) {
            assert!(body.contains(&html(&e.title)), "{}", e.title);
            for k in &e.kpis {
                assert!(body.contains(&html(&k.name)), "KPI {}", k.name);
            }
        }
    }
}

#[tokio::test]
async fn a_project_page_shows_its_activities_budget_and_people() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let plan = plan_of(&app, phaen_synth::SAVINGS).await;
    let project = a_project(&plan);
    let c = signed_in(&app, "editor").await;
    let body = page(
        &app,
        &c,
        &format!("/plans/{}/elements/{}", plan.id, project.id),
    )
    .await;
    assert!(body.contains(&html(&project.title)));
    for o in project.objectives.iter().chain(&project.target_groups) {
        assert!(body.contains(&html(&o.text)), "{}", o.text);
    }
    for r in &project.responsible {
        assert!(body.contains(&html(&r.text)), "{}", r.text);
    }
    for k in &project.kpis {
        assert!(body.contains(&html(&k.name)));
    }
    for b in &project.budget {
        assert!(
            body.contains(&separated(b.amount_baht)),
            "{}",
            b.amount_baht
        );
    }
    let total: Baht = project.budget.iter().map(|b| b.amount_baht).sum();
    assert!(body.contains(&format!("class=\"num total\">{}<", separated(total))));
    assert!(body.contains("<table class=\"timeline\">"));
    assert!(
        body.contains("<abbr title=\"ไตรมาส 1"),
        "quarters are labelled"
    );
    for a in &project.children {
        assert!(
            body.contains(&format!("/plans/{}/elements/{}", plan.id, a.id)),
            "a link to activity {}",
            a.title
        );
    }
    // An activity's own page leads back up to its project.
    let activity = &project.children[0];
    let body = page(
        &app,
        &c,
        &format!("/plans/{}/elements/{}", plan.id, activity.id),
    )
    .await;
    assert!(body.contains(&format!("/plans/{}/elements/{}", plan.id, project.id)));
}

#[tokio::test]
async fn budget_totals_are_the_sums_of_the_budget_lines() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let mut plan = plan_of(&app, phaen_synth::SAVINGS).await;
    // One stated total the plan gets wrong, to be marked.
    let wrong = {
        let walked = plan.walk();
        let e = walked
            .iter()
            .find(|w| !w.element.budget.is_empty())
            .unwrap()
            .element;
        e.id.clone()
    };
    fn set_stated(es: &mut [phaen_domain::Element], id: &phaen_domain::ElementId) {
        for e in es {
            if &e.id == id {
                e.budget_total_stated = Some("1".parse().unwrap());
            }
            set_stated(&mut e.children, id);
        }
    }
    set_stated(&mut plan.elements, &wrong);
    plan.revision = Some(Revision {
        number: 2,
        written: None,
    });
    app.store.revise_plan(&plan).await.unwrap();

    let c = signed_in(&app, "editor").await;
    let body = page(&app, &c, &format!("/plans/{}/budgets", plan.id)).await;
    let lines: Vec<_> = plan
        .walk()
        .into_iter()
        .flat_map(|w| w.element.budget.iter())
        .collect();
    assert!(!lines.is_empty());
    let grand: Baht = lines.iter().map(|b| b.amount_baht).sum();
    assert_eq!(
        cells_of(&body, "num grand-total"),
        [separated(grand)],
        "the grand total"
    );
    let mut years: Vec<Option<BeYear>> = plan.period.years().map(Some).collect();
    years.extend(lines.iter().map(|b| b.year));
    years.sort_by_key(|y| (y.is_none(), *y));
    years.dedup();
    let by_year: Vec<String> = years
        .iter()
        .map(|y| {
            separated(
                lines
                    .iter()
                    .filter(|b| b.year == *y)
                    .map(|b| b.amount_baht)
                    .sum(),
            )
        })
        .collect();
    assert_eq!(
        cells_of(&body, "num column-total"),
        by_year,
        "each year's total"
    );
    let rows = cells_of(&body, "num row-total");
    assert_eq!(
        rows.len(),
        plan.walk()
            .iter()
            .filter(|w| !w.element.budget.is_empty() || w.element.budget_total_stated.is_some())
            .count()
    );
    assert_eq!(
        body.matches("class=\"stated-bad\"").count(),
        1,
        "the one wrong stated total is marked"
    );
    assert!(body.contains("ไม่ตรงกับผลรวม"), "in words, not only colour");
}

#[tokio::test]
async fn the_comparison_marks_a_revised_title_and_kpi_target() {
    let app = spawn_app(&[("editor", phaen_synth::SAVINGS, Role::Editor)]).await;
    let old = plan_of(&app, phaen_synth::SAVINGS).await;
    let id = old.id.to_string();
    let c = signed_in(&app, "editor").await;
    let body = page(&app, &c, &format!("/plans/{id}/revisions")).await;
    assert!(body.contains("ยังไม่มีฉบับก่อนหน้า"), "nothing kept yet");

    let mut new = old.clone();
    new.revision = Some(Revision {
        number: 2,
        written: Some("ครั้งที่ 2".into()),
    });
    let goal = &mut new.elements[0].children[0];
    let old_title = goal.title.clone();
    goal.title = format!("{old_title} (ปรับปรุง)");
    let new_title = goal.title.clone();
    let (kpi_name, year, was, now) = {
        let kpi = goal
            .kpis
            .iter_mut()
            .find(|k| {
                k.targets
                    .iter()
                    .any(|t| matches!(t.target, Target::Numeric { .. }))
            })
            .expect("a goal KPI with a numeric target");
        let t = kpi
            .targets
            .iter_mut()
            .find(|t| matches!(t.target, Target::Numeric { .. }))
            .unwrap();
        let was = t.target.to_string();
        if let Target::Numeric { value, .. } = &mut t.target {
            *value += rust_decimal::Decimal::ONE;
        }
        (kpi.name.clone(), t.year, was, t.target.to_string())
    };
    app.store.revise_plan(&new).await.unwrap();

    let body = page(&app, &c, &format!("/plans/{id}/revisions")).await;
    assert!(body.contains("ครั้งที่ 1") && body.contains("ฉบับปัจจุบัน"));
    assert!(body.contains(&format!("/plans/{id}/compare?a=1&amp;b=current")));

    let body = page(&app, &c, &format!("/plans/{id}/compare?a=1&b=current")).await;
    assert!(body.contains(&format!(
        "<del><span class=\"vh\">เดิม: </span>{}</del>",
        html(&old_title)
    )));
    assert!(body.contains(&format!(
        "<ins><span class=\"vh\">ใหม่: </span>{}</ins>",
        html(&new_title)
    )));
    assert!(body.contains("<tr class=\"row-changed\">"));
    assert!(
        body.contains("เปลี่ยน"),
        "a word marks the change, not only colour"
    );
    assert!(body.contains(&format!("{} · ค่าเป้าหมาย {year}", html(&kpi_name))));
    assert!(body.contains(&format!(
        "<del><span class=\"vh\">เดิม: </span>{}</del>",
        html(&was)
    )));
    assert!(body.contains(&format!(
        "<ins><span class=\"vh\">ใหม่: </span>{}</ins>",
        html(&now)
    )));
    assert!(body.contains("<tr class=\"row-same\">"));
    assert_eq!(
        body.matches("<tr class=\"row-changed\">").count(),
        1,
        "only the edited goal changed"
    );

    let only = page(
        &app,
        &c,
        &format!("/plans/{id}/compare?a=1&b=current&only=changes"),
    )
    .await;
    assert!(!only.contains("<tr class=\"row-same\">"));
    assert!(only.contains("<tr class=\"row-changed\">"));
    // With no choice made, the latest kept revision is compared with the current one.
    let default = page(&app, &c, &format!("/plans/{id}/compare")).await;
    assert!(default.contains("<tr class=\"row-changed\">"));

    let r = c
        .get(format!("{}/plans/{id}/compare?a=7&b=current", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "a revision that was never kept");
    let r = c
        .get(format!("{}/plans/{id}/compare?a=first", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}

#[tokio::test]
async fn an_element_lists_the_projects_of_other_plans_that_serve_it() {
    let app = spawn_app(&[("dept", phaen_synth::DEPT, Role::Department)]).await;
    let dept = plan_of(&app, phaen_synth::DEPT).await;
    let target = &dept.elements[0];
    // The provincial roadmap's first project says it serves the department's first element.
    let mut roadmap = plan_of(&app, phaen_synth::PCO).await;
    let project_title = {
        let project = roadmap
            .elements
            .iter_mut()
            .flat_map(|e| e.children.iter_mut())
            .flat_map(|g| g.children.iter_mut())
            .find(|p| p.kind == ElementKind::Project)
            .expect("the roadmap has projects");
        project.aligned_to[0].target_id = Some(target.id.to_string());
        project.aligned_to[0].plan = Some(dept.id.to_string());
        project.title.clone()
    };
    app.store.delete_plan(&roadmap.id).await.unwrap();
    app.store.insert_plan(&roadmap).await.unwrap();

    let dept_user = signed_in(&app, "dept").await;
    let html = page(
        &app,
        &dept_user,
        &format!("/plans/{}/elements/{}", dept.id, target.id),
    )
    .await;
    assert!(html.contains("แผนที่ดำเนินการตอบสนององค์ประกอบนี้"), "{html}");
    assert!(html.contains(&project_title) && html.contains(&roadmap.title));
    // And it leads to the serving project's page.
    assert!(html.contains(&format!("/plans/{}/elements/", roadmap.id)));
}
