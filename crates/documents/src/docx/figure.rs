//! A figure (SVG) as an inline picture, sized from the drawing's own width and height (or its
//! viewBox) and shrunk to fit the text width. Stored as Word itself stores an SVG: a PNG
//! rendering (by resvg, at print resolution) as the picture, which every Word and LibreOffice
//! shows, and the SVG beside it (the `svgBlip` extension), which Word 2016 or later and
//! LibreOffice draw as vectors. The caption is the picture's description.

use super::{Media, esc};
use crate::error::{Error, Result};

/// English Metric Units per twip and per CSS pixel.
const EMU_PER_TWIP: u64 = 635;
const EMU_PER_PX: u64 = 9525;

/// The `<w:drawing>` of figure number `n`, and the media it needs stored.
pub fn inline(svg: &str, caption: &str, n: usize, text_width: u32) -> Result<(String, Vec<Media>)> {
    let (w_px, h_px) = size(svg).ok_or_else(|| Error::Figure {
        caption: caption.to_string(),
        why: "the SVG gives neither a width and height nor a viewBox".into(),
    })?;
    let max = u64::from(text_width) * EMU_PER_TWIP;
    let mut cx = (w_px * EMU_PER_PX as f64) as u64;
    let mut cy = (h_px * EMU_PER_PX as f64) as u64;
    if cx > max {
        cy = cy * max / cx.max(1);
        cx = max;
    }
    let png = render_png(svg, cx).map_err(|why| Error::Figure {
        caption: caption.to_string(),
        why,
    })?;
    let (png_rel, svg_rel) = (format!("rIdFigure{n}"), format!("rIdFigure{n}Svg"));
    let media = vec![
        Media {
            rel_id: png_rel.clone(),
            file: format!("figure{n}.png"),
            bytes: png,
        },
        Media {
            rel_id: svg_rel.clone(),
            file: format!("figure{n}.svg"),
            bytes: svg.as_bytes().to_vec(),
        },
    ];
    let descr = esc(caption);
    let drawing = format!(
        r#"<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Figure {n}" descr="{descr}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="figure{n}.svg" descr="{descr}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{png_rel}"><a:extLst><a:ext uri="{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="{svg_rel}"/></a:ext></a:extLst></a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"#
    );
    Ok((drawing, media))
}

/// Print resolution of the PNG, in dots per inch.
const DPI: f32 = 200.0;

/// The drawing as a PNG `cx` EMU wide at `DPI`, on white. Text in it is set with the fonts
/// `fonts()` knows; a drawing with text and no Thai font to set it in is refused, never
/// drawn without its words.
fn render_png(svg: &str, cx: u64) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let fontdb = match fonts() {
        Some(db) => db,
        None if svg.contains("<text") => {
            return Err(format!(
                "its text needs a Thai font and none is installed (one of {})",
                THAI_FAMILIES.join(", ")
            ));
        }
        None => Default::default(),
    };
    let options = usvg::Options {
        fontdb,
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let inches = cx as f32 / 914_400.0;
    let width = (inches * DPI).round().max(1.0);
    let scale = width / tree.size().width();
    let height = (tree.size().height() * scale).round().max(1.0);
    let mut pixmap = tiny_skia::Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| format!("a {width} x {height} image cannot be made"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// Fonts that draw Thai, the first found standing in for the generic families (serif,
/// sans-serif) and for families a drawing names that are not installed.
const THAI_FAMILIES: [&str; 4] = ["Sarabun", "TH Sarabun New", "Laksaman", "Noto Sans Thai"];

/// The fonts text in a drawing is set in, loaded once: Sarabun compiled into Phaen (the PDF's
/// font) and the system's, with the first Thai font of `THAI_FAMILIES` as the generic
/// families; `None` when there is no Thai font at all.
fn fonts() -> Option<std::sync::Arc<resvg::usvg::fontdb::Database>> {
    use resvg::usvg::fontdb::{Database, Family, Query};
    static DB: std::sync::OnceLock<Option<std::sync::Arc<Database>>> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let mut db = Database::new();
        for (_, bytes) in crate::pdf::fonts::faces() {
            db.load_font_data(bytes.to_vec());
        }
        db.load_system_fonts();
        let thai = THAI_FAMILIES.into_iter().find(|f| {
            db.query(&Query {
                families: &[Family::Name(f)],
                ..Query::default()
            })
            .is_some()
        })?;
        db.set_sans_serif_family(thai);
        db.set_serif_family(thai);
        Some(std::sync::Arc::new(db))
    })
    .clone()
}

/// The drawing's size in CSS pixels: its width and height attributes, else its viewBox.
fn size(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let attr = |name: &str| -> Option<&str> {
        let key = format!(" {name}=\"");
        let at = tag.find(&key)? + key.len();
        Some(&tag[at..at + tag[at..].find('"')?])
    };
    let px = |v: &str| -> Option<f64> {
        let v = v.trim();
        let (num, factor) = if let Some(n) = v.strip_suffix("px") {
            (n, 1.0)
        } else if let Some(n) = v.strip_suffix("pt") {
            (n, 4.0 / 3.0)
        } else if let Some(n) = v.strip_suffix("mm") {
            (n, 96.0 / 25.4)
        } else if let Some(n) = v.strip_suffix("cm") {
            (n, 96.0 / 2.54)
        } else {
            (v, 1.0)
        };
        num.trim()
            .parse::<f64>()
            .ok()
            .filter(|n| *n > 0.0)
            .map(|n| n * factor)
    };
    if let (Some(w), Some(h)) = (attr("width").and_then(px), attr("height").and_then(px)) {
        return Some((w, h));
    }
    let vb: Vec<f64> = attr("viewBox")?
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match vb.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((*w, *h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn a_drawing_is_sized_from_its_attributes_or_its_view_box() {
        assert_eq!(
            size(r#"<svg xmlns="x" width="200" height="100">"#),
            Some((200.0, 100.0))
        );
        assert_eq!(
            size(r#"<?xml?><svg viewBox="0 0 800 400" xmlns="x">"#),
            Some((800.0, 400.0))
        );
        assert_eq!(size(r#"<svg xmlns="x">"#), None);
    }
}
