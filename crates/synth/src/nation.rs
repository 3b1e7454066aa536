//! The national data set `phaen synth` loads, generated one cooperative at a time so it never
//! has to be held whole: the department, 77 provincial offices, the national plan with 60
//! indicators, and for each cooperative a 5-year strategic plan of 40 KPIs (each serving one
//! national indicator) and 20 budgeted projects (each tied to a national guideline), with
//! monthly progress values. The same seed and index always give the same plan, ids included.

use phaen_domain::bulk::ValidRow;
use phaen_domain::evaluate::ActualValue;
use phaen_domain::progress::{Frequency, Period};
use phaen_domain::{
    AlignKind, AlignmentLink, BeYear, Comparator, ElementKind, Organization, Plan, PlanKind,
    PlanStatus, ResponsibleRole, Target, YearBasis,
};
use rust_decimal::Decimal;

use crate::bank::{KpiIdea, ProjectIdea, Theme, fill, words};
use crate::kit::{Ids, Kit, org_resp, year};
use crate::nation_orgs::{PROVINCES, coop, province, province_names};
use crate::orgs::{Coop, Flavour};
use crate::rng::Rng;

/// The first year of every plan in the data set (the national plan's first).
pub const FIRST_YEAR: u16 = 2566;
/// How many indicators the national plan has, how many each cooperative serves, and how
/// many projects each cooperative plans.
pub const INDICATORS: usize = 60;
pub const KPIS_PER_PLAN: usize = 40;
pub const PROJECTS_PER_PLAN: usize = 20;
const STRATEGIES_PER_PLAN: usize = 4;

/// A national indicator: the idea a cooperative's KPI takes up, and where it sits.
#[derive(Debug, Clone)]
struct Indicator {
    idea: KpiIdea,
    name: String,
    label: String,
    scope: String,
}

/// The whole data set, described; `cooperative(i)` builds one cooperative on demand.
#[derive(Debug, Clone)]
pub struct Nation {
    seed: u64,
    coops: usize,
    years: u16,
    pub dept: Organization,
    pub provinces: Vec<Organization>,
    province_names: Vec<String>,
    pub national: Plan,
    indicators: Vec<Indicator>,
}

/// One cooperative, its plan and the plan's approved monthly values.
#[derive(Debug, Clone)]
pub struct CoopData {
    pub org: Organization,
    pub plan: Plan,
    pub values: Vec<ValidRow>,
}

impl Nation {
    /// `coops` cooperatives with plans of `years` years (1-5) from 2566.
    pub fn new(seed: u64, coops: usize, years: u16) -> Nation {
        let years = years.clamp(1, 5);
        let dept = crate::orgs::build().dept;
        let names = province_names();
        let provinces: Vec<Organization> = names
            .iter()
            .enumerate()
            .map(|(p, n)| province(p, n, &dept.code))
            .collect();
        let mut ids = Ids::scoped(format!("nat-{seed}"));
        let mut kit = Kit::new(Rng::new(seed).fork(1), &mut ids, false);
        let mut national = crate::national::build(&mut kit, &dept);
        let indicators = add_indicators(&mut kit, &mut national);
        Nation {
            seed,
            coops,
            years,
            dept,
            provinces,
            province_names: names,
            national,
            indicators,
        }
    }

    pub fn coops(&self) -> usize {
        self.coops
    }

    /// The department and the provincial offices, parents first.
    pub fn head_orgs(&self) -> Vec<Organization> {
        let mut v = vec![self.dept.clone()];
        v.extend(self.provinces.iter().cloned());
        v
    }

    /// Cooperative `i` (0-based): its organization, plan and values.
    pub fn cooperative(&self, i: usize) -> CoopData {
        let rng = Rng::new(self.seed).fork(1000 + i as u64);
        let mut ids = Ids::scoped(format!("nat-{}-c{}", self.seed, i + 1));
        let mut kit = Kit::new(rng, &mut ids, i % 2 == 1);
        let p = i % PROVINCES;
        let c = coop(i, &mut kit.rng, &self.provinces[p], &self.province_names[p]);
        let mut plan = self.plan(&mut kit, &c);
        crate::national::link_projects(&mut kit, &mut plan, &self.national);
        crate::national::resolve_links(&mut plan, &self.national);
        let values = values(&mut kit.rng, &plan);
        CoopData {
            org: c.org,
            plan,
            values,
        }
    }

