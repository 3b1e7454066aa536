//! Draws the strategy map as inline SVG: bands stacked top to bottom, each with its title and
//! columns of boxes; a box's children stack below it, indented, joined by elbow lines; a parent
//! link that crosses columns or bands is a dashed straight line. Every text is escaped; every
//! box has a <title> and, when the caller gives links (the web page), is a link.
//!
//! The web page and the PDF draw the map with this same code.

use std::collections::HashMap;
use std::fmt::Write;

use phaen_domain::{Element, ElementKind, Plan};

use super::map::MapWords;
use super::svg::{clamp, esc, wrap};
use crate::layout::common::{labelled, with_kind};

/// One column: its boxes top to bottom, each with its depth below the column's first box.
pub type Column<'a> = Vec<(&'a Element, usize)>;

/// A band of the map: a perspective or a top-level mission, and its columns of boxes.
pub struct Band<'a> {
    pub title: String,
    pub columns: Vec<Column<'a>>,
}

const MARGIN: i32 = 16;
const BOX_W: i32 = 232;
const GAP: i32 = 24;
const MAX_COLUMNS: usize = 4;
const INDENT: i32 = 18;
const MAX_INDENT: usize = 3;
const LINE_H: i32 = 17;
const TITLE_LINE_H: i32 = 21;
const BOX_GAP: i32 = 10;
const MAX_LINES: usize = 7;
const FONT: &str = "Sarabun, 'TH Sarabun New', 'Noto Sans Thai', Laksaman, sans-serif";

/// (fill, stroke) of a box of each kind; the kind is also written in the box.
fn colours(kind: ElementKind) -> (&'static str, &'static str) {
    match kind {
        ElementKind::Mission => ("#e8eef7", "#0b5394"),
        ElementKind::StrategicIssue => ("#efe7f6", "#5b2c83"),
        ElementKind::Goal => ("#e6f2ea", "#1f6b3a"),
        _ => ("#fff6e0", "#8a5a00"),
    }
}

/// How many character cells fit on one line of a box `w` wide (13px text, approximate).
fn cells(w: i32) -> usize {
    usize::try_from((w - 16) * 10 / 65).unwrap_or(4)
}

struct Placed<'a> {
    e: &'a Element,
    x: i32,
    y: i32,
    w: i32,
    h: i32,
    kind: String,
    lines: Vec<String>,
    /// The box it hangs from in its column, joined by an elbow line.
    stacked_under: Option<usize>,
}

/// Where a box links to (the web page gives the element's page; a document gives none).
pub type Link<'l> = &'l dyn Fn(&Element) -> String;

