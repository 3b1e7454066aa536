//! `phaen audit verify` and `phaen audit list` through the binary.

mod common;

use common::*;
use phaen_testkit::TestDb;

#[test]
fn verify_passes_on_an_honest_log_and_names_the_entry_that_was_changed() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (i, p) in demo_plans().iter().take(2).enumerate() {
        let f = write_plan(d, &format!("p{i}.json"), p);
        phaen(&db, d).arg("import").arg(&f).assert().success();
    }
    let ok = json(&db, d, &["audit", "verify"]);
    assert_eq!(ok["entries"], 2);
    assert!(ok["broken_at"].is_null());
    let list = json(&db, d, &["audit", "list"]);
    assert_eq!(list[0]["action"], "plan.create");
    assert!(list[0]["actor_id"].as_str().unwrap().starts_with("cli:"));

    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = db.store().await;
        let sql = "UPDATE audit_log SET target = 'rewritten' WHERE seq = 1";
        match store.pool() {
            phaen_store::Pool::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
            phaen_store::Pool::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        }
        .unwrap();
        store.close().await;
    });
    let out = phaen(&db, d).args(["audit", "verify"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tampered with at entry 1"), "{err}");
}
