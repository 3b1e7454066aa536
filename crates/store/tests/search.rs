//! Thai full-text search in the database: a word is found inside compound text, in plans,
//! elements, KPIs and reported narratives; the index follows every save; a search looks only
//! in the plans it is given; hits are ranked. On SQLite and PostgreSQL.

use phaen_domain::evaluate::ActualValue;
use phaen_domain::progress::{Frequency, Period};
use phaen_domain::project_report::{ProjectReport, TypedReport};
use phaen_domain::search::Query;
use phaen_domain::{Element, ElementKind, Plan};
use phaen_store::audit::Actor;
use phaen_store::progress::NewEntry;
use phaen_store::search::{Hit, Scope};
use phaen_store::{EditNote, PlanStore, Store};
use phaen_testkit::TestDb;

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

/// Two cooperatives' plans: the first with a project about deposits, the second with one about
/// fish farming, each word in one plan only.
async fn setup(db: &TestDb) -> (Store, Plan, Plan) {
    let store = db.store().await.acting_as(Actor {
        id: "u-staff".into(),
        name: "เจ้าหน้าที่".into(),
    });
    let demo = phaen_synth::demo(4);
    let of = |org: &str| {
        demo.plans
            .iter()
            .find(|p| p.owner.code.as_str() == org)
            .unwrap()
    };
    let mut a = of(phaen_synth::SAVINGS).clone();
    let mut b = of(phaen_synth::AGRI).clone();
    assert_ne!(a.owner.code, b.owner.code);
    // A draft, so that it can be changed in place.
    a.status = phaen_domain::PlanStatus::Draft;
    a.approval = None;
    let p = first_project(&mut a.elements).unwrap();
    p.title = "การระดมเงินฝากจากสมาชิกผ่านเครือข่ายกระเช้าสีดา".into();
    p.description = Some("ปี ๒๕๖๘ เพิ่มช่องทางรับฝากเงินออนไลน์".into());
    let p = first_project(&mut b.elements).unwrap();
    p.title = "ส่งเสริมการเลี้ยงปลานิลในกระชังของสมาชิก".into();
    for plan in [&a, &b] {
        store.insert_plan(plan).await.unwrap();
    }
    (store, a, b)
}

fn marked(pieces: &[phaen_domain::search::Piece]) -> Vec<&str> {
    pieces
        .iter()
        .filter(|p| p.hit)
        .map(|p| p.text.as_str())
        .collect()
}

async fn find(store: &Store, q: &str, scope: &Scope) -> Vec<Hit> {
    store.search(&Query::parse(q), scope, 20).await.unwrap()
}

#[tokio::test]
async fn a_word_is_found_inside_compound_text_and_marked() {
    let db = TestDb::new();
    let (store, a, _) = setup(&db).await;
    let only_a = Scope::Plans(vec![a.id.clone()]);
    let hits = find(&store, "เงินฝาก", &only_a).await;
    let hit = hits
        .iter()
        .find(|h| h.kind == "project" && h.title.iter().any(|p| p.text.contains("ระดม")))
        .unwrap_or_else(|| panic!("{hits:#?}"));
    assert_eq!(marked(&hit.title), ["เงินฝาก"]);
    assert_eq!(hit.plan, a.id.as_str());
    assert_eq!(hit.matched, 1);
    // Thai digits in the query read as the number in the text, and the other way round.
    let by_year = find(&store, "2568 ออนไลน์", &only_a).await;
    assert!(
        by_year.iter().any(|h| marked(&h.excerpt).contains(&"๒๕๖๘")),
        "{by_year:#?}"
    );
    assert!(find(&store, "ปลานิล", &only_a).await.is_empty());
}

#[tokio::test]
async fn a_search_looks_only_in_the_plans_it_is_given() {
    let db = TestDb::new();
    let (store, a, b) = setup(&db).await;
    assert!(
        find(&store, "ปลานิล", &Scope::Plans(vec![a.id.clone()]))
            .await
            .is_empty()
    );
    assert!(
        find(&store, "ปลานิล", &Scope::Plans(vec![]))
            .await
            .is_empty()
    );
    for scope in [Scope::Plans(vec![a.id.clone(), b.id.clone()]), Scope::All] {
        let hits = find(&store, "ปลานิล", &scope).await;
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| h.plan == b.id.as_str()), "{hits:#?}");
    }
}

#[tokio::test]
async fn hits_matching_more_words_come_first_then_titles() {
    let db = TestDb::new();
    let (store, a, _) = setup(&db).await;
    let hits = find(
        &store,
        "เงินฝาก กระเช้าสีดา",
        &Scope::Plans(vec![a.id.clone()]),
    )
    .await;
    // The project with both words first; then those with one, in their titles before bodies.
    assert_eq!(hits[0].matched, hits[0].keys, "{hits:#?}");
    assert_eq!(hits[0].kind, "project");
    assert!(hits.len() > 2, "{hits:#?}");
    assert!(hits.windows(2).all(|w| w[0].matched >= w[1].matched));
    let in_title = |h: &Hit| h.title.iter().any(|p| p.hit);
    let ones: Vec<&Hit> = hits.iter().filter(|h| h.matched == 1).collect();
    let first_body = ones.iter().position(|h| !in_title(h));
    assert!(
        first_body.is_none_or(|i| ones[i..].iter().all(|h| !in_title(h))),
        "{hits:#?}"
    );
}

