//! The summary matrices of an action plan: vision, missions and the strategic goal, then per
//! strategic issue its name, goal and strategies, the number of projects and the five-year
//! budget. The counts and budgets are context: they are checked against the projects read
//! from the detail tables, and every disagreement is flagged.

use phaen_domain::{Baht, Element, ElementKind, MoneyUnit};

use super::cells::{key_of, short, split_labels, value};
use super::model::{Model, Seen, Tally, issue_key, seen};
use crate::doc::{Loc, Row};
use crate::recognize::Ctx;
use crate::words::{split_number_label, squash};

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Section {
    #[default]
    Start,
    Missions,
    Counts,
    Budgets,
}

/// One matrix being read: which column holds which issue and which strategy.
#[derive(Debug, Default)]
pub(super) struct Matrix {
    section: Section,
    issue_cols: Vec<(usize, String)>,
    strat_cols: Vec<(usize, String)>,
    /// A merged cell moved the goal's row label onto the last mission's row.
    shifted: bool,
}

impl Matrix {
    pub fn row(
        &mut self,
        ctx: &mut Ctx,
        model: &mut Model,
        vision: &mut Option<String>,
        plan_id: &str,
        row: &Row,
    ) {
        let c0 = row.cell(0).trim().to_string();
        let word = squash(&c0);
        let first_text = (1..row.cells.len()).find(|&c| !row.cell(c).trim().is_empty());
        let numbered =
            split_number_label(row.cell(1).trim()).filter(|(l, _)| !key_of(l).contains('.'));
        if !c0.is_empty()
            && !c0
                .starts_with(|c: char| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c))
        {
            ctx.ledger
                .context(&row.cells[0].loc, "row label of the summary matrix");
        }
        match word.as_str() {
            "วิสัยทัศน์" => {
                self.section = Section::Start;
                if let Some(c) = first_text {
                    let text = row.cell(c).trim().to_string();
                    let loc = &row.cells[c].loc;
                    match vision {
                        None => {
                            ctx.ledger.became(loc, "vision", plan_id);
                            *vision = Some(text);
                        }
                        Some(v) => repeat(ctx, loc, "วิสัยทัศน์", "the vision", v, &text),
                    }
                }
            }
            "พันธกิจ" => {
                self.section = Section::Missions;
                if let Some((label, text)) = numbered {
                    mission(ctx, model, &label, &text, &row.cells[1].loc);
                }
            }
            _ if self.section == Section::Missions && numbered.is_some() => {
                let (label, text) = numbered.expect("checked");
                let new = mission(ctx, model, &label, &text, &row.cells[1].loc);
                let label = label.trim_end_matches('.');
                if !c0.is_empty() {
                    self.shifted = true;
                    if new {
                        ctx.warn(
                            Some(&row.cells[0].loc),
                            format!("ป้ายแถว '{c0}' อยู่บนแถวพันธกิจ {label} เพราะเซลล์ผสาน จึงอ่านแถวนี้เป็นพันธกิจ และใช้ป้ายกับแถวถัดไป"),
                            format!("the row label '{c0}' sits on mission {label}'s row through a merged cell; the row was read as a mission and the label as the next row's"),
                        );
                    }
                }
            }
            _ if self.issue_cols.is_empty()
                && (word.starts_with("เป้าหมาย") || (c0.is_empty() && self.shifted)) =>
            {
                self.section = Section::Start;
                self.shifted = false;
                if let Some(c) = first_text {
                    strategic_goal(ctx, model, row.cell(c).trim(), &row.cells[c].loc);
                }
            }
            "ยุทธศาสตร์" => self.issues(ctx, model, row),
            "เป้าหมาย" => self.goals(ctx, model, row),
            "กลยุทธ์" => self.strategies(ctx, model, row),
            w if w.contains("โครงการ") && w.contains("กิจกรรม") => {
                self.section = Section::Counts;
                self.numbers(ctx, model, row, 1);
            }
            w if w.starts_with("งบประมาณรวม") => {
                self.section = Section::Budgets;
                self.numbers(ctx, model, row, 1);
            }
            _ => self.numbers(ctx, model, row, 0),
        }
    }

    fn filled(row: &Row) -> impl Iterator<Item = (usize, String, &Loc)> {
        row.cells
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, c)| !c.is_empty())
            .map(|(i, c)| (i, c.text().trim().to_string(), &c.loc))
    }

    fn issues(&mut self, ctx: &mut Ctx, model: &mut Model, row: &Row) {
        for (c, text, loc) in Self::filled(row) {
            let Some((n, name)) = split_number_label(&text) else {
                continue;
            };
            let key = key_of(&n);
            let (id, seen) = model.name_issue(ctx, &key, &format!("ยุทธศาสตร์ที่ {n}"), &name, loc);
            record(ctx, loc, seen, "strategic issue (ยุทธศาสตร์)", &id);
            self.issue_cols.push((c, key));
        }
    }

    fn goals(&mut self, ctx: &mut Ctx, model: &mut Model, row: &Row) {
        for (c, text, loc) in Self::filled(row) {
            let Some(key) = self.issue_at(c) else {
                continue;
            };
            let label = model
                .issue(&key)
                .and_then(|i| i.el.label.clone())
                .unwrap_or_default();
            let (id, seen) = model.set_goal(ctx, &key, &label, &text, loc);
            record(ctx, loc, seen, "goal of the strategic issue (เป้าหมาย)", &id);
        }
    }

    fn strategies(&mut self, ctx: &mut Ctx, model: &mut Model, row: &Row) {
        for (c, text, loc) in Self::filled(row) {
            let (_, items) = split_labels(&text, true);
            for (label, body) in items {
                let key = key_of(&label);
                let (id, seen) = model.name_strategy(ctx, &key, &label, &body, loc);
                record(ctx, loc, seen, "strategy (กลยุทธ์)", &id);
                self.strat_cols.push((c, key));
            }
        }
    }

    fn issue_at(&self, c: usize) -> Option<String> {
        self.issue_cols
            .iter()
            .rev()
            .find(|(ic, _)| *ic <= c)
            .or(self.issue_cols.first())
            .map(|(_, k)| k.clone())
    }

    /// Counts and budgets: 'N โครงการ' and 'N ล้านบาท' are an issue's totals; a bare number
    /// under a strategy's column is that strategy's, in the section the row label opened.
    fn numbers(&mut self, ctx: &mut Ctx, model: &mut Model, row: &Row, from: usize) {
        for (c, cell) in row
            .cells
            .iter()
            .enumerate()
            .skip(from)
            .filter(|(_, c)| !c.is_empty())
        {
            let text = cell.text().trim().to_string();
            let (num, word) = match text.strip_suffix("โครงการ").map(|n| (n, "โครงการ"))
            {
                Some(x) => x,
                None => text
                    .strip_suffix("ล้านบาท")
                    .map_or((text.as_str(), ""), |n| (n, "ล้านบาท")),
            };
            if num.trim().is_empty() {
                ctx.ledger
                    .context(&cell.loc, "unit word of the summary matrix");
                continue;
            }
            let Some(Some(n)) = value(num) else {
                if c > 0 {
                    ctx.warn(
                        Some(&cell.loc),
                        format!("อ่านช่อง '{text}' ของตารางสรุปไม่ได้"),
                        format!("the summary matrix cell '{text}' was not read"),
                    );
                }
                continue;
            };
            let strat = self
                .strat_cols
                .iter()
                .find(|(sc, _)| *sc == c)
                .map(|(_, k)| k.clone());
            let (tally, what): (Option<&mut Tally>, String) = match (word, strat) {
                ("", Some(k)) => (strategy_tally(model, &k), format!("กลยุทธ์ {k}")),
                ("", None) => {
                    ctx.ledger
                        .context(&cell.loc, "a number repeated by a merged cell (ignored)");
                    continue;
                }
                _ => {
                    let Some(k) = self.issue_at(c) else { continue };
                    (
                        model.issue(&k).map(|i| &mut i.tally),
                        format!("ยุทธศาสตร์ที่ {k}"),
                    )
                }
            };
            let Some(tally) = tally else { continue };
            let counts = word == "โครงการ" || (word.is_empty() && self.section == Section::Counts);
            if counts {
                tally.count = u32::try_from(n.trunc().mantissa())
                    .ok()
                    .map(|n| (n, cell.loc.clone()));
                ctx.ledger.context(
                    &cell.loc,
                    format!("summary matrix: number of projects of {what} (checked)"),
                );
            } else {
                tally.budget = Some((n, cell.loc.clone()));
                ctx.ledger.context(
                    &cell.loc,
                    format!("summary matrix: five-year budget of {what} (checked)"),
                );
            }
        }
    }
}

