//! Project reports in the database: status, percent complete and money saved per period as a
//! draft with version checks, then submitted, approved and locked, returned or reopened only
//! with a reason, every move audited. On SQLite and PostgreSQL.

use phaen_domain::progress::{EntryState, Frequency, Period, ProjectStatus};
use phaen_domain::project_report::{ProjectReport, TypedReport};
use phaen_domain::{ElementId, Plan};
use phaen_store::audit::Actor;
use phaen_store::{PlanStore, Store};
use phaen_testkit::TestDb;

async fn setup(db: &TestDb) -> (Store, Plan, ElementId) {
    let store = db.store().await.acting_as(Actor {
        id: "u-staff".into(),
        name: "เจ้าหน้าที่".into(),
    });
    let plan = phaen_synth::demo(4).plans.remove(0);
    store.insert_plan(&plan).await.unwrap();
    let project = plan
        .projects()
        .first()
        .expect("the demo plan has projects")
        .id
        .clone();
    (store, plan, project)
}

fn report(status: &str, percent: &str, disbursed: &str) -> ProjectReport {
    ProjectReport::read(&TypedReport {
        status,
        percent,
        allocated: "500,000",
        committed: "100,000",
        disbursed,
        narrative: "ดำเนินการตามแผน",
    })
    .unwrap()
}

#[tokio::test]
async fn a_project_report_goes_through_its_life_and_is_audited() {
    let db = TestDb::new();
    let (store, plan, project) = setup(&db).await;
    let q1 = Period::new(plan.period.from, Frequency::Quarterly, 1).unwrap();
    let first = store
        .save_project_entry(
            &plan.id,
            &project,
            q1,
            &report("on_track", "25", "50000"),
            None,
        )
        .await
        .unwrap();
    assert_eq!((first.state, first.version), (EntryState::Draft, 1));
    assert_eq!(first.report.status, ProjectStatus::OnTrack);
    assert_eq!(
        first.report.disbursed.unwrap().amount().to_string(),
        "50000"
    );

    let dup = store
        .save_project_entry(&plan.id, &project, q1, &report("at_risk", "20", "0"), None)
        .await;
    assert!(matches!(dup, Err(phaen_store::Error::Conflict { .. })));
    let changed = store
        .save_project_entry(
            &plan.id,
            &project,
            q1,
            &report("at_risk", "20", "60000"),
            Some(1),
        )
        .await
        .unwrap();
    assert_eq!(
        (changed.version, changed.report.status),
        (2, ProjectStatus::AtRisk)
    );

    store
        .move_project_entry(&plan.id, &changed.id, EntryState::Submitted, None, 2)
        .await
        .unwrap();
    store
        .move_project_entry(&plan.id, &changed.id, EntryState::Approved, None, 3)
        .await
        .unwrap();
    let locked = store
        .save_project_entry(&plan.id, &project, q1, &report("done", "100", "0"), Some(4))
        .await;
    assert!(
        matches!(locked, Err(phaen_store::Error::Refused(_))),
        "{locked:?}"
    );
    let no_reason = store
        .move_project_entry(&plan.id, &changed.id, EntryState::Draft, Some("  "), 4)
        .await;
    assert!(matches!(no_reason, Err(phaen_store::Error::Refused(_))));
    store
        .move_project_entry(
            &plan.id,
            &changed.id,
            EntryState::Draft,
            Some("ตัวเลขเบิกจ่ายผิด"),
            4,
        )
        .await
        .unwrap();
    let reopened = store
        .project_entry_at(&plan.id, &project, q1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reopened.state, EntryState::Draft);
    assert_eq!(reopened.reason.as_deref(), Some("ตัวเลขเบิกจ่ายผิด"));

    let log = store.audit_entries(Some(plan.id.as_str())).await.unwrap();
    let actions: Vec<&str> = log
        .iter()
        .map(|e| e.action.as_str())
        .filter(|a| a.starts_with("project_progress."))
        .collect();
    assert_eq!(
        actions,
        [
            "project_progress.save",
            "project_progress.save",
            "project_progress.submit",
            "project_progress.approve",
            "project_progress.reopen"
        ]
    );
    assert_eq!(
        store
            .project_entries(&plan.id, Some(q1.year))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        store
            .project_entries(&plan.id, Some(plan.period.to))
            .await
            .unwrap()
            .is_empty()
            || plan.period.to == q1.year
    );
}

#[tokio::test]
async fn a_report_that_breaks_its_rules_is_not_kept() {
    let db = TestDb::new();
    let (store, plan, project) = setup(&db).await;
    let q1 = Period::new(plan.period.from, Frequency::Quarterly, 1).unwrap();
    let mut bad = report("on_track", "50", "0");
    bad.percent = "140".parse().unwrap();
    let refused = store
        .save_project_entry(&plan.id, &project, q1, &bad, None)
        .await;
    assert!(matches!(refused, Err(phaen_store::Error::Refused(_))));
    assert!(
        store
            .project_entries(&plan.id, None)
            .await
            .unwrap()
            .is_empty()
    );
}
