//! Recognizers: a document (paragraphs and tables) into a plan. The plan's kind is told from
//! its title, then the recognizer for that kind of document reads it. Shared here: the
//! reading context, the owner organization, responsible units.

pub mod action;
pub mod development;
pub mod kpi_table;
pub mod owner;
pub mod roadmap;
pub mod strategic;
pub mod strategic_action;
pub mod strategic_front;
pub mod tree;

use phaen_domain::{Organization, Plan, PlanKind};

use crate::doc::{Block, Doc, Loc, Para};
use crate::error::{Error, Result};
use crate::report::{Ledger, Report};

/// What a recognizer reads with and writes into.
pub struct Ctx<'a> {
    pub doc: &'a Doc,
    pub ledger: Ledger,
    pub report: Report,
    /// The organization the user named (--org), if any.
    pub owner: Option<Organization>,
}

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Doc, report: Report, owner: Option<Organization>) -> Ctx<'a> {
        Ctx {
            doc,
            ledger: Ledger::default(),
            report,
            owner,
        }
    }

    pub fn warn(&mut self, loc: Option<&Loc>, th: impl Into<String>, en: impl Into<String>) {
        self.report.warn(loc, th, en);
    }
}

/// The kind of plan a document is, from its first lines.
pub fn kind_of(doc: &Doc) -> Option<PlanKind> {
    let head: Vec<String> = doc
        .blocks
        .iter()
        .take(6)
        .map(|b| match b {
            Block::Para(p) => p.text.clone(),
            Block::Table(t) => t
                .rows
                .first()
                .map(|r| {
                    r.cells
                        .iter()
                        .map(|c| c.text())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default(),
        })
        .collect();
    for text in &head {
        if text.contains("Road Map") || text.contains("Roadmap") || text.contains("แผนที่นำทาง")
        {
            return Some(PlanKind::Roadmap);
        }
        if text.contains("แผนพัฒนา") {
            return Some(PlanKind::DevelopmentPlan);
        }
        if text.contains("แผนปฏิบัติการ") {
            return Some(PlanKind::ActionPlan);
        }
        if text.contains("แผนกลยุทธ์") || text.contains("แผนยุทธศาสตร์")
        {
            return Some(PlanKind::StrategicPlan);
        }
    }
    None
}

/// Reads the document as the kind of plan it is.
pub fn recognize(ctx: &mut Ctx) -> Result<Plan> {
    let kind = kind_of(ctx.doc).ok_or_else(|| {
        Error::NotAPlan(
            "no title naming a แผนกลยุทธ์, แผนพัฒนา, แผนปฏิบัติการ or Road Map in its first lines".into(),
        )
    })?;
    ctx.report.kind = kind.as_str().into();
    match kind {
        PlanKind::StrategicPlan => strategic::read(ctx),
        PlanKind::DevelopmentPlan => development::read(ctx),
        PlanKind::Roadmap => roadmap::read(ctx),
        PlanKind::ActionPlan => action::read(ctx),
    }
}

/// The paragraphs of the document with their block index.
pub fn paras(doc: &Doc) -> impl Iterator<Item = (usize, &Para)> {
    doc.blocks.iter().enumerate().filter_map(|(i, b)| match b {
        Block::Para(p) => Some((i, p)),
        Block::Table(_) => None,
    })
}
