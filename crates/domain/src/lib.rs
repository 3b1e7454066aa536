//! Phaen's plan model: everything a Thai cooperative plan holds, as plain values with their rules.
//!
//! This crate does no I/O. Documents become these values (the import crate), these values are
//! stored (the store crate), evaluated (monitoring) and printed (pages and documents).

pub mod access;
pub mod align;
pub mod align_resolve;
pub mod bulk;
pub mod edit;
pub mod element;
pub mod error;
pub mod evaluate;
pub mod evidence;
pub mod ids;
pub mod kpi;
pub mod money;
pub mod org;
pub mod owed;
pub mod plan;
pub mod progress;
pub mod project_report;
pub mod revise;
pub mod rules;
pub mod search;
pub mod similar;
pub mod summary;
pub mod swot;
pub mod text;
pub mod thai;
pub mod views;

#[cfg(test)]
mod testing;

pub use access::{Membership, Role};
pub use align::{AlignKind, AlignmentLink};
pub use element::{
    Element, ElementKind, ProgressResult, Readiness, ReadinessKind, Responsibility,
    ResponsibleRole, TextItem, TimelineEntry, TimelineMark,
};
pub use error::{Error, Result};
pub use ids::{ElementId, KpiId, OrgCode, PlanId};
pub use kpi::{Baseline, Comparator, Direction, Kpi, Scale, Target, Tier, YearTarget};
pub use money::{Baht, BudgetLine, MoneyUnit};
pub use org::{CoopType, OrgKind, OrgUnit, Organization, UnitKind};
pub use plan::{
    Approval, Period, Plan, PlanKind, PlanReference, PlanStatus, Revision, Section, YearBasis,
};
pub use swot::{Perspective, SwotItem, SwotKind, SwotSummaryItem, TowsQuadrant, TowsType};
pub use thai::BeYear;
