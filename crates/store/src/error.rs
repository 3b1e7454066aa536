//! Storage errors. Policy: one enum for the crate. Database failures keep their source for the
//! log; the variants a user can act on (not found, already exists, conflict, invalid data)
//! carry a message that says what and where, without SQL.

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("{what} '{key}' was not found")]
    NotFound { what: &'static str, key: String },
    #[error("{what} '{key}' already exists")]
    AlreadyExists { what: &'static str, key: String },
    /// The thing changed since the caller read it; nothing was written.
    #[error(
        "{what} '{key}' was changed by someone else since you read it (version {current}); reload it and try again"
    )]
    Conflict {
        what: &'static str,
        key: String,
        current: i64,
    },
    /// A rule of the domain forbids this change.
    #[error("{0}")]
    Refused(String),
    #[error("'{key}' matches more than one {what}: {candidates}")]
    Ambiguous {
        what: &'static str,
        key: String,
        candidates: String,
    },
    /// A row in the database that does not read back as a valid value.
    #[error("stored {what} is invalid: {why}")]
    Corrupt { what: &'static str, why: String },
    #[error(transparent)]
    Domain(#[from] phaen_domain::Error),
    #[error("{0}")]
    Unsupported(String),
    #[error("cannot use database '{url}': {why}")]
    Config { url: String, why: String },
}

impl Error {
    pub fn corrupt(what: &'static str, why: impl ToString) -> Self {
        Error::Corrupt {
            what,
            why: why.to_string(),
        }
    }
}
