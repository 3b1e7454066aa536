//! Reminders of data owed: for every plan in force (or one), each overdue period goes to the
//! user who owns its reporting, or, when nobody is named, to the plan organization's editors
//! and admins. Each person gets one notification per plan and day (raising it again the same
//! day, from any server, adds nothing) and, when a mail server is configured and they have an
//! address, one email listing what they owe across plans.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use phaen_domain::owed::Owed;
use phaen_domain::thai::format_long_date;
use phaen_domain::{Plan, PlanId};
use phaen_store::notifications::{NewNotification, Recipient};
use phaen_store::{PlanStore, Store};

use crate::mail::Mailer;
use crate::owed::{entry_link, plan_owed, subject_name};

/// The most overdue periods an email lists per plan before saying how many more there are.
const LISTED_PER_PLAN: usize = 15;

/// Which plans a run covers.
#[derive(Debug, Clone)]
pub enum Scope {
    All,
    Plan(PlanId),
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Plans in force looked at.
    pub plans: usize,
    /// Overdue periods found.
    pub owed: usize,
    /// Notifications raised (not counting those already raised today).
    pub notified: usize,
    /// Emails the mail server took.
    pub emailed: usize,
    /// People with something new to hear but no email address.
    pub without_address: usize,
    /// Emails that could not be sent, each with why.
    pub failures: Vec<String>,
}

/// One person's reminders of one plan.
struct PlanReminder<'a> {
    plan: &'a Plan,
    items: Vec<&'a Owed>,
    notification: String,
}

/// Raises today's reminders for `scope` and emails them through `mailer` when given.
/// `public_url` ('https://phaen.coop.example.th') makes the links in emails whole.
pub async fn remind(
    store: &Store,
    mailer: Option<&Mailer>,
    public_url: Option<&str>,
    today: NaiveDate,
    scope: Scope,
) -> phaen_store::Result<RunReport> {
    let ids: Vec<PlanId> = match scope {
        Scope::Plan(id) => vec![id],
        Scope::All => store
            .list_plans()
            .await?
            .into_iter()
            .filter(|p| crate::status_in_force(p.status))
            .map(|p| p.id)
            .collect(),
    };
    let mut plans = Vec::new();
    for id in ids {
        let plan = store.load_plan(&id).await?;
        if crate::in_force(&plan) {
            let owed = plan_owed(store, &plan, today).await?;
            plans.push((plan, owed));
        }
    }
    let mut report = RunReport {
        plans: plans.len(),
        ..RunReport::default()
    };
    // Who owes what, person by person, plan by plan.
    let mut people: BTreeMap<String, (Recipient, Vec<PlanReminder<'_>>)> = BTreeMap::new();
    for (plan, owed) in &plans {
        report.owed += owed.items.len();
        if owed.items.is_empty() {
            continue;
        }
        let reporters = store.reporters_of(&plan.owner.code).await?;
        let mut per_person: BTreeMap<String, (Recipient, Vec<&Owed>)> = BTreeMap::new();
        for item in &owed.items {
            let to = match owed.owner(&item.subject) {
                Some(owner) => vec![owner.clone()],
                None => reporters.clone(),
            };
            for r in to {
                per_person
                    .entry(r.id.clone())
                    .or_insert_with(|| (r, Vec::new()))
                    .1
                    .push(item);
            }
        }
        for (user, (recipient, items)) in per_person {
            let oldest = items.iter().map(|o| o.due).min().unwrap_or(today);
            let late = (today - oldest).num_days();
            let message = format!(
                "ค้างส่งข้อมูล {} งวด ในแผน '{}' (งวดเก่าสุดเลยกำหนด {late} วัน) / {} period(s) of data owed in '{}' (the oldest {late} days late)",
                items.len(),
                plan.title,
                items.len(),
                plan.title
            );
            let raised = store
                .notify(&NewNotification {
                    user: user.clone(),
                    plan: Some(plan.id.to_string()),
                    kind: "owed".into(),
                    message,
                    link: format!("/plans/{}/progress/owed", plan.id),
                    dedupe: format!("owed:{}:{today}", plan.id),
                })
                .await?;
            if let Some(id) = raised {
                report.notified += 1;
                people
                    .entry(user)
                    .or_insert_with(|| (recipient, Vec::new()))
                    .1
                    .push(PlanReminder {
                        plan,
                        items,
                        notification: id,
                    });
            }
        }
    }
    for (recipient, reminders) in people.into_values() {
        let Some(address) = recipient.email.as_deref() else {
            report.without_address += 1;
            continue;
        };
        let Some(mailer) = mailer else { continue };
        let (subject, body) = email_text(&recipient, &reminders, public_url, today);
        match mailer
            .send(&recipient.display_name, address, &subject, body)
            .await
        {
            Ok(()) => {
                report.emailed += 1;
                let ids: Vec<String> = reminders.iter().map(|r| r.notification.clone()).collect();
                store.mark_emailed(&ids).await?;
            }
            Err(e) => {
                tracing::warn!(user = %recipient.username, error = %e, "reminder email not sent");
                report.failures.push(e.to_string());
            }
        }
    }
    Ok(report)
}

/// Runs the reminders of data owed every day at 08:00 Bangkok time, for as long as the
/// server runs; a run that fails is logged and the next day's goes ahead.
pub fn run_daily(store: Store, mailer: Option<Mailer>, public_url: String) {
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(until_next_morning(chrono::Utc::now())).await;
            let today = phaen_store::today_in_bangkok();
            let run = remind(
                &store,
                mailer.as_ref(),
                Some(public_url.as_str()),
                today,
                Scope::All,
            )
            .await;
            match run {
                Ok(r) => tracing::info!(
                    plans = r.plans,
                    owed = r.owed,
                    notified = r.notified,
                    emailed = r.emailed,
                    failures = r.failures.len(),
                    "daily reminders"
                ),
                Err(e) => tracing::error!(error = %e, "daily reminders failed"),
            }
        }
    });
}

