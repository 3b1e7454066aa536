//! A development plan (แผนพัฒนา) with a balanced-scorecard strategy map, as seed 002 writes it:
//! the map (perspectives, each with the missions placed in it), the title and its approval,
//! the vision, the list of missions, then per mission its goals, each followed by a table of
//! KPIs beside the strategies that serve them, each strategy with its guidelines. A blank KPI
//! cell is a merged cell: the strategy beside it serves the KPI above.

mod checks;
mod front;
mod kpi;
mod strategy;

use phaen_domain::{
    Element, ElementKind, Kpi, Period, Perspective, Plan, PlanKind, PlanStatus, Scale, Target,
    TextItem, YearTarget,
};

use super::Ctx;
use crate::doc::{Block, Cell, Loc, Para, Row};
use crate::error::Result;
use crate::targets;
use crate::words::{split_word_label, squash};

const MISSION: &str = "พันธกิจ";
const GOAL: &str = "เป้าประสงค์";

pub fn read(ctx: &mut Ctx) -> Result<Plan> {
    let doc = ctx.doc;
    let head = front::Header::find(doc)?;
    let owner = match ctx.owner.clone() {
        Some(org) => org,
        None => super::owner::infer(&head.owner),
    };
    let mut plan = Plan::new(
        PlanKind::DevelopmentPlan,
        head.title.clone(),
        owner,
        head.period,
    );
    plan.edition = head.edition.clone();
    plan.year_basis = front::year_basis(ctx, doc, &head);
    let mut r = Reader::new(plan.id.to_string(), head.period);
    for block in &doc.blocks {
        match block {
            Block::Para(p) => r.para(ctx, p),
            Block::Table(t) => t.rows.iter().for_each(|row| r.row(ctx, row)),
        }
    }
    r.finish(ctx, &mut plan);
    checks::flag_misspelt_owner(ctx, doc, &head.owner);
    Ok(plan)
}

/// Which part of the document is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The strategy map, title, approval and vision.
    Front,
    /// The list of missions under the heading 'พันธกิจ'.
    List,
    /// Missions, goals and their tables.
    Detail,
}

/// A mission written again after (or before) its defining line.
struct Mention {
    label: String,
    text: String,
    loc: Loc,
    perspective: Option<usize>,
}

struct Reader {
    plan_id: String,
    period: Period,
    part: Part,
    title_seen: bool,
    visions: Vec<front::Vision>,
    vision_next: bool,
    approval: Option<phaen_domain::Approval>,
    perspectives: Vec<Perspective>,
    in_perspective: Option<usize>,
    missions: Vec<Element>,
    mission_locs: Vec<Loc>,
    mentions: Vec<Mention>,
    mission: Option<usize>,
    goal: Option<usize>,
    /// The label of the KPI the next strategies sit beside.
    beside: Option<String>,
}

impl Reader {
    fn new(plan_id: String, period: Period) -> Reader {
        Reader {
            plan_id,
            period,
            part: Part::Front,
            title_seen: false,
            visions: Vec::new(),
            vision_next: false,
            approval: None,
            perspectives: Vec::new(),
            in_perspective: None,
            missions: Vec::new(),
            mission_locs: Vec::new(),
            mentions: Vec::new(),
            mission: None,
            goal: None,
            beside: None,
        }
    }

