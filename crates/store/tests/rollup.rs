//! Roll-ups up the organization tree, kept as plans are saved and deleted, equal a direct
//! computation over the same plans: for every organization, the items and organizations
//! serving each element and KPI of the national plan, and budgets per target, per strategy
//! and per year. SQLite and PostgreSQL (PHAEN_TEST_DB).

use std::collections::{BTreeMap, BTreeSet};

use phaen_domain::{Element, OrgCode, Organization, Plan};
use phaen_store::{OrgStore, PlanStore, Store};
use phaen_testkit::TestDb;
use rust_decimal::Decimal;

/// (grain, key, year) -> (items, orgs, budget)
type Totals = BTreeMap<(String, String, i64), (i64, i64, Decimal)>;

/// The top-level element of `national` holding `id` (an element or one of its KPIs).
fn strategy_of(national: &Plan, id: &str) -> Option<String> {
    fn holds(e: &Element, id: &str) -> bool {
        e.id.as_str() == id
            || e.kpis.iter().any(|k| k.id.as_str() == id)
            || e.children.iter().any(|c| holds(c, id))
    }
    national
        .elements
        .iter()
        .find(|t| holds(t, id))
        .map(|t| t.id.to_string())
}

/// What the plans of `org` and below contribute to `national`, computed from the plans.
fn direct(orgs: &[Organization], plans: &[Plan], national: &Plan, org: &str) -> Totals {
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
    let mut out = Totals::new();
    let mut serving_orgs: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for p in plans
        .iter()
        .filter(|p| p.id != national.id && below(&p.owner.code))
    {
        for w in p.walk() {
            let e = w.element;
            let targets: BTreeSet<String> = e
                .aligned_to
                .iter()
                .filter_map(|l| l.target_id.clone())
                .collect();
            let mut strategies = BTreeSet::new();
            let mut add = |grain: &str, key: &str| {
                out.entry((grain.into(), key.into(), 0)).or_default().0 += 1;
                serving_orgs
                    .entry((grain.into(), key.into()))
                    .or_default()
                    .insert(p.owner.code.to_string());
                for b in &e.budget {
                    let year = b.year.map_or(0, |y| i64::from(y.get()));
                    out.entry((grain.into(), key.into(), year)).or_default().2 +=
                        b.amount_baht.amount();
                }
            };
            for t in &targets {
                let Some(s) = strategy_of(national, t) else {
                    continue;
                };
                add("target", t);
                strategies.insert(s);
            }
            for s in strategies {
                add("strategy", &s);
            }
        }
    }
    for ((grain, key), set) in serving_orgs {
        out.entry((grain, key, 0)).or_default().1 = set.len() as i64;
    }
    out
}

async fn stored(store: &Store, national: &Plan, org: &str) -> Totals {
    let r = store
        .rollup(&national.id, &OrgCode::parse(org).unwrap(), None)
        .await
        .unwrap();
    r.rows
        .into_iter()
        .filter(|r| r.items != 0 || r.orgs != 0 || !r.budget.is_zero())
        .map(|r| {
            (
                (r.grain, r.key, r.year),
                (r.items, r.orgs, r.budget.normalize()),
            )
        })
        .collect()
}

fn normalized(t: Totals) -> Totals {
    t.into_iter()
        .map(|(k, (i, o, b))| (k, (i, o, b.normalize())))
        .collect()
}

async fn check_all(store: &Store, orgs: &[Organization], plans: &[Plan], national: &Plan) {
    for o in orgs {
        let want = normalized(direct(orgs, plans, national, o.code.as_str()));
        let got = stored(store, national, o.code.as_str()).await;
        assert_eq!(got, want, "roll-up of {}", o.code);
    }
}

#[tokio::test]
async fn rollups_equal_a_direct_computation_as_plans_are_saved_changed_and_deleted() {
    let db = TestDb::new();
    let store = db.store().await;
    let demo = phaen_synth::demo(5);
    for o in &demo.orgs {
        store.upsert_org(o).await.unwrap();
    }
    for p in &demo.plans {
        store.insert_plan(p).await.unwrap();
    }
    let national = demo.plans.last().unwrap().clone();
    let mut plans = demo.plans.clone();
    check_all(&store, &demo.orgs, &plans, &national).await;
    let root = stored(&store, &national, phaen_synth::DEPT).await;
    assert!(
        root.values().any(|v| v.1 >= 2),
        "several organizations serve some target"
    );

    // A cooperative's new revision drops one link and doubles a project's first budget line.
    let i = plans
        .iter()
        .position(|p| p.owner.code.as_str() == phaen_synth::SAVINGS)
        .unwrap();
    let mut changed = plans[i].clone();
    let project = changed.projects()[0].id.clone();
    let e = phaen_domain::edit::element_mut(&mut changed, &project).unwrap();
    e.aligned_to.clear();
    let second = changed.projects()[1].id.clone();
    let e = phaen_domain::edit::element_mut(&mut changed, &second).unwrap();
    if let Some(b) = e.budget.first_mut() {
        b.amount_baht = phaen_domain::Baht::new(b.amount_baht.amount() * Decimal::TWO).unwrap();
    }
    changed.revision = Some(phaen_domain::Revision {
        number: changed.revision.as_ref().map_or(2, |r| r.number + 1),
        written: None,
    });
    store.revise_plan(&changed).await.unwrap();
    plans[i] = changed;
    check_all(&store, &demo.orgs, &plans, &national).await;

    // Another cooperative's plan is deleted.
    let j = plans
        .iter()
        .position(|p| p.owner.code.as_str() == phaen_synth::AGRI)
        .unwrap();
    store.delete_plan(&plans[j].id).await.unwrap();
    plans.remove(j);
    check_all(&store, &demo.orgs, &plans, &national).await;

    // Building everything afresh gives the same numbers.
    store.rebuild_rollups().await.unwrap();
    check_all(&store, &demo.orgs, &plans, &national).await;

    // The children of the province: one line per cooperative and target, summing to the
    // province's own totals less what its own plans serve.
    let pco = OrgCode::parse(phaen_synth::PCO).unwrap();
    let r = store.rollup(&national.id, &pco, None).await.unwrap();
    assert!(!r.children.is_empty());
    for c in r.children.iter().filter(|c| c.grain == "target") {
        let own = stored(&store, &national, c.org.as_str()).await;
        let items = own
            .get(&("target".into(), c.key.clone(), 0))
            .map_or(0, |v| v.0);
        assert_eq!(c.items, items, "{} {}", c.org, c.key);
    }
}
