//! What an action plan holds while it is read: strategic issues by number with their goal, KPIs,
//! strategies (กลยุทธ์) and projects, each kept until the whole document is read, because the
//! file is a fragment whose parts come in any order and a summary matrix may decide which
//! strategy a project belongs to. `finish` builds the plan's tree.

use phaen_domain::{Element, ElementKind, Kpi};
use rust_decimal::Decimal;

use super::cells::{key_of, key_order, short};
use crate::doc::Loc;
use crate::recognize::Ctx;
use crate::words::squash;

/// A count or budget a summary matrix states, kept to check the projects against.
#[derive(Debug, Default, Clone)]
pub(super) struct Tally {
    pub count: Option<(u32, Loc)>,
    /// In the table's money unit (ล้านบาท).
    pub budget: Option<(Decimal, Loc)>,
}

pub(super) struct Issue {
    pub key: String,
    pub el: Element,
    /// Whether the document named it; an issue known only from its strategies' numbers is not.
    pub named: bool,
    pub goal: Option<Element>,
    pub strategies: Vec<Strat>,
    pub projects: Vec<Proj>,
    pub tally: Tally,
}

pub(super) struct Strat {
    pub key: String,
    pub el: Element,
    pub tally: Tally,
}

pub(super) struct Proj {
    /// '5.1'; `None` for a budget row whose name is missing.
    pub key: Option<String>,
    pub el: Element,
    /// The strategy the page layout puts it under (the strategy cell at or above its row).
    pub layout: Option<String>,
    /// The strategy chosen in the end.
    pub strategy: Option<String>,
    pub loc: Loc,
}

#[derive(Default)]
pub(super) struct Model {
    pub missions: Vec<Element>,
    pub goal: Option<Element>,
    pub issues: Vec<Issue>,
}

/// What a text repeated elsewhere in the document did: first seen, the same, or different.
pub(super) enum Seen {
    New,
    Same,
    Differs,
}

impl Model {
    pub fn issue(&mut self, key: &str) -> Option<&mut Issue> {
        self.issues.iter_mut().find(|i| i.key == key)
    }

    /// The issue numbered `key`, made if the document has not named it before.
    pub fn ensure_issue(&mut self, key: &str, label: &str) -> &mut Issue {
        if let Some(i) = self.issues.iter().position(|i| i.key == key) {
            return &mut self.issues[i];
        }
        self.issues.push(Issue {
            key: key.to_string(),
            el: Element::new(ElementKind::StrategicIssue, label).with_label(label),
            named: false,
            goal: None,
            strategies: Vec::new(),
            projects: Vec::new(),
            tally: Tally::default(),
        });
        self.issues.last_mut().expect("just pushed")
    }

    /// Names issue `key` with the words read at `loc`: the first wording is kept, a repeat is
    /// context, different words are flagged. Returns the issue's id.
    pub fn name_issue(
        &mut self,
        ctx: &mut Ctx,
        key: &str,
        label: &str,
        title: &str,
        loc: &Loc,
    ) -> (String, Seen) {
        let issue = self.ensure_issue(key, label);
        let id = issue.el.id.to_string();
        if title.trim().is_empty() {
            return (id, Seen::Same);
        }
        if !issue.named {
            issue.el.title = title.trim().to_string();
            issue.named = true;
            return (id, Seen::New);
        }
        let s = settle(ctx, &issue.el.title, title, loc, label);
        (id, s)
    }

    /// The goal (เป้าหมาย) of issue `key`.
    pub fn set_goal(
        &mut self,
        ctx: &mut Ctx,
        key: &str,
        label: &str,
        text: &str,
        loc: &Loc,
    ) -> (String, Seen) {
        let issue = self.ensure_issue(key, label);
        match &issue.goal {
            Some(g) => {
                let id = g.id.to_string();
                let s = settle(ctx, &g.title, text, loc, &format!("เป้าหมายของ{label}"));
                (id, s)
            }
            None => {
                // A numbered goal ('1.1 สหกรณ์...', as Phaen writes a goal it numbers) keeps
                // its number as its label.
                let g = match crate::words::split_number_label(text)
                    .filter(|(l, t)| l.trim_end_matches('.').contains('.') && !t.is_empty())
                {
                    Some((l, t)) => Element::new(ElementKind::Goal, t.trim()).with_label(l),
                    None => Element::new(ElementKind::Goal, text.trim()),
                };
                let id = g.id.to_string();
                issue.goal = Some(g);
                (id, Seen::New)
            }
        }
    }