    fn para(&mut self, ctx: &mut Ctx, p: &Para) {
        let text = p.text.trim();
        if std::mem::take(&mut self.vision_next) {
            self.visions.push(front::Vision::new(p, text, true));
            return;
        }
        if let Some(rest) = text.strip_prefix(front::VISION) {
            self.in_perspective = None;
            if front::unquote(rest).is_empty() {
                ctx.ledger.context(&p.loc, "heading: vision");
                self.vision_next = true;
            } else {
                self.visions.push(front::Vision::new(p, rest, false));
            }
            return;
        }
        if front::is_title(text) {
            self.in_perspective = None;
            if self.title_seen {
                ctx.ledger.context(&p.loc, "repeat of the plan title");
            } else {
                ctx.ledger.became(&p.loc, "plan title", &self.plan_id);
                self.title_seen = true;
            }
            return;
        }
        if self.approval.is_none() && self.part != Part::Detail && front::is_approval(text) {
            self.in_perspective = None;
            self.approval = front::approval(ctx, p);
            if self.approval.is_some() {
                ctx.ledger.became(&p.loc, "approval", &self.plan_id);
            }
            return;
        }
        match split_word_label(text, MISSION) {
            Some((Some(label), body)) => return self.mission_line(ctx, p, label, &body),
            Some((None, body)) if body.trim_matches(':').trim().is_empty() => {
                ctx.ledger.context(&p.loc, "heading: missions");
                self.part = Part::List;
                return;
            }
            _ => {}
        }
        if self.part == Part::List {
            self.part = Part::Detail;
        }
        if self.part == Part::Front
            // A perspective's name stands on a line of its own: a heading in Word or markdown,
            // a short line in a spreadsheet that carries no heading styles.
            && (p.heading.is_some_and(|h| h >= 2) || text.chars().count() <= 60)
            && let Some((what, key)) =
                front::perspective(&mut self.perspectives, &mut self.in_perspective, text)
        {
            ctx.ledger.became(&p.loc, what, key);
            return;
        }
        self.in_perspective = None;
        if let Some((label, body)) = split_word_label(text, GOAL) {
            return self.goal(ctx, p, label, &body);
        }
        if self.part == Part::Detail && self.mission.is_none() && front::looks_like_section(text) {
            ctx.ledger.context(&p.loc, "section heading");
        }
    }

    fn mission_line(&mut self, ctx: &mut Ctx, p: &Para, label: String, body: &str) {
        let title = clean_title(body);
        let known = self
            .missions
            .iter()
            .position(|m| m.label.as_deref() == Some(label.as_str()));
        let mention = |perspective| Mention {
            label: label.clone(),
            text: title.clone(),
            loc: p.loc.clone(),
            perspective,
        };
        match (self.part, self.in_perspective, known) {
            (Part::Front, Some(pi), _) => {
                self.mentions.push(mention(Some(pi)));
                ctx.ledger
                    .context(&p.loc, "strategy map: a mission placed in a perspective");
            }
            (Part::List, _, None) => {
                self.define(ctx, p, label, title);
            }
            (Part::List, _, Some(_)) => {
                self.mentions.push(mention(None));
                ctx.ledger.context(&p.loc, "repeat of a mission");
            }
            (_, _, Some(i)) => {
                self.part = Part::Detail;
                self.mentions.push(mention(None));
                ctx.ledger
                    .context(&p.loc, "heading: mission (repeat of the list)");
                self.enter(i);
            }
            (_, _, None) => {
                self.part = Part::Detail;
                let i = self.define(ctx, p, label, title);
                self.enter(i);
            }
        }
    }

    fn define(&mut self, ctx: &mut Ctx, p: &Para, label: String, title: String) -> usize {
        let mission = Element::new(ElementKind::Mission, title).with_label(label);
        ctx.ledger.became(&p.loc, "mission", mission.id.as_str());
        self.missions.push(mission);
        self.mission_locs.push(p.loc.clone());
        self.missions.len() - 1
    }

    fn enter(&mut self, mission: usize) {
        self.mission = Some(mission);
        self.goal = None;
        self.beside = None;
    }

    fn goal(&mut self, ctx: &mut Ctx, p: &Para, label: Option<String>, body: &str) {
        self.part = Part::Detail;
        let Some(m) = self.mission else {
            ctx.warn(
                Some(&p.loc),
                "พบเป้าประสงค์ก่อนพันธกิจใด ๆ จึงไม่ได้อ่าน",
                "a goal comes before any mission; it was not read",
            );
            return;
        };
        let mut goal = Element::new(ElementKind::Goal, clean_title(body));
        goal.label = label;
        ctx.ledger.became(&p.loc, "goal", goal.id.as_str());
        let children = &mut self.missions[m].children;
        children.push(goal);
        self.goal = Some(children.len() - 1);
        self.beside = None;
    }

    /// The goal being read, or its mission when no goal has been named yet.
    fn parent(&mut self) -> Option<&mut Element> {
        let m = &mut self.missions[self.mission?];
        Some(match self.goal {
            Some(g) => &mut m.children[g],
            None => m,
        })
    }

    fn row(&mut self, ctx: &mut Ctx, row: &Row) {
        if self.part != Part::Detail || self.mission.is_none() {
            return;
        }
        if row.cell(0).trim() == "ตัวชี้วัด" {
            for (_, c) in row.filled() {
                ctx.ledger.context(&c.loc, "table header");
            }
            return;
        }
        let kpi = row.cells.first().filter(|c| !c.is_empty());
        if let Some(c) = kpi {
            self.kpi(ctx, c);
        }
        if let Some(c) = row.cells.get(1).filter(|c| !c.is_empty()) {
            self.strategy(ctx, c, kpi.is_none());
        }
    }

