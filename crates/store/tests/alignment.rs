//! Alignment kept resolved: links written by label ('แนวทางที่ 3 ยุทธศาสตร์ที่ 2') gain the id
//! of what they name once the parent plan is stored, whichever plan is saved first, and the
//! parent's elements list what serves them. SQLite and PostgreSQL (PHAEN_TEST_DB).

use phaen_domain::{ElementKind, Plan};
use phaen_store::PlanStore;
use phaen_testkit::TestDb;

/// The demo's national plan, its roadmap, one cooperative plan, and the targets the generator
/// resolved for them, with the targets then cleared as an import would leave them.
fn plans() -> (Plan, Plan, Plan, Vec<Option<String>>) {
    let demo = phaen_synth::demo(3);
    let national = demo.plans.last().unwrap().clone();
    let roadmap = demo
        .plans
        .iter()
        .find(|p| p.kind == phaen_domain::PlanKind::Roadmap)
        .unwrap()
        .clone();
    let coop = demo.plans[3].clone();
    let expected: Vec<Option<String>> = [&roadmap, &coop]
        .iter()
        .flat_map(|p| links(p))
        .map(|(_, t)| t)
        .collect();
    assert!(
        expected.iter().all(Option::is_some),
        "the demo resolves every link"
    );
    let cleared = |p: &Plan| {
        let mut p = p.clone();
        let mut stack: Vec<&mut phaen_domain::Element> = p.elements.iter_mut().collect();
        while let Some(e) = stack.pop() {
            e.aligned_to.iter_mut().for_each(|l| l.target_id = None);
            stack.extend(e.children.iter_mut());
        }
        p
    };
    (national, cleared(&roadmap), cleared(&coop), expected)
}

/// Every link of a plan's elements: (the element's id, its target).
fn links(p: &Plan) -> Vec<(String, Option<String>)> {
    p.walk()
        .iter()
        .flat_map(|w| {
            w.element
                .aligned_to
                .iter()
                .map(|l| (w.element.id.to_string(), l.target_id.clone()))
        })
        .collect()
}

async fn resolved_after(order: &[&Plan], roadmap: &Plan, coop: &Plan) -> Vec<Option<String>> {
    let db = TestDb::new();
    let store = db.store().await;
    // Read through the cache before the parent arrives, to check it is not kept stale.
    for p in order {
        store.insert_plan(p).await.unwrap();
        if p.id == roadmap.id {
            store.load_plan_shared(&roadmap.id).await.unwrap();
        }
    }
    let mut got = Vec::new();
    for p in [roadmap, coop] {
        got.extend(
            links(&store.load_plan(&p.id).await.unwrap())
                .into_iter()
                .map(|(_, t)| t),
        );
    }
    got
}

#[tokio::test]
async fn written_links_resolve_whichever_plan_is_saved_first() {
    let (national, roadmap, coop, expected) = plans();
    let parent_first = resolved_after(&[&national, &roadmap, &coop], &roadmap, &coop).await;
    assert_eq!(parent_first, expected);
    let parent_last = resolved_after(&[&roadmap, &coop, &national], &roadmap, &coop).await;
    assert_eq!(parent_last, expected);
}

#[tokio::test]
async fn the_parent_lists_what_serves_it_and_a_removed_target_is_let_go() {
    let (national, roadmap, coop, _) = plans();
    let db = TestDb::new();
    let store = db.store().await;
    for p in [&national, &roadmap, &coop] {
        store.insert_plan(p).await.unwrap();
    }
    // Guideline 1 of strategy 1 is served by the roadmap's first rows.
    let g1 = national.elements[0]
        .children
        .iter()
        .find(|e| e.kind == ElementKind::Guideline)
        .unwrap();
    let serving = store.serving(g1.id.as_str()).await.unwrap();
    assert!(serving.iter().any(|s| s.plan == roadmap.id), "{serving:?}");

    // The parent drops that guideline in a later edit: links to it no longer resolve, and the
    // roadmap read afterwards shows that (no stale copy from the cache).
    let before = store.load_plan(&roadmap.id).await.unwrap();
    assert!(
        links(&before)
            .iter()
            .any(|(_, t)| t.as_deref() == Some(g1.id.as_str()))
    );
    let mut changed = national.clone();
    changed.elements[0].children.retain(|e| e.id != g1.id);
    changed.revision = Some(phaen_domain::Revision {
        number: 2,
        written: None,
    });
    store.revise_plan(&changed).await.unwrap();
    assert!(store.serving(g1.id.as_str()).await.unwrap().is_empty());
    let after = store.load_plan(&roadmap.id).await.unwrap();
    assert!(
        !links(&after)
            .iter()
            .any(|(_, t)| t.as_deref() == Some(g1.id.as_str()))
    );
    // What was written stays.
    let written = |p: &Plan| -> Vec<Option<String>> {
        p.walk()
            .iter()
            .flat_map(|w| w.element.aligned_to.iter().map(|l| l.written.clone()))
            .collect()
    };
    assert_eq!(written(&after), written(&before));
}
