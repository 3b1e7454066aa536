//! The tree of a cooperative's strategic plan: missions -> goals (with KPIs) -> strategies ->
//! guidelines and projects -> activities, with budgets, responsible units, timelines and
//! progress results.

use phaen_domain::element::Actual;
use phaen_domain::{
    BeYear, Direction, Element, ElementKind, Kpi, Organization, ProgressResult, ResponsibleRole,
    Target, TimelineEntry, TimelineMark, YearBasis,
};
use rust_decimal::Decimal;

use crate::bank::{ProjectIdea, StrategyIdea, Theme, fill};
use crate::kit::{Kit, add_days, org_resp, resp, with_unit};
use crate::orgs::Coop;
use crate::words::{ABOVE_TARGET, BELOW_TARGET, ON_TARGET};

/// What the tree needs to know about the cooperative and its plan.
pub struct CoopCtx<'a> {
    pub coop: &'a Coop,
    pub pco: &'a Organization,
    pub years: Vec<BeYear>,
    pub basis: YearBasis,
}

impl CoopCtx<'_> {
    fn fill(&self, text: &str) -> String {
        fill(text, self.coop.short)
    }
}

#[derive(Default)]
struct Counters {
    strategy: usize,
    project: usize,
    results: usize,
}

const MORE_OBJECTIVES: &[&str] = &[
    "เพื่อสร้างการมีส่วนร่วมของสมาชิกในการพัฒนา{o}",
    "เพื่อใช้ทรัพยากรของ{o}อย่างคุ้มค่าและตรวจสอบได้",
];

/// One mission per theme, labelled 1, 2, 3 ... (in Thai digits when the plan writes them).
pub fn missions(kit: &mut Kit, cx: &CoopCtx, themes: &[Theme]) -> Vec<Element> {
    let mut n = Counters::default();
    let mut out = Vec::new();
    for (i, theme) in themes.iter().enumerate() {
        let m = i + 1;
        let mut mission = kit.el(
            ElementKind::Mission,
            &m.to_string(),
            &cx.fill(theme.mission),
        );
        let goals = kit.rng.most(theme.goals.len(), 1);
        for (gi, g) in theme.goals[..goals].iter().enumerate() {
            let label = format!("{m}.{}", gi + 1);
            let mut goal = kit.el(ElementKind::Goal, &label, &cx.fill(g.title));
            for (ki, idea) in g.kpis.iter().enumerate() {
                let kpi = kit.kpi_from(idea, &format!("{label}.{}", ki + 1), &cx.years);
                goal.kpis.push(kpi);
            }
            let strategies = kit.rng.most(g.strategies.len(), 1);
            for s in &g.strategies[..strategies] {
                goal.children.push(strategy(kit, cx, &mut n, s));
            }
            mission.children.push(goal);
        }
        out.push(mission);
    }
    out
}

fn strategy(kit: &mut Kit, cx: &CoopCtx, n: &mut Counters, s: &StrategyIdea) -> Element {
    n.strategy += 1;
    let no = n.strategy;
    let mut el = kit.el(
        ElementKind::Strategy,
        &format!("กลยุทธ์ที่ {no}"),
        &cx.fill(s.title),
    );
    let guidelines = kit.rng.most(s.guidelines.len(), 1);
    for (i, g) in s.guidelines[..guidelines].iter().enumerate() {
        let g = kit.el(
            ElementKind::Guideline,
            &format!("{no}.{}", i + 1),
            &cx.fill(g),
        );
        el.children.push(g);
    }
    let projects = kit.rng.most(s.projects.len(), 1);
    for p in &s.projects[..projects] {
        el.children.push(project(kit, cx, n, p));
    }
    el
}

fn responsible(cx: &CoopCtx, key: &str, role: ResponsibleRole) -> phaen_domain::Responsibility {
    if key == "PCO" {
        org_resp(cx.pco, role)
    } else {
        resp(&cx.coop.org, key, role)
    }
}

