//! Readers: bytes in, a `Doc` out. The kind of file is told by its content (a zip holding
//! word/document.xml or xl/workbook.xml, JSON, or text), not only by its name.

pub mod docx;
pub mod encoding;
pub mod text;
pub mod xlsx;
pub mod zip_guard;

use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::report::Repair;

/// The largest file Phaen reads; larger ones are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Json,
    Docx,
    Xlsx,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Json => "phaen-json",
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
        }
    }
}

/// Tells the kind of file from its first bytes.
pub fn sniff(bytes: &[u8]) -> Result<Kind> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        return if has(b"word/") {
            Ok(Kind::Docx)
        } else if has(b"xl/") {
            Ok(Kind::Xlsx)
        } else {
            Err(Error::NotADocument(
                "a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file".into(),
            ))
        };
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(Error::NotADocument(
            "an old binary Word or Excel file (.doc/.xls): save it as .docx or .xlsx".into(),
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(Error::NotADocument(
            "a PDF: copy its text out, or use the Word file it was made from".into(),
        ));
    }
    let start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if start == Some(&b'{') {
        return Ok(Kind::Json);
    }
    Ok(Kind::Text)
}

/// A source read into a document, with how it was read.
#[derive(Debug)]
pub struct Read {
    pub doc: Doc,
    pub kind: Kind,
    pub encoding: String,
    pub repairs: Vec<Repair>,
}

/// Reads text, Word or Excel bytes into a document.
pub fn read(bytes: &[u8]) -> Result<Read> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    match sniff(bytes)? {
        Kind::Text => {
            let decoded = encoding::decode(bytes)?;
            let (doc, repairs) = text::parse(&decoded.text);
            let mut all = decoded.repairs;
            all.extend(repairs);
            Ok(Read {
                doc,
                kind: Kind::Text,
                encoding: decoded.encoding.into(),
                repairs: all,
            })
        }
        Kind::Json => Err(Error::NotADocument(
            "Phaen plan JSON is read by Plan::from_json".into(),
        )),
        Kind::Docx => {
            let (doc, repairs) = docx::parse(bytes)?;
            Ok(Read {
                doc,
                kind: Kind::Docx,
                encoding: "utf-8".into(),
                repairs,
            })
        }
        Kind::Xlsx => {
            let (doc, repairs) = xlsx::parse(bytes)?;
            Ok(Read {
                doc,
                kind: Kind::Xlsx,
                encoding: "utf-8".into(),
                repairs,
            })
        }
    }
}
