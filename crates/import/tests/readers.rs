//! The Word and Excel readers against the text reader: a .docx and an .xlsx built here from a
//! seed plan's text export must read back as the same paragraphs and cells; merged cells,
//! numbering and values read as a text export shows them; damaged and hostile files are
//! refused quickly, never with a panic.

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use phaen_import::Error;
use phaen_import::doc::{Block, Doc, Loc};
use phaen_import::source::{self, Kind};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use zip::write::SimpleFileOptions;

const SEED: &str = "000_f469c071dd49e751.txt";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// ---------------------------------------------------------------------------------------------
// Building files

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(*name, SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A minimal .docx: the given body XML, heading styles 1-6 (and one named in Thai), and an
/// optional numbering part.
fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"#;
    let doc_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"#;
    let mut styles = format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">"#);
    for level in 1..=6 {
        styles.push_str(&format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/></w:style>"#
        ));
    }
    styles.push_str(
        r#"<w:style w:type="paragraph" w:styleId="ThaiHead"><w:name w:val="หัวเรื่อง 2"/></w:style>"#,
    );
    styles.push_str(r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#);
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/_rels/document.xml.rels", doc_rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ];
    if let Some(n) = numbering {
        parts.push(("word/numbering.xml", n.as_bytes()));
    }
    zip_of(&parts)
}

fn para_xml(text: &str, style: Option<&str>) -> String {
    let ppr = style.map_or(String::new(), |s| {
        format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#)
    });
    format!(
        r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        esc(text)
    )
}

/// The body XML of a Word document holding the same paragraphs and tables as `doc`.
fn body_of(doc: &Doc) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Para(p) => {
                let style = p.heading.map(|h| format!("Heading{h}"));
                out.push_str(&para_xml(&p.text, style.as_deref()));
            }
            Block::Table(t) => {
                out.push_str("<w:tbl><w:tblPr/>");
                for row in &t.rows {
                    out.push_str("<w:tr>");
                    for cell in &row.cells {
                        out.push_str("<w:tc><w:tcPr/>");
                        if cell.lines.is_empty() {
                            out.push_str("<w:p/>");
                        }
                        for line in &cell.lines {
                            out.push_str(&para_xml(line, None));
                        }
                        out.push_str("</w:tc>");
                    }
                    out.push_str("</w:tr>");
                }
                // Word keeps a paragraph between two tables; an empty one reads as nothing.
                out.push_str("</w:tbl><w:p/>");
            }
        }
    }
    out
}

fn xlsx_of(doc: &Doc) -> Vec<u8> {
    let mut book = Workbook::new();
    for (i, table) in tables(doc).into_iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(format!("Table {}", i + 1)).unwrap();
        for (r, row) in table.iter().enumerate() {
            for (c, lines) in row.iter().enumerate() {
                if !lines.is_empty() {
                    sheet
                        .write_string(r as u32, c as u16, lines.join("\n"))
                        .unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Reading back

type Grid = Vec<Vec<Vec<String>>>;

/// Paragraphs as (text, heading level) and tables as grids of cell lines, Locs left out.
#[derive(Debug, PartialEq)]
enum Shape {
    P(String, Option<u8>),
    T(Grid),
}

fn shapes(doc: &Doc) -> Vec<Shape> {
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => Shape::P(p.text.clone(), p.heading),
            Block::Table(t) => Shape::T(grid(t)),
        })
        .collect()
}

fn grid(t: &phaen_import::doc::Table) -> Grid {
    t.rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.lines.clone()).collect())
        .collect()
}

fn tables(doc: &Doc) -> Vec<Grid> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(grid(t)),
            Block::Para(_) => None,
        })
        .collect()
}

/// A grid's non-empty cells by position relative to its first non-empty row and column: what
/// a spreadsheet holds of a table (it cannot tell trailing or surrounding empty cells).
fn filled(g: &Grid) -> Vec<(usize, usize, Vec<String>)> {
    let cells: Vec<_> = g
        .iter()
        .enumerate()
        .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, l)| (r, c, l.clone())))
        .filter(|(_, _, l)| !l.is_empty())
        .collect();
    let r0 = cells.iter().map(|c| c.0).min().unwrap_or(0);
    let c0 = cells.iter().map(|c| c.1).min().unwrap_or(0);
    cells
        .into_iter()
        .map(|(r, c, l)| (r - r0, c - c0, l))
        .collect()
}

