//! word/document.xml: the cover, then each part as a section of its own (portrait or
//! landscape, page numbers in the footer, numbering from 1 after the cover), and the blocks in
//! it as paragraphs with Phaen's styles, lists, tables, the table of contents and figures.

use super::parts::{FOOTER_REL, R_NS, W_NS};
use super::{Media, esc, figure, table};
use crate::Digits;
use crate::error::{Error, Result};
use crate::layout::{Block, Document, Orientation};

/// Page size and margins in twentieths of a point (twips): A4, with the margins of Thai
/// official letters (3 cm at the binding side, 2.5 cm at the top, 2 cm elsewhere).
pub const A4_SHORT: u32 = 11906;
pub const A4_LONG: u32 = 16838;
const MARGIN_BINDING: u32 = 1701;
const MARGIN_TOP: u32 = 1418;
const MARGIN: u32 = 1134;

/// The width text may take on a page of this orientation.
pub fn text_width(o: Orientation) -> u32 {
    match o {
        Orientation::Portrait => A4_SHORT - MARGIN_BINDING - MARGIN,
        Orientation::Landscape => A4_LONG - MARGIN_BINDING - MARGIN,
    }
}

/// Checks every table of the layout before anything is written.
pub fn check(doc: &Document) -> Result<()> {
    for (p, part) in doc.parts.iter().enumerate() {
        for block in &part.blocks {
            if let Block::Table(t) = block {
                t.check().map_err(|why| {
                    let name = t.caption.as_deref().unwrap_or("(no caption)");
                    Error::Layout(format!("part {}, table '{name}': {why}", p + 1))
                })?;
            }
        }
    }
    Ok(())
}

/// The body being written, and what it needs the package to hold.
pub struct Body {
    pub xml: String,
    pub media: Vec<Media>,
    /// How many numbered lists there are; each restarts at 1.
    numbered_lists: u32,
}

impl Body {
    pub fn write(doc: &Document, digits: Digits) -> Result<Body> {
        let mut b = Body {
            xml: String::with_capacity(64 * 1024),
            media: Vec::new(),
            numbered_lists: 0,
        };
        b.xml.push_str(&format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>"#
        ));
        let contents = contents_entries(doc);
        let mut sections: Vec<String> = Vec::new();
        if let Some(cover) = &doc.cover {
            for (i, line) in cover.lines.iter().enumerate() {
                let style = match i {
                    0 => "Title",
                    1 => "Subtitle",
                    _ => "Subtitle",
                };
                b.para(Some(style), None, line, false);
            }
            sections.push(sect_pr(Orientation::Portrait, false, false, true, digits));
        }
        for (i, part) in doc.parts.iter().enumerate() {
            if !sections.is_empty() {
                // Close the previous section: its properties ride on a paragraph of its own.
                let prev = sections.pop().unwrap_or_default();
                b.xml.push_str(&format!("<w:p><w:pPr>{prev}</w:pPr></w:p>"));
            }
            let mut last_was_table = false;
            for block in &part.blocks {
                last_was_table = matches!(block, Block::Table(_));
                b.block(block, part.orientation, &contents)?;
            }
            if last_was_table && i + 1 == doc.parts.len() {
                b.xml.push_str("<w:p/>");
            }
            sections.push(sect_pr(part.orientation, true, i == 0, false, digits));
        }
        if doc.cover.is_none() && doc.parts.iter().all(|p| p.blocks.is_empty()) {
            b.xml.push_str("<w:p/>");
        }
        b.xml.push_str(
            &sections
                .pop()
                .unwrap_or_else(|| sect_pr(Orientation::Portrait, true, true, false, digits)),
        );
        b.xml.push_str("</w:body></w:document>");
        Ok(b)
    }

    fn block(&mut self, block: &Block, o: Orientation, contents: &[(u8, String)]) -> Result<()> {
        match block {
            Block::Contents { title } => {
                self.para(Some("TOCHeading"), None, title, false);
                self.toc(contents);
            }
            Block::Heading { level, text } => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                self.para(Some(&style), None, text, false);
            }
            Block::Paragraph(text) => self.para(None, None, text, false),
            Block::List { numbered, items } => {
                let num = if *numbered {
                    self.numbered_lists += 1;
                    self.numbered_lists + 1
                } else {
                    1
                };
                for item in items {
                    let ppr = format!(
                        r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>"#
                    );
                    self.para(Some("ListParagraph"), Some(&ppr), item, false);
                }
            }
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    self.para(Some("Caption"), None, c, false);
                }
                // Word refuses a table without rows; a layout's empty table is left out.
                if !(t.header.is_empty() && t.body.is_empty()) {
                    self.xml.push_str(&table::write(t, text_width(o)));
                }
            }
            Block::Figure { svg, caption } => {
                let n = self.media.len() / 2 + 1; // two media (PNG and SVG) per figure
                let (drawing, media) = figure::inline(svg, caption, n, text_width(o))?;
                self.media.extend(media);
                self.xml.push_str(&format!(
                    r#"<w:p><w:pPr><w:pStyle w:val="FigureImage"/></w:pPr><w:r>{drawing}</w:r></w:p>"#
                ));
                self.para(
                    Some("Caption"),
                    Some(r#"<w:jc w:val="center"/>"#),
                    caption,
                    false,
                );
            }
            Block::PageBreak => self
                .xml
                .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#),
        }
        Ok(())
    }

    /// A paragraph of one style; line breaks in `text` become breaks within it.
    fn para(&mut self, style: Option<&str>, ppr: Option<&str>, text: &str, bold: bool) {
        self.xml.push_str("<w:p>");
        if style.is_some() || ppr.is_some() {
            self.xml.push_str("<w:pPr>");
            if let Some(s) = style {
                self.xml.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
            }
            self.xml.push_str(ppr.unwrap_or_default());
            self.xml.push_str("</w:pPr>");
        }
        self.xml.push_str(&runs(text, bold));
        self.xml.push_str("</w:p>");
    }

    /// The TOC field over headings 1-2, with the entries already in it so the file reads
    /// right before any program updates the field (Word does on opening: `updateFields`).
    fn toc(&mut self, entries: &[(u8, String)]) {
        let begin = r#"<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#;
        let end = r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
        if entries.is_empty() {
            self.xml.push_str(&format!("<w:p>{begin}{end}</w:p>"));
            return;
        }
        let last = entries.len() - 1;
        for (i, (level, text)) in entries.iter().enumerate() {
            self.xml.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="TOC{level}"/></w:pPr>{}{}{}</w:p>"#,
                if i == 0 { begin } else { "" },
                runs(text, false),
                if i == last { end } else { "" },
            ));
        }
    }

    /// word/numbering.xml: bullets (list 1) and a decimal list restarting at 1 for each
    /// numbered list of the layout.
    pub fn numbering(&self) -> String {
        let level = |fmt: &str, text: &str| {
            format!(
                r#"<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>"#
            )
        };
        let mut s = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>{}</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            level("bullet", "•"),
            level("decimal", "%1.")
        );
        for n in 0..self.numbered_lists {
            s.push_str(&format!(
                r#"<w:num w:numId="{}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
                n + 2
            ));
        }
        s.push_str("</w:numbering>");
        s
    }
}