    /// Strategy `key` ('5.1', written '๕.๑'), made under its issue when new.
    pub fn name_strategy(
        &mut self,
        ctx: &mut Ctx,
        key: &str,
        label: &str,
        text: &str,
        loc: &Loc,
    ) -> (String, Seen) {
        let written_issue = label.split('.').next().unwrap_or_default();
        let issue = self.ensure_issue(&issue_key(key), &format!("ยุทธศาสตร์ที่ {written_issue}"));
        if let Some(s) = issue.strategies.iter().find(|s| s.key == key) {
            let id = s.el.id.to_string();
            let seen = settle(ctx, &s.el.title, text, loc, &format!("กลยุทธ์ {label}"));
            return (id, seen);
        }
        let el = Element::new(ElementKind::Strategy, text.trim()).with_label(label);
        let id = el.id.to_string();
        issue.strategies.push(Strat {
            key: key.to_string(),
            el,
            tally: Tally::default(),
        });
        (id, Seen::New)
    }

    /// The KPI at `index` of issue `key`.
    pub fn kpi(&mut self, key: &str, index: usize) -> Option<&mut Kpi> {
        self.issue(key)?.el.kpis.get_mut(index)
    }

    pub fn project(&mut self, issue: &str, index: usize) -> Option<&mut Proj> {
        self.issue(issue)?.projects.get_mut(index)
    }

    /// Assigns projects to strategies, checks the summary matrices, and builds the tree:
    /// missions, the strategic goal, then the strategic issues in their numbered order.
    pub fn finish(mut self, ctx: &mut Ctx) -> Vec<Element> {
        self.issues.sort_by_key(|i| key_order(&i.key));
        for issue in &mut self.issues {
            assign(issue, ctx);
            flag_gaps(issue, ctx);
        }
        super::matrix::check(&self, ctx);
        let mut out = self.missions;
        out.extend(self.goal);
        for mut issue in self.issues {
            issue.strategies.sort_by_key(|s| key_order(&s.key));
            let mut children: Vec<Element> = issue.goal.into_iter().collect();
            let mut strategies: Vec<Element> = Vec::new();
            let mut loose = Vec::new();
            for p in issue.projects {
                match p
                    .strategy
                    .as_ref()
                    .and_then(|k| issue.strategies.iter().position(|s| &s.key == k))
                {
                    Some(s) => issue.strategies[s].el.children.push(p.el),
                    None => loose.push(p.el),
                }
            }
            strategies.extend(issue.strategies.into_iter().map(|s| s.el));
            children.extend(strategies);
            children.extend(loose);
            issue.el.children = children;
            out.push(issue.el);
        }
        out
    }
}

/// A repeat of a name already read: flagged when its words differ (the first is kept).
fn settle(ctx: &mut Ctx, first: &str, again: &str, loc: &Loc, what: &str) -> Seen {
    let s = seen(first, again);
    if let Seen::Differs = s {
        ctx.warn(
            Some(loc),
            format!("{what} เขียนต่างจากที่อ่านครั้งแรก ('{}' / '{}'); ใช้ครั้งแรก", short(first), short(again)),
            format!("{what} is worded differently here than where it was first read; the first wording was kept"),
        );
    }
    s
}

/// Compares a text the document repeats with the one first read.
pub(super) fn seen(first: &str, again: &str) -> Seen {
    if first.is_empty() {
        Seen::New
    } else if squash(first) == squash(again) {
        Seen::Same
    } else {
        Seen::Differs
    }
}