fn strategy_tally<'m>(model: &'m mut Model, key: &str) -> Option<&'m mut Tally> {
    let issue = model.issue(&issue_key(key))?;
    issue
        .strategies
        .iter_mut()
        .find(|s| s.key == key)
        .map(|s| &mut s.tally)
}

fn record(ctx: &mut Ctx, loc: &Loc, seen: Seen, what: &str, id: &str) {
    match seen {
        Seen::New => ctx.ledger.became(loc, what, id),
        Seen::Same | Seen::Differs => ctx
            .ledger
            .context(loc, format!("repeat of a {what} already read")),
    }
}

/// A text the document repeats: context when the same, flagged when the words differ.
fn repeat(ctx: &mut Ctx, loc: &Loc, th: &str, en: &str, first: &str, again: &str) {
    if let Seen::Differs = seen(first, again) {
        ctx.warn(
            Some(loc),
            format!(
                "{th}ที่ซ้ำเขียนต่างจากครั้งแรก ('{}' / '{}'); ใช้ครั้งแรก",
                short(first),
                short(again)
            ),
            format!("{en} is repeated with different words; the first wording was kept"),
        );
    }
    ctx.ledger.context(loc, format!("repeat of {en}"));
}

/// A mission; `true` when it is new (not a repeat).
fn mission(ctx: &mut Ctx, model: &mut Model, label: &str, text: &str, loc: &Loc) -> bool {
    let key = key_of(label);
    if let Some(m) = model
        .missions
        .iter()
        .find(|m| m.label.as_deref().map(key_of) == Some(key.clone()))
    {
        let first = m.title.clone();
        repeat(ctx, loc, "พันธกิจ", "a mission", &first, text);
        return false;
    }
    let m = Element::new(ElementKind::Mission, text).with_label(label);
    ctx.ledger.became(loc, "mission (พันธกิจ)", m.id.as_str());
    model.missions.push(m);
    true
}

