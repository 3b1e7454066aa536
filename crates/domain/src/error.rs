//! Errors of the plan model. Policy: one enum for the crate; every message names what was wrong
//! and where, in words a cooperative's staff can act on. Callers add their own context.

use thiserror::Error;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// A value could not be read as what it claims to be (a year, an amount, a code...).
    #[error("{what}: '{input}' is not valid ({why})")]
    Parse {
        what: &'static str,
        input: String,
        why: String,
    },
    /// The plan breaks one or more model rules; each problem says where.
    #[error("the plan breaks {} rule(s): {}", .0.len(), .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Rules(Vec<crate::rules::Problem>),
}

impl Error {
    pub fn parse(what: &'static str, input: impl Into<String>, why: impl Into<String>) -> Self {
        Error::Parse {
            what,
            input: input.into(),
            why: why.into(),
        }
    }
}
