//! The detail tables of an action plan: strategy cell | KPIs | unit | a target per year |
//! project | a budget per year (ล้านบาท) and รวม | responsible units. Merged cells shift the
//! columns, so a row is read by what its cells hold, not by the header's positions: after the
//! unit come the targets; the project cell is the one labelled 'N.M'; after it the first
//! amounts are the years, the last is the stated total (a cell between them repeats a merged
//! cell), and the words after the amounts are the responsible units. What one row leaves for
//! the next (a second KPI or project in a merged cell, a budget written a row lower) waits in
//! a queue.

mod amounts;
mod kpis;
mod projects;

use std::collections::VecDeque;

use phaen_domain::{BeYear, MoneyUnit};
use rust_decimal::Decimal;

use super::cells::{key_of, short, split_labels, value, year_cell};
use super::model::{Model, Seen, issue_key};
use crate::doc::{Loc, Row};
use crate::recognize::Ctx;
use crate::words::{split_word_label, squash};

/// A project waiting for its budget row.
enum Awaiting {
    Project {
        issue: String,
        index: usize,
    },
    /// A project already read, written again; its budget must agree.
    Repeat {
        issue: String,
        index: usize,
    },
}

#[derive(Default)]
pub(super) struct Budget {
    pub years: Vec<BeYear>,
    pub unit: Option<MoneyUnit>,
    issue: Option<String>,
    strategies: Vec<String>,
    pending_kpis: VecDeque<(String, usize)>,
    awaiting: VecDeque<Awaiting>,
}

/// A row's amounts: one per year ('-' is `None`), the stated total, and the cells between
/// them that repeat a merged cell.
type Amounts = (Vec<Option<Decimal>>, Option<Decimal>, Vec<usize>);

fn text(row: &Row, i: usize) -> String {
    row.cell(i).trim().to_string()
}

impl Budget {
    /// A header row: every cell is context; it gives the money unit and the years.
    pub fn header(&mut self, ctx: &mut Ctx, row: &Row) {
        for cell in row.cells.iter().filter(|c| !c.is_empty()) {
            ctx.ledger.context(&cell.loc, "table header");
            let t = cell.text();
            if t.contains("ล้านบาท") {
                self.unit = Some(MoneyUnit::MillionBaht);
            } else if t.contains("(บาท)") && self.unit.is_none() {
                self.unit = Some(MoneyUnit::Baht);
            }
        }
        let mut years: Vec<BeYear> = Vec::new();
        for y in row.cells.iter().filter_map(|c| year_cell(&c.text())) {
            if !years.contains(&y) {
                years.push(y);
            }
        }
        if years.len() >= 2 {
            self.years = years;
        }
    }

    /// A data row: the strategy cell, KPIs with targets, a project with its amounts and units.
    pub fn row(&mut self, ctx: &mut Ctx, model: &mut Model, row: &Row) {
        let n = row.cells.len();
        let c0 = text(row, 0);
        if squash(&c0).starts_with("รวม") {
            // The table's total row (รวมงบประมาณ): sums of the rows above, nothing new.
            for cell in row.cells.iter().filter(|c| !c.is_empty()) {
                ctx.ledger.context(&cell.loc, "the table's total row");
            }
            return;
        }
        if !c0.is_empty() {
            self.structure(ctx, model, &c0, &row.cells[0].loc);
        }
        let filled = |i: &usize| !text(row, *i).is_empty();
        let p = (3..n).find(|&i| is_project_cell(&text(row, i)));
        let (pre, post): (Vec<usize>, Vec<usize>) = match p {
            Some(p) => (
                (3..p).filter(filled).collect(),
                (p + 1..n).filter(filled).collect(),
            ),
            None => {
                let all: Vec<usize> = (3..n).filter(filled).collect();
                let lead = all
                    .iter()
                    .take_while(|&&i| value(&text(row, i)).is_some())
                    .count();
                let cut = lead.min(self.years.len());
                (all[..cut].to_vec(), all[cut..].to_vec())
            }
        };
        let (mut vals, mut words, mut resp) = (Vec::new(), Vec::new(), Vec::new());
        for i in post {
            let t = text(row, i);
            if !resp.is_empty() {
                resp.push(i);
            } else if value(&t).is_some() {
                vals.push(i);
            } else if squash(&t) == "รวม" {
                words.push(i);
            } else {
                resp.push(i);
            }
        }
        self.kpis(ctx, model, row, &pre, &vals);
        let header_text = !vals.is_empty() && self.is_year_header(row, &vals);
        if header_text {
            for &i in vals.iter().chain(&words) {
                ctx.ledger
                    .context(&row.cells[i].loc, "year header repeated inside a data row");
            }
        }
        match p {
            Some(p) => self.projects(
                ctx,
                model,
                row,
                p,
                if header_text { &[] } else { &vals },
                &resp,
            ),
            None => self.loose(ctx, model, row, &vals, &resp),
        }
    }

