//! The model's rules. `check` lists what makes a plan invalid (it is then refused whole);
//! `warnings` lists what a careful reader would flag but may be true of a real document.
//! Every problem says where it is (a path through the plan) in Thai and English.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use crate::element::Element;
use crate::kpi::{Kpi, Scale, Target};
use crate::money::Baht;
use crate::plan::Plan;

/// The longest period a plan may cover, in years (the department's 20-year strategy fits).
pub const MAX_PERIOD_YEARS: u16 = 25;

/// One broken rule, or one thing to flag, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where: 'elements[1].children[0].kpis[2].targets[2569]'.
    pub path: String,
    pub message_th: String,
    pub message_en: String,
}

impl Problem {
    /// The problem in Thai, with where it is.
    pub fn to_string_th(&self) -> String {
        format!("{}: {}", self.path, self.message_th)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({})",
            self.path, self.message_en, self.message_th
        )
    }
}

struct Collector(Vec<Problem>);

impl Collector {
    fn add(&mut self, path: impl Into<String>, th: impl Into<String>, en: impl Into<String>) {
        self.0.push(Problem {
            path: path.into(),
            message_th: th.into(),
            message_en: en.into(),
        });
    }
}

/// Every rule the plan breaks. An empty list means the plan may be stored.
pub fn check(plan: &Plan) -> Vec<Problem> {
    let mut c = Collector(Vec::new());
    if plan.title.trim().is_empty() {
        c.add("title", "ต้องมีชื่อแผน", "the plan needs a title");
    }
    if plan.period.from > plan.period.to {
        c.add(
            "period",
            "ปีสิ้นสุดอยู่ก่อนปีเริ่มต้น",
            "the period ends before it starts",
        );
    } else if plan.period.to.get() - plan.period.from.get() >= MAX_PERIOD_YEARS {
        c.add(
            "period",
            format!("ระยะเวลาของแผนยาวเกิน {MAX_PERIOD_YEARS} ปี"),
            format!("the period is longer than {MAX_PERIOD_YEARS} years"),
        );
    }
    if plan.status.needs_approval() && plan.approval.is_none() {
        c.add(
            "approval",
            format!("แผนสถานะ '{}' ต้องมีบันทึกการอนุมัติ", plan.status.label_th()),
            format!(
                "a plan that is {} needs its approval record",
                plan.status.as_str()
            ),
        );
    }
    if let Some(a) = &plan.approval
        && a.body.trim().is_empty()
    {
        c.add(
            "approval.body",
            "ต้องระบุผู้อนุมัติ",
            "the approving body is empty",
        );
    }
    check_owner(plan, &mut c);
    check_ids(plan, &mut c);
    for (i, k) in plan.kpis.iter().enumerate() {
        check_kpi(&format!("kpis[{i}]"), k, &mut c);
    }
    for (i, e) in plan.elements.iter().enumerate() {
        check_element(&format!("elements[{i}]"), e, None, &mut c);
    }
    check_swot(plan, &mut c);
    c.0
}

fn check_owner(plan: &Plan, c: &mut Collector) {
    if plan.owner.name_th.trim().is_empty() {
        c.add(
            "owner.name_th",
            "ต้องมีชื่อหน่วยงาน",
            "the owner needs a Thai name",
        );
    }
    let mut seen = HashSet::new();
    for (i, u) in plan.owner.units.iter().enumerate() {
        if u.code.trim().is_empty() || u.name_th.trim().is_empty() {
            c.add(
                format!("owner.units[{i}]"),
                "หน่วยงานย่อยต้องมีรหัสและชื่อ",
                "a unit needs a code and a name",
            );
        }
        if !seen.insert(u.code.as_str()) {
            c.add(
                format!("owner.units[{i}]"),
                format!("รหัสหน่วยงานย่อย '{}' ซ้ำ", u.code),
                format!("unit code '{}' appears twice", u.code),
            );
        }
    }
}

