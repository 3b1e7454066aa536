//! A department's 5-year action plan (แผนปฏิบัติการ) with budgets in ล้านบาท and project sheets,
//! as seed 004 writes it: title pages, summary matrices (vision, missions, strategic goal,
//! strategies with project counts and budgets), detail tables per strategic issue (KPIs with
//! yearly targets, projects with yearly budgets and responsible units), a project list per
//! issue and project detail sheets. The parts come in any order and the file may be a
//! fragment, so everything is gathered first and the tree is built at the end.

mod budget;
mod cells;
mod matrix;
mod model;
mod sheet;

use phaen_domain::{Period, Plan, PlanId, PlanKind, PlanReference, YearBasis};

use super::{Ctx, owner};
use crate::doc::{Block, Loc, Para, Row};
use crate::error::{Error, Result};
use crate::words::{split_number_label, split_word_label, squash};
use budget::Budget;
use cells::{key_of, year_cell, year_range};
use matrix::Matrix;
use model::{Model, Proj};
use sheet::Sheet;

/// Reads an action plan: gathers every part of the document, then builds the plan's tree.
pub fn read(ctx: &mut Ctx) -> Result<Plan> {
    let doc = ctx.doc;
    let mut r = Reader::new();
    for block in &doc.blocks {
        match block {
            Block::Para(p) => r.para(ctx, p),
            Block::Table(t) => {
                for row in &t.rows {
                    r.row(ctx, row);
                }
            }
        }
    }
    r.budget.finish(ctx, &mut r.model);
    let (title, at) = r
        .title
        .ok_or_else(|| Error::NotAPlan("no title naming the แผนปฏิบัติการ and its years".into()))?;
    let (from, to) = year_range(&title)
        .ok_or_else(|| Error::at(&at, "the title names no period (พ.ศ. ปปปป-ปปปป)"))?;
    let owner = match &ctx.owner {
        Some(org) => org.clone(),
        None => {
            let name = owner_name(&title);
            if name.is_empty() {
                return Err(Error::at(
                    &at,
                    "the title names no organization after แผนปฏิบัติการ",
                ));
            }
            owner::infer(&name)
        }
    };
    let mut plan = Plan::new(PlanKind::ActionPlan, title, owner, Period::new(from, to)?);
    plan.id = r.plan_id;
    plan.year_basis = YearBasis::FiscalYear;
    plan.vision = r.vision;
    plan.parent_plan = r.parent.map(|title| PlanReference { id: None, title });
    plan.elements = r.model.finish(ctx);
    Ok(plan)
}

/// 'แผนปฏิบัติการกรมส่งเสริมสหกรณ์ ๕ ปี (...)' -> 'กรมส่งเสริมสหกรณ์'.
fn owner_name(title: &str) -> String {
    let after = title.split_once("แผนปฏิบัติการ").map_or("", |(_, a)| a);
    let digit = |c: char| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c) || c == '(';
    after[..after.find(digit).unwrap_or(after.len())]
        .trim()
        .to_string()
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Mode {
    #[default]
    None,
    BudgetHeader,
    Budget,
    Matrix,
    /// A summary sheet Phaen writes beside the action-plan sheet (its second title line starts
    /// 'ตารางสรุป'): it repeats what the action-plan sheet says, so its rows are context.
    Summary,
}

struct Reader {
    plan_id: PlanId,
    title: Option<(String, Loc)>,
    parent: Option<String>,
    vision: Option<String>,
    model: Model,
    mode: Mode,
    budget: Budget,
    matrix: Matrix,
    sheet: Option<Sheet>,
    /// The issue the last 'ยุทธศาสตร์ที่ N' heading paragraph named, for lists and sheets.
    issue: Option<String>,
    /// A heading 'ยุทธศาสตร์ที่ N' whose name is on the next paragraph.
    name_next: Option<(String, String)>,
}

impl Reader {
    fn new() -> Reader {
        Reader {
            plan_id: PlanId::generate(),
            title: None,
            parent: None,
            vision: None,
            model: Model::default(),
            mode: Mode::None,
            budget: Budget::default(),
            matrix: Matrix::default(),
            sheet: None,
            issue: None,
            name_next: None,
        }
    }