fn project(kit: &mut Kit, cx: &CoopCtx, n: &mut Counters, idea: &ProjectIdea) -> Element {
    n.project += 1;
    let no = n.project;
    let mut p = kit.el(ElementKind::Project, &no.to_string(), &cx.fill(idea.name));
    p.objectives.push(kit.item(0, &cx.fill(idea.objective)));
    if kit.rng.chance(50) {
        let more = *kit.rng.pick(MORE_OBJECTIVES);
        p.objectives.push(kit.item(1, &cx.fill(more)));
    }
    p.target_groups
        .push(kit.item(0, &cx.fill(idea.target_group)));
    p.expected_outcomes
        .push(kit.item(0, &cx.fill(idea.outcome)));
    let start = usize::from(kit.rng.chance(25));
    let active: Vec<BeYear> = cx.years[start..].to_vec();
    let kpi = kit.kpi_from(&idea.kpi, "1", &active);
    let mut total = 0;
    for y in &active {
        let amount = kit.rng.range(idea.cost.0 * 2, idea.cost.1 * 2) * 500;
        total += amount;
        p.budget.push(kit.baht_line(Some(*y), amount));
    }
    if kit.rng.chance(60) {
        p.budget_total_stated = Some(kit.baht_line(None, total).amount_baht);
    }
    let main = responsible(cx, idea.main, ResponsibleRole::Main);
    let mut support = responsible(cx, idea.support, ResponsibleRole::Support);
    if support.unit.is_some() && support.unit == main.unit {
        // The owner lacks the supporting unit the idea names: its board supports instead.
        let other = cx
            .coop
            .org
            .units
            .iter()
            .find(|u| Some(&u.code) != main.unit.as_ref());
        if let Some(u) = other {
            support = resp(&cx.coop.org, &u.code, ResponsibleRole::Support);
        }
    }
    p.responsible = vec![main, support];
    let count = kit
        .rng
        .most(idea.activities.len(), idea.activities.len().min(2));
    for (i, a) in idea.activities[..count].iter().enumerate() {
        let mut act = kit.el(
            ElementKind::Activity,
            &format!("{no}.{}", i + 1),
            &cx.fill(a),
        );
        act.timeline = timeline(kit, i, count, &active);
        p.children.push(act);
    }
    if n.results == 0 || kit.rng.chance(35) {
        n.results += 1;
        let r = result(kit, cx, &kpi, active[0]);
        p.results.push(r);
    }
    p.kpis.push(kpi);
    p
}

/// Activity `i` of `count` runs in a slice of the year's quarters: a span, or a start, the
/// quarters it continues through, and an end. Some activities recur every year.
fn timeline(kit: &mut Kit, i: usize, count: usize, years: &[BeYear]) -> Vec<TimelineEntry> {
    let first = 1 + (i * 4 / count.max(1)) as u8;
    let len = (kit.rng.range(1, 3) as u8).min(5 - first);
    let recurs = kit.rng.chance(50);
    let mut out = Vec::new();
    for (yi, y) in years.iter().enumerate() {
        if yi > 0 && !recurs {
            break;
        }
        for q in first..first + len {
            let mark = match (len, q - first) {
                (1, _) => TimelineMark::Span,
                (_, 0) => TimelineMark::Start,
                (l, k) if k + 1 == l => TimelineMark::End,
                _ => TimelineMark::Continue,
            };
            let note = if len == 1 && kit.rng.chance(40) {
                let times = kit.rng.range(1, 4);
                Some(kit.n(&format!("{times} ครั้ง")))
            } else {
                None
            };
            out.push(TimelineEntry {
                year: *y,
                quarter: Some(q),
                mark: Some(mark),
                note,
            });
        }
    }
    out
}

/// The first year's result against the KPI's target, reported soon after the year closed.
fn result(kit: &mut Kit, cx: &CoopCtx, kpi: &Kpi, year: BeYear) -> ProgressResult {
    let target = match kpi.target_for(year) {
        Some(Target::Numeric { value, .. }) => *value,
        _ => Decimal::ONE,
    };
    let unit = kpi.unit.clone().unwrap_or_default();
    let pct = Decimal::from(kit.rng.range(85, 115));
    let mut actual = (target * pct / Decimal::from(100)).round_dp(target.scale());
    if unit == "ร้อยละ" {
        actual = actual.min(Decimal::from(100));
    }
    let lower = kpi.direction == Some(Direction::LowerIsBetter);
    let bank = match actual.cmp(&target) {
        std::cmp::Ordering::Equal => ON_TARGET,
        std::cmp::Ordering::Greater if !lower => ABOVE_TARGET,
        std::cmp::Ordering::Less if lower => ABOVE_TARGET,
        _ => BELOW_TARGET,
    };
    let comment = if lower && bank == ABOVE_TARGET {
        "ดีกว่าค่าเป้าหมายที่กำหนด"
    } else {
        kit.rng.pick(bank)
    };
    let (_, end) = cx.basis.bounds(year).expect("a demo year has bounds");
    let as_of = add_days(end, kit.rng.range(15, 45));
    let narrative = format!(
        "ปี {year} {} ทำได้ {} จากค่าเป้าหมาย {} {}",
        kpi.name,
        with_unit(actual, &unit),
        with_unit(target, &unit),
        comment
    );
    ProgressResult {
        as_of: Some(as_of),
        year: Some(year),
        narrative: kit.n(&narrative),
        actuals: vec![Actual {
            kpi: Some(kpi.id.clone()),
            value: actual.normalize(),
            unit: kpi.unit.clone(),
        }],
    }
}
