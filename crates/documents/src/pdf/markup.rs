//! The document model written as Typst source. Every text of the document goes in as a Typst
//! string literal (`#"..."`), never as markup, so no character a user typed (`*`, `#`, `$`,
//! `]`, `\`) can change the layout; figures go in as files beside the source.

use std::fmt::Write;

use crate::layout::{Align, Block, Cell, Digits, Document, Orientation, Shade, Table};

/// The Typst source of `doc` and the files it refers to (figures), by name.
pub struct Markup {
    pub source: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Body text size; government documents use 16 pt.
const BODY_PT: u32 = 16;

/// A Typst string literal holding `text` exactly (control characters dropped, tabs as spaces).
pub fn lit(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text inserted into markup: `#"..."`, followed by a zero-width separator so that following
/// markup is never read as part of the expression.
fn text(t: &str) -> String {
    format!("#{}", lit(t))
}

const PREAMBLE: &str = r#"#let phaen-digits(thai, n) = {
  let s = str(n)
  if thai {
    for (a, t) in (("0", "๐"), ("1", "๑"), ("2", "๒"), ("3", "๓"), ("4", "๔"), ("5", "๕"), ("6", "๖"), ("7", "๗"), ("8", "๘"), ("9", "๙")) {
      s = s.replace(a, t)
    }
  }
  s
}
"#;

pub fn write(doc: &Document, digits: Digits) -> Markup {
    let mut s = String::from(PREAMBLE);
    let thai = matches!(digits, Digits::Thai);
    let _ = writeln!(
        s,
        "#set document(title: {}, author: {})",
        lit(&doc.title),
        lit(&doc.author)
    );
    let _ = writeln!(
        s,
        "#set text(font: \"Sarabun\", size: {BODY_PT}pt, lang: \"th\", fallback: false)\n\
         #set par(justify: false, leading: 0.5em, spacing: 0.8em)\n\
         #set page(paper: \"a4\", margin: (left: 3cm, right: 2cm, top: 2.5cm, bottom: 2cm), numbering: (..n) => phaen-digits({thai}, n.pos().first()))\n\
         #set heading(numbering: none)\n\
         #show heading.where(level: 1): it => {{ pagebreak(weak: true); align(center, text(size: 20pt, weight: \"bold\", it.body)); v(0.4em) }}\n\
         #show heading.where(level: 2): set text(size: 18pt, weight: \"bold\")\n\
         #show heading.where(level: 3): set text(size: {BODY_PT}pt, weight: \"bold\")\n\
         #show outline.entry.where(level: 1): set text(weight: \"bold\")\n\
         #set table(stroke: 0.5pt + black, inset: (x: 4pt, y: 3pt))",
    );
    let mut files = Vec::new();
    if let Some(cover) = &doc.cover {
        s.push_str("#page(numbering: none)[#align(center + horizon)[\n");
        for (i, line) in cover.lines.iter().enumerate() {
            let size = if i == 0 { 26 } else { 20 };
            let _ = writeln!(
                s,
                "#text(size: {size}pt, weight: \"bold\", {})\n",
                lit(line)
            );
        }
        s.push_str("]]\n#counter(page).update(1)\n");
    }
    for part in &doc.parts {
        let flipped = part.orientation == Orientation::Landscape;
        let _ = writeln!(s, "#set page(flipped: {flipped})");
        // A set rule starts a new page only when the orientation changes; a part always does.
        s.push_str("#pagebreak(weak: true)\n");
        for block in &part.blocks {
            write_block(&mut s, block, flipped, &mut files);
        }
    }
    Markup { source: s, files }
}

fn write_block(s: &mut String, block: &Block, landscape: bool, files: &mut Vec<(String, Vec<u8>)>) {
    match block {
        Block::Contents { title } => {
            let _ = writeln!(
                s,
                "#outline(title: text(size: 20pt, {}), depth: 2, indent: 1.5em)\n",
                lit(title)
            );
        }
        Block::Heading { level, text: t } => {
            let level = (*level).clamp(1, 6);
            let _ = writeln!(
                s,
                "#heading(level: {level}, outlined: {}, {})\n",
                level <= 2,
                lit(t)
            );
        }
        Block::Paragraph(t) => {
            let _ = writeln!(s, "{}\n", text(t));
        }
        Block::List { numbered, items } => {
            let f = if *numbered { "enum" } else { "list" };
            let _ = write!(s, "#{f}(");
            for item in items {
                let _ = write!(s, "{}, ", lit(item));
            }
            s.push_str(")\n\n");
        }
        Block::Table(t) => write_table(s, t, landscape),
        Block::Figure { svg, caption } => {
            let name = format!("figure-{}.svg", files.len() + 1);
            files.push((name.clone(), svg.as_bytes().to_vec()));
            let _ = writeln!(
                s,
                "#figure(image({}, width: 100%, height: 80%, fit: \"contain\"), caption: {}, numbering: none)\n",
                lit(&name),
                lit(caption)
            );
        }
        Block::PageBreak => s.push_str("#pagebreak(weak: true)\n"),
    }
}

/// Table text shrinks with the number of columns so that wide tables stay readable.
fn table_size(columns: usize, landscape: bool) -> u32 {
    match (columns, landscape) {
        (0..=4, _) => 15,
        (5..=8, true) => 14,
        (5..=8, false) => 13,
        (_, true) => 12,
        (_, false) => 11,
    }
}

fn write_table(s: &mut String, t: &Table, landscape: bool) {
    if let Some(c) = &t.caption {
        let _ = writeln!(s, "#strong({})\n", lit(c));
    }
    let size = table_size(t.widths.len(), landscape);
    let columns: Vec<String> = t
        .widths
        .iter()
        .map(|w| format!("{}fr", w.max(&1)))
        .collect();
    let _ = writeln!(
        s,
        "#block(width: 100%)[#set text(size: {size}pt)\n#table(columns: ({},),",
        columns.join(", ")
    );
    if !t.header.is_empty() {
        s.push_str("table.header(repeat: true,\n");
        for row in &t.header {
            for cell in row {
                write_cell(s, cell);
            }
        }
        s.push_str("),\n");
    }
    for row in &t.body {
        for cell in row {
            write_cell(s, cell);
        }
    }
    s.push_str(")]\n\n");
}

fn write_cell(s: &mut String, cell: &Cell) {
    let align = match cell.align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    };
    let fill = match cell.shade {
        Shade::None => "none",
        Shade::Header => "luma(225)",
        Shade::Band => "luma(200)",
    };
    let _ = write!(
        s,
        "table.cell(colspan: {}, rowspan: {}, align: {align} + top, fill: {fill})[",
        cell.colspan.max(1),
        cell.rowspan.max(1)
    );
    for (i, line) in cell.lines.iter().enumerate() {
        if i > 0 {
            s.push_str(" \\ ");
        }
        if cell.bold {
            let _ = write!(s, "#strong({})", lit(line));
        } else {
            s.push_str(&text(line));
        }
    }
    s.push_str("],\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_a_string_literal() {
        assert_eq!(lit(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(lit("*#$]["), "\"*#$][\"");
        assert_eq!(lit("x\u{7}y\tz"), "\"xy z\"");
    }
}
