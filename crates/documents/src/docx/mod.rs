//! A layout written as a Word file (.docx, WordprocessingML) that Word and LibreOffice open and
//! edit: Heading 1-3 styles that build the table of contents, a TOC field where the layout asks
//! for contents, real tables (header rows marked to repeat on every page, merged cells as
//! gridSpan and vMerge), a section per part so landscape parts get landscape pages, page
//! numbers in the footer, figures as images, and the title and author in the file's properties.
//!
//! Written by hand with `zip` and `quick-xml`'s escaping rather than docx-rs: the parts Phaen
//! needs (a section per part with its own orientation, tblHeader rows, vMerge, a TOC field with
//! its entries already filled in, the core properties) are a few hundred lines of XML, and
//! every one of them is checked by the tests that open the file again (the importer,
//! LibreOffice).
//!
//! The body font is 'TH Sarabun New' at 16 pt, the font of Thai government documents (cabinet
//! resolution of 7 September 2553), so the file looks as an office expects on the computers
//! offices use, where the font is installed. The font table names 'Sarabun' (the OFL font of
//! the same design) as its alternative, and on Linux fontconfig maps 'TH Sarabun*' to the
//! TLWG Laksaman font derived from it, so the text never falls back to a font without Thai.

mod body;
mod figure;
mod parts;
mod table;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::Digits;
use crate::error::Result;
use crate::layout::Document;

pub const CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The body font, as Thai government documents name it.
pub const FONT: &str = "TH Sarabun New";
/// The font offered in its place where TH Sarabun New is not installed.
pub const FONT_ALT: &str = "Sarabun";
/// Body text size in half-points (16 pt).
pub const BODY_SIZE: u32 = 32;
/// Table text size in half-points (14 pt).
pub const TABLE_SIZE: u32 = 28;

/// Writes `doc` as the bytes of a .docx file, its page numbers in `digits` (the layout's text
/// already is). Every table is checked first, so a layout that does not add up is refused with
/// the table's caption rather than written wrong.
pub fn write(doc: &Document, digits: Digits) -> Result<Vec<u8>> {
    body::check(doc)?;
    let body = body::Body::write(doc, digits)?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8]| -> Result<()> {
        zip.start_file(name, opts)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    put(
        "[Content_Types].xml",
        parts::content_types(&body.media).as_bytes(),
    )?;
    put("_rels/.rels", parts::ROOT_RELS.as_bytes())?;
    put("docProps/core.xml", parts::core(doc).as_bytes())?;
    put("docProps/app.xml", parts::APP.as_bytes())?;
    put("word/document.xml", body.xml.as_bytes())?;
    put(
        "word/_rels/document.xml.rels",
        parts::document_rels(&body.media).as_bytes(),
    )?;
    put("word/styles.xml", parts::styles().as_bytes())?;
    put("word/numbering.xml", body.numbering().as_bytes())?;
    put("word/settings.xml", parts::SETTINGS.as_bytes())?;
    put("word/fontTable.xml", parts::font_table().as_bytes())?;
    put("word/footer1.xml", parts::footer(digits).as_bytes())?;
    for m in &body.media {
        put(&format!("word/media/{}", m.file), &m.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// An image stored in the package (word/media/...), with its relationship id.
pub(crate) struct Media {
    pub rel_id: String,
    pub file: String,
    pub bytes: Vec<u8>,
}

/// Text escaped for XML content and attribute values.
pub(crate) fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    quick_xml::escape::escape(text)
}
