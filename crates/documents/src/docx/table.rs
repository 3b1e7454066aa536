//! A layout table as a Word table: a fixed grid in proportion to the layout's widths, header
//! rows marked to repeat on every page (tblHeader) and never split, cells spanning columns
//! (gridSpan) and rows (vMerge: the first cell restarts, the places below continue), shading
//! and alignment. The table has been checked (`Table::check`), so spans add up.

use super::body::runs_sized;
use crate::layout::{Align, Cell, Shade, Table};

/// Text size (half-points) of a table with this many columns: 14 pt, or 12 pt for the wide
/// tables of a budget per year, as printed plans set them.
fn text_size(columns: usize) -> u32 {
    if columns > 10 { 24 } else { super::TABLE_SIZE }
}

/// The table's XML, `width` twips wide.
pub fn write(t: &Table, width: u32) -> String {
    let size = text_size(t.widths.len());
    let grid = grid(t, width, size);
    let mut s = format!(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
        grid.iter().sum::<u32>()
    );
    for w in &grid {
        s.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    s.push_str("</w:tblGrid>");
    // For each grid column, the rows still to be covered by a cell above, and its span.
    let mut below: Vec<Option<(u16, u16, Shade)>> = vec![None; grid.len()];
    let rows = t
        .header
        .iter()
        .map(|r| (r, true))
        .chain(t.body.iter().map(|r| (r, false)));
    for (row, header) in rows {
        s.push_str("<w:tr>");
        if header {
            s.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        }
        let mut cells = row.iter();
        let mut c = 0usize;
        while c < grid.len() {
            if let Some((left, span, shade)) = below[c] {
                let span_usize = usize::from(span);
                s.push_str(&continued(&grid[c..c + span_usize], shade));
                below[c] = (left > 1).then_some((left - 1, span, shade));
                c += span_usize;
                continue;
            }
            let Some(cell) = cells.next() else {
                break;
            };
            let span = usize::from(cell.colspan.max(1)).min(grid.len() - c);
            s.push_str(&cell_xml(cell, &grid[c..c + span], size));
            if cell.rowspan > 1 {
                below[c] = Some((cell.rowspan - 1, span as u16, cell.shade));
            }
            c += span;
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

/// Column widths in twips: first what each column's longest figure needs on one line (a figure
/// such as '16,100,000' must never wrap inside itself; a column of Thai text keeps room for a
/// few syllables a line), the rest shared in proportion to the layout's relative widths. When
/// the needs alone are wider than the page, they are shrunk together to fit it.
fn grid(t: &Table, width: u32, size: u32) -> Vec<u32> {
    // A digit of TH Sarabun-style type is about 0.5 em wide: 10 twips per half-point.
    let figure_char = size * 5;
    let n = t.widths.len();
    let total: u32 = t
        .widths
        .iter()
        .map(|w| u32::from(*w).max(1))
        .sum::<u32>()
        .max(1);
    let proportional: Vec<u32> = t
        .widths
        .iter()
        .map(|w| u32::from(*w).max(1) * width / total)
        .collect();
    let mut need = vec![0u32; n];
    for row in t.header.iter().chain(&t.body) {
        let mut c = 0usize;
        for cell in row {
            // Rows shifted by spans from above are not tracked here; a cell's column is its
            // place among the row's cells, which is exact for rows without such spans and a
            // fair guess otherwise.
            if cell.colspan == 1 && c < n {
                let words = cell.lines.iter().flat_map(|l| l.split_whitespace());
                let thai = |w: &str| w.chars().any(|ch| ('\u{0E01}'..='\u{0E4F}').contains(&ch));
                let longest = words
                    .clone()
                    .filter(|w| !thai(w))
                    .map(|w| w.chars().count() as u32)
                    .max()
                    .unwrap_or(0);
                need[c] = need[c].max(longest * figure_char + 2 * CELL_MARGIN);
                // A column of Thai text keeps room for a few syllables a line, or its share.
                if words.clone().any(thai) {
                    need[c] = need[c].max(proportional[c].min(8 * figure_char));
                }
            }
            c += usize::from(cell.colspan.max(1));
        }
    }
    let needed: u32 = need.iter().sum();
    if needed >= width {
        return need.iter().map(|n| n * width / needed.max(1)).collect();
    }
    // Give each column at least what it needs, taking the difference from the columns that
    // have more than they need, in proportion to their spare width.
    let short: u32 = need
        .iter()
        .zip(&proportional)
        .map(|(n, p)| n.saturating_sub(*p))
        .sum();
    let spare: u32 = need
        .iter()
        .zip(&proportional)
        .map(|(n, p)| p.saturating_sub(*n))
        .sum::<u32>()
        .max(1);
    need.iter()
        .zip(&proportional)
        .map(|(n, p)| {
            if p < n {
                *n
            } else {
                p - (p - n) * short / spare
            }
        })
        .collect()
}

/// The cell margin on each side, in twips.
const CELL_MARGIN: u32 = 57;

fn tc_pr(cols: &[u32], merge: &str, shade: Shade, centred: bool) -> String {
    let mut s = format!(
        r#"<w:tcPr><w:tcW w:w="{}" w:type="dxa"/>"#,
        cols.iter().sum::<u32>()
    );
    if cols.len() > 1 {
        s.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cols.len()));
    }
    s.push_str(merge);
    let fill = match shade {
        Shade::None => None,
        Shade::Header => Some("E7E6E6"),
        Shade::Band => Some("D0CECE"),
    };
    if let Some(fill) = fill {
        s.push_str(&format!(
            r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#
        ));
    }
    if centred {
        s.push_str(r#"<w:vAlign w:val="center"/>"#);
    }
    s.push_str("</w:tcPr>");
    s
}

fn cell_xml(cell: &Cell, cols: &[u32], size: u32) -> String {
    let merge = if cell.rowspan > 1 {
        r#"<w:vMerge w:val="restart"/>"#
    } else {
        ""
    };
    let centred = cell.shade == Shade::Header;
    let mut s = format!("<w:tc>{}", tc_pr(cols, merge, cell.shade, centred));
    let jc = match cell.align {
        Align::Left => "",
        Align::Center => r#"<w:jc w:val="center"/>"#,
        Align::Right => r#"<w:jc w:val="right"/>"#,
    };
    let ppr = format!(
        r#"<w:pPr><w:pStyle w:val="TableText"/>{jc}<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:pPr>"#
    );
    if cell.lines.is_empty() {
        s.push_str(&format!("<w:p>{ppr}</w:p>"));
    }
    for line in &cell.lines {
        s.push_str(&format!(
            "<w:p>{ppr}{}</w:p>",
            runs_sized(line, cell.bold, size)
        ));
    }
    s.push_str("</w:tc>");
    s
}

/// A place covered by a cell above: continues its vertical merge.
fn continued(cols: &[u32], shade: Shade) -> String {
    format!(
        r#"<w:tc>{}<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p></w:tc>"#,
        tc_pr(cols, "<w:vMerge/>", shade, false)
    )
}
