//! Where things are on a roadmap's page: the paragraphs above the table, and the table's
//! columns as its (spanning, repeated) header words place them.

use phaen_domain::{BeYear, MoneyUnit, ReadinessKind};

use super::text::year_in;
use crate::doc::{Block, Para, Row};
use crate::error::{Error, Result};
use crate::words::squash;

/// The paragraphs above the table: title, office, date of the data.
pub(super) struct Head<'d> {
    pub(super) title: &'d Para,
    pub(super) owner: Option<&'d Para>,
    pub(super) as_of: Option<&'d Para>,
}

impl<'d> Head<'d> {
    pub(super) fn find(blocks: impl Iterator<Item = &'d Block>) -> Result<Head<'d>> {
        let (mut title, mut owner, mut as_of) = (None, None, None);
        for block in blocks {
            let Block::Para(p) = block else { break };
            if title.is_none()
                && ["Road Map", "Roadmap", "แผนที่นำทาง"]
                    .iter()
                    .any(|k| p.text.contains(k))
            {
                title = Some(p);
            } else if as_of.is_none() && p.text.contains("ณ วันที่") {
                as_of = Some(p);
            } else if title.is_some() && owner.is_none() {
                owner = Some(p);
            }
        }
        let title =
            title.ok_or_else(|| Error::NotAPlan("no Road Map title above the table".into()))?;
        Ok(Head {
            title,
            owner,
            as_of,
        })
    }
}

/// Where each column of the table is, told by the header words.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Columns {
    pub(super) align: Option<usize>,
    pub(super) project: Option<usize>,
    pub(super) kpi: Option<usize>,
    pub(super) target_group: Option<usize>,
    pub(super) budget: Option<(usize, MoneyUnit)>,
    pub(super) readiness: Vec<(usize, ReadinessKind, BeYear)>,
    pub(super) main: Option<usize>,
    pub(super) support: Option<usize>,
    pub(super) results: Option<usize>,
}

impl Columns {
    /// A header spans columns: a cell's words hold for the empty cells to its right, so each
    /// column's heading is what stands at or left of it in every header row; the year is the
    /// column's own.
    pub(super) fn from_header(rows: &[Row]) -> Columns {
        let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut cols = Columns::default();
        for c in 0..width {
            let words: Vec<String> = rows.iter().map(|r| spanned(r, c)).collect();
            let s = squash(&words.join(" "));
            let own_year = rows.iter().rev().find_map(|r| year_in(&r.cell(c)));
            let kind = if s.contains("บรรจุ") {
                Some(ReadinessKind::InPlan)
            } else if s.contains("เตรียม") {
                Some(ReadinessKind::PrepareBudget)
            } else if s.contains("ดำเนินการได้") {
                Some(ReadinessKind::CanRun)
            } else {
                None
            };
            let slot = if let (Some(kind), Some(year)) = (kind, own_year) {
                cols.readiness.push((c, kind, year));
                continue;
            } else if s.contains("ผลการดำเนินงาน") {
                &mut cols.results
            } else if s.contains("สนับสนุน") {
                &mut cols.support
            } else if s.contains("หลัก") {
                &mut cols.main
            } else if s.contains("ความสอดคล้อง") {
                &mut cols.align
            } else if s.contains("ตัวชี้วัด") {
                &mut cols.kpi
            } else if s.contains("กลุ่มเป้าหมาย") {
                &mut cols.target_group
            } else if s.contains("ประมาณการ") || s.contains("งบประมาณ")
            {
                if cols.budget.is_none() {
                    cols.budget = Some((c, money_unit(&s)));
                }
                continue;
            } else if s.contains("โครงการ") || s.contains("กิจกรรม") {
                &mut cols.project
            } else {
                continue;
            };
            slot.get_or_insert(c);
        }
        cols
    }
}

fn spanned(row: &Row, c: usize) -> String {
    (0..=c)
        .rev()
        .map(|i| row.cell(i))
        .find(|t| !t.trim().is_empty())
        .unwrap_or_default()
}

fn money_unit(header: &str) -> MoneyUnit {
    if header.contains("ล้านบาท") {
        MoneyUnit::MillionBaht
    } else if header.contains("พันบาท") {
        MoneyUnit::ThousandBaht
    } else {
        MoneyUnit::Baht
    }
}
