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
    /// A change a user asked for that the plan cannot take, said in both languages.
    #[error("{en} ({th})")]
    Refused { th: String, en: String },
}

impl Error {
    pub fn parse(what: &'static str, input: impl Into<String>, why: impl Into<String>) -> Self {
        Error::Parse {
            what,
            input: input.into(),
            why: why.into(),
        }
    }

    pub fn refused(th: impl Into<String>, en: impl Into<String>) -> Self {
        Error::Refused {
            th: th.into(),
            en: en.into(),
        }
    }

    /// The message in Thai when the error has one, else in English.
    pub fn to_string_th(&self) -> String {
        match self {
            Error::Refused { th, .. } => th.clone(),
            Error::Rules(problems) => problems
                .iter()
                .map(|p| p.to_string_th())
                .collect::<Vec<_>>()
                .join("; "),
            other => other.to_string(),
        }
    }
}