fn check_ids(plan: &Plan, c: &mut Collector) {
    let ids = plan
        .all_kpis()
        .into_iter()
        .map(|(_, k)| k.id.as_str())
        .chain(plan.walk().into_iter().map(|w| w.element.id.as_str()));
    let mut seen: HashSet<&str> = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            c.add(
                format!("id {id}"),
                format!("รหัส '{id}' ซ้ำในแผน"),
                format!("id '{id}' is used twice in the plan"),
            );
        }
    }
}

fn check_element(path: &str, e: &Element, parent: Option<&Element>, c: &mut Collector) {
    if !e.kind.may_sit_under(parent.map(|p| p.kind)) {
        let under_th = parent.map_or("ระดับบนสุดของแผน", |p| {
            p.kind.label_th()
        });
        let under_en = parent.map_or("the top of the plan", |p| p.kind.as_str());
        c.add(
            path,
            format!("{} อยู่ใต้{}ไม่ได้", e.kind.label_th(), under_th),
            format!("a {} cannot stand under {}", e.kind.as_str(), under_en),
        );
    }
    if e.title.trim().is_empty() {
        c.add(
            format!("{path}.title"),
            format!("{}ต้องมีชื่อ", e.kind.label_th()),
            format!("the {} needs a title", e.kind.as_str()),
        );
    }
    for (i, k) in e.kpis.iter().enumerate() {
        check_kpi(&format!("{path}.kpis[{i}]"), k, c);
    }
    let mut years = HashSet::new();
    for (i, b) in e.budget.iter().enumerate() {
        if !years.insert(b.year) {
            let y = b.year.map_or("ไม่ระบุปี".to_string(), |y| y.to_string());
            c.add(
                format!("{path}.budget[{i}]"),
                format!("งบประมาณปี {y} ซ้ำ"),
                format!("the budget for year {y} appears twice"),
            );
        }
    }
    let mut flags = HashSet::new();
    for (i, r) in e.readiness.iter().enumerate() {
        if !flags.insert((r.year, r.kind)) {
            c.add(
                format!("{path}.readiness[{i}]"),
                format!("ความพร้อมปี {} ซ้ำ", r.year),
                format!("readiness for {} appears twice", r.year),
            );
        }
    }
    for (i, t) in e.timeline.iter().enumerate() {
        if t.quarter.is_some_and(|q| !(1..=4).contains(&q)) {
            c.add(
                format!("{path}.timeline[{i}]"),
                "ไตรมาสต้องเป็น 1 ถึง 4",
                "a quarter is 1 to 4",
            );
        }
    }
    for (i, r) in e.responsible.iter().enumerate() {
        if r.text.trim().is_empty() {
            c.add(
                format!("{path}.responsible[{i}]"),
                "ต้องระบุชื่อผู้รับผิดชอบ",
                "a responsible unit needs a name",
            );
        }
    }
    for (i, a) in e.aligned_to.iter().enumerate() {
        if a.label.trim().is_empty() {
            c.add(
                format!("{path}.aligned_to[{i}]"),
                "ความสอดคล้องต้องระบุลำดับของเป้าหมายที่ตอบ",
                "an alignment link needs the label it points at",
            );
        }
    }
    for (i, child) in e.children.iter().enumerate() {
        check_element(&format!("{path}.children[{i}]"), child, Some(e), c);
    }
}

