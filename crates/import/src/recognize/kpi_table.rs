//! KPI tables (ตัวชี้วัด | หน่วยนับ | ปี 2568 | ปี 2569 ...): which columns hold the name, the
//! unit and each year's target, and each data row read into a KPI.

use phaen_domain::{BeYear, Comparator, Kpi, Target, YearTarget};

use crate::doc::Row;
use crate::targets;
use crate::words;

/// Where things are in a KPI table.
#[derive(Debug, Clone)]
pub struct Columns {
    pub name: usize,
    pub unit: Option<usize>,
    pub years: Vec<(usize, BeYear)>,
}

/// Reads the column layout from a header row, when it is one.
pub fn header(row: &Row) -> Option<Columns> {
    let name = row
        .cells
        .iter()
        .position(|c| c.text().trim().starts_with("ตัวชี้วัด"))?;
    let unit = row
        .cells
        .iter()
        .position(|c| c.text().replace(' ', "").starts_with("หน่วยนับ"));
    let years = year_columns(row);
    if years.is_empty() {
        return None;
    }
    Some(Columns { name, unit, years })
}

/// The columns of a row whose cell is a year ('ปี 2568', '2568', '๒๕๖๐').
pub fn year_columns(row: &Row) -> Vec<(usize, BeYear)> {
    row.cells
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let t = c.text();
            let t = t.trim().trim_start_matches("ปี").trim();
            let digits = phaen_domain::thai::to_arabic_digits(t);
            (digits.len() == 4 && digits.chars().all(|ch| ch.is_ascii_digit()))
                .then(|| BeYear::parse(&digits).ok())
                .flatten()
                .map(|y| (i, y))
        })
        .collect()
}

/// A KPI from its name cell (with its label), unit and year cells. A comparator written at
/// the end of the name ('...ไม่น้อยกว่า') applies to bare numbers in the year cells.
pub fn kpi_from_cells(name_cell: &str, unit: Option<String>, years: &[(BeYear, String)]) -> Kpi {
    let (label, name) = match words::split_number_label(name_cell) {
        Some((l, rest)) => (Some(l), rest),
        None => (None, name_cell.trim().to_string()),
    };
    let mut kpi = Kpi::new(name.clone());
    kpi.label = label;
    kpi.unit = unit.filter(|u| !u.trim().is_empty());
    let named_comparator = comparator_without_number(&name);
    for (year, cell) in years {
        let Some(mut target) = targets::parse_cell(cell) else {
            continue;
        };
        if let (
            Target::Numeric {
                comparator: c @ Comparator::Eq,
                ..
            },
            Some(named),
        ) = (&mut target, named_comparator)
        {
            *c = named;
        }
        if let Target::Level { level, .. } = &target
            && kpi.scale.is_none()
        {
            kpi.scale = targets::scale_of_level(level);
        }
        kpi.targets.push(YearTarget {
            year: *year,
            target,
            written: Some(cell.trim().to_string()),
        });
    }
    kpi
}

/// 'ร้อยละการจัดสรรทุนสำรองไม่น้อยกว่า' -> at least: a comparator word with no number after it.
fn comparator_without_number(name: &str) -> Option<Comparator> {
    if targets::in_name(name).is_some() {
        return None;
    }
    for (word, cmp) in [
        ("ไม่น้อยกว่า", Comparator::AtLeast),
        ("ไม่ต่ำกว่า", Comparator::AtLeast),
        ("ไม่เกิน", Comparator::AtMost),
        ("ไม่มากกว่า", Comparator::AtMost),
    ] {
        if name.contains(word) {
            return Some(cmp);
        }
    }
    None
}
