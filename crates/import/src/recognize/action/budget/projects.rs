//! Projects of a detail-table row: the project cell (one project or several run together) with
//! its responsible units, or a row of amounts with no project cell, which is the budget of a
//! project waiting for it, a project whose name is missing, or a spill.

use phaen_domain::{Element, ElementKind};
use rust_decimal::Decimal;

use super::{Awaiting, Budget, text};
use crate::doc::Row;
use crate::recognize::Ctx;
use crate::recognize::action::cells::{key_of, split_labels, units, value};
use crate::recognize::action::model::{Model, Proj, issue_key};

impl Budget {
    /// The project cell (one project or several run together), with this row's budget.
    pub(super) fn projects(
        &mut self,
        ctx: &mut Ctx,
        model: &mut Model,
        row: &Row,
        p: usize,
        vals: &[usize],
        resp: &[usize],
    ) {
        let (_, items) = split_labels(&text(row, p), true);
        let resp_text: Vec<String> = resp.iter().map(|&i| text(row, i)).collect();
        let (found, repeated) = units(&resp_text.join(" "));
        let mut targets = Vec::new();
        let mut first: Option<(String, bool)> = None;
        for (label, title) in items {
            let key = key_of(&label);
            let issue = issue_key(&key);
            self.switch_keep(&issue);
            let layout = self.strategies.last().cloned();
            let iss = model.ensure_issue(
                &issue,
                &format!("ยุทธศาสตร์ที่ {}", label.split('.').next().unwrap_or_default()),
            );
            if let Some(index) = iss
                .projects
                .iter()
                .position(|x| x.key.as_deref() == Some(key.as_str()))
            {
                let old = &mut iss.projects[index];
                if old.layout.is_none() {
                    old.layout = layout;
                }
                first.get_or_insert((old.el.id.to_string(), false));
                ctx.warn(
                    Some(&row.cells[p].loc),
                    format!("โครงการ {label} เขียนซ้ำในตาราง จึงนับครั้งเดียว"),
                    format!("project {label} is written again; it was counted once"),
                );
                targets.push(Awaiting::Repeat { issue, index });
                continue;
            }
            if self.strategies.len() > 1 {
                ctx.warn(
                    Some(&row.cells[p].loc),
                    format!(
                        "ช่องกลยุทธ์ของโครงการ {label} มีหลายกลยุทธ์ ({}) จึงจัดไว้ใต้กลยุทธ์สุดท้าย",
                        self.strategies.join(", ")
                    ),
                    format!(
                        "project {label} sits beside a cell holding several strategies ({}); it was placed under the last",
                        self.strategies.join(", ")
                    ),
                );
            }
            let mut el = Element::new(ElementKind::Project, title).with_label(&label);
            el.responsible = found.clone();
            first.get_or_insert((el.id.to_string(), true));
            iss.projects.push(Proj {
                key: Some(key),
                el,
                layout,
                strategy: None,
                loc: row.loc.clone(),
            });
            targets.push(Awaiting::Project {
                issue,
                index: iss.projects.len() - 1,
            });
        }
        let Some((id, new)) = first else { return };
        if new {
            ctx.ledger.became(&row.cells[p].loc, "project", &id);
        } else {
            ctx.ledger.context(
                &row.cells[p].loc,
                "repeat of a project already read (counted once)",
            );
        }
        self.record_units(ctx, row, resp, &id, new, repeated);
        let mut targets = targets.into_iter();
        let Some(first) = targets.next() else { return };
        if vals.is_empty() {
            self.awaiting.push_back(first);
        } else {
            self.apply(ctx, model, row, first, vals);
        }
        self.awaiting.extend(targets);
    }

    pub(super) fn switch_keep(&mut self, issue: &str) {
        if self.issue.as_deref() != Some(issue) {
            self.switch(issue);
        }
    }

    pub(super) fn record_units(
        &self,
        ctx: &mut Ctx,
        row: &Row,
        resp: &[usize],
        id: &str,
        new: bool,
        repeated: bool,
    ) {
        for &i in resp {
            if new {
                ctx.ledger
                    .became(&row.cells[i].loc, "responsible units", id);
            } else {
                ctx.ledger
                    .context(&row.cells[i].loc, "responsible units of a repeated project");
            }
        }
        if repeated {
            ctx.warn(
                resp.first().map(|&i| &row.cells[i].loc),
                "หน่วยงานรับผิดชอบเขียนซ้ำ (เซลล์ผสาน) จึงนับครั้งเดียว",
                "a responsible unit is written more than once (a merged cell); it was counted once",
            );
        }
    }

    /// A row with amounts but no project cell: the budget of a project waiting for it, a
    /// project whose name is missing, or amounts spilled across the columns.
    pub(super) fn loose(
        &mut self,
        ctx: &mut Ctx,
        model: &mut Model,
        row: &Row,
        vals: &[usize],
        resp: &[usize],
    ) {
        let amounts = vals
            .iter()
            .any(|&i| matches!(value(&text(row, i)), Some(Some(_))));
        if amounts && let Some(a) = self.awaiting.pop_front() {
            if let (Awaiting::Project { issue, index }, false) = (&a, resp.is_empty()) {
                let (found, repeated) = units(
                    &resp
                        .iter()
                        .map(|&i| text(row, i))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                if let Some(p) = model.project(issue, *index) {
                    p.el.responsible = found;
                    let id = p.el.id.to_string();
                    self.record_units(ctx, row, resp, &id, true, repeated);
                }
            }
            return self.apply(ctx, model, row, a, vals);
        }
        let sums = self
            .split(row, vals)
            .is_some_and(|(y, t, _)| t.is_some_and(|t| y.iter().flatten().sum::<Decimal>() == t));
        if amounts && (!resp.is_empty() || sums) {
            let Some(issue) = self.issue.clone() else {
                return;
            };
            let (found, repeated) = units(
                &resp
                    .iter()
                    .map(|&i| text(row, i))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            let mut el = Element::new(ElementKind::Project, "โครงการ (ไม่ระบุชื่อ)");
            el.responsible = found;
            let id = el.id.to_string();
            ctx.warn(
                Some(&row.loc),
                "แถวงบประมาณนี้ไม่มีชื่อโครงการ จึงบันทึกเป็นโครงการไม่ระบุชื่อ",
                "this budget row names no project; it was kept as an unnamed project",
            );
            let iss = model.ensure_issue(&issue, &issue);
            iss.projects.push(Proj {
                key: None,
                el,
                layout: self.strategies.last().cloned(),
                strategy: None,
                loc: row.loc.clone(),
            });
            let index = iss.projects.len() - 1;
            self.record_units(ctx, row, resp, &id, true, repeated);
            return self.apply(ctx, model, row, Awaiting::Project { issue, index }, vals);
        }
        for &i in vals {
            ctx.ledger.context(
                &row.cells[i].loc,
                "a value spilled across the budget columns (ignored)",
            );
        }
    }
}