    fn kpi(&mut self, ctx: &mut Ctx, c: &Cell) {
        let cell = kpi::kpi_cell(&c.lines);
        let mut kpi = Kpi::new(cell.name);
        kpi.label = cell.label;
        kpi.notes = cell.notes;
        if let Some((scale, stated)) = kpi::tier_scale(&kpi.notes) {
            if let (Some(n), Scale::Tiers { tiers, .. }) = (stated, &scale)
                && n != tiers.len()
            {
                ctx.warn(
                    Some(&c.loc),
                    format!("หมายเหตุระบุว่ามี {n} ระดับ แต่อ่านได้ {} ระดับ", tiers.len()),
                    format!("the note says {n} tiers but {} were read", tiers.len()),
                );
            }
            kpi.scale = Some(scale);
        }
        if let Some((target, written)) = kpi::target_in_name(&kpi.name, kpi.scale.as_ref()) {
            if let Target::Level { level, .. } = &target
                && kpi.scale.is_none()
            {
                let credit = kpi::credit_rating();
                kpi.scale = targets::scale_of_level(level)
                    .or_else(|| credit.position(level).map(|_| credit));
            }
            let year = kpi::year_in(&kpi.name).unwrap_or(self.period.to);
            kpi.targets.push(YearTarget {
                year,
                target,
                written: Some(written),
            });
        }
        ctx.ledger.became(&c.loc, "kpi", kpi.id.as_str());
        self.beside = kpi.label.clone();
        if let Some(parent) = self.parent() {
            parent.kpis.push(kpi);
        }
    }

    fn strategy(&mut self, ctx: &mut Ctx, c: &Cell, inherited: bool) {
        let Some(cell) = strategy::strategy_cell(&c.lines) else {
            return;
        };
        let mut s = Element::new(ElementKind::Strategy, cell.title);
        s.label = cell.label;
        s.objectives = cell
            .components
            .into_iter()
            .map(|i| TextItem {
                label: i.label,
                text: i.text,
            })
            .collect();
        for g in cell.guidelines {
            let mut e = Element::new(ElementKind::Guideline, g.text);
            e.label = g.label;
            s.children.push(e);
        }
        let siblings: Vec<String> = self
            .parent()
            .map(|p| p.children.iter().filter_map(|e| e.label.clone()).collect())
            .unwrap_or_default();
        checks::check_labels(
            ctx,
            &c.loc,
            &s,
            self.beside.as_deref(),
            inherited,
            &siblings,
        );
        ctx.ledger.became(&c.loc, "strategy", s.id.as_str());
        if let Some(parent) = self.parent() {
            parent.children.push(s);
        }
    }

    fn finish(self, ctx: &mut Ctx, plan: &mut Plan) {
        plan.vision = front::settle_vision(ctx, &self.plan_id, self.visions);
        let mut perspectives = self.perspectives;
        for m in &self.mentions {
            let Some((i, def)) = self
                .missions
                .iter()
                .enumerate()
                .find(|(_, e)| e.label.as_deref() == Some(m.label.as_str()))
            else {
                ctx.warn(
                    Some(&m.loc),
                    format!("ไม่พบ{} ในรายการพันธกิจ", m.label),
                    format!("'{}' is not in the list of missions", m.label),
                );
                continue;
            };
            if squash(&m.text) != squash(&def.title) {
                let at = &self.mission_locs[i];
                ctx.warn(
                    Some(&m.loc),
                    format!("ข้อความของ{} ตรงนี้ต่างจากที่ระบุไว้ ({at}): ใช้ข้อความเดิม", m.label),
                    format!(
                        "'{}' is worded differently here than where it is defined ({at}); the defining wording is kept",
                        m.label
                    ),
                );
            }
            if let Some(p) = m.perspective {
                perspectives[p].members.push(def.id.clone());
            }
        }
        plan.perspectives = perspectives;
        plan.status = if self.approval.is_some() {
            PlanStatus::Approved
        } else {
            PlanStatus::Draft
        };
        plan.approval = self.approval;
        plan.elements = self.missions;
    }
}

/// A title without the footnote mark some headings carry ('มืออาชีพ *').
fn clean_title(text: &str) -> String {
    text.trim().trim_end_matches('*').trim().to_string()
}