#[tokio::test]
async fn the_index_follows_every_save_and_is_rebuilt_on_demand() {
    let db = TestDb::new();
    let (store, mut a, _) = setup(&db).await;
    let scope = Scope::Plans(vec![a.id.clone()]);
    let version = store.plan_version(&a.id).await.unwrap();
    first_project(&mut a.elements).unwrap().title = "ปรับปรุงสำนักงานสาขาใหม่".into();
    let note = EditNote {
        action: "element.edit",
        target: "project".into(),
        before: None,
        after: None,
        targets: Vec::new(),
    };
    store.update_plan(&a, version, note).await.unwrap();
    assert!(find(&store, "กระเช้าสีดา", &scope).await.is_empty());
    assert!(!find(&store, "สำนักงานสาขา", &scope).await.is_empty());

    // A KPI's narrative and a project's report narrative are found too.
    let (_, kpi) = a.all_kpis().into_iter().next().unwrap();
    let entry = NewEntry {
        kpi: kpi.id.clone(),
        period: Period::new(a.period.from, Frequency::Monthly, 1).unwrap(),
        value: ActualValue::Number("12".parse().unwrap()),
        narrative: "ระดมทุนเรือนหุ้นได้ตามเป้าหมาย".into(),
    };
    store.save_kpi_entry(&a.id, &entry, None).await.unwrap();
    let hits = find(&store, "เรือนหุ้น", &scope).await;
    assert!(hits.iter().any(|h| h.kind == "kpi_narrative"), "{hits:#?}");
    let project = first_project(&mut a.elements).unwrap().id.clone();
    let report = ProjectReport::read(&TypedReport {
        status: "on_track",
        percent: "25",
        allocated: "",
        committed: "",
        disbursed: "",
        narrative: "จัดซื้อครุภัณฑ์คอมพิวเตอร์แล้วเสร็จ",
    })
    .unwrap();
    let q1 = Period::new(a.period.from, Frequency::Quarterly, 1).unwrap();
    store
        .save_project_entry(&a.id, &project, q1, &report, None)
        .await
        .unwrap();
    let hits = find(&store, "ครุภัณฑ์", &scope).await;
    let hit = hits
        .iter()
        .find(|h| h.kind == "project_narrative")
        .unwrap_or_else(|| panic!("{hits:#?}"));
    assert_eq!(hit.target, project.as_str());

    // Rebuilt from scratch, the index finds the same.
    let mut tx = store.pool().begin_write().await.unwrap();
    tx.exec("DELETE FROM search_terms", vec![]).await.unwrap();
    tx.commit().await.unwrap();
    assert!(find(&store, "สำนักงานสาขา", &scope).await.is_empty());
    assert_eq!(store.reindex_search().await.unwrap(), 2);
    assert!(!find(&store, "เรือนหุ้น", &scope).await.is_empty());
    assert!(!find(&store, "สำนักงานสาขา", &scope).await.is_empty());

    store.delete_plan(&a.id).await.unwrap();
    assert!(find(&store, "สำนักงานสาขา", &Scope::All).await.is_empty());
}

#[tokio::test]
async fn plans_written_before_the_index_are_indexed_when_the_database_is_opened() {
    let db = TestDb::new();
    let (store, _, b) = setup(&db).await;
    let mut tx = store.pool().begin_write().await.unwrap();
    tx.exec("DELETE FROM search_terms", vec![]).await.unwrap();
    tx.exec("DELETE FROM search_docs", vec![]).await.unwrap();
    tx.commit().await.unwrap();
    assert!(find(&store, "ปลานิล", &Scope::All).await.is_empty());
    store.close().await;
    let reopened = db.store().await;
    let hits = find(&reopened, "ปลานิล", &Scope::All).await;
    assert!(hits.iter().any(|h| h.plan == b.id.as_str()), "{hits:#?}");
}

#[tokio::test]
async fn narratives_saved_from_a_file_are_found_and_a_file_that_clears_them_removes_them() {
    let db = TestDb::new();
    let (store, a, _) = setup(&db).await;
    let scope = Scope::Plans(vec![a.id.clone()]);
    let (_, kpi) = a.all_kpis().into_iter().next().unwrap();
    let row = |narrative: &str| phaen_domain::bulk::ValidRow {
        row: 2,
        kpi: kpi.id.clone(),
        period: Period::new(a.period.from, Frequency::Monthly, 3).unwrap(),
        value: ActualValue::Number("7".parse().unwrap()),
        narrative: narrative.into(),
    };
    let draft = phaen_domain::progress::EntryState::Draft;
    store
        .bulk_save_kpi_entries(&a.id, &[row("จัดประชุมกลุ่มย่อยครบทุกอำเภอ")], draft, "f.csv")
        .await
        .unwrap();
    let hits = find(&store, "กลุ่มย่อย", &scope).await;
    assert!(hits.iter().any(|h| h.kind == "kpi_narrative"), "{hits:#?}");
    store
        .bulk_save_kpi_entries(&a.id, &[row("")], draft, "g.csv")
        .await
        .unwrap();
    assert!(find(&store, "กลุ่มย่อย", &scope).await.is_empty());
}
