//! The plans a reader may search, selected by the database from how far their reading reaches
//! (`phaen_domain::access::Reach`): no list of every plan is read to decide, and one who may
//! read everything is told so without listing anything.

use phaen_domain::access::Reach;
use phaen_domain::{OrgCode, PlanId};

use super::Scope;
use crate::Store;
use crate::db::{Arg, AssertSqlSafe, json_list_from};
use crate::error::Result;

impl Store {
    /// The plans within `reach`, as a search scope.
    pub async fn plans_within(&self, reach: &Reach) -> Result<Scope> {
        if reach.is_empty() {
            return Ok(Scope::Plans(Vec::new()));
        }
        let backend = self.backend();
        let codes = |orgs: &[OrgCode]| {
            orgs.iter()
                .map(OrgCode::as_str)
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let mut tx = self.pool().begin_read().await?;
        if !reach.subtrees.is_empty() {
            // Every organization is below one of the subtrees: every plan is within reach.
            let mut args: Vec<Arg> = Vec::new();
            let roots = codes(&reach.subtrees);
            let roots: Vec<&str> = roots.iter().map(String::as_str).collect();
            let from = json_list_from(backend, &roots, &mut args);
            let outside = tx
                .one(
                    AssertSqlSafe(format!(
                        "SELECT COUNT(*) FROM orgs WHERE parent_code IS NULL
                           AND code NOT IN (SELECT s.value FROM {from})"
                    )),
                    args,
                )
                .await?;
            if let Some(row) = outside
                && row.int(0)? == 0
            {
                return Ok(Scope::All);
            }
        }
        let mut args: Vec<Arg> = Vec::new();
        let mut ors: Vec<String> = Vec::new();
        let mut with = String::new();
        if !reach.subtrees.is_empty() {
            let roots = codes(&reach.subtrees);
            let roots: Vec<&str> = roots.iter().map(String::as_str).collect();
            let from = json_list_from(backend, &roots, &mut args);
            with = format!(
                "WITH RECURSIVE sub(code) AS (
                     SELECT s.value FROM {from}
                     UNION SELECT o.code FROM orgs o JOIN sub ON o.parent_code = sub.code) "
            );
            ors.push("org_code IN (SELECT code FROM sub)".into());
        }
        if !reach.whole.is_empty() {
            let whole = codes(&reach.whole);
            let whole: Vec<&str> = whole.iter().map(String::as_str).collect();
            let from = json_list_from(backend, &whole, &mut args);
            ors.push(format!("org_code IN (SELECT s.value FROM {from})"));
        }
        for (org, statuses) in &reach.some {
            args.push(org.as_str().into());
            let at = args.len();
            let statuses: Vec<String> = statuses
                .iter()
                .map(|s| {
                    args.push(s.as_str().into());
                    format!("${}", args.len())
                })
                .collect();
            ors.push(format!(
                "(org_code = ${at} AND status IN ({}))",
                statuses.join(", ")
            ));
        }
        let rows = tx
            .all(
                AssertSqlSafe(format!(
                    "{with}SELECT id FROM plans WHERE {} ORDER BY id",
                    ors.join(" OR ")
                )),
                args,
            )
            .await?;
        let ids = rows
            .iter()
            .map(|r| Ok(PlanId::parse(&r.text(0)?)?))
            .collect::<Result<Vec<_>>>()?;
        Ok(Scope::Plans(ids))
    }
}
