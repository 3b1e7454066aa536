//! The shapes of Phaen's phrase banks: ideas for missions, goals, strategies, projects and
//! KPIs that a generator turns into plan elements, plus short constructors to write them.

use phaen_domain::Comparator;

use crate::orgs::Flavour;

/// A KPI to be: its name, unit, first-year value (in units of 10^-dp), yearly step and
/// comparator.
#[derive(Debug, Clone, Copy)]
pub struct KpiIdea {
    pub name: &'static str,
    pub unit: &'static str,
    pub first: i64,
    pub step: i64,
    pub dp: u32,
    pub cmp: Comparator,
    /// The target says 'ร้อยละ'.
    pub percent: bool,
}

/// A whole-number KPI.
pub const fn k(
    name: &'static str,
    unit: &'static str,
    first: i64,
    step: i64,
    cmp: Comparator,
) -> KpiIdea {
    KpiIdea {
        name,
        unit,
        first,
        step,
        dp: 0,
        cmp,
        percent: false,
    }
}

/// A per-cent KPI ('ไม่น้อยกว่าร้อยละ 80').
pub const fn kp(name: &'static str, first: i64, step: i64, cmp: Comparator) -> KpiIdea {
    KpiIdea {
        name,
        unit: "ร้อยละ",
        first,
        step,
        dp: 0,
        cmp,
        percent: true,
    }
}

/// A KPI with `dp` decimal places (0.80 เท่า is `kd(.., 80, -5, 2, ..)`).
pub const fn kd(
    name: &'static str,
    unit: &'static str,
    first: i64,
    step: i64,
    dp: u32,
    cmp: Comparator,
) -> KpiIdea {
    KpiIdea {
        name,
        unit,
        first,
        step,
        dp,
        cmp,
        percent: false,
    }
}

/// A project to be. `main` and `support` are unit codes of the owner ('MGR', 'LOAN'), 'PCO'
/// for the provincial office, or the name of an outside body.
#[derive(Debug, Clone, Copy)]
pub struct ProjectIdea {
    pub name: &'static str,
    pub objective: &'static str,
    pub target_group: &'static str,
    pub outcome: &'static str,
    pub activities: &'static [&'static str],
    pub kpi: KpiIdea,
    pub main: &'static str,
    pub support: &'static str,
    /// Yearly cost range in thousands of baht.
    pub cost: (i64, i64),
}

#[derive(Debug, Clone, Copy)]
pub struct StrategyIdea {
    pub title: &'static str,
    pub guidelines: &'static [&'static str],
    pub projects: &'static [ProjectIdea],
}

#[derive(Debug, Clone, Copy)]
pub struct GoalIdea {
    pub title: &'static str,
    pub kpis: &'static [KpiIdea],
    pub strategies: &'static [StrategyIdea],
}

/// A mission and what hangs under it.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub mission: &'static str,
    pub goals: &'static [GoalIdea],
}

/// What a cooperative of one kind says in its plan. '{o}' stands for the short name
/// ('สหกรณ์', 'กลุ่ม').
#[derive(Debug)]
pub struct CoopWords {
    pub visions: &'static [&'static str],
    /// One sentence on what the cooperative does, for the introduction.
    pub business: &'static str,
    pub strengths: &'static [&'static str],
    pub weaknesses: &'static [&'static str],
    pub opportunities: &'static [&'static str],
    pub threats: &'static [&'static str],
    /// The two missions only this kind of cooperative has.
    pub themes: &'static [Theme],
    /// A KPI only words can measure, with its target for each of three years.
    pub text_kpi: (&'static str, [&'static str; 3]),
    /// A KPI that starts later: no target ('-') in the years given as `None`.
    pub late_kpi: (&'static str, &'static str, [Option<i64>; 3]),
}

pub fn words(flavour: Flavour) -> &'static CoopWords {
    match flavour {
        Flavour::Savings => &crate::words_savings::WORDS,
        Flavour::Agricultural => &crate::words_agri::WORDS,
        Flavour::Tourism => &crate::words_tourism::WORDS,
        Flavour::RiceFarmers => &crate::words_farmer::WORDS,
    }
}

/// Replaces '{o}' with the cooperative's short name.
pub fn fill(text: &str, short: &str) -> String {
    text.replace("{o}", short)
}
