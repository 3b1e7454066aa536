//! Progress in the database: entries saved as drafts with version checks, submitted, approved
//! and locked, returned or reopened only with a reason, every move audited; reporting set-ups
//! kept per subject. On SQLite and PostgreSQL.

use phaen_domain::evaluate::{ActualValue, Aggregation};
use phaen_domain::progress::{EntryState, Frequency, Period};
use phaen_domain::{BeYear, Plan};
use phaen_store::audit::Actor;
use phaen_store::progress::{NewEntry, ReportingSetup, SubjectKind};
use phaen_store::{PlanStore, Store};
use phaen_testkit::TestDb;

async fn setup(db: &TestDb) -> (Store, Plan) {
    let store = db.store().await.acting_as(Actor {
        id: "u-staff".into(),
        name: "เจ้าหน้าที่".into(),
    });
    let plan = phaen_synth::demo(4).plans.remove(0);
    store.insert_plan(&plan).await.unwrap();
    (store, plan)
}

fn entry(plan: &Plan, month: u8, value: &str) -> NewEntry {
    let (_, kpi) = plan.all_kpis().into_iter().next().unwrap();
    NewEntry {
        kpi: kpi.id.clone(),
        period: Period::new(plan.period.from, Frequency::Monthly, month).unwrap(),
        value: ActualValue::Number(value.parse().unwrap()),
        narrative: "ผลการดำเนินงานเดือนนี้".into(),
    }
}

#[tokio::test]
async fn an_entry_goes_from_draft_to_approved_and_is_locked_until_reopened() {
    let db = TestDb::new();
    let (store, plan) = setup(&db).await;
    let first = store
        .save_kpi_entry(&plan.id, &entry(&plan, 1, "12.5"), None)
        .await
        .unwrap();
    assert_eq!(first.state, EntryState::Draft);
    assert_eq!(first.version, 1);
    // A second new entry for the same KPI and period is a conflict, not a duplicate.
    let dup = store
        .save_kpi_entry(&plan.id, &entry(&plan, 1, "13"), None)
        .await;
    assert!(matches!(dup, Err(phaen_store::Error::Conflict { .. })));
    let changed = store
        .save_kpi_entry(&plan.id, &entry(&plan, 1, "13"), Some(1))
        .await
        .unwrap();
    assert_eq!(changed.version, 2);
    assert_eq!(changed.value, ActualValue::Number("13".parse().unwrap()));
    let stale = store
        .save_kpi_entry(&plan.id, &entry(&plan, 1, "99"), Some(1))
        .await;
    assert!(matches!(stale, Err(phaen_store::Error::Conflict { .. })));

    let submitted = store
        .move_kpi_entry(&plan.id, &changed.id, EntryState::Submitted, None, 2)
        .await
        .unwrap();
    let refused = store
        .save_kpi_entry(&plan.id, &entry(&plan, 1, "14"), Some(submitted.version))
        .await;
    assert!(matches!(refused, Err(phaen_store::Error::Refused(_))));
    let no_reason = store
        .move_kpi_entry(&plan.id, &changed.id, EntryState::Returned, Some("  "), 3)
        .await;
    assert!(matches!(no_reason, Err(phaen_store::Error::Refused(_))));
    let approved = store
        .move_kpi_entry(&plan.id, &changed.id, EntryState::Approved, None, 3)
        .await
        .unwrap();
    assert_eq!(approved.decided_by.as_deref(), Some("u-staff"));
    let locked = store
        .save_kpi_entry(&plan.id, &entry(&plan, 1, "15"), Some(approved.version))
        .await;
    assert!(
        matches!(locked, Err(phaen_store::Error::Refused(_))),
        "approved is locked"
    );
    let skip = store
        .move_kpi_entry(&plan.id, &changed.id, EntryState::Submitted, None, 4)
        .await;
    assert!(matches!(skip, Err(phaen_store::Error::Refused(_))));
    let reopened = store
        .move_kpi_entry(
            &plan.id,
            &changed.id,
            EntryState::Draft,
            Some("ตัวเลขจากฝ่ายบัญชีแก้ไขแล้ว"),
            4,
        )
        .await
        .unwrap();
    assert_eq!(reopened.reason.as_deref(), Some("ตัวเลขจากฝ่ายบัญชีแก้ไขแล้ว"));
    store
        .save_kpi_entry(&plan.id, &entry(&plan, 1, "15"), Some(reopened.version))
        .await
        .unwrap();

    let log = store.audit_entries(Some(plan.id.as_str())).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "plan.create",
            "progress.save",
            "progress.save",
            "progress.submit",
            "progress.approve",
            "progress.reopen",
            "progress.save"
        ]
    );
    assert!(log[5].after.as_deref().unwrap().contains("ฝ่ายบัญชี"));
    assert!(store.verify_audit().await.unwrap().broken_at.is_none());
}

#[tokio::test]
async fn entries_are_listed_by_year_and_values_keep_their_kind() {
    let db = TestDb::new();
    let (store, plan) = setup(&db).await;
    let mut e = entry(&plan, 2, "0.75");
    store.save_kpi_entry(&plan.id, &e, None).await.unwrap();
    e.period = Period::new(plan.period.from, Frequency::Monthly, 3).unwrap();
    e.value = ActualValue::Level("ดีเยี่ยม".into());
    store.save_kpi_entry(&plan.id, &e, None).await.unwrap();
    e.period = Period::new(plan.period.to, Frequency::Yearly, 1).unwrap();
    e.value = ActualValue::Met(true);
    store.save_kpi_entry(&plan.id, &e, None).await.unwrap();
    let first_year = store
        .kpi_entries(&plan.id, Some(plan.period.from))
        .await
        .unwrap();
    assert_eq!(first_year.len(), 2);
    assert_eq!(first_year[1].value, ActualValue::Level("ดีเยี่ยม".into()));
    let all = store.kpi_entries(&plan.id, None).await.unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.iter().any(|e| e.value == ActualValue::Met(true)));
    let none = store
        .kpi_entries(&plan.id, Some(BeYear::new(2700).unwrap()))
        .await
        .unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn reporting_setups_are_kept_per_subject() {
    let db = TestDb::new();
    let (store, plan) = setup(&db).await;
    let (_, kpi) = plan.all_kpis().into_iter().next().unwrap();
    let mut s = ReportingSetup {
        subject: kpi.id.to_string(),
        kind: SubjectKind::Kpi,
        frequency: Frequency::Monthly,
        aggregation: Aggregation::Sum,
        weight: "2.5".parse().unwrap(),
        owner_user: None,
        owner_unit: Some("ฝ่ายสินเชื่อ".into()),
    };
    store.set_reporting(&plan.id, &s).await.unwrap();
    s.frequency = Frequency::Quarterly;
    store.set_reporting(&plan.id, &s).await.unwrap();
    let got = store.reporting_setups(&plan.id).await.unwrap();
    assert_eq!(got, vec![s.clone()]);
    s.weight = "-1".parse().unwrap();
    assert!(store.set_reporting(&plan.id, &s).await.is_err());
}
