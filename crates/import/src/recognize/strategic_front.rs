//! The front of a strategic plan: title page and approval note, table of contents, the
//! introduction's sections, the SWOT analysis (coded items and the summarised key points) and
//! the TOWS matrix whose quadrants yield the missions.

use phaen_domain::{
    Approval, Period, Plan, Section, SwotItem, SwotKind, SwotSummaryItem, TowsQuadrant, TowsType,
};

use super::Ctx;
use super::tree::Cursor;
use crate::doc::{Block, Para, Table};
use crate::error::{Error, Result};
use crate::words;

/// What the title page says.
pub struct Header {
    pub title: String,
    pub owner: String,
    pub period: Period,
    pub approval: Option<Approval>,
    /// The first block after the title page.
    pub next: usize,
}

#[derive(Debug, Default)]
pub struct State {
    pub part: u8,
    toc: bool,
    part_title_next: bool,
    tows: bool,
    quadrant: Option<usize>,
}

pub fn header(ctx: &mut Ctx) -> Result<Header> {
    let mut lines = Vec::new();
    let mut period = None;
    let mut approval = None;
    let mut next = 0;
    for (i, block) in ctx.doc.blocks.iter().enumerate() {
        let Block::Para(p) = block else { break };
        if p.text == "สารบัญ" || part_number(&p.text).is_some() {
            break;
        }
        next = i + 1;
        if p.text.starts_with("หมายเหตุ") {
            approval = approval_note(&p.text);
            ctx.ledger.became(&p.loc, "approval", "plan");
            continue;
        }
        if period.is_none() {
            period = words::period_in(&p.text);
        }
        ctx.ledger.became(&p.loc, "title", "plan");
        lines.push(p.text.clone());
    }
    let period = period.ok_or_else(|| {
        Error::NotAPlan("the title page names no period (พ.ศ. 2568 - 2570)".into())
    })?;
    let owner = lines
        .iter()
        .find(|l| l.contains("สหกรณ์") && words::period_in(l).is_none() && !l.starts_with("แผน"))
        .cloned()
        .ok_or_else(|| Error::NotAPlan("the title page names no cooperative".into()))?;
    Ok(Header {
        title: lines.join(" "),
        owner,
        period,
        approval,
        next,
    })
}

/// 'หมายเหตุ : ที่ประชุมใหญ่สามัญประจำปี 2567 เมื่อวันที่ 18 ธันวาคม 2567 ให้ความเห็นชอบ...'
pub fn approval_note(text: &str) -> Option<Approval> {
    let body_start = text.find(':').map_or(0, |i| i + 1);
    let rest = &text[body_start..];
    let when = rest.find("เมื่อ")?;
    let body = rest[..when].trim().to_string();
    let date_text = rest[when..]
        .trim_start_matches("เมื่อ")
        .trim_start()
        .trim_start_matches("วันที่")
        .trim();
    let date = phaen_domain::thai::parse_thai_date(date_text).ok();
    Some(Approval {
        body,
        meeting: None,
        date,
        written: Some(text.to_string()),
    })
}

/// 'ส่วนที่ 3' -> 3.
pub fn part_number(text: &str) -> Option<u8> {
    let n = text.trim().strip_prefix("ส่วนที่")?.trim();
    phaen_domain::thai::to_arabic_digits(n).parse().ok()
}

/// '“เป็นสหกรณ์ที่มั่นคง”' -> 'เป็นสหกรณ์ที่มั่นคง'.
pub fn unquote(s: &str) -> String {
    s.trim()
        .trim_start_matches(['“', '"'])
        .trim_end_matches(['”', '"'])
        .trim()
        .to_string()
}

fn tows_type(text: &str) -> Option<(TowsType, String)> {
    let (pair, approach) = text.split_once('=')?;
    let q = match pair.replace(' ', "").as_str() {
        "S+O" | "SO" => TowsType::SO,
        "W+O" | "WO" => TowsType::WO,
        "S+T" | "ST" => TowsType::ST,
        "W+T" | "WT" => TowsType::WT,
        _ => return None,
    };
    Some((q, approach.trim().to_string()))
}

