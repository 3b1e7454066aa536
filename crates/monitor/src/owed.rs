//! What a plan's reporters owe on a day, gathered from the database: its reporting set-up,
//! every entry's state, and the plan's reporting window, put through the domain's rule.

use std::collections::HashMap;

use chrono::NaiveDate;

use phaen_domain::owed::{Owed, Reported, Subject, owed};
use phaen_domain::{Plan, edit};
use phaen_store::Store;
use phaen_store::notifications::Recipient;
use phaen_store::progress::ReportingSetup;

/// A plan's overdue periods and who answers for them.
#[derive(Debug, Clone)]
pub struct PlanOwed {
    /// Days after a period ends until its data is due.
    pub window: u32,
    /// Oldest first; empty when the plan is not in force.
    pub items: Vec<Owed>,
    pub setups: Vec<ReportingSetup>,
    /// The people the set-up names as owners of something owed, read once, by user id
    /// (disabled or removed users are not here).
    pub named: HashMap<String, Recipient>,
}

impl PlanOwed {
    fn setup(&self, subject: &Subject) -> Option<&ReportingSetup> {
        self.setups.iter().find(|s| s.subject == subject.id())
    }

    /// The unit that owns the subject's reporting, when set.
    pub fn owner_unit(&self, subject: &Subject) -> Option<&str> {
        self.setup(subject)?.owner_unit.as_deref()
    }

    /// The person who owns the subject's reporting, when set and able to sign in.
    pub fn owner(&self, subject: &Subject) -> Option<&Recipient> {
        self.named.get(self.setup(subject)?.owner_user.as_deref()?)
    }
}

/// The subject's name as the plan writes it ('1.1 ร้อยละ...' for a KPI, the project's title).
pub fn subject_name(plan: &Plan, subject: &Subject) -> String {
    let joined = |label: &Option<String>, text: &str| {
        format!("{} {text}", label.clone().unwrap_or_default())
            .trim()
            .to_string()
    };
    match subject {
        Subject::Kpi(id) => {
            edit::kpi(plan, id).map_or_else(|| id.to_string(), |k| joined(&k.label, &k.name))
        }
        Subject::Project(id) => plan
            .projects()
            .into_iter()
            .find(|e| &e.id == id)
            .map_or_else(|| id.to_string(), |e| joined(&e.label, &e.title)),
    }
}

/// The path of the form where the subject's period is reported.
pub fn entry_link(plan: &Plan, o: &Owed) -> String {
    let kind = match o.subject {
        Subject::Kpi(_) => "progress",
        Subject::Project(_) => "projects",
    };
    format!(
        "/plans/{}/{kind}/{}/{}",
        plan.id,
        o.subject.id(),
        o.period.key()
    )
}

/// What `plan`'s reporters owe on `today`.
pub async fn plan_owed(
    store: &Store,
    plan: &Plan,
    today: NaiveDate,
) -> phaen_store::Result<PlanOwed> {
    let setups = store.reporting_setups(&plan.id).await?;
    let window = store.reporting_window(&plan.id).await?;
    if !crate::in_force(plan) {
        return Ok(PlanOwed {
            window,
            items: Vec::new(),
            setups,
            named: HashMap::new(),
        });
    }
    let mut reported = Reported {
        frequency_of: setups
            .iter()
            .map(|s| (s.subject.clone(), s.frequency))
            .collect(),
        states: Default::default(),
    };
    for e in store.kpi_entries(&plan.id, None).await? {
        reported
            .states
            .insert((e.kpi.to_string(), e.period), e.state);
    }
    for e in store.project_entries(&plan.id, None).await? {
        reported
            .states
            .insert((e.project.to_string(), e.period), e.state);
    }
    let items = owed(plan, &reported, window, today);
    let mut named = HashMap::new();
    for s in &setups {
        let Some(user) = s.owner_user.as_deref() else {
            continue;
        };
        let owes = items.iter().any(|o| o.subject.id() == s.subject);
        if owes
            && !named.contains_key(user)
            && let Some(r) = store.recipient(user).await?
        {
            named.insert(user.to_string(), r);
        }
    }
    Ok(PlanOwed {
        window,
        items,
        setups,
        named,
    })
}
