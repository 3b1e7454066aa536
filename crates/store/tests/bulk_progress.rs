//! Bulk progress saves (files and the API): every value and column lands as written, whatever
//! its characters; a second file replaces drafts and adds the rest; a row for a submitted or
//! approved period refuses the whole file with its row number; one audit entry per save; the
//! approved ones read back at once as the dashboard reads them. On SQLite and PostgreSQL.

use phaen_domain::bulk::ValidRow;
use phaen_domain::evaluate::ActualValue;
use phaen_domain::progress::{EntryState, Frequency, Period};
use phaen_domain::{KpiId, Plan};
use phaen_store::audit::Actor;
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

fn kpis(plan: &Plan) -> Vec<KpiId> {
    plan.all_kpis()
        .into_iter()
        .map(|(_, k)| k.id.clone())
        .collect()
}

fn row(n: usize, kpi: &KpiId, plan: &Plan, month: u8, value: ActualValue, note: &str) -> ValidRow {
    ValidRow {
        row: n,
        kpi: kpi.clone(),
        period: Period::new(plan.period.from, Frequency::Monthly, month).unwrap(),
        value,
        narrative: note.into(),
    }
}

#[tokio::test]
async fn a_file_lands_whole_with_every_value_as_written() {
    let db = TestDb::new();
    let (store, plan) = setup(&db).await;
    let k = kpis(&plan);
    let awkward = "ผล \"ดี\" \\ ทาง\nบรรทัดใหม่\t\u{1} ๑๒";
    let rows = vec![
        row(
            2,
            &k[0],
            &plan,
            1,
            ActualValue::Number("12.50".parse().unwrap()),
            "",
        ),
        row(
            3,
            &k[0],
            &plan,
            2,
            ActualValue::Number("-0.001".parse().unwrap()),
            awkward,
        ),
        row(4, &k[1], &plan, 1, ActualValue::Level("ระดับ 3".into()), "x"),
        row(5, &k[1], &plan, 2, ActualValue::Met(true), "y"),
    ];
    let saved = store
        .bulk_save_kpi_entries(&plan.id, &rows, EntryState::Draft, "ผล.csv")
        .await
        .unwrap();
    assert_eq!((saved.added, saved.replaced), (4, 0));
    let got = store.kpi_entries(&plan.id, None).await.unwrap();
    assert_eq!(got.len(), 4);
    for r in &rows {
        let e = got
            .iter()
            .find(|e| e.kpi == r.kpi && e.period == r.period)
            .unwrap();
        assert_eq!(e.plan, plan.id);
        assert_eq!(e.value, r.value);
        assert_eq!(e.narrative, r.narrative);
        assert_eq!(e.state, EntryState::Draft);
        assert_eq!((e.reason.as_deref(), e.decided_by.as_deref()), (None, None));
        assert_eq!(
            (e.entered_by.as_str(), e.decided_at, e.version),
            ("u-staff", None, 1)
        );
        assert!(e.entered_at > 0);
        assert_eq!(uuid::Uuid::parse_str(&e.id).unwrap().get_version_num(), 7);
    }
    let mut ids: Vec<&str> = got.iter().map(|e| e.id.as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 4);
    let by_year = store
        .kpi_entries(&plan.id, Some(plan.period.from))
        .await
        .unwrap();
    assert_eq!(by_year.len(), 4, "the year column is written too");

    // A second file: one draft replaced, one new, saved approved.
    let again = vec![
        row(
            2,
            &k[0],
            &plan,
            1,
            ActualValue::Number("13".parse().unwrap()),
            "แก้",
        ),
        row(
            3,
            &k[0],
            &plan,
            3,
            ActualValue::Number("1".parse().unwrap()),
            "",
        ),
    ];
    let saved = store
        .bulk_save_kpi_entries(&plan.id, &again, EntryState::Approved, "api")
        .await
        .unwrap();
    assert_eq!((saved.added, saved.replaced), (1, 1));
    let got = store.kpi_entries(&plan.id, None).await.unwrap();
    assert_eq!(got.len(), 5);
    let replaced = got
        .iter()
        .find(|e| e.period == again[0].period && e.kpi == k[0])
        .unwrap();
    assert_eq!(replaced.value, again[0].value);
    assert_eq!(
        (replaced.version, replaced.state),
        (2, EntryState::Approved)
    );
    assert_eq!(replaced.decided_by.as_deref(), Some("u-staff"));
    assert_eq!(replaced.decided_at, Some(replaced.entered_at));

    // The dashboard's read of the approved ones gives the same entries, in the same order.
    let approved: Vec<_> = got
        .iter()
        .filter(|e| e.state == EntryState::Approved)
        .cloned()
        .collect();
    assert_eq!(approved.len(), 2);
    assert_eq!(
        store.approved_kpi_entries(&plan.id).await.unwrap(),
        approved
    );

    let audit = store.audit_entries(Some(plan.id.as_str())).await.unwrap();
    let imports: Vec<_> = audit
        .iter()
        .filter(|a| a.action == "progress.import")
        .collect();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[0].target.as_deref(), Some("ผล.csv"));
    assert_eq!(
        imports[1].after.as_deref(),
        Some("2 rows as approved (1 new, 1 replaced)")
    );
}

#[tokio::test]
async fn a_row_for_a_locked_period_refuses_the_whole_file() {
    let db = TestDb::new();
    let (store, plan) = setup(&db).await;
    let k = kpis(&plan);
    let first = vec![
        row(2, &k[0], &plan, 1, ActualValue::Number(1.into()), ""),
        row(3, &k[0], &plan, 2, ActualValue::Number(2.into()), ""),
    ];
    store
        .bulk_save_kpi_entries(&plan.id, &first, EntryState::Submitted, "a.csv")
        .await
        .unwrap();
    let second = vec![
        row(7, &k[1], &plan, 1, ActualValue::Number(5.into()), ""),
        row(8, &k[0], &plan, 2, ActualValue::Number(6.into()), ""),
        row(9, &k[0], &plan, 1, ActualValue::Number(7.into()), ""),
    ];
    let err = store
        .bulk_save_kpi_entries(&plan.id, &second, EntryState::Draft, "b.csv")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, phaen_store::Error::Refused(m) if m.contains("rows 8, 9")),
        "{err}"
    );
    let got = store.kpi_entries(&plan.id, None).await.unwrap();
    assert_eq!(got.len(), 2, "nothing of the refused file was written");
    assert!(got.iter().all(|e| e.state == EntryState::Submitted));
    let audit = store.audit_entries(Some(plan.id.as_str())).await.unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action == "progress.import")
            .count(),
        1
    );
}

#[tokio::test]
async fn an_empty_file_writes_nothing_but_is_audited() {
    let db = TestDb::new();
    let (store, plan) = setup(&db).await;
    let saved = store
        .bulk_save_kpi_entries(&plan.id, &[], EntryState::Draft, "empty.csv")
        .await
        .unwrap();
    assert_eq!((saved.added, saved.replaced), (0, 0));
    assert!(store.kpi_entries(&plan.id, None).await.unwrap().is_empty());
    assert!(
        store
            .approved_kpi_entries(&plan.id)
            .await
            .unwrap()
            .is_empty()
    );
}