fn strategic_goal(ctx: &mut Ctx, model: &mut Model, text: &str, loc: &Loc) {
    match &model.goal {
        Some(g) => {
            let first = g.title.clone();
            repeat(
                ctx,
                loc,
                "เป้าหมายเชิงยุทธศาสตร์",
                "the strategic goal",
                &first,
                text,
            );
        }
        None => {
            let g = Element::new(ElementKind::Goal, text);
            ctx.ledger
                .became(loc, "strategic goal (เป้าหมายเชิงยุทธศาสตร์)", g.id.as_str());
            model.goal = Some(g);
        }
    }
}

/// Checks every count and budget a matrix stated against the projects the document lists.
pub(super) fn check(model: &Model, ctx: &mut Ctx) {
    for issue in &model.issues {
        let label = issue.el.label.clone().unwrap_or_default();
        let all: Vec<&Element> = issue.projects.iter().map(|p| &p.el).collect();
        compare(ctx, &label, &issue.tally, &all);
        for s in &issue.strategies {
            let mine: Vec<&Element> = issue
                .projects
                .iter()
                .filter(|p| p.strategy.as_deref() == Some(s.key.as_str()))
                .map(|p| &p.el)
                .collect();
            compare(
                ctx,
                &format!("กลยุทธ์ {}", s.el.label.clone().unwrap_or_default()),
                &s.tally,
                &mine,
            );
        }
    }
}

fn compare(ctx: &mut Ctx, what: &str, tally: &Tally, projects: &[&Element]) {
    if let Some((n, loc)) = &tally.count
        && *n as usize != projects.len()
    {
        ctx.warn(
            Some(loc),
            format!(
                "ตารางสรุปให้ {what} มี {n} โครงการ แต่เอกสารมีรายการโครงการ {} โครงการ",
                projects.len()
            ),
            format!(
                "the summary matrix counts {n} projects for {what} but the document lists {}",
                projects.len()
            ),
        );
    }
    let Some((budget, loc)) = &tally.budget else {
        return;
    };
    let Ok(stated_matrix) = Baht::from_unit(*budget, MoneyUnit::MillionBaht) else {
        return;
    };
    let years: Baht = projects
        .iter()
        .flat_map(|p| &p.budget)
        .map(|b| b.amount_baht)
        .sum();
    let stated: Baht = projects
        .iter()
        .map(|p| {
            p.budget_total_stated
                .unwrap_or_else(|| p.budget.iter().map(|b| b.amount_baht).sum())
        })
        .sum();
    if stated_matrix != years && stated_matrix != stated {
        let m = |b: Baht| b.in_unit(MoneyUnit::MillionBaht);
        ctx.warn(
            Some(loc),
            format!(
                "ตารางสรุปให้งบประมาณ {what} {} ล้านบาท แต่ยอดรวมที่โครงการระบุคือ {} และผลรวมรายปีคือ {} ล้านบาท",
                m(stated_matrix), m(stated), m(years)
            ),
            format!(
                "the summary matrix gives {what} a budget of {} million baht, but the projects' stated totals add up to {} and their years to {} million baht",
                m(stated_matrix), m(stated), m(years)
            ),
        );
    }
}