fn read(bytes: &[u8]) -> source::Read {
    source::read(bytes).unwrap_or_else(|e| panic!("read: {e}"))
}

/// The seed's text export read by the text reader, or `None` without the corpus.
fn seed() -> Option<Doc> {
    let dir = phaen_testkit::corpus_dir()?;
    let text = std::fs::read_to_string(dir.join(SEED)).expect("read the seed");
    let (doc, _) = source::text::parse(&text);
    assert!(!tables(&doc).is_empty(), "the seed has tables");
    Some(doc)
}

fn is_thai(s: &str) -> bool {
    s.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
}

// ---------------------------------------------------------------------------------------------
// Round trips

#[test]
fn a_word_file_reads_as_the_same_paragraphs_and_cells_as_its_text_export() {
    let Some(expected) = seed() else { return };
    let read = read(&docx(&body_of(&expected), None));
    assert_eq!(read.kind, Kind::Docx);
    let (got, want) = (shapes(&read.doc), shapes(&expected));
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "block {i}");
    }
    // Thai text comes back exactly, not merely something.
    let thai = want
        .iter()
        .filter(|s| matches!(s, Shape::P(t, _) if is_thai(t)))
        .count();
    assert!(thai > 10, "the seed's paragraphs are Thai");
}

#[test]
fn an_excel_file_reads_as_the_same_cells_as_its_text_export() {
    let Some(expected) = seed() else { return };
    let read = read(&xlsx_of(&expected));
    assert_eq!(read.kind, Kind::Xlsx);
    let want = tables(&expected);
    let got = tables(&read.doc);
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(filled(g), filled(w), "table {}", i + 1);
        let width = g[0].len();
        assert!(
            g.iter().all(|r| r.len() == width),
            "rows of a sheet are equally wide"
        );
    }
    assert!(
        tables(&read.doc)
            .iter()
            .flatten()
            .flatten()
            .flatten()
            .any(|l| is_thai(l))
    );
}

/// A plan as JSON with its generated ids numbered in order of first use, so two imports of
/// the same content compare equal.
fn without_ids(plan: &phaen_domain::Plan) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value, ids: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.len() == 36 && s.matches('-').count() == 4 => {
                let n = ids.iter().position(|i| i == s).unwrap_or_else(|| {
                    ids.push(s.clone());
                    ids.len() - 1
                });
                *s = format!("id{n}");
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|v| walk(v, ids)),
            serde_json::Value::Object(o) => o.values_mut().for_each(|v| walk(v, ids)),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(plan).unwrap();
    walk(&mut json, &mut Vec::new());
    json
}

#[test]
fn a_word_file_imports_to_the_same_plan_as_its_text_export() {
    let Some(expected) = seed() else { return };
    let dir = phaen_testkit::corpus_dir().unwrap();
    let text = std::fs::read(dir.join(SEED)).unwrap();
    let from_text = phaen_import::read(&text, "plan.txt", None).expect("the text imports");
    let word = docx(&body_of(&expected), None);
    let from_word = phaen_import::read(&word, "plan.docx", None).expect("the Word file imports");
    assert_eq!(from_word.report.format, "docx");
    assert_eq!(without_ids(&from_word.plan), without_ids(&from_text.plan));
}

// ---------------------------------------------------------------------------------------------
// Word structure

fn cell(text: &str, props: &str) -> String {
    format!(
        "<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>",
        para_xml(text, None)
    )
}