/// Paragraphs of the front parts: sections, TOWS entries, part titles.
pub fn para(ctx: &mut Ctx, plan: &mut Plan, state: &mut State, cursor: &Cursor, p: &Para) {
    let text = p.text.as_str();
    let _ = cursor;
    if std::mem::take(&mut state.part_title_next) || text == "สารบัญ" {
        state.toc = text == "สารบัญ";
        ctx.ledger.context(&p.loc, "part title");
        return;
    }
    if text == "TOWS Matrix" {
        state.tows = true;
        ctx.ledger.context(&p.loc, "TOWS heading");
        return;
    }
    if text == "ผลการวิเคราะห์สภาพแวดล้อม" {
        ctx.ledger.context(&p.loc, "SWOT summary heading");
        return;
    }
    if state.tows && state.part <= 2 {
        if let Some((q, approach)) = tows_type(text) {
            plan.tows.push(TowsQuadrant {
                quadrant: q,
                approach: Some(approach),
                strategies: Vec::new(),
                swot_codes: Vec::new(),
                missions: Vec::new(),
            });
            state.quadrant = Some(plan.tows.len() - 1);
            ctx.ledger.became(&p.loc, "tows", q.as_str());
            return;
        }
        if let Some(strategy) = text.strip_prefix('>')
            && let Some(q) = state.quadrant.and_then(|i| plan.tows.get_mut(i))
        {
            q.strategies.push(strategy.trim().to_string());
            ctx.ledger
                .became(&p.loc, "tows strategy", q.quadrant.as_str());
            return;
        }
        if matches!(
            text,
            "Strengths" | "Weaknesses" | "Opportunities" | "Threats"
        ) || text.starts_with("- ")
        {
            ctx.ledger
                .context(&p.loc, "TOWS matrix: repeats the SWOT summary");
            return;
        }
    }
    if state.part <= 2 {
        let short = text.chars().count() <= 60 && words::split_number_label(text).is_none();
        if short {
            plan.sections.push(Section {
                heading: text.to_string(),
                body: String::new(),
            });
            ctx.ledger
                .became(&p.loc, "section heading", plan.sections.len().to_string());
        } else {
            if plan.sections.is_empty() {
                plan.sections.push(Section {
                    heading: String::new(),
                    body: String::new(),
                });
            }
            let s = plan.sections.last_mut().expect("a section");
            if !s.body.is_empty() {
                s.body.push('\n');
            }
            s.body.push_str(text);
            ctx.ledger
                .became(&p.loc, "section text", plan.sections.len().to_string());
        }
        return;
    }
    if text.starts_with("แผนกลยุทธ์")
        || text.starts_with("แผนปฏิบัติการ")
        || text == "พันธกิจ เป้าประสงค์ กลยุทธ์"
        || (text.contains("สหกรณ์") && words::period_in(text).is_some())
    {
        ctx.ledger.context(&p.loc, "heading");
    }
}

/// Marks that the next paragraph is a part's title.
pub fn after_part_marker(state: &mut State) {
    state.part_title_next = true;
}

/// Tables of the front parts; returns whether the table was one of them.
pub fn table(
    ctx: &mut Ctx,
    plan: &mut Plan,
    state: &mut State,
    _cursor: &Cursor,
    t: &Table,
) -> Result<bool> {
    if std::mem::take(&mut state.toc) {
        for row in &t.rows {
            for (_, c) in row.filled() {
                ctx.ledger.context(&c.loc, "table of contents");
            }
        }
        return Ok(true);
    }
    let first = t.rows.first().map(|r| r.cell(0)).unwrap_or_default();
    if swot_kind(&first).is_none() {
        return Ok(false);
    }
    let coded = t
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().skip(1))
        .flat_map(|c| c.lines.iter())
        .any(|l| swot_code(l).is_some());
    if coded {
        read_swot(ctx, plan, t);
    } else if plan.swot_summary.is_empty() {
        read_summary(ctx, plan, t);
    } else {
        for row in &t.rows {
            for (_, c) in row.filled() {
                ctx.ledger
                    .context(&c.loc, "TOWS matrix: repeats the SWOT summary");
            }
        }
    }
    Ok(true)
}