/// The runs of a text: lines joined by breaks, spaces kept.
pub fn runs(text: &str, bold: bool) -> String {
    runs_with(
        text,
        if bold {
            "<w:rPr><w:b/><w:bCs/></w:rPr>"
        } else {
            ""
        },
    )
}

/// The same at a size other than the style's (half-points).
pub fn runs_sized(text: &str, bold: bool, size: u32) -> String {
    let b = if bold { "<w:b/><w:bCs/>" } else { "" };
    runs_with(
        text,
        &format!(r#"<w:rPr>{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>"#),
    )
}

fn runs_with(text: &str, rpr: &str) -> String {
    let mut s = String::new();
    for (i, line) in text.split('\n').enumerate() {
        s.push_str("<w:r>");
        s.push_str(rpr);
        if i > 0 {
            s.push_str("<w:br/>");
        }
        s.push_str(&format!(
            r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
            esc(line)
        ));
    }
    s
}

/// The headings of level 1 and 2, in order, for the table of contents.
fn contents_entries(doc: &Document) -> Vec<(u8, String)> {
    doc.parts
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| match b {
            Block::Heading { level, text } if *level <= 2 => Some(((*level).max(1), text.clone())),
            _ => None,
        })
        .collect()
}

/// A section's properties: page size and orientation, margins, the footer with the page
/// number (in Thai digits when chosen), numbering restarted at 1 for the first part, the cover
/// centred on its page.
fn sect_pr(o: Orientation, footer: bool, restart: bool, centred: bool, digits: Digits) -> String {
    let (w, h, orient) = match o {
        Orientation::Portrait => (A4_SHORT, A4_LONG, ""),
        Orientation::Landscape => (A4_LONG, A4_SHORT, r#" w:orient="landscape""#),
    };
    format!(
        r#"<w:sectPr>{}<w:type w:val="nextPage"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN_BINDING}" w:header="709" w:footer="567" w:gutter="0"/>{}{}</w:sectPr>"#,
        if footer {
            format!(r#"<w:footerReference w:type="default" r:id="{FOOTER_REL}"/>"#)
        } else {
            String::new()
        },
        match (restart, digits) {
            (true, Digits::Thai) => r#"<w:pgNumType w:fmt="thaiNumbers" w:start="1"/>"#,
            (false, Digits::Thai) => r#"<w:pgNumType w:fmt="thaiNumbers"/>"#,
            (true, Digits::Arabic) => r#"<w:pgNumType w:start="1"/>"#,
            (false, Digits::Arabic) => "",
        },
        if centred {
            r#"<w:vAlign w:val="center"/>"#
        } else {
            ""
        },
    )
}