#[test]
fn merged_word_cells_read_as_the_text_then_empty_cells() {
    let body = format!(
        "<w:tbl>\
           <w:tr>{}{}</w:tr>\
           <w:tr>{}{}{}</w:tr>\
           <w:tr>{}{}{}</w:tr>\
           <w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr>\
         </w:tbl>",
        cell("หัว", r#"<w:gridSpan w:val="2"/>"#),
        cell("ค", ""),
        cell("ก", r#"<w:vMerge w:val="restart"/>"#),
        cell("ข", ""),
        cell("ค", ""),
        cell("stale", "<w:vMerge/>"),
        cell("ง", ""),
        cell("จ", ""),
        cell("ฉ", ""),
        cell("ช", ""),
    );
    let read = read(&docx(&body, None));
    let got = tables(&read.doc);
    let s = |v: &[&str]| {
        v.iter()
            .map(|x| {
                if x.is_empty() {
                    vec![]
                } else {
                    vec![x.to_string()]
                }
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        got,
        vec![vec![
            s(&["หัว", "", "ค"]),
            s(&["ก", "ข", "ค"]),
            s(&["", "ง", "จ"]),
            s(&["", "ฉ", "ช"]),
        ]]
    );
    let Block::Table(t) = &read.doc.blocks[0] else {
        panic!()
    };
    assert_eq!(
        t.rows[2].cells[1].loc,
        Loc::Word {
            paragraph: None,
            table: Some(1),
            row: Some(3),
            column: Some(2)
        }
    );
}

#[test]
fn word_paragraphs_keep_headings_numbers_breaks_and_nested_tables() {
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}">
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>
        </w:numbering>"#
    );
    let numbered = |text: &str, num: u32, ilvl: u32| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let nested = format!(
        "<w:tbl><w:tr><w:tc>{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl></w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        para_xml("นอก", None),
        para_xml("ใน 1", None),
        para_xml("ใน 2", None),
        r#"<w:p><w:r><w:t>บรรทัด</w:t><w:br/><w:t>สอง</w:t></w:r></w:p>"#,
    );
    let body = [
        para_xml("บทนำ", Some("Heading1")),
        "<w:p/>".into(),
        para_xml("หัวข้อรอง", Some("ThaiHead")),
        numbered("หนึ่ง", 5, 0),
        numbered("ย่อย", 5, 1),
        numbered("ย่อยสอง", 5, 1),
        numbered("สอง", 5, 0),
        numbered("จุด", 6, 0),
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>ก</w:t><w:tab/><w:t>ข</w:t></w:r><w:del><w:r><w:delText>ลบ</w:delText></w:r></w:del></w:p>"#.into(),
        nested,
    ]
    .concat();
    let read = read(&docx(&body, Some(&numbering)));
    let got = shapes(&read.doc);
    let p = |t: &str, h: Option<u8>| Shape::P(t.into(), h);
    assert_eq!(
        got[..8],
        [
            p("บทนำ", Some(1)),
            p("หัวข้อรอง", Some(2)),
            p("1. หนึ่ง", None),
            p("1.1 ย่อย", None),
            p("1.2 ย่อยสอง", None),
            p("2. สอง", None),
            p("- จุด", None),
            p("ก ข", None),
        ]
    );
    let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got[8],
        Shape::T(vec![vec![
            lines(&["นอก", "ใน 1", "ใน 2"]),
            lines(&["บรรทัด", "สอง"])
        ]])
    );
    // Every body paragraph counts, the empty one too.
    let Block::Para(third) = &read.doc.blocks[1] else {
        panic!()
    };
    assert_eq!(
        third.loc,
        Loc::Word {
            paragraph: Some(3),
            table: None,
            row: None,
            column: None
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Excel values and merges

#[test]
fn excel_values_read_as_written_and_merged_regions_keep_one_value() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("KPI").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.merge_range(0, 0, 0, 2, "หัว", &Format::new()).unwrap();
    sheet.write_string(0, 1, "stale").unwrap();
    sheet.merge_range(1, 0, 2, 0, "ก", &Format::new()).unwrap();
    sheet.write_string(1, 1, "007").unwrap();
    sheet.write_string(1, 2, "1.50").unwrap();
    sheet.write_number(2, 1, 3.0).unwrap();
    sheet.write_number(2, 2, 0.1 + 0.2).unwrap();
    sheet.write_number(3, 0, 1234.5).unwrap();
    let day = ExcelDateTime::from_ymd(2024, 12, 18).unwrap();
    sheet.write_datetime_with_format(3, 1, &day, &date).unwrap();
    sheet.write_boolean(3, 2, true).unwrap();
    sheet.write_string(4, 0, "บรรทัด\nสอง").unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let read = read(&bytes);
    let text = |r: usize| -> Vec<String> {
        tables(&read.doc)[0][r]
            .iter()
            .map(|l| l.join("|"))
            .collect()
    };
    assert_eq!(text(0), ["หัว", "", ""]);
    assert_eq!(text(1), ["ก", "007", "1.50"]);
    assert_eq!(text(2), ["", "3", "0.3"]);
    assert_eq!(text(3), ["1234.5", "2024-12-18", "TRUE"]);
    assert_eq!(text(4), ["บรรทัด|สอง", "", ""]);
    let Block::Table(t) = &read.doc.blocks[0] else {
        panic!("the sheet's rows are one table")
    };
    assert_eq!(
        t.rows[3].cells[1].loc,
        Loc::Cell {
            sheet: "KPI".into(),
            cell: "B4".into()
        }
    );
}

/// An .xlsx made by rust_xlsxwriter with one part's text changed.
fn xlsx_with(part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut book = Workbook::new();
    book.add_worksheet().write_string(0, 0, "ก").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        if name == part {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        parts.push((name, data));
    }
    let parts: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_of(&parts)
}

#[test]
fn a_reversed_sheet_dimension_is_an_error_not_a_panic() {
    // calamine 0.38 subtracts 'B2:A1' with overflow; the reader contains it.
    let bytes = xlsx_with("xl/worksheets/sheet1.xml", |xml| {
        assert!(xml.contains(r#"<dimension ref="A1"/>"#), "{xml}");
        xml.replace(r#"<dimension ref="A1"/>"#, r#"<dimension ref="B2:A1"/>"#)
    });
    let err = source::read(&bytes).expect_err("refused");
    assert!(
        matches!(err, Error::Corrupt { format: "xlsx", .. }),
        "{err}"
    );
}

#[test]
fn a_sheet_wider_than_the_limit_is_refused() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "a").unwrap();
    sheet.write_string(0, 300, "b").unwrap();
    let err = source::read(&book.save_to_buffer().unwrap()).expect_err("refused");
    assert!(err.to_string().contains("200 columns"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Damaged and hostile files

#[test]
fn truncated_word_and_excel_files_are_errors_not_panics() {
    let word = docx(&para_xml("บทนำ", None), None);
    let mut book = Workbook::new();
    book.add_worksheet().write_string(0, 0, "ก").unwrap();
    let excel = book.save_to_buffer().unwrap();
    for bytes in [word, excel] {
        assert!(source::read(&bytes).is_ok());
        assert!(source::read(&bytes[..bytes.len() / 2]).is_err());
        for cut in (1..16).map(|i| bytes.len() * i / 16) {
            assert!(source::read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}

fn zeros_docx(size: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    let block = vec![0u8; 1024 * 1024];
    let mut left = size;
    while left > 0 {
        let n = left.min(block.len());
        w.write_all(&block[..n]).unwrap();
        left -= n;
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let bomb = zeros_docx(100 * 1024 * 1024);
    assert!(bomb.len() < 1024 * 1024, "100 MB of zeros packs small");
    let start = Instant::now();
    let err = source::read(&bomb).expect_err("refused");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(
        matches!(err, Error::Corrupt { format: "docx", .. }),
        "{err}"
    );
    assert!(err.to_string().contains("word/document.xml"), "{err}");
}

#[test]
fn a_zip_bomb_whose_header_lies_is_stopped_at_the_declared_size() {
    let mut bomb = zeros_docx(20 * 1024 * 1024);
    // Declare 100 kB in the local and the central header: under every limit.
    for (sig, at) in [(&b"PK\x03\x04"[..], 22), (&b"PK\x01\x02"[..], 24)] {
        let p = bomb.windows(4).position(|w| w == sig).unwrap();
        bomb[p + at..p + at + 4].copy_from_slice(&100_000u32.to_le_bytes());
    }
    let start = Instant::now();
    let err = source::read(&bomb).expect_err("refused");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
}

const LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"#;

#[test]
fn entity_expansion_is_refused_in_word_and_excel_files() {
    let document = format!(
        r#"{LAUGHS}<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let word = zip_of(&[("word/document.xml", document.as_bytes())]);
    let excel = xlsx_with("xl/sharedStrings.xml", |xml| {
        let body = xml.split_once("?>").map_or(xml.as_str(), |(_, b)| b);
        format!("{LAUGHS}{}", body.replace(">ก<", ">&lol9;<"))
    });
    for bytes in [word, excel] {
        let start = Instant::now();
        let err = source::read(&bytes).expect_err("refused");
        assert!(start.elapsed() < Duration::from_secs(1));
        assert!(err.to_string().contains("DTD"), "{err}");
    }
}

#[test]
fn a_zip_that_is_neither_word_nor_excel_is_not_a_document() {
    let bytes = zip_of(&[("readme.txt", b"hello"), ("data/x.csv", b"1,2")]);
    assert!(matches!(source::read(&bytes), Err(Error::NotADocument(_))));
}

/// A workbook laid out as the document: one sheet, paragraphs as text in column A, tables as
/// rows, an empty row between blocks (as people lay plans out in Excel).
fn workbook_of(doc: &Doc) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut r = 0u32;
    for block in &doc.blocks {
        match block {
            Block::Para(p) => {
                sheet.write_string(r, 0, p.text.as_str()).unwrap();
                r += 1;
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for (c, cell) in row.cells.iter().enumerate() {
                        if !cell.lines.is_empty() {
                            sheet
                                .write_string(r, c as u16, cell.lines.join("\n"))
                                .unwrap();
                        }
                    }
                    r += 1;
                }
            }
        }
        r += 1;
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn every_seed_imports_to_the_same_plan_from_text_word_and_excel() {
    let Some(dir) = phaen_testkit::corpus_dir() else {
        return;
    };
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 4);
    for path in seeds {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let from_text = phaen_import::read(&bytes, &name, None).expect("the text imports");
        let (doc, _) = source::text::parse(std::str::from_utf8(&bytes).unwrap());
        let word = docx(&body_of(&doc), None);
        let from_word = phaen_import::read(&word, "plan.docx", None)
            .unwrap_or_else(|e| panic!("{name} as Word: {e}"));
        assert_eq!(
            without_ids(&from_word.plan),
            without_ids(&from_text.plan),
            "{name}: Word gives the same plan"
        );
        let excel = workbook_of(&doc);
        let from_excel = phaen_import::read(&excel, "plan.xlsx", None)
            .unwrap_or_else(|e| panic!("{name} as Excel: {e}"));
        assert_eq!(from_excel.report.format, "xlsx");
        assert_eq!(
            without_ids(&from_excel.plan),
            without_ids(&from_text.plan),
            "{name}: Excel gives the same plan"
        );
    }
}

#[test]
fn title_lines_above_a_sheets_table_read_as_paragraphs() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "ตารางแผนงาน").unwrap();
    sheet
        .write_string(1, 0, "ข้อมูล ณ วันที่ 1 มกราคม 2568")
        .unwrap();
    sheet.write_string(3, 0, "ที่").unwrap();
    sheet.write_string(3, 1, "โครงการ").unwrap();
    sheet.write_string(4, 0, "กลุ่มที่ 1").unwrap();
    sheet.write_string(5, 0, "1").unwrap();
    sheet.write_string(5, 1, "โครงการทดสอบ").unwrap();
    let read = read(&book.save_to_buffer().unwrap());
    let shapes = shapes(&read.doc);
    assert_eq!(shapes.len(), 3, "{shapes:?}");
    assert!(matches!(&shapes[0], Shape::P(t, None) if t == "ตารางแผนงาน"));
    assert!(matches!(&shapes[1], Shape::P(..)));
    let Shape::T(g) = &shapes[2] else {
        panic!("a table")
    };
    assert_eq!(
        g.len(),
        3,
        "a one-cell row inside a table stays a table row"
    );
}

#[test]
fn a_seed_saved_as_tis620_or_utf16_imports_to_the_same_plan_and_says_how_it_was_read() {
    let Some(path) = phaen_testkit::seed_file("002") else {
        return;
    };
    let utf8 = std::fs::read_to_string(&path).unwrap();
    let from_utf8 = phaen_import::read(utf8.as_bytes(), "utf8.txt", None).unwrap();
    let (tis, _, unmappable) = encoding_rs::WINDOWS_874.encode(&utf8);
    assert!(!unmappable, "seed 002 fits the Thai code page");
    let from_tis = phaen_import::read(&tis, "tis.txt", None).unwrap();
    assert_eq!(from_tis.report.encoding, "windows-874");
    assert_eq!(without_ids(&from_tis.plan), without_ids(&from_utf8.plan));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(utf8.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let from_utf16 = phaen_import::read(&utf16, "utf16.txt", None).unwrap();
    assert_eq!(from_utf16.report.encoding, "utf-16le");
    assert_eq!(without_ids(&from_utf16.plan), without_ids(&from_utf8.plan));
}
