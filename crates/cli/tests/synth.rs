//! `phaen synth` loads the national data set in the promised shape: the department, 77
//! provincial offices and the cooperatives under them, the national plan, one plan of 40
//! KPIs and 20 projects per cooperative, every link resolved, and a value for every KPI and
//! month, all approved; a second run adds nothing.

mod common;

use common::*;
use phaen_domain::PlanId;
use phaen_domain::progress::EntryState;
use phaen_store::{OrgStore, PlanStore};
use phaen_testkit::TestDb;

const COOPS: usize = 20;

#[test]
fn synth_loads_the_national_data_set_in_its_promised_shape() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = phaen(&db, dir.path())
            .args(["synth", "--coops", &COOPS.to_string(), "--years", "1"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let nation = phaen_synth::Nation::new(2568, COOPS, 1);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = db.store().await;
        let orgs = store.list_orgs().await.unwrap();
        assert_eq!(orgs.len(), 1 + phaen_synth::PROVINCES + COOPS);
        let pcos = orgs
            .iter()
            .filter(|o| o.parent.as_ref().map(|p| p.as_str()) == Some(phaen_synth::DEPT))
            .count();
        assert_eq!(pcos, phaen_synth::PROVINCES);
        let plans = store.list_plans().await.unwrap();
        assert_eq!(plans.len(), COOPS + 1);
        let national = PlanId::parse(nation.national.id.as_str()).unwrap();
        let served = store.coverage(&national).await.unwrap();
        let per_plan = phaen_synth::KPIS_PER_PLAN + phaen_synth::PROJECTS_PER_PLAN;
        assert_eq!(served.len(), COOPS * per_plan, "every link resolved");
        let kpi_links = served.iter().filter(|s| s.kind == "kpi").count();
        assert_eq!(kpi_links, COOPS * phaen_synth::KPIS_PER_PLAN);
        let mut values = 0;
        for p in plans.iter().filter(|p| p.id != national) {
            let plan = store.load_plan(&p.id).await.unwrap();
            assert_eq!(plan.all_kpis().len(), phaen_synth::KPIS_PER_PLAN);
            let entries = store.kpi_entries(&p.id, None).await.unwrap();
            assert!(entries.iter().all(|e| e.state == EntryState::Approved));
            values += entries.len();
        }
        assert_eq!(values, COOPS * phaen_synth::KPIS_PER_PLAN * 12);
    });
}
