//! The store keeps whole plans exactly, on SQLite and on PostgreSQL (PHAEN_TEST_DB).

use phaen_domain::{ElementId, Plan, PlanId};
use phaen_store::{Error, OrgStore, PlanStore};
use phaen_testkit::TestDb;
use proptest::prelude::*;

fn demo_plans() -> Vec<Plan> {
    phaen_synth::demo(7).plans
}

#[tokio::test]
async fn migrations_apply_on_an_empty_database_and_again_harmlessly() {
    let db = TestDb::new();
    let store = db.store().await;
    let version = phaen_store::migrate::current_version(store.pool())
        .await
        .unwrap();
    assert_eq!(version, phaen_store::migrate::MIGRATIONS.last().unwrap().0);
    let again = phaen_store::migrate::migrate(store.pool()).await.unwrap();
    assert_eq!(again, 0, "a second run applies nothing");
    assert!(store.list_plans().await.unwrap().is_empty());
}

#[tokio::test]
async fn every_demo_plan_comes_back_exactly_as_it_went_in() {
    let db = TestDb::new();
    let store = db.store().await;
    let plans = demo_plans();
    assert!(plans.len() >= 4);
    for plan in &plans {
        store.insert_plan(plan).await.unwrap();
    }
    for plan in &plans {
        let back = store.load_plan(&plan.id).await.unwrap();
        assert_eq!(&back, plan, "plan {} changed in the store", plan.title);
    }
    assert_eq!(store.list_plans().await.unwrap().len(), plans.len());
}

#[tokio::test]
async fn a_plan_id_is_stored_once() {
    let db = TestDb::new();
    let store = db.store().await;
    let plan = demo_plans().remove(0);
    store.insert_plan(&plan).await.unwrap();
    let err = store.insert_plan(&plan).await.unwrap_err();
    assert!(
        matches!(err, Error::AlreadyExists { what: "plan", .. }),
        "{err}"
    );
}

#[tokio::test]
async fn a_write_that_fails_half_way_leaves_nothing_behind() {
    let db = TestDb::new();
    let store = db.store().await;
    let mut plans = demo_plans();
    let first = plans.remove(0);
    store.insert_plan(&first).await.unwrap();
    // A second plan from a new owner whose last element reuses an id the first plan holds:
    // the database refuses it only after the plan, its owner and most rows were written.
    let mut second = plans.remove(0);
    second.owner.code = phaen_domain::OrgCode::parse("fresh-owner").unwrap();
    let last = second.elements.last_mut().unwrap();
    last.id = first.elements[0].id.clone();
    assert!(store.insert_plan(&second).await.is_err());
    let listed = store.list_plans().await.unwrap();
    assert_eq!(listed.len(), 1, "the failed plan left rows behind");
    let orgs = store.list_orgs().await.unwrap();
    assert!(orgs.iter().all(|o| o.code.as_str() != "fresh-owner"));
    assert_eq!(store.load_plan(&first.id).await.unwrap(), first);
}

#[tokio::test]
async fn an_invalid_plan_is_refused_with_where_it_is_wrong() {
    let db = TestDb::new();
    let store = db.store().await;
    let mut plan = demo_plans().remove(0);
    plan.elements[0].title = "  ".into();
    let err = store.insert_plan(&plan).await.unwrap_err().to_string();
    assert!(err.contains("elements[0].title"), "{err}");
    assert!(store.list_plans().await.unwrap().is_empty());
}

#[tokio::test]
async fn plans_are_found_by_the_start_of_their_id() {
    let db = TestDb::new();
    let store = db.store().await;
    let mut a = demo_plans().remove(0);
    let mut b = a.clone();
    a.id = PlanId::parse("abcd-1111").unwrap();
    b.id = PlanId::parse("abcd-2222").unwrap();
    for e in b.elements.iter_mut() {
        renumber(e, "b-");
    }
    for k in b.kpis.iter_mut() {
        k.id = phaen_domain::KpiId::parse(&format!("b-{}", k.id)).unwrap();
    }
    store.insert_plan(&a).await.unwrap();
    store.insert_plan(&b).await.unwrap();
    assert_eq!(store.resolve_plan("abcd-2").await.unwrap(), b.id);
    assert!(matches!(
        store.resolve_plan("abcd").await.unwrap_err(),
        Error::Ambiguous { .. }
    ));
    assert!(matches!(
        store.resolve_plan("zzzz").await.unwrap_err(),
        Error::NotFound { .. }
    ));
    store.delete_plan(&a.id).await.unwrap();
    assert_eq!(store.resolve_plan("abcd").await.unwrap(), b.id);
    assert_eq!(store.load_plan(&b.id).await.unwrap(), b);
}

fn renumber(e: &mut phaen_domain::Element, prefix: &str) {
    e.id = ElementId::parse(&format!("{prefix}{}", e.id)).unwrap();
    for k in e.kpis.iter_mut() {
        k.id = phaen_domain::KpiId::parse(&format!("{prefix}{}", k.id)).unwrap();
    }
    for c in e.children.iter_mut() {
        renumber(c, prefix);
    }
}

#[tokio::test]
async fn backup_and_restore_give_back_every_plan() {
    let db = TestDb::new();
    let store = db.store().await;
    let plans = demo_plans();
    for p in &plans {
        store.insert_plan(p).await.unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    if db.is_postgres() {
        let err = store.backup_to(&file).await.unwrap_err().to_string();
        assert!(err.contains("pg_dump"), "{err}");
        return;
    }
    store.backup_to(&file).await.unwrap();
    assert!(
        store.backup_to(&file).await.is_err(),
        "never overwrites a backup"
    );
    store.delete_plan(&plans[0].id).await.unwrap();
    store.restore_from(&file).await.unwrap();
    for p in &plans {
        assert_eq!(&store.load_plan(&p.id).await.unwrap(), p);
    }
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").unwrap();
    assert!(store.restore_from(&junk).await.is_err());
    assert_eq!(store.list_plans().await.unwrap().len(), plans.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_canonical_json_round_trips_thai_text_digits_and_decimals(plan in phaen_testkit::arb::plan()) {
        prop_assert!(plan.check().is_ok(), "{:?}", plan.check());
        let json = plan.to_json();
        let back = Plan::from_json(&json).unwrap();
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(back.to_json(), json);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn the_store_round_trips_thai_text_digits_and_decimals(plan in phaen_testkit::arb::plan()) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        let back = rt.block_on(async {
            let db = TestDb::new();
            let store = db.store().await;
            store.insert_plan(&plan).await.unwrap();
            let back = store.load_plan(&plan.id).await.unwrap();
            store.close().await;
            back
        });
        prop_assert_eq!(back, plan);
    }
}
