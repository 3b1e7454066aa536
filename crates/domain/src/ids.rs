//! Identifiers: plans, elements and KPIs get stable ids that survive export and re-import;
//! organizations are known by a short code their staff recognise.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(try_from = "String", into = "String")]
        #[schemars(with = "String")]
        pub struct $name(String);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn generate() -> Self {
                $name(uuid::Uuid::now_v7().to_string())
            }

            /// Accepts any id of 1-64 visible characters without spaces, so ids written by
            /// other tools survive a round trip.
            pub fn parse(input: &str) -> Result<Self> {
                let ok = !input.is_empty()
                    && input.chars().count() <= 64
                    && input.chars().all(|c| !c.is_whitespace() && !c.is_control());
                if ok {
                    Ok($name(input.to_string()))
                } else {
                    Err(Error::parse($what, input, "1-64 characters, no spaces"))
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<Self> {
                $name::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A plan's id.
    PlanId,
    "plan id"
);
id_type!(
    /// The id of a mission, goal, strategy, guideline, project or activity.
    ElementId,
    "element id"
);
id_type!(
    /// A KPI's id.
    KpiId,
    "KPI id"
);
id_type!(
    /// An organization's code ('CPD', 'FSCT', 'LOP-PCO', 'coop-0001').
    OrgCode,
    "organization code"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_refuse_spaces_and_empty_text() {
        assert!(PlanId::parse("").is_err());
        assert!(PlanId::parse("a b").is_err());
        assert!(OrgCode::parse("ชสอ.").is_ok());
        assert_ne!(KpiId::generate(), KpiId::generate());
    }
}