    fn para(&mut self, ctx: &mut Ctx, p: &Para) {
        let t = p.text.trim();
        let id = self.plan_id.to_string();
        self.mode = Mode::None;
        if t.starts_with("ตารางสรุป") {
            self.sheet = None;
            self.mode = Mode::Summary;
            ctx.ledger
                .context(&p.loc, "a summary sheet that repeats the action-plan table");
            return;
        }
        if t.starts_with("โครงการที่") {
            let issue = self.issue.clone().unwrap_or_default();
            self.sheet = Sheet::start(ctx, &mut self.model, &issue, p);
            return;
        }
        if let Some((Some(label), name)) = split_word_label(t, "ยุทธศาสตร์") {
            self.sheet = None;
            let key = key_of(&label);
            let (eid, seen) = self.model.name_issue(ctx, &key, &label, &name, &p.loc);
            if name.is_empty() {
                self.name_next = Some((key.clone(), label));
            }
            match (seen, name.is_empty()) {
                (model::Seen::New, _) | (_, true) => {
                    ctx.ledger.became(&p.loc, "strategic issue (ยุทธศาสตร์)", eid)
                }
                _ => ctx
                    .ledger
                    .context(&p.loc, "heading naming a strategic issue already read"),
            }
            self.issue = Some(key);
            return;
        }
        if let Some((key, label)) = self.name_next.take() {
            let (eid, _) = self.model.name_issue(ctx, &key, &label, t, &p.loc);
            ctx.ledger
                .became(&p.loc, "name of the strategic issue", eid);
            return;
        }
        if let Some(sheet) = &mut self.sheet
            && sheet.para(ctx, &mut self.model, p, &self.budget.years)
        {
            return;
        }
        if t.contains("แผนปฏิบัติการ") && !t.starts_with("รายละเอียด") && year_range(t).is_some()
        {
            match &self.title {
                None => {
                    ctx.ledger
                        .became(&p.loc, "plan title, owner and period", &id);
                    self.title = Some((t.to_string(), p.loc.clone()));
                }
                Some(_) => ctx
                    .ledger
                    .context(&p.loc, "the title repeated on a new page"),
            }
            return;
        }
        if let Some(parent) = parent_in(t) {
            if self.parent.is_none() {
                ctx.ledger
                    .became(&p.loc, "the plan this one carries out (ภายใต้...)", &id);
                self.parent = Some(parent);
            } else {
                ctx.ledger
                    .context(&p.loc, "page heading naming the parent plan again");
            }
            return;
        }
        if t.starts_with("รายละเอียด") || t.starts_with("โครงการภายใต้")
        {
            ctx.ledger.context(&p.loc, "page or list heading");
            return;
        }
        if let Some(item) = t.strip_prefix('-').map(str::trim)
            && let Some((label, title)) = split_number_label(item)
            && key_of(&label).contains('.')
            && let Some(issue) = self.issue.clone()
        {
            self.list_item(ctx, &issue, &label, &title, &p.loc);
        }
    }

    /// '- ๑.๑ โครงการ...' in the project list of an issue.
    fn list_item(&mut self, ctx: &mut Ctx, issue: &str, label: &str, title: &str, at: &Loc) {
        let key = key_of(label);
        let iss = self.model.ensure_issue(issue, issue);
        if iss
            .projects
            .iter()
            .any(|p| p.key.as_deref() == Some(key.as_str()))
        {
            ctx.ledger.context(at, "repeat of a project already listed");
            return;
        }
        let el =
            phaen_domain::Element::new(phaen_domain::ElementKind::Project, title).with_label(label);
        ctx.ledger.became(
            at,
            "project (from the issue's project list)",
            el.id.as_str(),
        );
        iss.projects.push(Proj {
            key: Some(key),
            el,
            layout: None,
            strategy: None,
            loc: at.clone(),
        });
    }

    fn row(&mut self, ctx: &mut Ctx, row: &Row) {
        let all = squash(
            &row.cells
                .iter()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let c0 = squash(&row.cell(0));
        if self.mode == Mode::Summary {
            for cell in row.cells.iter().filter(|c| !c.is_empty()) {
                ctx.ledger
                    .context(&cell.loc, "summary sheet (repeats the action-plan table)");
            }
            return;
        }
        if all.contains("ค่าเป้าหมาย") && all.contains("ตัวชี้วัด")
        {
            self.sheet = None;
            self.mode = Mode::BudgetHeader;
            return self.budget.header(ctx, row);
        }
        if c0 == "วิสัยทัศน์" {
            self.sheet = None;
            self.mode = Mode::Matrix;
            self.matrix = Matrix::default();
        }
        if let Some(sheet) = &mut self.sheet
            && sheet.row(ctx, &mut self.model, row)
        {
            return;
        }
        let years = row
            .cells
            .iter()
            .filter(|c| year_cell(&c.text()).is_some())
            .count();
        match self.mode {
            Mode::BudgetHeader if c0.is_empty() && years >= 2 => self.budget.header(ctx, row),
            Mode::BudgetHeader | Mode::Budget => {
                self.mode = Mode::Budget;
                self.budget.row(ctx, &mut self.model, row);
            }
            Mode::Matrix => {
                let id = self.plan_id.to_string();
                self.matrix
                    .row(ctx, &mut self.model, &mut self.vision, &id, row);
            }
            Mode::Summary => {}
            Mode::None => ctx.warn(
                Some(&row.loc),
                "แถวตารางนี้ไม่อยู่ใต้หัวตารางที่รู้จัก จึงไม่ได้อ่าน",
                "a table row under no known table header was not read",
            ),
        }
    }
}

/// '(ภายใต้แผนยุทธศาสตร์กรมส่งเสริมสหกรณ์ ๒๐ ปี)' -> the plan's title.
fn parent_in(text: &str) -> Option<String> {
    let after = text.split_once("(ภายใต้")?.1;
    let title = after.split(')').next()?.trim();
    (!title.is_empty()).then(|| title.to_string())
}