    fn plan(&self, kit: &mut Kit, c: &Coop) -> Plan {
        let from = FIRST_YEAR;
        let to = from + self.years - 1;
        let ys: Vec<BeYear> = (from..=to).map(year).collect();
        let name = &c.org.name_th;
        let mut plan = Plan::new(
            PlanKind::StrategicPlan,
            kit.n(&format!("แผนกลยุทธ์{name} พ.ศ. {from}-{to}")),
            c.org.clone(),
            phaen_domain::Period::new(year(from), year(to)).expect("a valid period"),
        );
        plan.id = kit.ids.plan();
        plan.year_basis = YearBasis::AccountingYear {
            end_month: c.year_end.0,
            end_day: c.year_end.1,
        };
        plan.status = PlanStatus::Published;
        let date = crate::kit::ymd(i32::from(from) - 544, 2, kit.rng.range(1, 28) as u32);
        plan.approval = Some(phaen_domain::Approval {
            body: kit.n(&format!("ที่ประชุมใหญ่สามัญประจำปี {}", from - 1)),
            meeting: None,
            date: Some(date),
            written: Some(kit.n(&format!(
                "อนุมัติเมื่อวันที่ {}",
                phaen_domain::thai::format_long_date(date)
            ))),
        });
        let bank = words(c.flavour);
        let vision = *kit.rng.pick(bank.visions);
        plan.vision = Some(fill(vision, c.short));
        let mut themes: Vec<Theme> = bank.themes.to_vec();
        themes.extend([crate::words::GOVERNANCE, crate::words::PEOPLE_DIGITAL]);
        let strategies: Vec<&str> = themes
            .iter()
            .flat_map(|t| t.goals.iter().flat_map(|g| g.strategies.iter()))
            .map(|s| s.title)
            .collect();
        let projects: Vec<ProjectIdea> = themes
            .iter()
            .flat_map(|t| t.goals.iter().flat_map(|g| g.strategies.iter()))
            .flat_map(|s| s.projects.iter().copied())
            .collect();
        let mut picked: Vec<usize> = (0..self.indicators.len()).collect();
        kit.rng.shuffle(&mut picked);
        picked.truncate(KPIS_PER_PLAN);
        let mut project_no = 0;
        for s in 0..STRATEGIES_PER_PLAN {
            let title = fill(strategies[s % strategies.len()], c.short);
            let mut el = kit.el(ElementKind::Strategy, &format!("กลยุทธ์ที่ {}", s + 1), &title);
            let per = KPIS_PER_PLAN / STRATEGIES_PER_PLAN;
            for (k, at) in picked[s * per..(s + 1) * per].iter().enumerate() {
                let ind = &self.indicators[*at];
                let mut kpi = kit.kpi_from(&ind.idea, &format!("{}.{}", s + 1, k + 1), &ys);
                kpi.name = ind.name.clone();
                kpi.aligned_to = vec![AlignmentLink {
                    plan: Some(self.national.title.clone()),
                    kind: AlignKind::Kpi,
                    label: ind.label.clone(),
                    scope: Some(ind.scope.clone()),
                    target_id: None,
                    written: Some(kit.n(&format!("ตัวชี้วัดที่ {} {}", ind.label, ind.scope))),
                }];
                el.kpis.push(kpi);
            }
            for _ in 0..PROJECTS_PER_PLAN / STRATEGIES_PER_PLAN {
                let idea = &projects[project_no % projects.len()];
                let round = project_no / projects.len();
                project_no += 1;
                el.children
                    .push(project(kit, c, idea, project_no, round, &ys));
            }
            plan.elements.push(el);
        }
        plan
    }
}

/// A budgeted project of `c`'s plan (its `round`-th use of the idea is a later phase).
fn project(
    kit: &mut Kit,
    c: &Coop,
    idea: &ProjectIdea,
    no: usize,
    round: usize,
    ys: &[BeYear],
) -> phaen_domain::Element {
    let mut title = fill(idea.name, c.short);
    if round > 0 {
        title.push_str(&format!(" ระยะที่ {}", round + 1));
    }
    let mut p = kit.el(ElementKind::Project, &no.to_string(), &title);
    p.objectives
        .push(kit.item(0, &fill(idea.objective, c.short)));
    p.target_groups
        .push(kit.item(0, &fill(idea.target_group, c.short)));
    p.expected_outcomes
        .push(kit.item(0, &fill(idea.outcome, c.short)));
    for y in ys {
        let amount = kit.rng.range(idea.cost.0 * 2, idea.cost.1 * 2) * 500;
        p.budget.push(kit.baht_line(Some(*y), amount));
    }
    p.responsible = vec![org_resp(&c.org, ResponsibleRole::Main)];
    p
}

