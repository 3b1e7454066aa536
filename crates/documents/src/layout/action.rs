//! The 5-year action plan (แผนปฏิบัติการ) in the layout seed 004 shows: the plan's direction
//! (vision, missions, goals), then per strategic issue its projects with their KPIs, targets
//! per year, budget per year and in total, and the units responsible, each issue closed by its
//! budget totals per year; last, the budget summary per issue and year with the grand total in
//! figures and in words.

use phaen_domain::thai::baht_text;
use phaen_domain::{BeYear, Element, ElementKind, MoneyUnit, Plan};
use rust_decimal::Decimal;

use super::common::{
    all_of, below, cover, kpi_table, labelled, named, responsible, sections, years,
};
use super::model::{Block, Cell, Document, Orientation, Part, Shade, Table};
use super::options::Options;

/// Money of one project (and its activities) per plan year, and in total.
pub struct Budget {
    pub per_year: Vec<Decimal>,
    pub total: Decimal,
}

impl Budget {
    pub fn of(e: &Element, years: &[BeYear]) -> Budget {
        let mut per_year = vec![Decimal::ZERO; years.len()];
        let mut total = Decimal::ZERO;
        let mut walked = Vec::new();
        e.walk(None, &mut walked);
        for x in walked.into_iter().map(|w| w.element) {
            for line in &x.budget {
                total += line.amount_baht.amount();
                if let Some(i) = line.year.and_then(|y| years.iter().position(|v| *v == y)) {
                    per_year[i] += line.amount_baht.amount();
                }
            }
        }
        Budget { per_year, total }
    }

    fn add(&mut self, other: &Budget) {
        for (a, b) in self.per_year.iter_mut().zip(&other.per_year) {
            *a += *b;
        }
        self.total += other.total;
    }

    fn zero(n: usize) -> Budget {
        Budget {
            per_year: vec![Decimal::ZERO; n],
            total: Decimal::ZERO,
        }
    }
}

/// Everything strictly below `e`.
fn sub_elements(e: &Element) -> Vec<&Element> {
    let mut walked = Vec::new();
    e.walk(None, &mut walked);
    walked.into_iter().skip(1).map(|w| w.element).collect()
}

/// The groups the detail tables follow: the plan's strategic issues, else its strategies, else
/// its missions; each with the projects below it.
pub fn groups(plan: &Plan) -> Vec<(&Element, Vec<&Element>)> {
    for kind in [
        ElementKind::StrategicIssue,
        ElementKind::Strategy,
        ElementKind::Mission,
    ] {
        // Every strategic issue has its section (some hold only goals and KPIs); strategies
        // and missions stand in for issues only where they hold projects.
        let tops: Vec<&Element> = all_of(plan, kind)
            .into_iter()
            .filter(|e| {
                kind == ElementKind::StrategicIssue || !below(e, ElementKind::Project).is_empty()
            })
            .collect();
        // Only the outermost of nested elements of the same kind.
        let tops: Vec<&Element> = tops
            .iter()
            .copied()
            .filter(|e| {
                !tops
                    .iter()
                    .any(|o| o.id != e.id && sub_elements(o).iter().any(|s| s.id == e.id))
            })
            .collect();
        if !tops.is_empty() {
            return tops
                .into_iter()
                .map(|t| (t, below(t, ElementKind::Project)))
                .collect();
        }
    }
    Vec::new()
}