    /// Cells that only repeat the header's years ('๒๕๖๐ ... ๒๕๖๔').
    fn is_year_header(&self, row: &Row, cells: &[usize]) -> bool {
        cells.len() >= 2
            && cells
                .iter()
                .zip(&self.years)
                .all(|(&i, y)| year_cell(&text(row, i)) == Some(*y))
    }

    /// The strategy cell: 'ยุทธศาสตร์ที่ N name เป้าหมาย goal กลยุทธ์ N.M text ...', or
    /// 'กลยุทธ์ N.M text N.M text', or 'N.M text'. Sets the issue and strategies of the rows below.
    fn structure(&mut self, ctx: &mut Ctx, model: &mut Model, cell: &str, at: &Loc) {
        let mut rest = cell.to_string();
        let mut id: Option<(String, bool)> = None;
        if let Some((Some(label), after)) = split_word_label(cell, "ยุทธศาสตร์")
        {
            let key = key_of(&label);
            let (head, strat) = after.split_once(" กลยุทธ์ ").unwrap_or((after.as_str(), ""));
            let (name, goal) = head
                .split_once(" เป้าหมาย ")
                .map_or((head, None), |(n, g)| (n, Some(g)));
            let (issue_id, seen) = model.name_issue(ctx, &key, &label, name, at);
            id = Some((issue_id, matches!(seen, Seen::New)));
            self.switch(&key);
            self.strategies.clear();
            if let Some(goal) = goal {
                let (_, s) = model.set_goal(ctx, &key, &label, goal, at);
                if matches!(s, Seen::New) {
                    id = id.map(|(i, _)| (i, true));
                }
            }
            rest = strat.to_string();
        } else if let Some(r) = cell.strip_prefix("กลยุทธ์") {
            rest = r.trim().to_string();
        }
        let (_, items) = split_labels(&rest, true);
        let mut keys = Vec::new();
        for (label, body) in items {
            let key = key_of(&label);
            self.switch(&issue_key(&key));
            let (sid, seen) = model.name_strategy(ctx, &key, &label, &body, at);
            let new = matches!(seen, Seen::New);
            id = Some(match id {
                Some((i, was)) => (i, was || new),
                None => (sid, new),
            });
            keys.push(key);
        }
        if !keys.is_empty() {
            self.strategies = keys;
        }
        match id {
            Some((id, true)) => ctx
                .ledger
                .became(at, "strategic issue, goal or strategy", id),
            Some((_, false)) => ctx
                .ledger
                .context(at, "names the strategy of the rows below (already read)"),
            None => ctx.warn(
                Some(at),
                format!("อ่านช่องยุทธศาสตร์/กลยุทธ์ '{}' ไม่ได้", short(cell)),
                "a strategy cell names no ยุทธศาสตร์ที่ or labelled กลยุทธ์",
            ),
        }
    }

    fn switch(&mut self, issue: &str) {
        if self.issue.as_deref() != Some(issue) {
            self.issue = Some(issue.to_string());
            self.pending_kpis.clear();
            self.strategies.clear();
        }
    }

    /// Years, stated total and merged-cell repeats of the amounts on a row.
    fn split(&self, row: &Row, vals: &[usize]) -> Option<Amounts> {
        let ny = self.years.len();
        if ny == 0 || vals.len() < ny {
            return None;
        }
        let read = |i: usize| value(&text(row, i)).flatten();
        let years = vals[..ny].iter().map(|&i| read(i)).collect();
        let total = (vals.len() > ny)
            .then(|| read(vals[vals.len() - 1]))
            .flatten();
        let extras = if vals.len() > ny + 1 {
            vals[ny..vals.len() - 1].to_vec()
        } else {
            Vec::new()
        };
        Some((years, total, extras))
    }

    fn apply(&mut self, ctx: &mut Ctx, model: &mut Model, row: &Row, to: Awaiting, vals: &[usize]) {
        amounts::apply(self, ctx, model, row, to, vals);
    }
}

/// A cell naming a project: labelled 'N.M' followed by words.
fn is_project_cell(t: &str) -> bool {
    let (_, items) = split_labels(t, true);
    t.chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c))
        && items.first().is_some_and(|(_, rest)| value(rest).is_none())
}

impl Budget {
    /// Projects still waiting for a budget row when the document ends.
    pub fn finish(&mut self, ctx: &mut Ctx, model: &mut Model) {
        for a in std::mem::take(&mut self.awaiting) {
            if let Awaiting::Project { issue, index } = a
                && let Some(p) = model.project(&issue, index)
            {
                ctx.warn(
                    Some(&p.loc),
                    format!(
                        "ไม่พบแถวงบประมาณของโครงการ {}",
                        p.el.label.clone().unwrap_or_default()
                    ),
                    format!(
                        "no budget row was found for project {}",
                        p.el.label.clone().unwrap_or_default()
                    ),
                );
            }
        }
    }
}
