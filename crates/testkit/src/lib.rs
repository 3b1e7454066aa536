//! What Phaen's tests share: a fresh database per test (an SQLite file, or a schema of its own
//! in the PostgreSQL database PHAEN_TEST_DB names), and the seed corpus.
//!
//! `PHAEN_TEST_DB` unset or `sqlite`: every test gets a new SQLite file in a temporary folder.
//! `PHAEN_TEST_DB=postgres://...`: every test gets a new schema in that database; an
//! unreachable server fails the test, it never skips.

pub mod arb;

use std::path::PathBuf;

use phaen_store::Store;

/// A database of a test's own, deleted (SQLite) when dropped.
pub struct TestDb {
    url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A fresh, empty database on the backend the environment chooses.
    pub fn new() -> TestDb {
        match std::env::var("PHAEN_TEST_DB") {
            Ok(url) if url.starts_with("postgres") => TestDb::postgres(&url),
            _ => TestDb::sqlite(),
        }
    }

    /// A fresh SQLite file, whatever the environment says (for SQLite-only behaviour).
    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", dir.path().join("phaen.db").display());
        TestDb {
            url,
            _dir: Some(dir),
        }
    }

    fn postgres(base: &str) -> TestDb {
        let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
        let base_owned = base.to_string();
        let create = format!("CREATE SCHEMA {schema}");
        // Run on a thread of its own so this works inside and outside a tokio runtime.
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            rt.block_on(async {
                use sqlx::Connection;
                let mut conn = sqlx::PgConnection::connect(&base_owned)
                    .await
                    .unwrap_or_else(|e| {
                        panic!("PHAEN_TEST_DB names PostgreSQL but it cannot be reached: {e}")
                    });
                sqlx::raw_sql(sqlx::AssertSqlSafe(create))
                    .execute(&mut conn)
                    .await
                    .expect("create the test schema");
            });
        })
        .join()
        .expect("schema creation");
        let sep = if base.contains('?') { '&' } else { '?' };
        TestDb {
            url: format!("{base}{sep}options=-c%20search_path%3D{schema}"),
            _dir: None,
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }

    /// The store on this database, migrated.
    pub async fn store(&self) -> Store {
        Store::open(&self.url)
            .await
            .expect("open the test database")
    }
}

impl Default for TestDb {
    fn default() -> Self {
        TestDb::new()
    }
}

/// The folder of real seed plans: PHAEN_CORPUS, or ../shared/seeds beside the repository.
/// `None` (with a notice) when absent outside CI; in CI a missing corpus fails the test.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PHAEN_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds"));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!("the seed corpus {} is missing in CI", dir.display());
    }
    eprintln!("notice: seed corpus {} not found; skipping", dir.display());
    None
}

/// The seed whose file name starts with `number` ('000', '003'), or `None` (with a notice)
/// when the corpus is absent outside CI. A corpus without that seed fails the test.
pub fn seed_file(number: &str) -> Option<PathBuf> {
    let dir = corpus_dir()?;
    let prefix = format!("{number}_");
    let found = std::fs::read_dir(&dir)
        .expect("the corpus folder reads")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        });
    Some(found.unwrap_or_else(|| panic!("seed {number} is missing from {}", dir.display())))
}
