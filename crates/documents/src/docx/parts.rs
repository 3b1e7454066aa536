//! The fixed parts of the package around the body: content types, relationships, document
//! properties, styles (Normal, Title, Heading 1-3, TOC 1-2, Caption, table text), settings,
//! the font table and the footer with the page number.

use super::{BODY_SIZE, FONT, FONT_ALT, Media, esc};
use crate::Digits;
use crate::layout::Document;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

pub fn content_types(media: &[Media]) -> String {
    let mut s = format!(
        r#"{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
    );
    if media.iter().any(|m| m.file.ends_with(".png")) {
        s.push_str(r#"<Default Extension="png" ContentType="image/png"/>"#);
    }
    if media.iter().any(|m| m.file.ends_with(".svg")) {
        s.push_str(r#"<Default Extension="svg" ContentType="image/svg+xml"/>"#);
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", "document.main+xml"),
        ("/word/styles.xml", "styles+xml"),
        ("/word/numbering.xml", "numbering+xml"),
        ("/word/settings.xml", "settings+xml"),
        ("/word/fontTable.xml", "fontTable+xml"),
        ("/word/footer1.xml", "footer+xml"),
    ] {
        s.push_str(&format!(
            r#"<Override PartName="{part}" ContentType="{wml}.{kind}"/>"#
        ));
    }
    s.push_str(r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#);
    s
}

pub const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    r#"</Relationships>"#
);

/// The relationship id of the footer; images are numbered after the fixed parts.
pub const FOOTER_REL: &str = "rIdFooter";

pub fn document_rels(media: &[Media]) -> String {
    let mut s = format!(r#"{DECL}<Relationships xmlns="{PKG_REL}">"#);
    for (id, kind, target) in [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdFonts", "fontTable", "fontTable.xml"),
        (FOOTER_REL, "footer", "footer1.xml"),
    ] {
        s.push_str(&format!(
            r#"<Relationship Id="{id}" Type="{REL}/{kind}" Target="{target}"/>"#
        ));
    }
    for m in media {
        s.push_str(&format!(
            r#"<Relationship Id="{}" Type="{REL}/image" Target="media/{}"/>"#,
            m.rel_id, m.file
        ));
    }
    s.push_str("</Relationships>");
    s
}

/// Title and author, as the file's properties show them.
pub fn core(doc: &Document) -> String {
    format!(
        r#"{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>th-TH</dc:language></cp:coreProperties>"#,
        esc(&doc.title),
        esc(&doc.author)
    )
}

pub const APP: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Phaen</Application></Properties>"#
);

/// Word asks to update fields (the table of contents and its page numbers) on opening.
pub const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:updateFields w:val="true"/><w:defaultTabStop w:val="720"/>"#,
    r#"<w:themeFontLang w:val="en-US" w:bidi="th-TH"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"</w:settings>"#
);

pub fn font_table() -> String {
    format!(
        r#"{DECL}<w:fonts xmlns:w="{W_NS}"><w:font w:name="{FONT}"><w:altName w:val="{FONT_ALT}"/><w:charset w:val="DE"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>"#
    )
}

/// The page number, centred at the foot of every page after the cover. Its digits follow the
/// section's page-number format (`thaiNumbers` when Thai digits are chosen): Word prints ๑, ๒;
/// LibreOffice 7 ignores that format and prints 1, 2, and maps Word's Thai field switches
/// (`\* ThaiArabic`) to Thai letters (ก, ข), so no switch is written.
pub fn footer(digits: Digits) -> String {
    format!(
        r#"{DECL}<w:ftr xmlns:w="{W_NS}"><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:ftr>"#,
        digits.apply("1")
    )
}

/// Run properties for a size in half-points, for Latin and Thai (complex-script) text alike.
fn size(half_points: u32) -> String {
    format!(r#"<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>"#)
}

/// A paragraph style.
fn style(id: &str, name: &str, extra: &str, ppr: &str, rpr: &str) -> String {
    format!(
        r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>{extra}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
    )
}

pub fn styles() -> String {
    let fonts = format!(
        r#"<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>"#
    );
    let mut s = format!(
        r#"{DECL}<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}{}<w:lang w:val="th-TH" w:eastAsia="en-US" w:bidi="th-TH"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        size(BODY_SIZE)
    );
    s.push_str(&format!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr>{fonts}{}</w:rPr></w:style>"#,
        size(BODY_SIZE)
    ));
    let bold = "<w:b/><w:bCs/>";
    s.push_str(&style(
        "Title",
        "Title",
        "<w:qFormat/>",
        r#"<w:jc w:val="center"/><w:spacing w:after="240"/>"#,
        &format!("{bold}{}", size(48)),
    ));
    s.push_str(&style(
        "Subtitle",
        "Subtitle",
        "<w:qFormat/>",
        r#"<w:jc w:val="center"/><w:spacing w:after="120"/>"#,
        &format!("{bold}{}", size(36)),
    ));
    for (level, half_points, before) in [(1u8, 40, 240), (2, 36, 180), (3, 32, 120)] {
        s.push_str(&style(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            "<w:qFormat/>",
            &format!(
                r#"<w:keepNext/><w:spacing w:before="{before}" w:after="60"/>{}<w:outlineLvl w:val="{}"/>"#,
                if level == 1 {
                    r#"<w:jc w:val="center"/>"#
                } else {
                    ""
                },
                level - 1
            ),
            &format!("{bold}{}", size(half_points)),
        ));
    }
    s.push_str(&style(
        "TOCHeading",
        "TOC Heading",
        "",
        r#"<w:jc w:val="center"/><w:spacing w:after="120"/>"#,
        &format!("{bold}{}", size(40)),
    ));
    for (level, indent) in [(1u8, 0u32), (2, 440)] {
        s.push_str(&style(
            &format!("TOC{level}"),
            &format!("toc {level}"),
            "",
            &format!(
                r#"<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9060"/></w:tabs><w:ind w:left="{indent}"/>"#
            ),
            "",
        ));
    }
    s.push_str(&style(
        "Caption",
        "caption",
        "<w:qFormat/>",
        r#"<w:keepNext/><w:spacing w:before="120" w:after="60"/>"#,
        bold,
    ));
    s.push_str(&style(
        "ListParagraph",
        "List Paragraph",
        "<w:qFormat/>",
        r#"<w:ind w:left="720"/>"#,
        "",
    ));
    // Tables at 14 pt: wide official tables (a budget per year in landscape) fit their
    // figures on one line, as printed plans set them.
    s.push_str(&style(
        "TableText",
        "Table Text",
        "",
        "",
        &size(super::TABLE_SIZE),
    ));
    s.push_str(&style("Footer", "footer", "", "", ""));
    s.push_str(&style(
        "FigureImage",
        "Figure",
        "",
        r#"<w:keepNext/><w:jc w:val="center"/>"#,
        "",
    ));
    s.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    let border =
        |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    s.push_str(&format!(
        r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr></w:style>"#
    ));
    s.push_str("</w:styles>");
    s
}