/// Which strategy each project of an issue belongs to. The page layout puts a project under
/// the strategy cell at or above its row; where a summary matrix counts projects per strategy
/// and the counts add up to the projects listed, the counts (in project order) decide.
fn assign(issue: &mut Issue, ctx: &mut Ctx) {
    for p in &mut issue.projects {
        p.strategy = p.layout.clone();
    }
    let counts: Vec<(String, u32)> = issue
        .strategies
        .iter()
        .filter_map(|s| s.tally.count.as_ref().map(|(n, _)| (s.key.clone(), *n)))
        .collect();
    let total: u32 = counts.iter().map(|c| c.1).sum();
    if counts.is_empty()
        || counts.len() != issue.strategies.len()
        || total as usize != issue.projects.len()
    {
        return;
    }
    let by_counts: Vec<String> = counts
        .iter()
        .flat_map(|(k, n)| std::iter::repeat_n(k.clone(), *n as usize))
        .collect();
    let layout: Vec<Option<String>> = issue.projects.iter().map(|p| p.layout.clone()).collect();
    if layout
        .iter()
        .zip(&by_counts)
        .all(|(l, c)| l.as_deref() == Some(c.as_str()))
    {
        return;
    }
    let per = |keys: &mut dyn Iterator<Item = Option<&str>>| {
        let keys: Vec<Option<&str>> = keys.collect();
        issue
            .strategies
            .iter()
            .map(|s| {
                keys.iter()
                    .filter(|k| **k == Some(s.key.as_str()))
                    .count()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let layout_counts = per(&mut layout.iter().map(|l| l.as_deref()));
    let matrix_counts = per(&mut by_counts.iter().map(|c| Some(c.as_str())));
    for (p, k) in issue.projects.iter_mut().zip(by_counts) {
        p.strategy = Some(k);
    }
    let loc = issue.projects.first().map(|p| p.loc.clone());
    let label = issue.el.label.clone().unwrap_or_default();
    ctx.warn(
        loc.as_ref(),
        format!(
            "{label}: ตำแหน่งในตารางให้จำนวนโครงการต่อกลยุทธ์ {layout_counts} แต่ตารางสรุปให้ {matrix_counts}; \
             เลือกอ่านตามตารางสรุป (โครงการเรียงตามลำดับ) เพราะจำนวน งบประมาณ และชื่อโครงการสอดคล้องกัน"
        ),
        format!(
            "{label}: the page layout gives {layout_counts} projects per strategy but the summary matrix gives \
             {matrix_counts}; the matrix reading was chosen (projects in order), as its counts, budgets and \
             project names agree"
        ),
    );
}

/// What the document leaves out of an issue: its name, projects' budgets and responsible
/// units, a KPI's unit or targets.
fn flag_gaps(issue: &Issue, ctx: &mut Ctx) {
    let label = issue.el.label.clone().unwrap_or_default();
    if !issue.named {
        ctx.warn(
            None,
            format!("เอกสารไม่ได้ระบุชื่อ{label} (รู้จากเลขกลยุทธ์เท่านั้น เพราะเอกสารเริ่มกลางเรื่อง) จึงใช้เลขแทนชื่อ"),
            format!("{label} is known only from its strategies' numbers (the file starts mid-document); its label stands for its name"),
        );
    }
    let unbudgeted: Vec<&str> = issue
        .projects
        .iter()
        .filter(|p| p.el.budget.is_empty())
        .filter_map(|p| p.el.label.as_deref())
        .collect();
    if !unbudgeted.is_empty() {
        let list = unbudgeted.join(", ");
        ctx.warn(
            None,
            format!("{label}: โครงการ {list} ไม่มีงบประมาณในเอกสาร"),
            format!("{label}: projects {list} have no budget in the document"),
        );
    }
    for p in issue
        .projects
        .iter()
        .filter(|p| !p.el.budget.is_empty() && p.el.responsible.is_empty())
    {
        let name = p.el.label.clone().unwrap_or_else(|| "(ไม่ระบุชื่อ)".into());
        ctx.warn(
            Some(&p.loc),
            format!("โครงการ {name} ไม่ได้ระบุหน่วยงานรับผิดชอบ"),
            format!("project {name} names no responsible unit"),
        );
    }
    for k in &issue.el.kpis {
        let name = format!(
            "{label} ตัวชี้วัด {}",
            k.label.as_deref().unwrap_or_default().trim_end_matches('.')
        );
        if k.targets.is_empty() {
            ctx.warn(
                None,
                format!(
                    "{name} ไม่มีค่าเป้าหมายรายปี{}",
                    if k.unit.is_none() {
                        "และหน่วยนับ"
                    } else {
                        ""
                    }
                ),
                format!(
                    "{name} has no yearly targets{}",
                    if k.unit.is_none() { " and no unit" } else { "" }
                ),
            );
        } else if k.unit.is_none() {
            ctx.warn(
                None,
                format!("{name} ไม่มีหน่วยนับ"),
                format!("{name} has no unit"),
            );
        }
    }
}

/// The key of the issue a strategy or project key belongs to: '5.10' -> '5'.
pub(super) fn issue_key(key: &str) -> String {
    key_of(key)
        .split('.')
        .next()
        .unwrap_or_default()
        .to_string()
}
