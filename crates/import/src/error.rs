//! Import errors. Policy: one enum for the crate; each says, in plain words, why the document
//! could not become a plan and where, so the user can fix the file. Nothing is written when
//! an import fails.

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum Error {
    #[error("the file is empty")]
    Empty,
    #[error("the file is too large ({size} bytes; the limit is {limit})")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file is not a document Phaen can read: {0}")]
    NotADocument(String),
    #[error("the document is not a plan Phaen recognises: {0}")]
    NotAPlan(String),
    #[error("the {format} file is damaged or truncated: {why}")]
    Corrupt { format: &'static str, why: String },
    #[error("the text is not in a known encoding: {0}")]
    Encoding(String),
    #[error("{at}: {why}")]
    At { at: String, why: String },
    #[error(transparent)]
    Domain(#[from] phaen_domain::Error),
}

impl Error {
    pub fn at(at: impl ToString, why: impl Into<String>) -> Self {
        Error::At {
            at: at.to_string(),
            why: why.into(),
        }
    }
}
