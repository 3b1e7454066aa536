//! Progress files: a CSV (UTF-8, UTF-16 or TIS-620) or an Excel sheet whose first row names
//! the columns — `kpi` (a KPI's id, label or name), `period` ('2568-M01', 'ต.ค. 2567',
//! 'ไตรมาส 1/2568', '2568'), `value`, and optionally `narrative`; Thai headings (ตัวชี้วัด, งวด,
//! ผล, คำอธิบาย) are read too — into rows numbered as the file numbers them.

use phaen_domain::bulk::RawRow;

use crate::error::{Error, Result};

/// The columns a progress file has, and the headings each answers to.
const COLUMNS: [(&str, &[&str]); 4] = [
    ("kpi", &["kpi", "kpi_id", "ตัวชี้วัด", "รหัสตัวชี้วัด"]),
    ("period", &["period", "งวด", "ช่วงเวลา"]),
    (
        "value",
        &["value", "actual", "ผล", "ผลการดำเนินงาน", "ผลที่ได้"],
    ),
    ("narrative", &["narrative", "คำอธิบาย", "หมายเหตุ"]),
];

/// Reads a progress file into rows; `name` tells CSV from Excel when the bytes do not.
pub fn read(bytes: &[u8], name: &str) -> Result<Vec<RawRow>> {
    let table: Vec<(usize, Vec<String>)> = if bytes.starts_with(b"PK\x03\x04") {
        excel_rows(bytes)?
    } else if name.to_lowercase().ends_with(".xlsx") {
        return Err(Error::Corrupt {
            format: "xlsx",
            why: "the file is not a zip archive".into(),
        });
    } else {
        csv_rows(bytes)?
    };
    let mut rows = table.into_iter();
    let (_, header) = rows.next().ok_or(Error::Empty)?;
    let index = |column: &str| {
        let names = COLUMNS
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, n)| *n)?;
        header
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let (Some(kpi), Some(period), Some(value)) = (index("kpi"), index("period"), index("value"))
    else {
        return Err(Error::NotADocument(format!(
            "the first row must name the columns kpi, period and value (ตัวชี้วัด, งวด, ผล); it has: {}",
            header.join(", ")
        )));
    };
    let narrative = index("narrative");
    // Each field reads a column of its own, so cells are moved out of their row, not copied.
    let cell =
        |cells: &mut [String], i: usize| cells.get_mut(i).map(std::mem::take).unwrap_or_default();
    Ok(rows
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(row, mut cells)| RawRow {
            row,
            kpi: cell(&mut cells, kpi),
            period: cell(&mut cells, period),
            value: cell(&mut cells, value),
            narrative: narrative.map(|i| cell(&mut cells, i)).unwrap_or_default(),
        })
        .collect())
}

fn csv_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>> {
    let decoded = crate::source::encoding::decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.text.as_bytes());
    // Row numbers as an editor shows them: the line a record starts on, blank lines counted.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(decoded.text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::Corrupt {
            format: "csv",
            why: e.to_string(),
        })?;
        let row = record.position().map_or(out.len() + 1, |p| {
            // A record's position can fall on the blank lines before it.
            let at = p.byte() as usize;
            let skipped = decoded.text.as_bytes()[at.min(decoded.text.len())..]
                .iter()
                .take_while(|b| matches!(b, b'\n' | b'\r'))
                .count();
            line_starts.partition_point(|&start| start <= at + skipped)
        });
        out.push((row, record.iter().map(str::to_string).collect()));
    }
    Ok(out)
}

fn excel_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>> {
    let (doc, _) = crate::source::xlsx::parse(bytes)?;
    let mut out = Vec::new();
    for block in doc.blocks {
        let rows = match block {
            crate::doc::Block::Table(t) => t.rows,
            // A lone column-A line (a title above the table) is not a row of data.
            crate::doc::Block::Para(_) => continue,
        };
        for r in rows {
            let number = match &r.loc {
                crate::doc::Loc::Cell { cell, .. } => cell
                    .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                    .parse()
                    .unwrap_or(out.len() + 1),
                _ => out.len() + 1,
            };
            out.push((number, r.cells.iter().map(|c| c.text()).collect()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_thai_headings_and_a_bom_is_read_with_row_numbers() {
        let file = "\u{feff}ตัวชี้วัด,งวด,ผล,คำอธิบาย\n1.1,ต.ค. 2567,\"1,250\",ดี\n\n1.2,2568,85,\n";
        let rows = read(file.as_bytes(), "p.csv").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].row, 2);
        assert_eq!(rows[0].value, "1,250");
        assert_eq!(rows[0].narrative, "ดี");
        assert_eq!(rows[1].row, 4, "the empty line still counts");
    }

    #[test]
    fn a_file_without_the_needed_columns_says_which() {
        let e = read(b"name,amount\nx,1\n", "p.csv").unwrap_err();
        assert!(e.to_string().contains("kpi, period and value"), "{e}");
        assert!(read(b"", "p.csv").is_err());
        assert!(read(b"not a zip", "p.xlsx").is_err());
    }

    #[test]
    fn an_excel_sheet_is_read_like_a_csv() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["kpi", "period", "value"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "1.1").unwrap();
        sheet.write_string(1, 1, "2568").unwrap();
        sheet.write_number(1, 2, 12.5).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let rows = read(&bytes, "p.xlsx").unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].row, rows[0].value.as_str()), (2, "12.5"));
    }
}