/// Adds KPIs to the national plan's strategies, from Phaen's cooperative KPI ideas, until it
/// has `INDICATORS`; returns every indicator with the label and scope a link names it by.
fn add_indicators(kit: &mut Kit, national: &mut Plan) -> Vec<Indicator> {
    let mut ideas: Vec<(usize, KpiIdea, String)> = crate::national::kpi_ideas()
        .into_iter()
        .map(|(s, i)| (s, i, i.name.to_string()))
        .collect();
    let existing = ideas.len();
    let mut bank: Vec<KpiIdea> = Vec::new();
    let flavours = [
        Flavour::Savings,
        Flavour::Agricultural,
        Flavour::Tourism,
        Flavour::RiceFarmers,
    ];
    let mut themes: Vec<Theme> = flavours
        .iter()
        .flat_map(|f| words(*f).themes.iter().copied())
        .collect();
    themes.extend([crate::words::GOVERNANCE, crate::words::PEOPLE_DIGITAL]);
    for t in &themes {
        for g in t.goals {
            bank.extend(g.kpis.iter().copied());
            for s in g.strategies {
                bank.extend(s.projects.iter().map(|p| p.kpi));
            }
        }
    }
    bank.retain(|i| !i.name.contains("{o}"));
    let mut seen = std::collections::HashSet::new();
    bank.retain(|i| seen.insert(i.name));
    let groups = ["สหกรณ์", "กลุ่มเกษตรกร"];
    let mut n = 0;
    while ideas.len() < INDICATORS {
        let idea = bank[n % bank.len()];
        let name = match n / bank.len() {
            0 => idea.name.to_string(),
            r => format!("{} ({})", idea.name, groups[(r - 1) % groups.len()]),
        };
        ideas.push((n % 3, idea, name));
        n += 1;
    }
    let years: Vec<BeYear> = national.period.years().collect();
    let mut out = Vec::new();
    for (i, (s, idea, name)) in ideas.into_iter().enumerate() {
        let strategy = &mut national.elements[s];
        if i >= existing {
            let label = (strategy.kpis.len() + 1).to_string();
            let mut kpi = kit.kpi_from(&idea, &label, &years);
            kpi.name = name.clone();
            strategy.kpis.push(kpi);
        }
        let label = strategy
            .kpis
            .iter()
            .find(|k| k.name == name)
            .and_then(|k| k.label.clone())
            .unwrap_or_default();
        out.push(Indicator {
            idea,
            name,
            label,
            scope: strategy.label.clone().unwrap_or_default(),
        });
    }
    out
}

/// An approved value for every KPI and month of `plan`: how far along the year's target it
/// is, rising month by month, mostly reaching it, some short, a few well short.
fn values(rng: &mut Rng, plan: &Plan) -> Vec<ValidRow> {
    let mut out = Vec::new();
    for (_, kpi) in plan.all_kpis() {
        for y in plan.period.years() {
            let Some(Target::Numeric {
                value, comparator, ..
            }) = kpi.target_for(y)
            else {
                continue;
            };
            let roll = rng.below(100);
            let share = match roll {
                0..60 => 100 + rng.below(15) as i64,
                60..90 => 80 + rng.below(20) as i64,
                _ => 40 + rng.below(30) as i64,
            };
            let lower = matches!(comparator, Comparator::AtMost | Comparator::LessThan);
            for m in 1..=12u8 {
                let part = if lower {
                    Decimal::from(200 - share)
                } else {
                    Decimal::from(share * (6 + i64::from(m))) / Decimal::from(18)
                };
                let v = (*value * part / Decimal::ONE_HUNDRED).round_dp(2);
                out.push(ValidRow {
                    row: out.len() + 1,
                    kpi: kpi.id.clone(),
                    period: Period::new(y, Frequency::Monthly, m).expect("a month"),
                    value: ActualValue::Number(v.normalize()),
                    narrative: String::new(),
                });
            }
        }
    }
    out
}
