//! The document written as PDF: the model becomes Typst source (`markup`), which the typst
//! compiler typesets with the compiled-in Sarabun font (Thai shaped, lines broken between
//! words) and writes as PDF.

pub mod fonts;
pub mod markup;
pub mod world;

use crate::layout::{Digits, Document};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "ส่งออก PDF ไม่ได้: ไม่มีฟอนต์ Sarabun ในโปรแกรมนี้ / cannot write PDF: the Sarabun font is missing from this build ({0})"
    )]
    FontMissing(&'static str),
    #[error("จัดหน้า PDF ไม่สำเร็จ / typesetting the PDF failed: {0}")]
    Typeset(String),
}

/// The document as PDF bytes; page numbers in `digits`.
pub fn render(doc: &Document, digits: Digits) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::get().map_err(PdfError::FontMissing)?;
    let doc = drawable(doc, fonts);
    let markup = markup::write(&doc, digits);
    let world = world::DocWorld::new(markup.source, markup.files, fonts);
    let compiled = typst::compile::<typst_layout::PagedDocument>(&world);
    if let Some(w) = compiled
        .warnings
        .iter()
        .find(|w| w.message.contains("font"))
    {
        return Err(PdfError::Typeset(w.message.to_string()));
    }
    let paged = compiled.output.map_err(|errors| {
        PdfError::Typeset(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    typst_pdf::pdf(&paged, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        PdfError::Typeset(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// The document with every character the font cannot draw replaced, so the PDF never shows
/// an empty box: invisible format characters go, a double arrow becomes two arrows, and
/// anything else is written as its code ('U+1F600') where a reader can see it.
fn drawable(doc: &Document, fonts: &fonts::Fonts) -> Document {
    let fix = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                c if fonts.covers(c) || c == '\n' => out.push(c),
                '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' => {}
                '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{3000}' => out.push(' '),
                '↔' => out.push_str("←→"),
                '\t' => out.push(' '),
                c => out.push_str(&format!("U+{:04X}", c as u32)),
            }
        }
        out
    };
    crate::layout::map_text(doc, &fix)
}
