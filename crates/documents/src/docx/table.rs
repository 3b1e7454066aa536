//! A layout table as a Word table: a fixed grid in proportion to the layout's widths, header
//! rows marked to repeat on every page (tblHeader) and never split, cells spanning columns
//! (gridSpan) and rows (vMerge: the first cell restarts, the places below continue), shading
//! and alignment. The table has been checked (`Table::check`), so spans add up.

use super::body::runs;
use crate::layout::{Align, Cell, Shade, Table};

/// The table's XML, `width` twips wide.
pub fn write(t: &Table, width: u32) -> String {
    let grid = grid(&t.widths, width);
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
            s.push_str(&cell_xml(cell, &grid[c..c + span]));
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

/// Column widths in twips, in proportion to the layout's relative widths.
fn grid(widths: &[u16], width: u32) -> Vec<u32> {
    let total: u32 = widths.iter().map(|w| u32::from(*w).max(1)).sum();
    widths
        .iter()
        .map(|w| u32::from(*w).max(1) * width / total.max(1))
        .collect()
}

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

fn cell_xml(cell: &Cell, cols: &[u32]) -> String {
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
    let ppr = format!(r#"<w:pPr><w:pStyle w:val="TableText"/>{jc}</w:pPr>"#);
    if cell.lines.is_empty() {
        s.push_str(&format!("<w:p>{ppr}</w:p>"));
    }
    for line in &cell.lines {
        s.push_str(&format!("<w:p>{ppr}{}</w:p>", runs(line, cell.bold)));
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
