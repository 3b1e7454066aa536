//! Reads plan documents into plans: text exports of Word and PDF files, Word (.docx), Excel
//! (.xlsx) and Phaen's own JSON. The flow: bytes -> a `Doc` of paragraphs and tables (the
//! `source` readers) -> a `Plan` (the `recognize` readers), with a `Report` that accounts for
//! every line or cell and every repair.

pub mod doc;
pub mod error;
pub mod markup;
pub mod progress_file;
pub mod recognize;
pub mod repair;
pub mod report;
pub mod source;
pub mod targets;
pub mod words;

pub use error::{Error, Result};
pub use report::Report;

use phaen_domain::{Organization, Plan};

/// A plan read from a document, and what the reading found.
#[derive(Debug)]
pub struct Imported {
    pub plan: Plan,
    pub report: Report,
}

/// Reads one document. `owner`, when given, becomes the plan's owner and its units are used to
/// resolve responsible units; otherwise the owner is inferred from the document.
pub fn read(bytes: &[u8], source: &str, owner: Option<Organization>) -> Result<Imported> {
    if source::sniff(bytes)? == source::Kind::Json {
        return read_json(bytes, source, owner);
    }
    let read = source::read(bytes)?;
    let report = Report {
        source: source.to_string(),
        format: read.kind.as_str().into(),
        encoding: read.encoding.clone(),
        repairs: read.repairs,
        ..Report::default()
    };
    let mut ctx = recognize::Ctx::new(&read.doc, report, owner.clone());
    let mut plan = recognize::recognize(&mut ctx)?;
    if let Some(org) = owner {
        plan.owner = org;
        recognize::owner::resolve_units(&mut plan, false);
    } else {
        recognize::owner::resolve_units(&mut plan, true);
    }
    plan.check()?;
    let recognize::Ctx {
        ledger, mut report, ..
    } = ctx;
    report.items = ledger.items(&read.doc);
    for w in phaen_domain::rules::warnings(&plan) {
        report.warn(None, w.to_string_th(), w.to_string());
    }
    Ok(Imported { plan, report })
}

fn read_json(bytes: &[u8], source: &str, owner: Option<Organization>) -> Result<Imported> {
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            Error::Encoding(format!(
                "JSON must be UTF-8 (broken at byte {})",
                e.valid_up_to()
            ))
        })?;
    let mut plan = Plan::from_json(text)?;
    if let Some(org) = owner {
        plan.owner = org;
    }
    let mut report = Report {
        source: source.to_string(),
        format: source::Kind::Json.as_str().into(),
        encoding: "utf-8".into(),
        kind: plan.kind.as_str().into(),
        ..Report::default()
    };
    for w in phaen_domain::rules::warnings(&plan) {
        report.warn(None, w.to_string_th(), w.to_string());
    }
    Ok(Imported { plan, report })
}
