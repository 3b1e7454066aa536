//! The roadmap (Road Map) in the layout seed 003 shows, landscape: per national strategy a
//! table of rows (number, alignment, project, KPI, target group, estimated budget, readiness
//! per year, main and supporting units, results), rows of a cooperative type under its band;
//! the total budget closes the document in figures and in words. The rows are the ones the
//! web's roadmap page shows (`roadmap_rows`).

use phaen_domain::thai::baht_text;
use phaen_domain::{Plan, ReadinessKind};

use super::common::cover;
use super::model::{Block, Cell, Document, Orientation, Part, Shade, Table};
use super::options::Options;
use crate::roadmap_rows::{self, Filter, Row, YearColumn};

pub fn build(plan: &Plan, o: &Options) -> Document {
    let rows = roadmap_rows::roadmap(plan, &Filter::default(), false);
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: o.text(&format!("ตาราง Road Map {}", plan.owner.name_th)),
    }];
    for s in &rows.strategies {
        blocks.push(Block::Heading {
            level: 2,
            text: o.text(&s.heading),
        });
        let mut body = Vec::new();
        let columns = 9 + rows.years.len() as u16;
        for g in &s.groups {
            if let Some(h) = &g.heading {
                body.push(vec![
                    Cell::text(o.text(h))
                        .bold()
                        .span(columns, 1)
                        .shaded(Shade::Band),
                ]);
            }
            body.extend(g.rows.iter().map(|r| row(r, o)));
        }
        blocks.push(Block::Table(Table {
            caption: None,
            widths: widths(rows.years.len()),
            header: header(&rows.years, o),
            body,
        }));
    }
    let total = rows.total_budget();
    blocks.push(Block::Paragraph(format!(
        "ประมาณการงบประมาณรวมทั้งสิ้น {} บาท ({})",
        o.baht(total),
        baht_text(total)
    )));
    Document {
        title: o.text(&plan.title),
        author: o.text(&plan.owner.name_th),
        cover: Some(cover(plan, o)),
        parts: vec![
            Part {
                orientation: Orientation::Portrait,
                blocks: vec![Block::Contents {
                    title: "สารบัญ".into(),
                }],
            },
            Part {
                orientation: Orientation::Landscape,
                blocks,
            },
        ],
    }
}

fn widths(years: usize) -> Vec<u16> {
    let mut w = vec![1, 3, 5, 4, 3, 3];
    w.extend(std::iter::repeat_n(2, years));
    w.extend([2, 3, 4]);
    w
}

/// What a tick means in the year's column, as seed 003 heads it.
fn year_head(y: &YearColumn, o: &Options) -> String {
    let year = o.year(y.year);
    match y.kind {
        Some(ReadinessKind::CanRun) => format!("ดำเนินการได้ในปี {year}"),
        Some(ReadinessKind::PrepareBudget) => format!("เตรียมทำงบประมาณ/แผนฯ ปี {year}"),
        Some(ReadinessKind::InPlan) => format!("บรรจุไว้ในแผน ปี {year}"),
        None => format!("ปี {year}"),
    }
}

fn header(years: &[YearColumn], o: &Options) -> Vec<Vec<Cell>> {
    let n = years.len() as u16;
    let mut top = vec![
        Cell::head("ที่").span(1, 2),
        Cell::head("ความสอดคล้อง").span(1, 2),
        Cell::head("งาน/โครงการ/กิจกรรมที่จะดำเนินการ").span(1, 2),
        Cell::head("ตัวชี้วัดโครงการ").span(1, 2),
        Cell::head("กลุ่มเป้าหมาย").span(1, 2),
        Cell::head("ประมาณการงบประมาณ (บาท)").span(1, 2),
    ];
    if n > 0 {
        top.push(Cell::head("ความพร้อมของการดำเนินงาน/โครงการ (ปี)").span(n, 1));
    }
    top.push(Cell::head("หน่วยงานรับผิดชอบ").span(2, 1));
    top.push(Cell::head("ผลการดำเนินงาน").span(1, 2));
    let mut second: Vec<Cell> = years.iter().map(|y| Cell::head(year_head(y, o))).collect();
    second.push(Cell::head("หลัก"));
    second.push(Cell::head("สนับสนุน"));
    vec![top, second]
}

fn row(r: &Row, o: &Options) -> Vec<Cell> {
    let lines = |v: &[String]| Cell::lines(v.iter().map(|s| o.text(s)).collect());
    let mut cells = vec![
        Cell::text(o.text(&r.no)).centered(),
        lines(&r.alignment),
        Cell::text(o.text(&r.project)),
        lines(&r.kpis),
        lines(&r.target_groups),
        Cell::number(r.budget.map_or("-".to_string(), |b| o.number(b))),
    ];
    cells.extend(r.readiness.iter().map(|t| {
        Cell::text(match t {
            Some(true) => "√",
            Some(false) => "-",
            None => "",
        })
        .centered()
    }));
    cells.push(lines(&r.main));
    cells.push(lines(&r.support));
    cells.push(lines(&r.results));
    cells
}