/// The whole map as an <svg> element.
pub fn draw(plan: &Plan, words: &MapWords, bands: &[Band], link: Option<Link>) -> String {
    let columns = bands
        .iter()
        .map(|b| b.columns.len())
        .max()
        .unwrap_or(1)
        .clamp(1, MAX_COLUMNS) as i32;
    let width = MARGIN * 2 + columns * BOX_W + (columns - 1) * GAP;
    let title_cells = usize::try_from((width - 2 * MARGIN - 16) * 10 / 80).unwrap_or(20);

    let mut placed: Vec<Placed> = Vec::new();
    let mut band_rects = Vec::new();
    let mut y = MARGIN;
    for band in bands {
        let title = wrap(&band.title, title_cells);
        let top = y;
        y += 10 + TITLE_LINE_H * title.len() as i32 + 6;
        for chunk in band.columns.chunks(MAX_COLUMNS) {
            let mut bottom = y;
            for (ci, column) in chunk.iter().enumerate() {
                let x0 = MARGIN + ci as i32 * (BOX_W + GAP);
                let mut cy = y;
                let mut path: Vec<usize> = Vec::new();
                for (e, depth) in column {
                    let indent = INDENT * (*depth).min(MAX_INDENT) as i32;
                    let w = BOX_W - indent;
                    let lines = clamp(
                        wrap(&labelled(e.label.as_deref(), &e.title), cells(w)),
                        MAX_LINES,
                    );
                    let h = 8 + 16 + LINE_H * lines.len() as i32 + 8;
                    path.truncate(*depth);
                    let stacked_under = path.last().copied();
                    path.push(placed.len());
                    placed.push(Placed {
                        e,
                        x: x0 + indent,
                        y: cy,
                        w,
                        h,
                        kind: words.kind(e.kind).to_string(),
                        lines,
                        stacked_under,
                    });
                    cy += h + BOX_GAP;
                }
                bottom = bottom.max(cy);
            }
            y = bottom + 4;
        }
        band_rects.push((top, y - top + 4, title));
        y += 4 + 12;
    }
    let height = y - 12 + MARGIN;

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="strategy-map" width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="map-title map-desc" font-family="{font}"><title id="map-title">{title}</title><desc id="map-desc">{desc}</desc>"#,
        font = esc(FONT),
        title = esc(&format!("{}: {}", words.map, plan.title)),
        desc = esc(if plan.perspectives.is_empty() {
            words.by_mission
        } else {
            words.by_perspective
        }),
    );
    for (i, (top, h, title)) in band_rects.iter().enumerate() {
        let fill = if i % 2 == 0 { "#f7f8fa" } else { "#eef1f5" };
        let _ = write!(
            s,
            r##"<g class="band"><rect x="4" y="{top}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="#c9c9c9"/><text x="{tx}" y="{ty}" font-size="15" font-weight="700" fill="#1b1b1b">"##,
            w = width - 8,
            tx = MARGIN,
            ty = top + 6,
        );
        for line in title {
            let _ = write!(
                s,
                r#"<tspan x="{MARGIN}" dy="{TITLE_LINE_H}">{}</tspan>"#,
                esc(line)
            );
        }
        s.push_str("</text></g>");
    }
    lines(&mut s, plan, &placed);
    for b in &placed {
        let (fill, stroke) = colours(b.e.kind);
        let full = with_kind(&b.kind, b.e.label.as_deref(), &b.e.title);
        match link {
            Some(link) => {
                let _ = write!(s, r#"<a href="{}" class="map-box">"#, esc(&link(b.e)));
            }
            None => s.push_str(r#"<g class="map-box">"#),
        }
        let _ = write!(
            s,
            r##"<title>{full}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/><text x="{tx}" y="{ky}" font-size="11" fill="#4a4a4a">{kind}</text><text x="{tx}" y="{ly}" font-size="13" fill="#1b1b1b">"##,
            full = esc(&full),
            x = b.x,
            y = b.y,
            w = b.w,
            h = b.h,
            tx = b.x + 8,
            ky = b.y + 18,
            ly = b.y + 24,
            kind = esc(&b.kind),
        );
        for line in &b.lines {
            let _ = write!(
                s,
                r#"<tspan x="{}" dy="{LINE_H}">{}</tspan>"#,
                b.x + 8,
                esc(line)
            );
        }
        s.push_str("</text>");
        s.push_str(if link.is_some() { "</a>" } else { "</g>" });
    }
    s.push_str("</svg>");
    s
}

/// The parent links: elbows inside a column, dashed straight lines between columns and bands.
fn lines(s: &mut String, plan: &Plan, placed: &[Placed]) {
    let at: HashMap<&str, usize> = placed
        .iter()
        .enumerate()
        .map(|(i, b)| (b.e.id.as_str(), i))
        .collect();
    let parents: HashMap<&str, &str> = plan
        .walk()
        .into_iter()
        .filter_map(|w| w.parent.map(|p| (w.element.id.as_str(), p.id.as_str())))
        .collect();
    for b in placed {
        if let Some(u) = b.stacked_under {
            let up = &placed[u];
            let sx = up.x + INDENT / 2;
            let _ = write!(
                s,
                r##"<path d="M{sx} {} V{} H{}" fill="none" stroke="#555" stroke-width="1.2"/>"##,
                up.y + up.h,
                b.y + 16,
                b.x
            );
        } else if let Some(up) = parents
            .get(b.e.id.as_str())
            .and_then(|p| at.get(p))
            .map(|i| &placed[*i])
        {
            let _ = write!(
                s,
                r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555" stroke-width="1.2" stroke-dasharray="5 4"/>"##,
                up.x + up.w / 2,
                up.y + up.h,
                b.x + b.w / 2,
                b.y
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_in_the_drawing_is_escaped() {
        let mut plan = phaen_synth::demo(3)
            .plans
            .into_iter()
            .find(|p| p.owner.code.as_str() == phaen_synth::SAVINGS)
            .unwrap();
        let hostile = r#"<script>alert('x')</script> & "q""#;
        plan.title = hostile.to_string();
        plan.elements[0].title = hostile.to_string();
        plan.elements[0].children[0].title = hostile.to_string();
        let bands = super::super::map::bands(&plan, &MapWords::THAI);
        let link = |e: &Element| format!("/plans/x/elements/{}", e.id);
        let svg = draw(&plan, &MapWords::THAI, &bands, Some(&link));
        assert!(svg.contains("<a href=\"/plans/x/elements/"));
        let plain = draw(&plan, &MapWords::THAI, &bands, None);
        assert!(!plain.contains("<a ") && plain.contains("<g class=\"map-box\">"));
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("'x'") && !svg.contains("\"q\""));
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)"));
        assert!(svg.contains("&amp; &quot;q&quot;"));
    }
}
