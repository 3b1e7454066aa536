//! The annual results report (รายงานผลการดำเนินงานประจำปี): each KPI of the plan with its
//! target for the year, the result reported, the achievement and its status, grouped by the
//! plan's top-level missions or issues, after a summary of how many KPIs stand where. The
//! caller evaluates (`phaen_domain::evaluate::evaluate_plan_year`) with the values it holds.

use std::collections::HashMap;

use phaen_domain::evaluate::{ActualValue, Evaluation, Status};
use phaen_domain::{BeYear, Element, Kpi, KpiId, Plan};
use rust_decimal::Decimal;

use super::common::{labelled, named, target_text};
use super::model::{Block, Cell, Cover, Document, Orientation, Part, Shade, Table};
use super::options::Options;

/// One KPI's result for the year, as `evaluate_plan_year` gives it.
pub type KpiResult = (KpiId, Option<ActualValue>, Evaluation);

const STATUSES: [Status; 5] = [
    Status::Achieved,
    Status::Partly,
    Status::NotAchieved,
    Status::NoData,
    Status::NoTarget,
];

pub fn build(plan: &Plan, year: BeYear, results: &[KpiResult], o: &Options) -> Document {
    let by_id: HashMap<&str, &KpiResult> = results.iter().map(|r| (r.0.as_str(), r)).collect();
    let title = format!("รายงานผลการดำเนินงานตามตัวชี้วัด ประจำปี {}", o.year(year));
    let mut blocks = vec![
        Block::Contents {
            title: "สารบัญ".into(),
        },
        Block::PageBreak,
        Block::Heading {
            level: 1,
            text: o.text("ส่วนที่ 1 สรุปผลการดำเนินงาน"),
        },
    ];
    let total = results.len();
    let mut body = Vec::new();
    for s in STATUSES {
        let n = results.iter().filter(|r| r.2.status == s).count();
        let share = if total == 0 {
            "-".to_string()
        } else {
            let share = Decimal::from(n as u64 * 100) / Decimal::from(total as u64);
            o.number(share.round_dp(1))
        };
        body.push(vec![
            Cell::text(s.label_th()),
            Cell::number(o.number(Decimal::from(n as u64))),
            Cell::number(share),
        ]);
    }
    body.push(vec![
        Cell::text("รวม").bold().shaded(Shade::Band),
        Cell::number(o.number(Decimal::from(total as u64)))
            .bold()
            .shaded(Shade::Band),
        Cell::number(o.text("100.0")).bold().shaded(Shade::Band),
    ]);
    blocks.push(Block::Table(Table {
        caption: Some(o.text(&format!("จำนวนตัวชี้วัดจำแนกตามผล ปี {}", year))),
        widths: vec![4, 2, 2],
        header: vec![vec![
            Cell::head("ผลการประเมิน"),
            Cell::head("จำนวนตัวชี้วัด"),
            Cell::head("ร้อยละ"),
        ]],
        body,
    }));
    let mut detail = vec![Block::Heading {
        level: 1,
        text: o.text("ส่วนที่ 2 ผลการดำเนินงานตามตัวชี้วัด"),
    }];
    if !plan.kpis.is_empty() {
        let kpis: Vec<&Kpi> = plan.kpis.iter().collect();
        detail.push(Block::Heading {
            level: 2,
            text: "ตัวชี้วัดของแผน".into(),
        });
        detail.push(Block::Table(result_table(&kpis, year, &by_id, o)));
    }
    for top in &plan.elements {
        let kpis = kpis_below(top);
        if kpis.is_empty() {
            continue;
        }
        detail.push(Block::Heading {
            level: 2,
            text: o.text(&named(top)),
        });
        detail.push(Block::Table(result_table(&kpis, year, &by_id, o)));
    }
    Document {
        title: o.text(&format!("{title} {}", plan.title)),
        author: o.text(&plan.owner.name_th),
        cover: Some(Cover {
            lines: vec![
                o.text(&title),
                o.text(&plan.title),
                o.text(&plan.owner.name_th),
            ],
        }),
        parts: vec![
            Part {
                orientation: Orientation::Portrait,
                blocks,
            },
            Part {
                orientation: Orientation::Landscape,
                blocks: detail,
            },
        ],
    }
}

fn kpis_below(e: &Element) -> Vec<&Kpi> {
    let mut walked = Vec::new();
    e.walk(None, &mut walked);
    walked.iter().flat_map(|w| w.element.kpis.iter()).collect()
}

fn actual_text(v: &ActualValue, o: &Options) -> String {
    match v {
        ActualValue::Number(d) => o.number(d.normalize()),
        ActualValue::Level(l) => o.text(l),
        ActualValue::Met(true) => "ผ่าน".into(),
        ActualValue::Met(false) => "ไม่ผ่าน".into(),
    }
}

fn result_table(
    kpis: &[&Kpi],
    year: BeYear,
    by_id: &HashMap<&str, &KpiResult>,
    o: &Options,
) -> Table {
    let body = kpis
        .iter()
        .map(|k| {
            let result = by_id.get(k.id.as_str());
            let target = k
                .targets
                .iter()
                .find(|t| t.year == year)
                .map_or("-".to_string(), |t| target_text(t, o));
            let actual = result
                .and_then(|r| r.1.as_ref())
                .map_or("-".to_string(), |v| actual_text(v, o));
            let percent = result
                .and_then(|r| r.2.percent)
                .map_or("-".to_string(), |p| o.number(p.round_dp(1).normalize()));
            let status = result.map_or(Status::NoData, |r| r.2.status);
            let mut status_cell = Cell::text(status.label_th()).centered();
            if status == Status::Achieved {
                status_cell = status_cell.bold();
            }
            vec![
                Cell::text(o.text(&labelled(k.label.as_deref(), &k.name))),
                Cell::text(o.text(k.unit.as_deref().unwrap_or("-"))).centered(),
                Cell::text(target).centered(),
                Cell::text(actual).centered(),
                Cell::number(percent),
                status_cell,
            ]
        })
        .collect();
    Table {
        caption: None,
        widths: vec![9, 2, 2, 2, 2, 3],
        header: vec![vec![
            Cell::head("ตัวชี้วัด"),
            Cell::head("หน่วยนับ"),
            Cell::head(format!("ค่าเป้าหมายปี {}", o.year(year))),
            Cell::head("ผลการดำเนินงาน"),
            Cell::head("ร้อยละความสำเร็จ"),
            Cell::head("ผลการประเมิน"),
        ]],
        body,
    }
}
