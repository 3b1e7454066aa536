//! The Word writer on a small layout: the file opens as a zip of well-formed parts, the
//! importer's Word reader finds the headings, list items and tables (merged cells read as a
//! text export shows them), header rows are marked to repeat, landscape parts get landscape
//! sections, and the title and author are in the properties.

use std::io::Read;

use phaen_documents::layout::Block;
use phaen_documents::{Digits, docx};
use phaen_import::doc::Block as ReadBlock;

mod common;
use common::sample;

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_word_file_reads_back_with_its_headings_lists_and_tables() {
    let bytes = docx::write(&sample(), Digits::Arabic).unwrap();
    let read = phaen_import::source::read(&bytes).unwrap();
    let paras: Vec<(Option<u8>, String)> = read
        .doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            ReadBlock::Para(p) => Some((p.heading, p.text.clone())),
            ReadBlock::Table(_) => None,
        })
        .collect();
    assert!(
        paras.contains(&(Some(1), "ส่วนที่ 1 บทนำ".into())),
        "{paras:?}"
    );
    assert!(paras.contains(&(Some(2), "วัตถุประสงค์".into())), "{paras:?}");
    assert!(
        paras.iter().any(|(_, t)| t == "1. ข้อแรก") && paras.iter().any(|(_, t)| t == "2. ข้อสอง"),
        "numbered items: {paras:?}"
    );
    let tables: Vec<_> = read
        .doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            ReadBlock::Table(t) => Some(t),
            ReadBlock::Para(_) => None,
        })
        .collect();
    assert_eq!(tables.len(), 1);
    let rows: Vec<Vec<String>> = tables[0]
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text()).collect())
        .collect();
    assert_eq!(rows[0], ["ตัวชี้วัด", "ค่าเป้าหมาย", "", ""]);
    assert_eq!(rows[1], ["", "2568", "2569", "2570"]);
    assert_eq!(rows[2], ["กลยุทธ์ที่ 1", "", "", ""]);
    assert_eq!(rows[3], ["ร้อยละของสมาชิกที่พึงพอใจ", "80", "85", "90"]);
    assert_eq!(rows[4], ["", "1", "2", "3"]);
}

#[test]
fn header_rows_repeat_parts_keep_their_orientation_and_properties_are_set() {
    let bytes = docx::write(&sample(), Digits::Arabic).unwrap();
    let body = part(&bytes, "word/document.xml");
    assert_eq!(body.matches("<w:tblHeader/>").count(), 2, "two header rows");
    assert_eq!(body.matches(r#"w:orient="landscape""#).count(), 1);
    assert_eq!(
        body.matches("<w:sectPr>").count(),
        3,
        "cover, portrait, landscape"
    );
    assert!(body.contains(r#"<w:vMerge w:val="restart"/>"#) && body.contains("<w:vMerge/>"));
    assert!(body.contains(r#"<w:gridSpan w:val="3"/>"#));
    assert!(body.contains(r#" TOC \o "1-2""#));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>แผนกลยุทธ์ &amp; ทดสอบ &lt;2568&gt;</dc:title>"));
    assert!(core.contains("<dc:creator>สหกรณ์ทดสอบ จำกัด</dc:creator>"));
    let styles = part(&bytes, "word/styles.xml");
    assert!(
        styles.contains(r#"w:cs="TH Sarabun New""#) && styles.contains(r#"<w:szCs w:val="32"/>"#)
    );
    for name in [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footer1.xml",
    ] {
        let text = part(&bytes, name);
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
        }
    }
}

#[test]
fn a_table_whose_rows_do_not_add_up_is_refused_with_its_caption() {
    let mut doc = sample();
    if let Block::Table(t) = &mut doc.parts[1].blocks[0] {
        t.body[1].pop();
    }
    let err = docx::write(&doc, Digits::Arabic).unwrap_err().to_string();
    assert!(
        err.contains("ตารางที่ 1 ตัวชี้วัด") && err.contains("leaves columns empty"),
        "{err}"
    );
}

#[test]
fn an_empty_layout_is_still_a_file_word_opens() {
    use phaen_documents::layout::{Document, Orientation, Part, Table};
    let doc = Document {
        title: "ว่าง".into(),
        author: String::new(),
        cover: None,
        parts: vec![Part {
            orientation: Orientation::Portrait,
            blocks: vec![Block::Table(Table {
                caption: None,
                widths: vec![1],
                header: Vec::new(),
                body: Vec::new(),
            })],
        }],
    };
    let bytes = docx::write(&doc, Digits::Thai).unwrap();
    let body = part(&bytes, "word/document.xml");
    assert!(
        !body.contains("<w:tbl>"),
        "a table without rows is left out"
    );
    assert!(body.contains("<w:p/>") && body.contains("<w:sectPr>"));
    let none = Document {
        parts: Vec::new(),
        ..doc
    };
    let body = part(
        &docx::write(&none, Digits::Thai).unwrap(),
        "word/document.xml",
    );
    assert!(body.contains("<w:p/><w:sectPr>"), "{body}");
}
