//! The search query reads the index, not the whole table: SQLite's plan for it, checked.

use phaen_domain::PlanId;
use phaen_domain::search::Query;

use super::{Scope, search_sql};
use crate::db::Pool;
use crate::{Backend, Store};

#[tokio::test]
async fn each_key_is_one_range_of_the_term_index() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!("sqlite://{}", dir.path().join("x.db").display()))
        .await
        .unwrap();
    let Pool::Sqlite(pool) = store.pool() else {
        unreachable!("a SQLite file")
    };
    let query = Query::parse("ระดมเงินฝาก สมาชิก");
    let scope = Scope::Plans(vec![PlanId::parse("p-1").unwrap()]);
    let (sql, args) = search_sql(Backend::Sqlite, &query, &scope, 20);
    let mut q = sqlx::query_as::<_, (i64, i64, i64, String)>(sqlx::AssertSqlSafe(format!(
        "EXPLAIN QUERY PLAN {sql}"
    )));
    for a in args {
        q = match a {
            crate::db::Arg::Int(v) => q.bind(v),
            crate::db::Arg::Text(v) => q.bind(v),
            crate::db::Arg::Bytes(v) => q.bind(v),
        };
    }
    let plan: Vec<String> = q
        .fetch_all(pool)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.3)
        .collect();
    let text = plan.join("\n");
    let ranges = plan
        .iter()
        .filter(|l| l.contains("search_terms USING") && l.contains("term"))
        .count();
    assert_eq!(ranges, query.keys().len(), "{text}");
    assert!(
        !plan.iter().any(|l| l.starts_with("SCAN search_terms")),
        "no key reads the whole table:\n{text}"
    );
}
