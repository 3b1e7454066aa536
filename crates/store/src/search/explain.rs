//! The search statement reads the index, not the whole table: SQLite's plan for it, checked
//! for searching everything and for searching some plans.

use phaen_domain::PlanId;
use phaen_domain::search::Query;

use super::Scope;
use super::sql::search_sql;
use crate::db::{Arg, Pool};
use crate::{Backend, Store};

async fn plan_of(store: &Store, query: &Query, scope: &Scope) -> Vec<String> {
    let Pool::Sqlite(pool) = store.pool() else {
        unreachable!("a SQLite file")
    };
    let (sql, args) = search_sql(Backend::Sqlite, query, scope, 20);
    let mut q = sqlx::query_as::<_, (i64, i64, i64, String)>(sqlx::AssertSqlSafe(format!(
        "EXPLAIN QUERY PLAN {sql}"
    )));
    for a in args {
        q = match a {
            Arg::Int(v) => q.bind(v),
            Arg::Text(v) => q.bind(v),
            Arg::Bytes(v) => q.bind(v),
        };
    }
    q.fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.3)
        .collect()
}

#[tokio::test]
async fn each_key_is_one_range_of_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.path().join("x.db").display()))
        .await
        .unwrap();
    let query = Query::parse("ระดมเงินฝาก สมาชิก");
    let some = Scope::Plans(vec![PlanId::parse("p-1").unwrap()]);
    for (scope, index) in [
        (Scope::All, "INDEX search_terms_by_term (term"),
        (some, "INDEX search_terms_by_plan (plan_id=? AND term"),
    ] {
        let plan = plan_of(&store, &query, &scope).await;
        let text = plan.join("\n");
        let ranges = plan.iter().filter(|l| l.contains(index)).count();
        assert_eq!(ranges, query.keys().len(), "{scope:?}: {text}");
        assert!(
            !plan
                .iter()
                .any(|l| l.starts_with("SCAN search_terms") || l.starts_with("SCAN t")),
            "{scope:?}: no key reads the whole table:\n{text}"
        );
        // Each key's rows come in the index's order; only the ranked documents are sorted.
        let sorts = plan
            .iter()
            .filter(|l| l.contains("TEMP B-TREE FOR ORDER BY"))
            .count();
        assert_eq!(sorts, 1, "{scope:?}:\n{text}");
    }
}
