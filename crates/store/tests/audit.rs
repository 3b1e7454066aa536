//! Every change lands with its audit entry, and an edit to history is found.

use phaen_store::audit::Actor;
use phaen_store::{PlanStore, Store};
use phaen_testkit::TestDb;

async fn tamper(store: &Store, sql: &'static str) {
    match store.pool() {
        phaen_store::Pool::Sqlite(p) => {
            sqlx::query(sql).execute(p).await.unwrap();
        }
        phaen_store::Pool::Postgres(p) => {
            sqlx::query(sql).execute(p).await.unwrap();
        }
    }
}

#[tokio::test]
async fn changes_are_recorded_with_who_before_and_after_and_the_chain_holds() {
    let db = TestDb::new();
    let store = db.store().await;
    let mut plans = phaen_synth::demo(5).plans;
    let plan = plans.remove(0);
    let board = store.acting_as(Actor {
        id: "u-1".into(),
        name: "ประธานกรรมการ".into(),
    });
    board.insert_plan(&plan).await.unwrap();
    let mut revised = plan.clone();
    revised.vision = Some("วิสัยทัศน์ฉบับปรับปรุง".into());
    revised.revision = Some(phaen_domain::Revision {
        number: 2,
        written: None,
    });
    store.revise_plan(&revised).await.unwrap();
    store.delete_plan(&plan.id).await.unwrap();

    let log = store.audit_entries(Some(plan.id.as_str())).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["plan.create", "plan.revise", "plan.delete"]);
    assert_eq!(log[0].actor_name, "ประธานกรรมการ");
    assert!(log[1].actor_id.starts_with("cli:"));
    let before = log[1].before.as_deref().unwrap();
    let after = log[1].after.as_deref().unwrap();
    assert!(!before.contains("วิสัยทัศน์ฉบับปรับปรุง") && after.contains("วิสัยทัศน์ฉบับปรับปรุง"));
    let check = store.verify_audit().await.unwrap();
    assert_eq!((check.entries, check.broken_at), (3, None));
}

#[tokio::test]
async fn an_edited_or_removed_entry_breaks_the_chain_where_it_happened() {
    let db = TestDb::new();
    let store = db.store().await;
    for plan in phaen_synth::demo(6).plans.iter().take(3) {
        store.insert_plan(plan).await.unwrap();
    }
    assert_eq!(store.verify_audit().await.unwrap().broken_at, None);
    tamper(
        &store,
        "UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 2",
    )
    .await;
    let check = store.verify_audit().await.unwrap();
    assert_eq!(check.broken_at.as_ref().map(|b| b.0), Some(2), "{check:?}");

    let db = TestDb::new();
    let store = db.store().await;
    for plan in phaen_synth::demo(6).plans.iter().take(3) {
        store.insert_plan(plan).await.unwrap();
    }
    tamper(&store, "DELETE FROM audit_log WHERE seq = 2").await;
    let check = store.verify_audit().await.unwrap();
    assert_eq!(check.broken_at.as_ref().map(|b| b.0), Some(3), "{check:?}");
    assert!(check.broken_at.unwrap().1.contains("missing"));
}
