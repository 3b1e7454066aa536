//! Hostile and broken files: each is refused with a clear message, quickly and in bounded
//! memory, and the database is left exactly as it was.

mod common;

use std::io::Write;

use common::*;
use phaen_testkit::TestDb;

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn docx(document_xml: &[u8]) -> Vec<u8> {
    zip_with(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", document_xml),
    ])
}

/// Imports `bytes` as `name`; returns stderr after checking it failed and wrote nothing.
fn refused(db: &TestDb, dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let before = plan_count(db, dir);
    let started = std::time::Instant::now();
    let out = phaen(db, dir).arg("import").arg(&path).output().unwrap();
    assert!(!out.status.success(), "{name} was accepted");
    assert!(
        started.elapsed().as_secs() < 30,
        "{name} took too long to refuse"
    );
    assert_eq!(plan_count(db, dir), before, "{name} changed the database");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_zip_bomb_is_refused_without_expanding_it() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let zeros = vec![0u8; 100 * 1024 * 1024];
    let bomb = docx(&zeros);
    assert!(bomb.len() < 2 * 1024 * 1024, "the bomb is small on disk");
    let err = refused(&db, dir.path(), "bomb.docx", &bomb);
    assert!(err.contains("cannot import"), "{err}");
}

#[test]
fn entity_expansion_in_xml_does_not_blow_up() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let mut laughs = String::from("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    laughs.push_str("]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>");
    let err = refused(&db, dir.path(), "laughs.docx", &docx(laughs.as_bytes()));
    assert!(err.contains("cannot import"), "{err}");
}

#[test]
fn truncated_and_corrupt_office_files_are_named_as_such() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let good = docx(r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>แผนกลยุทธ์</w:t></w:r></w:p></w:body></w:document>"#.as_bytes());
    let err = refused(&db, dir.path(), "cut.docx", &good[..good.len() / 2]);
    assert!(err.contains("cannot import"), "{err}");
    let mut flipped = good.clone();
    let mid = flipped.len() / 3;
    for b in &mut flipped[mid..mid + 40] {
        *b ^= 0x5a;
    }
    refused(&db, dir.path(), "flipped.docx", &flipped);
    let xlsx_like = zip_with(&[("xl/workbook.xml", b"<workbook>")]);
    refused(&db, dir.path(), "broken.xlsx", &xlsx_like);
    let other_zip = zip_with(&[("readme.txt", b"hello")]);
    let err = refused(&db, dir.path(), "other.zip", &other_zip);
    assert!(err.contains("neither a Word"), "{err}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    let out = phaen(&db, dir.path())
        .arg("import")
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("too large"), "{err}");
    assert_eq!(plan_count(&db, dir.path()), 0);
}