fn check_kpi(path: &str, k: &Kpi, c: &mut Collector) {
    if k.name.trim().is_empty() {
        c.add(
            format!("{path}.name"),
            "ตัวชี้วัดต้องมีชื่อ",
            "the KPI needs a name",
        );
    }
    let mut years = HashSet::new();
    for t in &k.targets {
        let tpath = format!("{path}.targets[{}]", t.year);
        if !years.insert(t.year) {
            c.add(
                &tpath,
                format!("ค่าเป้าหมายปี {} ซ้ำ", t.year),
                format!("the target for {} appears twice", t.year),
            );
        }
        match (&t.target, &k.scale) {
            (Target::Level { level, .. }, Some(scale @ Scale::Levels { name, .. }))
                if scale.position(level).is_none() =>
            {
                c.add(
                    &tpath,
                    format!("ระดับ '{level}' ไม่อยู่ในเกณฑ์ '{name}'"),
                    format!("level '{level}' is not on the scale '{name}'"),
                );
            }
            (Target::Tier { tier }, Some(scale @ Scale::Tiers { name, .. }))
                if scale.position(tier).is_none() =>
            {
                c.add(
                    &tpath,
                    format!("ระดับ '{tier}' ไม่อยู่ในเกณฑ์ '{name}'"),
                    format!("tier '{tier}' is not on the scale '{name}'"),
                );
            }
            (Target::Tier { tier }, scale) if !matches!(scale, Some(Scale::Tiers { .. })) => {
                c.add(
                    &tpath,
                    format!("เป้าหมายระดับ '{tier}' ต้องมีเกณฑ์แบ่งระดับของตัวชี้วัด"),
                    format!("tier target '{tier}' needs the KPI's tier scale"),
                );
            }
            _ => {}
        }
    }
    if let Some(Scale::Tiers { tiers, .. }) = &k.scale {
        for (i, t) in tiers.iter().enumerate() {
            if let (Some(min), Some(max)) = (t.min, t.max)
                && min > max
            {
                c.add(
                    format!("{path}.scale.tiers[{i}]"),
                    format!("ช่วงของระดับ '{}' กลับด้าน", t.name),
                    format!("tier '{}' has its minimum above its maximum", t.name),
                );
            }
        }
    }
}

fn check_swot(plan: &Plan, c: &mut Collector) {
    let mut codes = HashSet::new();
    for (i, s) in plan.swot.iter().enumerate() {
        if let Some(code) = &s.code {
            if !code.starts_with(s.kind.letter()) {
                c.add(
                    format!("swot[{i}]"),
                    format!("รหัส '{code}' ไม่ตรงกับ{}", s.kind.label_th()),
                    format!("code '{code}' does not match kind {:?}", s.kind),
                );
            }
            if !codes.insert(code.as_str()) {
                c.add(
                    format!("swot[{i}]"),
                    format!("รหัส SWOT '{code}' ซ้ำ"),
                    format!("SWOT code '{code}' appears twice"),
                );
            }
        }
        if s.text.trim().is_empty() {
            c.add(
                format!("swot[{i}]"),
                "รายการ SWOT ว่าง",
                "an empty SWOT item",
            );
        }
    }
    let elements: HashMap<&str, &Element> = plan
        .walk()
        .into_iter()
        .map(|w| (w.element.id.as_str(), w.element))
        .collect();
    let mut quadrants = HashSet::new();
    for (i, q) in plan.tows.iter().enumerate() {
        if !quadrants.insert(q.quadrant) {
            c.add(
                format!("tows[{i}]"),
                format!("ช่อง {} ของ TOWS ซ้ำ", q.quadrant.as_str()),
                format!("TOWS quadrant {} appears twice", q.quadrant.as_str()),
            );
        }
        for m in &q.missions {
            if !elements
                .get(m.as_str())
                .is_some_and(|e| e.kind == crate::ElementKind::Mission)
            {
                c.add(
                    format!("tows[{i}].missions"),
                    format!("ไม่พบพันธกิจ '{m}'"),
                    format!("no mission with id '{m}'"),
                );
            }
        }
        for code in &q.swot_codes {
            let known = plan
                .swot
                .iter()
                .any(|s| s.code.as_deref() == Some(code.as_str()));
            if !known {
                c.add(
                    format!("tows[{i}].swot_codes"),
                    format!("ไม่พบรหัส SWOT '{code}'"),
                    format!("no SWOT item coded '{code}'"),
                );
            }
        }
    }
    let mut keys = HashSet::new();
    for (i, p) in plan.perspectives.iter().enumerate() {
        if !keys.insert(p.key.as_str()) {
            c.add(
                format!("perspectives[{i}]"),
                format!("มุมมอง '{}' ซ้ำ", p.key),
                format!("perspective '{}' appears twice", p.key),
            );
        }
        for m in &p.members {
            if !elements.contains_key(m.as_str()) {
                c.add(
                    format!("perspectives[{i}].members"),
                    format!("ไม่พบองค์ประกอบ '{m}'"),
                    format!("no element with id '{m}'"),
                );
            }
        }
    }
}