/// How long from `now` until the next 08:00 in Bangkok (UTC+7, no daylight saving).
fn until_next_morning(now: chrono::DateTime<chrono::Utc>) -> std::time::Duration {
    let bangkok = now + chrono::Duration::hours(7);
    let today_at_eight = bangkok
        .date_naive()
        .and_hms_opt(8, 0, 0)
        .expect("08:00 exists")
        .and_utc();
    let next = if bangkok < today_at_eight {
        today_at_eight
    } else {
        today_at_eight + chrono::Duration::days(1)
    };
    (next - bangkok).to_std().unwrap_or_default()
}

/// The reminder email: a subject and a plain-text body in Thai, each plan with its overdue
/// periods (what, which period, due when, how late) and where to report them.
fn email_text(
    recipient: &Recipient,
    reminders: &[PlanReminder<'_>],
    public_url: Option<&str>,
    today: NaiveDate,
) -> (String, String) {
    let total: usize = reminders.iter().map(|r| r.items.len()).sum();
    let base = public_url.unwrap_or("").trim_end_matches('/');
    let subject = format!("[Phaen] แจ้งเตือนข้อมูลค้างส่ง {total} งวด");
    let mut body = format!(
        "เรียน คุณ{}\n\nณ วันที่ {} มีข้อมูลผลการดำเนินงานที่เลยกำหนดส่งแล้วยังไม่ได้ส่ง {total} งวด ดังนี้\n",
        recipient.display_name,
        format_long_date(today)
    );
    for r in reminders {
        body.push_str(&format!("\nแผน: {}\n", r.plan.title));
        for item in r.items.iter().take(LISTED_PER_PLAN) {
            body.push_str(&format!(
                "- {} งวด {} กำหนดส่ง {} (เลยกำหนด {} วัน) {base}{}\n",
                subject_name(r.plan, &item.subject),
                item.period.label_th(r.plan.year_basis),
                format_long_date(item.due),
                (today - item.due).num_days(),
                entry_link(r.plan, item)
            ));
        }
        if r.items.len() > LISTED_PER_PLAN {
            body.push_str(&format!(
                "- และอีก {} งวด ดูทั้งหมดที่ {base}/plans/{}/progress/owed\n",
                r.items.len() - LISTED_PER_PLAN,
                r.plan.id
            ));
        }
    }
    body.push_str(&format!(
        "\nกรุณาบันทึกและส่งข้อมูลในระบบ Phaen\n\n-- \nThis is a reminder from Phaen: {total} period(s) of progress data are past their due date.\n"
    ));
    (subject, body)
}

#[cfg(test)]
mod daily_tests {
    #[test]
    fn reminders_wait_for_the_next_bangkok_morning() {
        let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        // 00:30 UTC is 07:30 in Bangkok: half an hour to go.
        assert_eq!(
            super::until_next_morning(at("2026-11-22T00:30:00Z")).as_secs(),
            1800
        );
        // 01:00 UTC is 08:00 in Bangkok: the next run is tomorrow's.
        assert_eq!(
            super::until_next_morning(at("2026-11-22T01:00:00Z")).as_secs(),
            86_400
        );
    }
}
