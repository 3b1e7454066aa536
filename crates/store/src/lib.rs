//! Phaen's storage: plans, organizations, users and sessions in an embedded SQLite file by default, or in
//! PostgreSQL when given a `postgres://` URL, through one SQL code path. Every multi-row write
//! is one transaction: a write either lands whole or leaves the database as it was.

pub mod actions;
pub mod alignment;
pub mod approved;
pub mod audit;
pub mod backup;
pub(crate) mod batch;
pub mod comments;
pub mod coverage;
pub mod db;
mod entry_life;
pub mod error;
pub mod evidence;
pub mod imports;
pub mod migrate;
pub mod notifications;
pub mod orgs;
pub mod plans;
pub mod progress;
pub mod project_progress;
pub mod rollup;
pub mod search;
pub mod sessions;
pub mod users;

pub use db::{Backend, Pool};
pub use error::{Error, Result};
pub use orgs::OrgStore;
pub use plans::{
    ConsultationWindow, EditNote, PlanListing, PlanStore, RevisionListing, Step, TargetChange,
    TargetRevision,
};
pub use sessions::{ApiToken, Session, SessionStore};
pub use users::{NewUser, User, UserStore};

/// The database Phaen uses when none is named: a file in the working directory.
pub const DEFAULT_DB: &str = "phaen.db";

/// The store: a pool on a migrated database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    actor: audit::Actor,
    /// Plans read whole, checked against the database on every load (see `plans::cache`).
    plans: std::sync::Arc<plans::cache::PlanCache>,
}

impl Store {
    /// Opens the database `url` names (creating an SQLite file on first use), applies any
    /// migrations it has not seen and indexes for search any plan written before the index.
    pub async fn open(url: &str) -> Result<Store> {
        Store::open_with(url, None).await
    }

    /// [`Store::open`] with a pool of at most `pool_size` connections (see
    /// [`Pool::connect_with`]).
    pub async fn open_with(url: &str, pool_size: Option<u32>) -> Result<Store> {
        let pool = Pool::connect_with(url, pool_size).await?;
        migrate::migrate(&pool).await?;
        search::index::backfill(&pool).await?;
        rollup::backfill(&pool).await?;
        Ok(Store {
            pool,
            actor: audit::Actor::cli(),
            plans: Default::default(),
        })
    }

    /// The same store, recording `actor` as the one who makes the changes that follow.
    pub fn acting_as(&self, actor: audit::Actor) -> Store {
        Store {
            pool: self.pool.clone(),
            actor,
            plans: self.plans.clone(),
        }
    }

    /// Who the audit log names for changes made through this handle.
    pub fn actor(&self) -> &audit::Actor {
        &self.actor
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.pool.backend()
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The current time as Unix milliseconds, the form timestamps are stored in.
/// Today's date in Thailand (Asia/Bangkok, UTC+7 all year).
pub fn today_in_bangkok() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
