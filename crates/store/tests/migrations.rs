//! Every SQL file in /migrations is registered, in order, and a fresh database takes them all.

use phaen_store::migrate::MIGRATIONS;
use phaen_testkit::TestDb;

#[test]
fn every_migration_file_is_registered_in_order() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    files.sort();
    assert_eq!(files.len(), MIGRATIONS.len(), "{files:?}");
    for (i, (file, (version, name, sql))) in files.iter().zip(MIGRATIONS).enumerate() {
        assert_eq!(*version, i as i64 + 1);
        assert_eq!(file, &format!("{version:04}_{name}.sql"));
        let on_disk = std::fs::read_to_string(dir.join(file)).unwrap();
        assert_eq!(&on_disk, sql, "{file} is the text compiled in");
    }
}

#[tokio::test]
async fn a_fresh_database_is_at_the_newest_version() {
    let db = TestDb::new();
    let store = db.store().await;
    let version = phaen_store::migrate::current_version(store.pool())
        .await
        .unwrap();
    assert_eq!(version, MIGRATIONS.len() as i64);
}

/// Servers starting at once against one new database: every one of them opens it, the
/// migrations run once (the migration lock makes the others wait, then find them done).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn servers_starting_at_once_migrate_a_new_database_once() {
    let db = TestDb::new();
    let opens: Vec<_> = (0..4)
        .map(|_| {
            let url = db.url().to_string();
            tokio::spawn(async move { phaen_store::Store::open(&url).await })
        })
        .collect();
    for open in opens {
        let store = open
            .await
            .unwrap()
            .expect("every server opens the database");
        store.close().await;
    }
    let store = db.store().await;
    let mut tx = store.pool().begin_read().await.unwrap();
    let rows = tx
        .one("SELECT COUNT(*) FROM phaen_migrations", vec![])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rows.int(0).unwrap(), MIGRATIONS.len() as i64);
}
