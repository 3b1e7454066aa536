//! Phaen's own generator of plausible Thai plans, in its own words (no seed text).
//!
//! `demo(seed)` builds a small, complete demo: a department, a federation, a provincial office
//! of an invented province and four cooperatives under it, each with the plan its kind writes.
//! The same seed always gives the same data, ids included; different seeds vary counts,
//! numbers and wording. `demo_users()` lists one demo sign-in per role.

mod bank;
mod coop_plan;
mod coop_tree;
mod department;
mod federation;
mod kit;
mod nation;
mod nation_orgs;
mod national;
mod orgs;
mod orgs_coops;
mod progress;
mod project_progress;
mod rng;
mod roadmap;
mod users;
mod words;
mod words_agri;
mod words_farmer;
mod words_savings;
mod words_tourism;

#[cfg(test)]
mod nation_tests;
#[cfg(test)]
mod tests;

use phaen_domain::{Organization, Plan};

pub use nation::{CoopData, FIRST_YEAR, INDICATORS, KPIS_PER_PLAN, Nation, PROJECTS_PER_PLAN};
pub use nation_orgs::PROVINCES;
pub use orgs::{AGRI, DEPT, FARMER, FED, PCO, SAVINGS, SERVICE};
pub use progress::{DemoValue, demo_progress};
pub use project_progress::{DemoProjectReport, demo_project_reports};
pub use roadmap::NATIONAL_PLAN;
pub use users::{DemoUser, demo_users};

use kit::{Ids, Kit};
use rng::Rng;

/// The demo database: organizations (parents first) and their plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoData {
    pub orgs: Vec<Organization>,
    pub plans: Vec<Plan>,
}

/// Same seed -> identical data (ids included); every plan passes `Plan::check`.
///
/// Plans: the department's 5-year action plan, the federation's 5-year development plan, the
/// provincial office's roadmap, a 3-year strategic plan for each cooperative (its projects
/// tied to a guideline of the national plan), and the national plan the roadmap carries out.
pub fn demo(seed: u64) -> DemoData {
    let root = Rng::new(seed);
    let mut ids = Ids::new(seed);
    let orgs = orgs::build();
    let mut plans = vec![
        department::build(&mut Kit::new(root.fork(1), &mut ids, true), &orgs.dept),
        federation::build(
            &mut Kit::new(root.fork(2), &mut ids, false),
            &orgs.fed,
            &orgs.dept,
        ),
        roadmap::build(
            &mut Kit::new(root.fork(3), &mut ids, false),
            &orgs.pco,
            &orgs.coops,
        ),
    ];
    for (i, coop) in orgs.coops.iter().enumerate() {
        let mut kit = Kit::new(root.fork(10 + i as u64), &mut ids, i % 2 == 1);
        plans.push(coop_plan::build(&mut kit, coop, &orgs.pco));
    }
    // The national plan comes last so the other plans' ids stay as they were before it.
    let national = national::build(&mut Kit::new(root.fork(4), &mut ids, false), &orgs.dept);
    let mut kit = Kit::new(root.fork(5), &mut ids, false);
    for (i, plan) in plans.iter_mut().enumerate() {
        if plan.kind == phaen_domain::PlanKind::Roadmap {
            if let Some(parent) = plan.parent_plan.as_mut() {
                parent.id = Some(national.id.clone());
            }
        } else if i >= 3 {
            kit.thai = plan.title.chars().any(|c| ('๐'..='๙').contains(&c));
            national::link_projects(&mut kit, plan, &national);
        }
    }
    for plan in plans.iter_mut() {
        national::resolve_links(plan, &national);
    }
    plans.push(national);
    DemoData {
        orgs: orgs.all(),
        plans,
    }
}
