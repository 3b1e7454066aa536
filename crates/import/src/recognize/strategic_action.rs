//! The action-plan tables of a strategic plan (แนวทางการดำเนินงาน | แผนงาน/โครงการ | ตัวชี้วัด |
//! หน่วยนับ | years | ผู้รับผิดชอบ): projects under the guidelines already read, their KPIs with
//! yearly targets, and responsible units. Merged cells arrive as blanks and inherit from the
//! row above; rows the export shifted one column right are read back into place.

use phaen_domain::{BeYear, Element, ElementKind, Plan, Responsibility, ResponsibleRole};

use super::Ctx;
use super::kpi_table;
use super::tree::{Cursor, at, ordinal};
use crate::doc::{Row, Table};
use crate::error::Result;
use crate::words;

/// Column positions of an action table.
struct Layout {
    guideline: usize,
    project: usize,
    kpi: usize,
    unit: usize,
    years: Vec<(usize, BeYear)>,
    responsible: Option<usize>,
}

pub fn is_action_table(t: &Table) -> bool {
    t.rows.first().is_some_and(|r| {
        r.cell(0).starts_with("แนวทาง") && r.cells.iter().any(|c| c.text().contains("โครงการ"))
    })
}

fn layout(t: &Table) -> Option<(Layout, usize)> {
    let head = t.rows.first()?;
    let find = |word: &str| {
        head.cells
            .iter()
            .position(|c| c.text().replace(' ', "").contains(word))
    };
    let years_row = t
        .rows
        .iter()
        .take(3)
        .position(|r| kpi_table::year_columns(r).len() >= 2)?;
    Some((
        Layout {
            guideline: 0,
            project: find("โครงการ")?,
            kpi: find("ตัวชี้วัด")?,
            unit: find("หน่วยนับ")?,
            years: kpi_table::year_columns(&t.rows[years_row]),
            responsible: find("ผู้รับผิดชอบ"),
        },
        years_row + 1,
    ))
}

/// A row's cells in their proper columns: when the guideline column is empty but the project
/// column holds a guideline's own text and the row runs one cell long, the export shifted the
/// row right by one.
fn aligned(row: &Row, l: &Layout, guidelines: &[(String, String)]) -> (Vec<String>, bool) {
    let cells: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
    let second = cells.get(l.project).cloned().unwrap_or_default();
    let names_guideline = words::split_number_label(&second).is_some_and(|(label, text)| {
        guidelines
            .iter()
            .any(|(k, t)| *k == ordinal(&label) && words::similarity(t, &text) > 0.8)
    });
    let last_is_target = l.responsible.and_then(|r| cells.get(r)).is_some_and(|c| {
        crate::targets::parse_cell(c)
            .is_some_and(|t| !matches!(t, phaen_domain::Target::Text { .. }))
    });
    if cells.first().is_some_and(|c| c.trim().is_empty()) && names_guideline && last_is_target {
        let mut shifted = cells[1..].to_vec();
        shifted.push(String::new());
        return (shifted, true);
    }
    (cells, false)
}

