//! A cooperative's strategic plan (แผนกลยุทธ์), as seed 000 writes it: a title page with the
//! approval note; an introduction; the SWOT analysis and TOWS matrix; the vision; a section
//! per mission with its goals, strategies, KPI tables and guidelines; summary matrices that
//! repeat the tree; and the action plan (ส่วนที่ 4) whose tables add projects and their KPIs.

use phaen_domain::{Element, ElementKind, Period, Plan, PlanKind, PlanStatus, YearBasis};

use super::Ctx;
use super::strategic_action as action;
use super::strategic_front as front;
use super::tree::{Cursor, Mode};
use crate::doc::{Block, Para};
use crate::error::{Error, Result};
use crate::words;

/// Words that head columns and sections; a line made only of them names no element.
const HEADING_WORDS: [&str; 6] = [
    "พันธกิจ",
    "เป้าประสงค์",
    "กลยุทธ์",
    "ตัวชี้วัด",
    "แนวทางการดำเนินงาน",
    "วิสัยทัศน์",
];

pub fn read(ctx: &mut Ctx) -> Result<Plan> {
    let doc = ctx.doc;
    let head = front::header(ctx)?;
    let owner = ctx
        .owner
        .clone()
        .unwrap_or_else(|| super::owner::infer(&head.owner));
    let mut plan = Plan::new(
        PlanKind::StrategicPlan,
        head.title.clone(),
        owner,
        head.period,
    );
    plan.year_basis = YearBasis::CalendarYear;
    ctx.warn(
        None,
        "เอกสารไม่ได้ระบุว่าเป็นปีบัญชีหรือปีงบประมาณ จึงถือเป็นปีปฏิทิน (พ.ศ.)",
        "the document names no accounting or fiscal year; calendar (พ.ศ.) years assumed",
    );
    if let Some(approval) = head.approval {
        plan.approval = Some(approval);
        plan.status = PlanStatus::Approved;
    }
    let mut cursor = Cursor::default();
    let mut state = front::State::default();
    let mut i = head.next;
    while i < doc.blocks.len() {
        let consumed = match &doc.blocks[i] {
            Block::Para(p) => para(ctx, &mut plan, &mut cursor, &mut state, i, p)?,
            Block::Table(t) => {
                if cursor.mode == Mode::Locate && action::is_action_table(t) {
                    action::read_table(ctx, &mut plan, &cursor, t)?;
                } else if !front::table(ctx, &mut plan, &mut state, &cursor, t)? {
                    tree_table(ctx, &mut plan, &cursor, t);
                }
                1
            }
        };
        i += consumed.max(1);
    }
    front::finish(ctx, &mut plan, &state);
    if plan.elements.is_empty() {
        return Err(Error::NotAPlan(
            "no พันธกิจ (mission) headings were found in this strategic plan".into(),
        ));
    }
    Ok(plan)
}

/// Reads one paragraph; returns how many blocks it consumed (the vision's heading takes the
/// next paragraph too).
fn para(
    ctx: &mut Ctx,
    plan: &mut Plan,
    cursor: &mut Cursor,
    state: &mut front::State,
    i: usize,
    p: &Para,
) -> Result<usize> {
    let text = p.text.as_str();
    if let Some(part) = front::part_number(text) {
        state.part = part;
        front::after_part_marker(state);
        if part >= 4 {
            cursor.mode = Mode::Locate;
        }
        ctx.ledger.context(&p.loc, format!("ส่วนที่ {part}"));
        return Ok(1);
    }
    if text == "วิสัยทัศน์" {
        ctx.ledger.context(&p.loc, "vision heading");
        if let Some(Block::Para(v)) = ctx.doc.blocks.get(i + 1) {
            plan.vision = Some(front::unquote(&v.text));
            ctx.ledger.became(&v.loc, "vision", plan.id.as_str());
            return Ok(2);
        }
        return Ok(1);
    }
    for (word, kind) in [
        ("พันธกิจ", ElementKind::Mission),
        ("เป้าประสงค์", ElementKind::Goal),
        ("กลยุทธ์", ElementKind::Strategy),
    ] {
        if let Some((label, title)) = words::split_word_label(text, word) {
            let only_headings = title.split_whitespace().all(|w| HEADING_WORDS.contains(&w));
            if title.is_empty() || only_headings {
                break;
            }
            let id = cursor.heading(ctx, plan, kind, label, &title, &p.loc)?;
            match cursor.mode {
                Mode::Define => ctx.ledger.became(&p.loc, kind.as_str(), id),
                Mode::Locate => ctx
                    .ledger
                    .context(&p.loc, format!("repeat of {} {id}", kind.as_str())),
            }
            return Ok(1);
        }
    }
    if text.starts_with("แนวทางการดำเนินงาน") && cursor.mode == Mode::Define
    {
        ctx.ledger.context(&p.loc, "guidelines heading");
        let mut n = 1;
        while let Some(Block::Para(g)) = ctx.doc.blocks.get(i + n) {
            let Some((label, title)) = words::split_number_label(&g.text) else {
                break;
            };
            let e = Element::new(ElementKind::Guideline, title).with_label(label);
            let id = e.id.to_string();
            if let Some(parent) = cursor.deepest(plan) {
                parent.children.push(e);
                ctx.ledger.became(&g.loc, "guideline", id);
            }
            n += 1;
        }
        return Ok(n);
    }
    front::para(ctx, plan, state, cursor, p);
    Ok(1)
}

/// A KPI table under the current strategy (in the plan's own sections), or a summary matrix.
fn tree_table(ctx: &mut Ctx, plan: &mut Plan, cursor: &Cursor, t: &crate::doc::Table) {
    let Some(first) = t.rows.first() else {
        return;
    };
    if let Some(cols) = super::kpi_table::header(first) {
        for c in first.filled() {
            ctx.ledger.context(&c.1.loc, "KPI table header");
        }
        let mode = cursor.mode;
        let Some(owner) = cursor.deepest(plan) else {
            return;
        };
        for row in &t.rows[1..] {
            let name = row.cell(cols.name);
            if name.trim().is_empty() {
                continue;
            }
            let unit = cols.unit.map(|u| row.cell(u));
            let years: Vec<_> = cols.years.iter().map(|(i, y)| (*y, row.cell(*i))).collect();
            let kpi = super::kpi_table::kpi_from_cells(&name, unit, &years);
            let id = kpi.id.to_string();
            for (_, c) in row.filled() {
                ctx.ledger.became(&c.loc, "kpi", &id);
            }
            if mode == Mode::Define {
                owner.kpis.push(kpi);
            }
        }
        return;
    }
    // Summary matrices repeat the tree (พันธกิจ | เป้าประสงค์ | กลยุทธ์, วิสัยทัศน์ | ...).
    for row in &t.rows {
        for (_, c) in row.filled() {
            ctx.ledger.context(
                &c.loc,
                "summary matrix: repeats the missions, goals and strategies",
            );
        }
    }
}

/// The period named on the title page.
pub fn period_of(text: &str) -> Option<Period> {
    words::period_in(text)
}
