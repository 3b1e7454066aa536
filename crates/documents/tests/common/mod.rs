//! What the documents tests share: a small layout with every kind of block, and the office
//! tools (LibreOffice, pdftotext) a test needs, which fail the test under CI when missing.

#![allow(dead_code)]

use phaen_documents::layout::{Block, Cell, Cover, Document, Orientation, Part, Shade, Table};

/// A layout with a cover, contents, headings, a paragraph with a line break, a numbered list
/// and, in a landscape part, a table with spans both ways and a band.
pub fn sample() -> Document {
    let table = Table {
        caption: Some("ตารางที่ 1 ตัวชี้วัด".into()),
        widths: vec![4, 1, 1, 1],
        header: vec![
            vec![
                Cell::head("ตัวชี้วัด").span(1, 2),
                Cell::head("ค่าเป้าหมาย").span(3, 1),
            ],
            vec![Cell::head("2568"), Cell::head("2569"), Cell::head("2570")],
        ],
        body: vec![
            vec![Cell::text("กลยุทธ์ที่ 1").span(4, 1).shaded(Shade::Band).bold()],
            vec![
                Cell::text("ร้อยละของสมาชิกที่พึงพอใจ").span(1, 2),
                Cell::number("80"),
                Cell::number("85"),
                Cell::number("90"),
            ],
            vec![Cell::number("1"), Cell::number("2"), Cell::number("3")],
        ],
    };
    Document {
        title: "แผนกลยุทธ์ & ทดสอบ <2568>".into(),
        author: "สหกรณ์ทดสอบ จำกัด".into(),
        cover: Some(Cover {
            lines: vec!["แผนกลยุทธ์".into(), "สหกรณ์ทดสอบ จำกัด".into()],
        }),
        parts: vec![
            Part {
                orientation: Orientation::Portrait,
                blocks: vec![
                    Block::Contents {
                        title: "สารบัญ".into(),
                    },
                    Block::Heading {
                        level: 1,
                        text: "ส่วนที่ 1 บทนำ".into(),
                    },
                    Block::Paragraph("ย่อหน้าแรก\nบรรทัดที่สอง".into()),
                    Block::List {
                        numbered: true,
                        items: vec!["ข้อแรก".into(), "ข้อสอง".into()],
                    },
                    Block::Heading {
                        level: 2,
                        text: "วัตถุประสงค์".into(),
                    },
                    Block::Figure {
                        svg: r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120" viewBox="0 0 400 120"><rect x="10" y="10" width="380" height="100" fill="#DDEBF7" stroke="#000"/><text x="200" y="70" font-size="24" text-anchor="middle" font-family="TH Sarabun New, Sarabun, sans-serif">แผนที่ยุทธศาสตร์</text></svg>"##.into(),
                        caption: "ภาพที่ 1 แผนที่ยุทธศาสตร์".into(),
                    },
                ],
            },
            Part {
                orientation: Orientation::Landscape,
                blocks: vec![Block::Table(table)],
            },
        ],
    }
}

/// Whether `tool` can be run. Missing under CI=true fails the test with what to install;
/// missing locally prints a note and the test returns early.
pub fn have(tool: &str, package: &str) -> bool {
    let found = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!(
                "{tool} is missing: CI must install it (apt-get install {package}); see .ci/run"
            );
        }
        eprintln!("note: {tool} not found (apt-get install {package}); this check was skipped");
    }
    found
}
