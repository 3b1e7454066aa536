//! Checked as a person would check it: the Word file converted to PDF by LibreOffice
//! (headless), and the PDF's text (pdftotext) holds the layout's words: cover, contents,
//! headings, list items, every table cell, the figure's own text; the landscape part is a
//! landscape page.

use std::process::Command;

use phaen_documents::layout::{Block, Document};
use phaen_documents::{Digits, docx};

mod common;
use common::{have, sample};

/// What LibreOffice printed: the whole text, each page's size in points, and the text in the
/// bottom margin of each page (where the page number is).
pub struct Printed {
    pub text: String,
    pub sizes: Vec<(f64, f64)>,
    pub feet: Vec<String>,
    /// How many pictures the PDF holds (pdfimages -list).
    pub images: usize,
}

/// The DOCX converted by LibreOffice and read back with pdftotext and pdfinfo.
pub fn through_libreoffice(doc: &Document, digits: Digits) -> Option<Printed> {
    if !have("soffice", "libreoffice-writer-nogui") || !have("pdftotext", "poppler-utils") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.docx");
    std::fs::write(&path, docx::write(doc, digits).unwrap()).unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("soffice runs");
    let pdf = dir.path().join("plan.pdf");
    assert!(
        pdf.exists(),
        "LibreOffice made no PDF: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if let Ok(keep) = std::env::var("PHAEN_KEEP_PDF") {
        std::fs::copy(&pdf, keep).unwrap();
    }
    // -raw: in the order LibreOffice drew the text, so a table cell's wrapped lines stay
    // together instead of interleaving with the cells beside them.
    let text = Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let info = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    let sizes: Vec<(f64, f64)> = String::from_utf8_lossy(&info.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .filter_map(|l| {
            let nums: Vec<f64> = l
                .split_once("size:")?
                .1
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            Some((*nums.first()?, *nums.get(1)?))
        })
        .collect();
    let feet = sizes
        .iter()
        .enumerate()
        .map(|(i, (w, h))| {
            let page = (i + 1).to_string();
            let out = Command::new("pdftotext")
                .args(["-f", &page, "-l", &page, "-x", "0", "-y"])
                .arg(format!("{}", (h * 0.9) as u32))
                .arg("-W")
                .arg(format!("{}", *w as u32))
                .arg("-H")
                .arg(format!("{}", (h * 0.1) as u32))
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        })
        .collect();
    if let Ok(keep) = std::env::var("PHAEN_KEEP_DOCX") {
        std::fs::copy(&path, keep).unwrap();
    }
    let list = Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect("pdfimages runs");
    let images = String::from_utf8_lossy(&list.stdout)
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count();
    Some(Printed {
        text: String::from_utf8_lossy(&text.stdout).into_owned(),
        sizes,
        feet,
        images,
    })
}

/// Every word a layout says outside its tables, as `squash` leaves it.
pub fn words_of(doc: &Document) -> Vec<String> {
    texts_of(doc, false)
}

/// The text of every table cell, as `squash` leaves it.
pub fn cells_of(doc: &Document) -> Vec<String> {
    texts_of(doc, true)
}

/// Whether `cell` is printed near one place of `flat`: its characters in order within a
/// stretch of sixteen times its length and 400 characters. A cell that wraps onto several
/// lines is drawn line by line across the row, so the lines of the cells beside it fall
/// between its own.
pub fn printed_nearby(flat: &str, cell: &str) -> bool {
    let hay: Vec<char> = flat.chars().collect();
    let needle: Vec<char> = cell.chars().collect();
    let Some(&first) = needle.first() else {
        return true;
    };
    // A wrapped cell's lines are printed between the lines of every other cell of its row:
    // a roadmap row has sixteen columns, most of them wrapping.
    let window = needle.len() * 16 + 400;
    (0..hay.len()).filter(|&i| hay[i] == first).any(|start| {
        let mut k = 0;
        for &c in hay[start..hay.len().min(start + window)].iter() {
            if k < needle.len() && c == needle[k] {
                k += 1;
            }
        }
        k == needle.len()
    })
}

fn texts_of(doc: &Document, tables: bool) -> Vec<String> {
    let mut out: Vec<String> = if tables {
        Vec::new()
    } else {
        doc.cover.iter().flat_map(|c| c.lines.clone()).collect()
    };
    for block in doc.parts.iter().flat_map(|p| &p.blocks) {
        match block {
            Block::Table(t) if tables => {
                for row in t.header.iter().chain(&t.body) {
                    for cell in row {
                        out.push(cell.lines.join(""));
                    }
                }
            }
            _ if tables => {}
            Block::Contents { title } => out.push(title.clone()),
            Block::Heading { text, .. } | Block::Paragraph(text) => {
                out.extend(text.split('\n').map(str::to_string))
            }
            Block::List { items, .. } => out.extend(items.clone()),
            Block::Table(t) => out.extend(t.caption.clone()),
            Block::Figure { caption, .. } => out.push(caption.clone()),
            Block::PageBreak => {}
        }
    }
    out.into_iter()
        .map(|w| squash(&w))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Text without spaces and without Thai marks written above or below a consonant: pdftotext
/// spaces Thai as it likes and orders those marks by where they are drawn, so 'ชี้ว' comes out
/// as 'ชีว ้'. The consonants, the vowels written on the line and the digits must still be
/// there in order.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .filter(|c| !matches!(*c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'))
        .collect()
}

#[test]
fn libreoffice_prints_every_word_of_the_word_file() {
    let doc = sample();
    let Some(Printed {
        text,
        sizes,
        images,
        ..
    }) = through_libreoffice(&doc, Digits::Arabic)
    else {
        return;
    };
    let flat = squash(&text);
    for w in words_of(&doc) {
        assert!(flat.contains(&w), "the PDF lacks '{w}':\n{text}");
    }
    for c in cells_of(&doc) {
        assert!(
            printed_nearby(&flat, &c),
            "the PDF lacks the cell '{c}':\n{text}"
        );
    }
    // The figure is printed as a picture (LibreOffice 7 prints the PNG Word files carry).
    assert_eq!(images, 1, "one picture in the PDF");
    assert!(
        sizes.len() >= 3,
        "cover, portrait and landscape pages: {sizes:?}"
    );
    let (w, h) = sizes[0];
    assert!(
        (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0,
        "A4 portrait: {sizes:?}"
    );
    let (w, h) = *sizes.last().unwrap();
    assert!(w > h, "the table's part is landscape: {sizes:?}");
}

#[test]
fn pages_are_numbered_in_the_footer_from_the_first_part() {
    let doc = sample();
    for digits in [Digits::Arabic, Digits::Thai] {
        let Some(printed) = through_libreoffice(&doc, digits) else {
            return;
        };
        // The cover has no number; the two parts are pages 1 and 2. (With Thai digits chosen
        // the file asks for thaiNumbers, which Word honours and LibreOffice 7 prints as 1, 2.)
        let feet = &printed.feet;
        assert_eq!(feet.len(), 3, "{digits:?}: {}", printed.text);
        assert_eq!(feet[0], "", "the cover has no number");
        for (n, foot) in feet.iter().enumerate().skip(1) {
            let n = n.to_string();
            assert!(
                *foot == n || *foot == digits.apply(&n),
                "{digits:?}: page {n}'s foot is '{foot}'"
            );
        }
    }
    let body = docx::write(&doc, Digits::Thai).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(body)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert_eq!(xml.matches(r#"w:fmt="thaiNumbers""#).count(), 3);
}

#[test]
fn the_word_files_of_the_demo_plans_print_every_word_of_their_layouts() {
    use phaen_documents::layout::{Options, plan_document};
    let demo = phaen_synth::demo(7);
    let mut kinds = Vec::new();
    for plan in &demo.plans {
        // One plan of each kind is enough for LibreOffice's time.
        if kinds.contains(&plan.kind) {
            continue;
        }
        kinds.push(plan.kind);
        for digits in [Digits::Thai, Digits::Arabic] {
            let doc = plan_document(plan, &Options::new(digits));
            let Some(printed) = through_libreoffice(&doc, digits) else {
                return;
            };
            let flat = squash(&printed.text);
            for w in words_of(&doc) {
                assert!(flat.contains(&w), "{}: the PDF lacks '{w}'", plan.title);
            }
            for c in cells_of(&doc) {
                assert!(
                    printed_nearby(&flat, &c),
                    "{}: the PDF lacks the cell '{c}'",
                    plan.title
                );
            }
            let landscape = doc
                .parts
                .iter()
                .any(|p| p.orientation == phaen_documents::layout::Orientation::Landscape);
            assert_eq!(
                printed.sizes.iter().any(|(w, h)| w > h),
                landscape,
                "{}: landscape pages for landscape parts",
                plan.title
            );
        }
    }
}
