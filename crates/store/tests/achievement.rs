//! KPI achievement rolled up the organization tree, kept as values are approved or reopened,
//! set-ups change and plans change status, equals evaluating every followed plan directly from
//! the values stored. SQLite and PostgreSQL (PHAEN_TEST_DB).

use std::collections::{BTreeMap, HashMap};

use phaen_domain::evaluate::{Following, Rules, evaluate_plan_year};
use phaen_domain::progress::EntryState;
use phaen_domain::{BeYear, OrgCode, Organization, Plan, PlanStatus};
use phaen_store::{OrgStore, PlanStore, Store};
use phaen_testkit::TestDb;

/// (year, status) -> KPIs of the followed plans of `org` and below, computed directly.
async fn direct(store: &Store, orgs: &[Organization], org: &str) -> BTreeMap<(i64, String), i64> {
    let below = |code: &OrgCode| -> bool {
        let mut at = Some(code.clone());
        while let Some(c) = at {
            if c.as_str() == org {
                return true;
            }
            at = orgs
                .iter()
                .find(|o| o.code == c)
                .and_then(|o| o.parent.clone());
        }
        false
    };
    let mut out = BTreeMap::new();
    for listing in store.list_plans().await.unwrap() {
        if !below(&listing.org)
            || !matches!(listing.status, PlanStatus::Approved | PlanStatus::Published)
        {
            continue;
        }
        let plan = store.load_plan(&listing.id).await.unwrap();
        let how: HashMap<String, Following> = store
            .reporting_setups(&plan.id)
            .await
            .unwrap()
            .into_iter()
            .map(|s| (s.subject, (s.frequency, s.aggregation)))
            .collect();
        let entries = store.kpi_entries(&plan.id, None).await.unwrap();
        for year in plan.period.years() {
            let approved: HashMap<(String, String), _> = entries
                .iter()
                .filter(|e| e.state == EntryState::Approved && e.period.year == year)
                .map(|e| ((e.kpi.to_string(), e.period.key()), e.value.clone()))
                .collect();
            for (_, _, e) in evaluate_plan_year(&plan, year, &how, &approved, Rules::default()) {
                *out.entry((i64::from(year.get()), e.status.as_str().to_string()))
                    .or_default() += 1;
            }
        }
    }
    out
}

async fn check(store: &Store, orgs: &[Organization]) {
    for o in orgs {
        let got = store.achievement(&o.code).await.unwrap();
        assert_eq!(
            got,
            direct(store, orgs, o.code.as_str()).await,
            "{}",
            o.code
        );
    }
}

async fn approve_demo_values(store: &Store, plan: &Plan, through: u16) {
    let rows: Vec<phaen_domain::bulk::ValidRow> =
        phaen_synth::demo_progress(plan, BeYear::new(through).unwrap(), 9)
            .into_iter()
            .enumerate()
            .map(|(i, v)| phaen_domain::bulk::ValidRow {
                row: i + 1,
                kpi: v.kpi,
                period: v.period,
                value: v.value,
                narrative: v.narrative,
            })
            .collect();
    store
        .bulk_save_kpi_entries(&plan.id, &rows, EntryState::Approved, "test")
        .await
        .unwrap();
}

#[tokio::test]
async fn achievement_follows_approvals_set_ups_and_status() {
    let db = TestDb::new();
    let store = db.store().await;
    let demo = phaen_synth::demo(11);
    for o in &demo.orgs {
        store.upsert_org(o).await.unwrap();
    }
    for p in &demo.plans {
        store.insert_plan(p).await.unwrap();
    }
    check(&store, &demo.orgs).await;
    let coops: Vec<&Plan> = demo
        .plans
        .iter()
        .filter(|p| p.period.from.get() >= 2568)
        .collect();
    assert!(coops.len() >= 2);
    for p in &coops {
        approve_demo_values(&store, p, p.period.from.get() + 1).await;
    }
    check(&store, &demo.orgs).await;
    let pco = store
        .achievement(&OrgCode::parse(phaen_synth::PCO).unwrap())
        .await
        .unwrap();
    assert!(pco.keys().any(|(_, s)| s == "achieved"), "{pco:?}");

    // A value reopened is no longer counted.
    let first = coops[0];
    let entry = store
        .kpi_entries(&first.id, None)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.state == EntryState::Approved)
        .unwrap();
    store
        .move_kpi_entry(
            &first.id,
            &entry.id,
            EntryState::Draft,
            Some("แก้ไขตัวเลข"),
            entry.version,
        )
        .await
        .unwrap();
    check(&store, &demo.orgs).await;

    // Quarterly reporting summed changes how a KPI's year is judged.
    let kpi = first.all_kpis()[0].1.id.clone();
    let setup = phaen_store::progress::ReportingSetup {
        subject: kpi.to_string(),
        kind: phaen_store::progress::SubjectKind::Kpi,
        frequency: phaen_domain::progress::Frequency::Quarterly,
        aggregation: phaen_domain::evaluate::Aggregation::Sum,
        weight: rust_decimal::Decimal::ONE,
        owner_user: None,
        owner_unit: None,
    };
    store.set_reporting(&first.id, &setup).await.unwrap();
    check(&store, &demo.orgs).await;

    // A closed plan is no longer followed.
    let version = store.plan_version(&coops[1].id).await.unwrap();
    store
        .transition_plan(
            &coops[1].id,
            PlanStatus::Closed,
            phaen_store::Step {
                approval: None,
                window: None,
            },
            version,
        )
        .await
        .unwrap();
    check(&store, &demo.orgs).await;

    // Deleting a plan, and building everything afresh, agree too.
    store.delete_plan(&first.id).await.unwrap();
    check(&store, &demo.orgs).await;
    store.rebuild_rollups().await.unwrap();
    check(&store, &demo.orgs).await;
}
