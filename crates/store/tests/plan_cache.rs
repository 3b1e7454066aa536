//! Plans kept in memory between loads never hide a change: another process (a second store on
//! the same database) that edits, moves or deletes a plan is seen at the next load.

use phaen_domain::{Plan, PlanStatus};
use phaen_store::{EditNote, Error, PlanStore, Step};
use phaen_testkit::TestDb;

/// A demo plan made a draft, so forms may change it.
fn editable_plan() -> Plan {
    let mut plan = phaen_synth::demo(5).plans.remove(0);
    plan.status = PlanStatus::Draft;
    plan.approval = None;
    plan
}

fn note() -> EditNote {
    EditNote {
        action: "plan.edit",
        target: "title".into(),
        before: None,
        after: None,
        targets: Vec::new(),
    }
}

#[tokio::test]
async fn a_plan_edited_by_another_process_is_read_afresh() {
    let db = TestDb::new();
    let (here, there) = (db.store().await, db.store().await);
    let plan = editable_plan();
    here.insert_plan(&plan).await.unwrap();
    assert_eq!(here.load_plan(&plan.id).await.unwrap(), plan);
    assert_eq!(here.load_plan(&plan.id).await.unwrap(), plan, "read again");

    let mut edited = plan.clone();
    edited.title = format!("{} (ฉบับแก้ไข)", plan.title);
    edited.elements.pop();
    let version = there.plan_version(&plan.id).await.unwrap();
    there.update_plan(&edited, version, note()).await.unwrap();
    let back = here.load_plan(&plan.id).await.unwrap();
    assert_eq!(back.title, edited.title);
    assert_eq!(back.elements.len(), edited.elements.len());
}

#[tokio::test]
async fn a_status_change_elsewhere_is_read_afresh() {
    let db = TestDb::new();
    let (here, there) = (db.store().await, db.store().await);
    let plan = editable_plan();
    here.insert_plan(&plan).await.unwrap();
    let before = here.load_plan(&plan.id).await.unwrap();
    let to = PlanStatus::ALL
        .into_iter()
        .find(|to| before.status.may_move_to(*to) && *to != PlanStatus::Approved)
        .expect("a move that needs no approval");
    let step = Step {
        approval: None,
        window: (to == PlanStatus::Consultation).then(|| {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            phaen_store::ConsultationWindow::new(day, day).unwrap()
        }),
    };
    let version = there.plan_version(&plan.id).await.unwrap();
    there
        .transition_plan(&plan.id, to, step, version)
        .await
        .unwrap();
    assert_eq!(here.load_plan(&plan.id).await.unwrap().status, to);
}

#[tokio::test]
async fn a_plan_deleted_elsewhere_is_not_found() {
    let db = TestDb::new();
    let (here, there) = (db.store().await, db.store().await);
    let plan = editable_plan();
    here.insert_plan(&plan).await.unwrap();
    here.load_plan(&plan.id).await.unwrap();
    there.delete_plan(&plan.id).await.unwrap();
    assert!(matches!(
        here.load_plan(&plan.id).await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn an_owner_renamed_elsewhere_is_read_afresh() {
    let db = TestDb::new();
    let (here, there) = (db.store().await, db.store().await);
    let plan = editable_plan();
    here.insert_plan(&plan).await.unwrap();
    let shared = here.load_plan_shared(&plan.id).await.unwrap();
    assert_eq!(*shared, plan);
    let mut tx = there.pool().begin_write().await.unwrap();
    tx.exec(
        "UPDATE orgs SET name_th = 'ชื่อใหม่' WHERE code = $1",
        vec![plan.owner.code.as_str().into()],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        here.load_plan_shared(&plan.id).await.unwrap().owner.name_th,
        "ชื่อใหม่"
    );
    assert_eq!(
        here.load_plan(&plan.id).await.unwrap().owner.name_th,
        "ชื่อใหม่"
    );
}