fn swot_kind(text: &str) -> Option<SwotKind> {
    let pairs = [
        ("จุดแข็ง", SwotKind::S),
        ("Strengths", SwotKind::S),
        ("จุดอ่อน", SwotKind::W),
        ("Weaknesses", SwotKind::W),
        ("โอกาส", SwotKind::O),
        ("Opportunities", SwotKind::O),
        ("อุปสรรค", SwotKind::T),
        ("Threats", SwotKind::T),
    ];
    pairs
        .iter()
        .find(|(w, _)| text.trim().starts_with(w))
        .map(|(_, k)| *k)
}

/// 'S1 คณะกรรมการ...' -> ('S1', 'คณะกรรมการ...'); a bare 'T1' -> ('T1', '').
fn swot_code(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    let mut chars = t.chars();
    let letter = chars.next()?;
    if !matches!(letter, 'S' | 'W' | 'O' | 'T') {
        return None;
    }
    let digits: String = chars.clone().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = t[1 + digits.len()..].trim();
    if !rest.is_empty() && !t[1 + digits.len()..].starts_with(' ') {
        return None;
    }
    Some((format!("{letter}{digits}"), rest.to_string()))
}

fn read_swot(ctx: &mut Ctx, plan: &mut Plan, t: &Table) {
    let mut kind = None;
    for row in &t.rows {
        if let Some(k) = swot_kind(&row.cell(0)) {
            kind = Some(k);
            ctx.ledger.context(&row.cells[0].loc, "SWOT heading");
        }
        let Some(kind) = kind else { continue };
        for cell in row.cells.iter().skip(1).filter(|c| !c.is_empty()) {
            for line in &cell.lines {
                match swot_code(line) {
                    Some((code, text)) => plan.swot.push(SwotItem {
                        kind,
                        code: Some(code),
                        text,
                    }),
                    None => match plan.swot.last_mut() {
                        Some(item) if item.kind == kind => {
                            if !item.text.is_empty() {
                                item.text.push(' ');
                            }
                            item.text.push_str(line.trim());
                        }
                        _ => plan.swot.push(SwotItem {
                            kind,
                            code: None,
                            text: line.trim().to_string(),
                        }),
                    },
                }
            }
            let code = plan
                .swot
                .last()
                .and_then(|s| s.code.clone())
                .unwrap_or_default();
            ctx.ledger.became(&cell.loc, "swot", code);
        }
    }
}

fn read_summary(ctx: &mut Ctx, plan: &mut Plan, t: &Table) {
    for row in &t.rows {
        for cell in row.cells.iter().filter(|c| !c.is_empty()) {
            let Some(kind) = cell.lines.first().and_then(|l| swot_kind(l)) else {
                continue;
            };
            for line in &cell.lines[1..] {
                for item in words::dash_items(line) {
                    plan.swot_summary.push(SwotSummaryItem { kind, text: item });
                }
            }
            ctx.ledger
                .became(&cell.loc, "swot summary", kind.letter().to_string());
        }
    }
}

/// Ties each TOWS quadrant to the mission its strategy became.
pub fn finish(ctx: &mut Ctx, plan: &mut Plan, _state: &State) {
    let missions: Vec<(phaen_domain::ElementId, String)> = plan
        .elements
        .iter()
        .filter(|e| e.kind == phaen_domain::ElementKind::Mission)
        .map(|e| (e.id.clone(), e.title.clone()))
        .collect();
    for q in plan.tows.iter_mut() {
        for s in &q.strategies {
            let best = missions
                .iter()
                .map(|(id, title)| (id, words::similarity(title, s)))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((id, score)) if score >= 0.75 => q.missions.push(id.clone()),
                _ => ctx.warn(
                    None,
                    format!("แนวทาง TOWS '{s}' ไม่ตรงกับพันธกิจใด"),
                    format!("TOWS strategy '{s}' matches no mission"),
                ),
            }
        }
    }
}