pub fn build(plan: &Plan, o: &Options) -> Document {
    let years = years(plan);
    let mut first = vec![
        Block::Contents {
            title: "สารบัญ".into(),
        },
        Block::PageBreak,
    ];
    first.push(Block::Heading {
        level: 1,
        text: o.text("ส่วนที่ 1 ทิศทางของแผน"),
    });
    sections(plan, o, &mut first);
    if let Some(v) = &plan.vision {
        first.push(Block::Heading {
            level: 2,
            text: "วิสัยทัศน์".into(),
        });
        first.push(Block::Paragraph(o.text(v)));
    }
    for (kind, title) in [
        (ElementKind::Mission, "พันธกิจ"),
        (ElementKind::Goal, "เป้าประสงค์"),
        (ElementKind::StrategicIssue, "ยุทธศาสตร์"),
    ] {
        let items: Vec<&Element> = plan.elements.iter().filter(|e| e.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        first.push(Block::Heading {
            level: 2,
            text: title.into(),
        });
        for e in items {
            first.push(Block::Paragraph(
                o.text(&labelled(e.label.as_deref(), &e.title)),
            ));
        }
    }
    let groups = groups(plan);
    let mut detail = vec![Block::Heading {
        level: 1,
        text: o.text("ส่วนที่ 2 รายละเอียดแผนปฏิบัติการ"),
    }];
    let unit = money_unit(&groups, &years);
    let mut sums = Vec::new();
    for (group, projects) in &groups {
        detail.push(Block::Heading {
            level: 2,
            text: o.text(&named(group)),
        });
        if !group.kpis.is_empty() {
            let kpis: Vec<_> = group.kpis.iter().collect();
            detail.push(Block::Table(kpi_table(&kpis, &years, o)));
        }
        let mut walked = Vec::new();
        group.walk(None, &mut walked);
        let inner: Vec<&Element> = walked
            .into_iter()
            .skip(1)
            .map(|w| w.element)
            .filter(|e| {
                matches!(
                    e.kind,
                    ElementKind::Strategy
                        | ElementKind::Goal
                        | ElementKind::Guideline
                        | ElementKind::StrategicIssue
                )
            })
            .collect();
        for s in inner {
            detail.push(Block::Paragraph(o.text(&named(s))));
            if !s.kpis.is_empty() {
                let kpis: Vec<_> = s.kpis.iter().collect();
                detail.push(Block::Table(kpi_table(&kpis, &years, o)));
            }
        }
        if projects.is_empty() {
            continue;
        }
        let (table, sum) = group_table(group, projects, &years, unit, o);
        detail.push(Block::Table(table));
        sums.push((*group, sum));
    }
    let summary = summary_blocks(&sums, &years, unit, o);
    Document {
        title: o.text(&plan.title),
        author: o.text(&plan.owner.name_th),
        cover: Some(cover(plan, o)),
        parts: vec![
            Part {
                orientation: Orientation::Portrait,
                blocks: first,
            },
            Part {
                orientation: Orientation::Landscape,
                blocks: detail,
            },
            Part {
                orientation: Orientation::Landscape,
                blocks: summary,
            },
        ],
    }
}

/// One issue's table: a project per row group (a row per KPI), its budget per year and in
/// total, and the issue's totals in a closing band row.
fn group_table(
    group: &Element,
    projects: &[&Element],
    years: &[BeYear],
    unit: MoneyUnit,
    o: &Options,
) -> (Table, Budget) {
    let n = years.len();
    let mut widths = vec![7, 6, 2];
    widths.extend(std::iter::repeat_n(2, n));
    widths.extend(std::iter::repeat_n(2, n));
    widths.extend([3, 5]);
    let mut top = vec![
        Cell::head("โครงการ/กิจกรรม").span(1, 2),
        Cell::head("ตัวชี้วัด").span(1, 2),
        Cell::head("หน่วยนับ").span(1, 2),
        Cell::head("ค่าเป้าหมาย").span(n as u16, 1),
        Cell::head(format!("งบประมาณ ({})", unit.label_th())).span(n as u16 + 1, 1),
        Cell::head("หน่วยงานรับผิดชอบ").span(1, 2),
    ];
    if n == 0 {
        top.remove(3);
    }
    let mut second: Vec<Cell> = years.iter().map(|y| Cell::head(o.year(*y))).collect();
    second.extend(years.iter().map(|y| Cell::head(o.year(*y))));
    second.push(Cell::head("รวม"));
    let mut body = Vec::new();
    let mut sum = Budget::zero(n);
    for p in projects {
        let budget = Budget::of(p, years);
        sum.add(&budget);
        let k = p.kpis.len().max(1);
        let lines = vec![o.text(&labelled(p.label.as_deref(), &p.title))];
        for i in 0..k {
            let mut row = Vec::new();
            if i == 0 {
                row.push(Cell::lines(lines.clone()).span(1, k as u16));
            }
            match p.kpis.get(i) {
                Some(kpi) => row.extend(super::common::kpi_cells(kpi, years, o)),
                None => {
                    row.extend((0..2 + n).map(|_| Cell::text("")));
                }
            }
            if i == 0 {
                row.extend(
                    budget
                        .per_year
                        .iter()
                        .map(|v| money_cell(*v, unit, o).span(1, k as u16)),
                );
                row.push(money_cell(budget.total, unit, o).bold().span(1, k as u16));
                row.push(Cell::lines(responsible(p, o)).span(1, k as u16));
            }
            body.push(row);
        }
        // Each activity on a row of its own under its project, so no row grows past a page.
        for a in below(p, ElementKind::Activity) {
            let mut row = vec![Cell::text(
                o.text(&format!("  {}", labelled(a.label.as_deref(), &a.title))),
            )];
            row.extend((0..2 + 2 * n + 2).map(|_| Cell::text("")));
            body.push(row);
        }
    }
    let mut total = vec![
        Cell::text(o.text(&format!("รวม {}", named(group))))
            .bold()
            .span(3 + n as u16, 1)
            .shaded(Shade::Band),
    ];
    total.extend(
        sum.per_year
            .iter()
            .map(|v| money_cell(*v, unit, o).bold().shaded(Shade::Band)),
    );
    total.push(money_cell(sum.total, unit, o).bold().shaded(Shade::Band));
    total.push(Cell::text("").shaded(Shade::Band));
    body.push(total);
    (
        Table {
            caption: None,
            widths,
            header: vec![top, second],
            body,
        },
        sum,
    )
}

/// An amount in the table's unit: '-' for none.
fn money_cell(v: Decimal, unit: MoneyUnit, o: &Options) -> Cell {
    if v.is_zero() {
        Cell::number("-")
    } else {
        Cell::number(o.number((v / unit.baht_per_unit()).normalize()))
    }
}

/// Million baht when a project spends a million or more in a year, as government tables
/// write it; else baht.
pub fn money_unit(groups: &[(&Element, Vec<&Element>)], years: &[BeYear]) -> MoneyUnit {
    let most = groups
        .iter()
        .flat_map(|(_, ps)| ps.iter())
        .flat_map(|p| Budget::of(p, years).per_year)
        .max()
        .unwrap_or_default();
    if most >= Decimal::from(1_000_000) {
        MoneyUnit::MillionBaht
    } else {
        MoneyUnit::Baht
    }
}

/// ส่วนที่ 3: the budget per issue and year, the grand total, and the total in words.
fn summary_blocks(
    sums: &[(&Element, Budget)],
    years: &[BeYear],
    unit: MoneyUnit,
    o: &Options,
) -> Vec<Block> {
    let n = years.len();
    let mut widths = vec![8];
    widths.extend(std::iter::repeat_n(3, n + 1));
    let mut head = vec![Cell::head("ยุทธศาสตร์")];
    head.extend(
        years
            .iter()
            .map(|y| Cell::head(format!("ปี {}", o.year(*y)))),
    );
    head.push(Cell::head("รวม"));
    let mut grand = Budget::zero(n);
    let mut body = Vec::new();
    for (group, b) in sums {
        grand.add(b);
        let mut row = vec![Cell::text(o.text(&named(group)))];
        row.extend(b.per_year.iter().map(|v| money_cell(*v, unit, o)));
        row.push(money_cell(b.total, unit, o).bold());
        body.push(row);
    }
    let mut last = vec![Cell::text("รวมทั้งสิ้น").bold().shaded(Shade::Band)];
    last.extend(
        grand
            .per_year
            .iter()
            .map(|v| money_cell(*v, unit, o).bold().shaded(Shade::Band)),
    );
    last.push(money_cell(grand.total, unit, o).bold().shaded(Shade::Band));
    body.push(last);
    vec![
        Block::Heading {
            level: 1,
            text: o.text("ส่วนที่ 3 สรุปงบประมาณ"),
        },
        Block::Table(Table {
            caption: Some(format!(
                "งบประมาณ ({}) จำแนกตามยุทธศาสตร์และปี",
                unit.label_th()
            )),
            widths,
            header: vec![head],
            body,
        }),
        Block::Paragraph(format!(
            "งบประมาณรวมทั้งสิ้น {} บาท ({})",
            o.baht(grand.total),
            baht_text(grand.total)
        )),
    ]
}
