//! A figure (SVG) as an inline picture, sized from the drawing's own width and height (or its
//! viewBox) and shrunk to fit the text width. The SVG is stored as the picture itself, which
//! LibreOffice and Word 2016 or later draw, and the caption is the picture's description.

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
    let rel = format!("rIdFigure{n}");
    let media = vec![Media {
        rel_id: rel.clone(),
        file: format!("figure{n}.svg"),
        bytes: svg.as_bytes().to_vec(),
    }];
    let descr = esc(caption);
    let drawing = format!(
        r#"<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Figure {n}" descr="{descr}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="figure{n}.svg" descr="{descr}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"#
    );
    Ok((drawing, media))
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
