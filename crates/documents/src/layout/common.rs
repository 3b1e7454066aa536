//! Pieces every plan layout uses: the cover, the introduction, a KPI table with one column per
//! year, labels written as plans write them, and small tree helpers.

use phaen_domain::{BeYear, Element, ElementKind, Kpi, Plan, YearTarget};

use super::model::{Block, Cell, Cover, Table};
use super::options::Options;

/// 'กลยุทธ์ที่ 2 เพิ่ม...': the label and the title, or the title alone.
pub fn labelled(label: Option<&str>, title: &str) -> String {
    match label.map(str::trim) {
        Some(l) if !l.is_empty() => format!("{l} {title}"),
        _ => title.to_string(),
    }
}

/// 'กลยุทธ์ 2.1 เพิ่มรายได้', leaving out the kind when the label already says it
/// ('พันธกิจที่ 1 ...' rather than 'พันธกิจ พันธกิจที่ 1 ...').
pub fn with_kind(kind: &str, label: Option<&str>, title: &str) -> String {
    let text = labelled(label, title);
    if label.is_some_and(|l| l.trim_start().starts_with(kind)) {
        text
    } else {
        format!("{kind} {text}")
    }
}

/// An element as a heading or a cell names it, with its kind.
pub fn named(e: &Element) -> String {
    with_kind(e.kind.label_th(), e.label.as_deref(), &e.title)
}

/// The children of `e` of the given kinds, in order.
pub fn kids<'a>(e: &'a Element, kinds: &[ElementKind]) -> Vec<&'a Element> {
    e.children
        .iter()
        .filter(|c| kinds.contains(&c.kind))
        .collect()
}

/// Every element of `kind` at or below `e`, depth first.
pub fn below(e: &Element, kind: ElementKind) -> Vec<&Element> {
    let mut out = Vec::new();
    let mut walked = Vec::new();
    e.walk(None, &mut walked);
    out.extend(
        walked
            .into_iter()
            .map(|w| w.element)
            .filter(|x| x.kind == kind),
    );
    out
}

/// Every element of `kind` in the plan, depth first.
pub fn all_of(plan: &Plan, kind: ElementKind) -> Vec<&Element> {
    plan.walk()
        .into_iter()
        .map(|w| w.element)
        .filter(|e| e.kind == kind)
        .collect()
}

/// The period as the cover writes it: 'พ.ศ. 2568 - 2570'.
pub fn period(plan: &Plan, o: &Options) -> String {
    o.text(&format!("พ.ศ. {} - {}", plan.period.from, plan.period.to))
}

/// The cover: the plan's title, its owner, its period, its approval; a title that names the
/// owner and the years ('แผนกลยุทธ์ สหกรณ์... พ.ศ. 2568 - 2570') is set on three lines, as
/// covers set it.
pub fn cover(plan: &Plan, o: &Options) -> Cover {
    let owner = plan.owner.name_th.trim();
    let title = plan.title.trim();
    let without_years = ["(พ.ศ.", "พ.ศ.", "(ปีบัญชี", "ปีบัญชี"]
        .iter()
        .filter_map(|m| title.find(m))
        .min()
        .map_or(title, |at| title[..at].trim_end());
    let rest = without_years.replacen(owner, "", 1);
    let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines = Vec::new();
    if !owner.is_empty() && title.contains(owner) && !rest.is_empty() {
        lines.push(o.text(&rest));
        lines.push(o.text(owner));
        lines.push(o.text(title[without_years.len()..].trim()));
        if lines[2].is_empty() {
            lines[2] = period(plan, o);
        }
    } else {
        lines.push(o.text(title));
        if !owner.is_empty() && !title.contains(owner) {
            lines.push(o.text(owner));
        }
        let years = plan.period.from.to_string();
        if !phaen_domain::thai::to_arabic_digits(title).contains(&years) {
            lines.push(period(plan, o));
        }
    }
    if let Some(edition) = &plan.edition {
        lines.push(o.text(edition));
    }
    if let Some(a) = &plan.approval {
        let note = match &a.written {
            Some(w) => w.clone(),
            None => {
                let mut s = format!("ให้ความเห็นชอบโดย{}", a.body);
                if let Some(m) = &a.meeting {
                    s.push(' ');
                    s.push_str(m);
                }
                if let Some(d) = a.date {
                    s.push_str(" เมื่อวันที่ ");
                    s.push_str(&phaen_domain::thai::format_long_date(d));
                }
                s
            }
        };
        lines.push(o.text(&note));
    }
    if let Some(d) = plan.as_of {
        lines.push(o.text(&format!(
            "ข้อมูล ณ วันที่ {}",
            phaen_domain::thai::format_long_date(d)
        )));
    }
    Cover { lines }
}

/// The plan's running-text sections, each a level-2 heading and its paragraphs.
pub fn sections(plan: &Plan, o: &Options, out: &mut Vec<Block>) {
    for s in &plan.sections {
        out.push(Block::Heading {
            level: 2,
            text: o.text(&s.heading),
        });
        for line in s.body.lines().map(str::trim).filter(|l| !l.is_empty()) {
            out.push(Block::Paragraph(o.text(line)));
        }
    }
}

/// A target cell: as the plan wrote it when it did, else in its short form.
pub fn target_text(t: &YearTarget, o: &Options) -> String {
    o.text(t.written.as_deref().unwrap_or(&t.target.to_string()))
}

/// The KPI table of seed 000: ตัวชี้วัด | หน่วยนับ | ปี 2568 | ปี 2569 | ...
/// A KPI's cells in a row: its name, its unit and its target in each year ('-' for none).
pub fn kpi_cells(k: &Kpi, years: &[BeYear], o: &Options) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(o.text(&labelled(k.label.as_deref(), &k.name))),
        Cell::text(o.text(k.unit.as_deref().unwrap_or("-"))).centered(),
    ];
    row.extend(years.iter().map(|y| {
        let t = k.targets.iter().find(|t| t.year == *y);
        Cell::text(t.map_or("-".to_string(), |t| target_text(t, o))).centered()
    }));
    row
}

pub fn kpi_table(kpis: &[&Kpi], years: &[BeYear], o: &Options) -> Table {
    let mut widths = vec![8, 2];
    widths.extend(years.iter().map(|_| 2));
    let mut head = vec![Cell::head("ตัวชี้วัด"), Cell::head("หน่วยนับ")];
    head.extend(
        years
            .iter()
            .map(|y| Cell::head(format!("ปี {}", o.year(*y)))),
    );
    let body = kpis.iter().map(|k| kpi_cells(k, years, o)).collect();
    Table {
        caption: None,
        widths,
        header: vec![head],
        body,
    }
}

/// Items that carry their own labels ('1. ...'), one paragraph each.
pub fn labelled_items(items: &[&Element], o: &Options, out: &mut Vec<Block>) {
    for e in items {
        out.push(Block::Paragraph(
            o.text(&labelled(e.label.as_deref(), &e.title)),
        ));
    }
}

/// The plan's years, first to last.
pub fn years(plan: &Plan) -> Vec<BeYear> {
    plan.period.years().collect()
}

/// Responsible units as one cell's lines.
pub fn responsible(e: &Element, o: &Options) -> Vec<String> {
    e.responsible.iter().map(|r| o.text(&r.text)).collect()
}