/// What a careful reader would flag: targets and budgets outside the period, stated totals
/// that differ from the sum of their parts, KPIs with a unit but no targets, labels used
/// twice among siblings, responsible units that did not resolve to a unit.
pub fn warnings(plan: &Plan) -> Vec<Problem> {
    let mut c = Collector(Vec::new());
    for (i, k) in plan.kpis.iter().enumerate() {
        warn_kpi(plan, &format!("kpis[{i}]"), k, &mut c);
    }
    warn_siblings(plan, "elements", &plan.elements, &mut c);
    c.0
}

fn warn_siblings(plan: &Plan, path: &str, elements: &[Element], c: &mut Collector) {
    let mut labels = HashSet::new();
    for (i, e) in elements.iter().enumerate() {
        let p = format!("{path}[{i}]");
        if let Some(l) = &e.label
            && !labels.insert((e.kind, crate::thai::to_arabic_digits(l)))
        {
            c.add(
                &p,
                format!("ลำดับ '{l}' ซ้ำกับรายการก่อนหน้า"),
                format!("label '{l}' is used twice among its siblings"),
            );
        }
        for (j, k) in e.kpis.iter().enumerate() {
            warn_kpi(plan, &format!("{p}.kpis[{j}]"), k, c);
        }
        for (j, b) in e.budget.iter().enumerate() {
            if let Some(y) = b.year.filter(|y| !plan.period.contains(*y)) {
                c.add(
                    format!("{p}.budget[{j}]"),
                    format!("งบประมาณปี {y} อยู่นอกช่วงของแผน"),
                    format!("budget year {y} is outside the plan's period"),
                );
            }
        }
        if let Some(stated) = e.budget_total_stated {
            let sum: Baht = e.budget.iter().map(|b| b.amount_baht).sum();
            if sum != stated {
                c.add(
                    format!("{p}.budget_total_stated"),
                    format!("ยอดรวมที่ระบุ {stated} บาท ไม่เท่ากับผลรวม {sum} บาท"),
                    format!("the stated total {stated} baht differs from the sum {sum} baht"),
                );
            }
        }
        for (j, r) in e.responsible.iter().enumerate() {
            if r.unit.is_none() && r.org.is_none() {
                c.add(
                    format!("{p}.responsible[{j}]"),
                    format!("ไม่พบหน่วยงาน '{}' ในโครงสร้างองค์กร", r.text),
                    format!("'{}' did not resolve to a known unit", r.text),
                );
            }
        }
        warn_siblings(plan, &format!("{p}.children"), &e.children, c);
    }
}

fn warn_kpi(plan: &Plan, path: &str, k: &Kpi, c: &mut Collector) {
    if k.unit.is_some() && k.targets.is_empty() {
        c.add(
            path,
            format!("ตัวชี้วัด '{}' มีหน่วยนับแต่ไม่มีค่าเป้าหมาย", k.name),
            format!("KPI '{}' has a unit but no targets", k.name),
        );
    }
    for t in &k.targets {
        if !plan.period.contains(t.year) {
            c.add(
                format!("{path}.targets[{}]", t.year),
                format!("ค่าเป้าหมายปี {} อยู่นอกช่วงของแผน", t.year),
                format!("target year {} is outside the plan's period", t.year),
            );
        }
    }
}