pub fn read_table(ctx: &mut Ctx, plan: &mut Plan, cursor: &Cursor, t: &Table) -> Result<()> {
    let Some((l, body)) = layout(t) else {
        return Ok(());
    };
    for row in &t.rows[..body] {
        for (_, c) in row.filled() {
            ctx.ledger.context(&c.loc, "action table header");
        }
    }
    let Some(strategy) = cursor.deepest_ref(plan) else {
        return Ok(());
    };
    let guidelines: Vec<(String, String)> = strategy
        .children
        .iter()
        .filter(|e| e.kind == ElementKind::Guideline)
        .map(|e| {
            (
                e.label.as_deref().map(ordinal).unwrap_or_default(),
                e.title.clone(),
            )
        })
        .collect();
    let rows: Vec<(Vec<String>, bool)> = t.rows[body..]
        .iter()
        .map(|r| aligned(r, &l, &guidelines))
        .collect();
    let mut guideline: Option<usize> = None;
    let mut project: Option<(usize, usize)> = None;
    let mut responsible: Vec<String> = Vec::new();
    for (n, (cells, shifted)) in rows.iter().enumerate() {
        let row = &t.rows[body + n];
        let cell = |i: usize| {
            cells
                .get(i)
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let g = cell(l.guideline);
        let p = cell(l.project);
        let mut target_guideline = (!g.is_empty()).then(|| g.clone());
        // A project on a row with no guideline, followed by a row with a guideline and no
        // project, is one merged project cell: the project serves the next row's guideline.
        if g.is_empty()
            && !p.is_empty()
            && let Some((next, _)) = rows.get(n + 1)
        {
            let ng = next.get(l.guideline).map(|s| s.trim()).unwrap_or_default();
            let np = next.get(l.project).map(|s| s.trim()).unwrap_or_default();
            if !ng.is_empty() && np.is_empty() {
                target_guideline = Some(ng.to_string());
                ctx.warn(
                        Some(&row.loc),
                        format!("โครงการ '{p}' อยู่ในเซลล์ที่ผสานกับแถวถัดไป จึงจัดไว้ใต้แนวทาง '{ng}'"),
                        format!("project '{p}' spans the next row's merged cell; placed under guideline '{ng}'"),
                    );
            }
        }
        if let Some(gtext) = &target_guideline {
            guideline = find_guideline(ctx, plan, cursor, gtext, row);
        }
        if *shifted {
            ctx.warn(
                Some(&row.loc),
                "แถวนี้เลื่อนไปทางขวาหนึ่งคอลัมน์ จึงอ่านกลับเข้าที่ และใช้ผู้รับผิดชอบจากแถวก่อนหน้า",
                "this row was shifted one column right; read back into place, responsible taken from the row above",
            );
        }
        let r = l.responsible.map(&cell).unwrap_or_default();
        if !r.is_empty() {
            responsible = r
                .split('/')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        }
        let Some(gi) = guideline else {
            continue;
        };
        let gpath = [cursor.path.clone(), vec![gi]].concat();
        if !p.is_empty() {
            let (label, title) =
                words::split_number_label(&p).unwrap_or((String::new(), p.clone()));
            let mut e = Element::new(ElementKind::Project, title);
            e.label = (!label.is_empty()).then_some(label);
            e.responsible = responsible
                .iter()
                .map(|text| Responsibility {
                    role: ResponsibleRole::Main,
                    text: text.clone(),
                    org: None,
                    unit: None,
                })
                .collect();
            if let Some(g) = at(plan, &gpath) {
                g.children.push(e);
                project = Some((gi, g.children.len() - 1));
            }
        }
        let kpi_name = cell(l.kpi);
        if let (Some((pg, pi)), false) = (project, kpi_name.is_empty()) {
            let years: Vec<_> = l.years.iter().map(|(i, y)| (*y, cell(*i))).collect();
            let kpi = kpi_table::kpi_from_cells(&kpi_name, Some(cell(l.unit)), &years);
            let kid = kpi.id.to_string();
            let ppath = [cursor.path.clone(), vec![pg, pi]].concat();
            if let Some(pe) = at(plan, &ppath) {
                let pid = pe.id.to_string();
                pe.kpis.push(kpi);
                record_row(ctx, row, &l, *shifted, &pid, &kid, g.is_empty());
            }
        }
    }
    Ok(())
}

fn record_row(
    ctx: &mut Ctx,
    row: &Row,
    l: &Layout,
    shifted: bool,
    project: &str,
    kpi: &str,
    no_g: bool,
) {
    let off = usize::from(shifted);
    for (i, c) in row.filled() {
        let col = i.saturating_sub(off);
        if col == l.guideline || (shifted && i == 1 && no_g) {
            ctx.ledger.context(&c.loc, "repeat of a guideline");
        } else if col == l.project || Some(col) == l.responsible {
            ctx.ledger.became(&c.loc, "project", project);
        } else {
            ctx.ledger.became(&c.loc, "kpi", kpi);
        }
    }
}

/// The guideline of the current strategy a cell names ('3. ทบทวน/ปรับปรุง...').
fn find_guideline(
    ctx: &mut Ctx,
    plan: &mut Plan,
    cursor: &Cursor,
    text: &str,
    row: &Row,
) -> Option<usize> {
    let strategy = cursor.deepest_ref(plan)?;
    let (label, title) =
        words::split_number_label(text).unwrap_or((String::new(), text.to_string()));
    let key = ordinal(&label);
    let found = strategy.children.iter().position(|e| {
        e.kind == ElementKind::Guideline
            && (e.label.as_deref().map(ordinal) == Some(key.clone())
                || words::similarity(&e.title, &title) > 0.85)
    });
    if found.is_none() {
        ctx.warn(
            Some(&row.loc),
            format!("ไม่พบแนวทาง '{text}' ในแผนกลยุทธ์ จึงเพิ่มเป็นแนวทางใหม่"),
            format!("guideline '{text}' was not in the strategy; added"),
        );
        let mut e = Element::new(ElementKind::Guideline, title);
        e.label = (!label.is_empty()).then_some(label);
        let s = cursor.deepest(plan)?;
        s.children.push(e);
        return Some(s.children.len() - 1);
    }
    found
}
