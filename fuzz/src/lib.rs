//! What the fuzz targets share: wrapping fuzz input into a Word or Excel package, so that
//! most inputs reach the XML readers instead of dying at the zip signature. Input that already
//! is a zip ('PK') is read as it is, which fuzzes the zip guard.

use std::io::{Cursor, Write};
use std::sync::Once;

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

/// Lets a panic inside calamine unwind to the xlsx reader, which turns it into an error (a
/// known upstream bug: a reversed sheet dimension overflows). Every other panic still aborts,
/// as libFuzzer's hook makes it, and counts as a crash. Call at the start of each run.
pub fn contain_calamine_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if !in_calamine {
                fuzzer_hook(info);
            }
        }));
    });
}

/// Separates the parts of one fuzz input: document, styles, numbering (Word) or sheet, shared
/// strings (Excel).
pub const SEPARATOR: &[u8] = b"\xFF\xFE";

/// Splits `data` on `SEPARATOR` into at most `n` parts.
pub fn parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while out.len() + 1 < n {
        match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + SEPARATOR.len()..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

/// A zip of the given parts, stored uncompressed.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, data) in parts {
        w.start_file(*name, options).expect("start a part");
        w.write_all(data).expect("write a part");
    }
    w.finish().expect("finish the zip").into_inner()
}

/// The input as a .docx: as it is if it is a zip, else its parts as word/document.xml,
/// word/styles.xml and word/numbering.xml.
pub fn docx(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let p = parts(data, 3);
    let mut files: Vec<(&str, &[u8])> = vec![("word/document.xml", p[0])];
    if let Some(styles) = p.get(1) {
        files.push(("word/styles.xml", styles));
    }
    if let Some(numbering) = p.get(2) {
        files.push(("word/numbering.xml", numbering));
    }
    zip(&files)
}

const WORKBOOK: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const ROOT_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// The input as a .xlsx: as it is if it is a zip, else its parts as the one worksheet and the
/// shared strings of a fixed workbook.
pub fn xlsx(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let p = parts(data, 2);
    let mut files: Vec<(&str, &[u8])> = vec![
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", p[0]),
    ];
    if let Some(strings) = p.get(1) {
        files.push(("xl/sharedStrings.xml", strings));
    }
    zip(&files)
}
