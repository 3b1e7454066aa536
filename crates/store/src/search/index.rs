//! The search index kept beside each plan, written in the transaction that writes what it
//! indexes: the whole plan when it is saved, a KPI's or project's narratives when an entry is
//! saved. A document is a thing a hit links to; its terms come from `phaen_domain::search`.

use std::collections::{BTreeMap, HashMap};

use phaen_domain::search::terms;
use phaen_domain::{Element, Kpi, Plan};

use crate::args;
use crate::batch::insert_rows;
use crate::db::{Arg, Tx};
use crate::error::Result;

/// One thing a hit can be.
pub(crate) struct Doc {
    pub doc: String,
    pub kind: String,
    /// The element whose page shows it; empty for the plan's own page.
    pub target: String,
    pub title: String,
    pub body: String,
    /// Whether the title's words count as title matches (a narrative's title only names its
    /// KPI or project, which has its own document).
    pub title_indexed: bool,
}

fn kpi_doc(k: &Kpi, element: &str) -> Doc {
    Doc {
        doc: format!("k:{}", k.id),
        kind: "kpi".into(),
        target: element.to_string(),
        title: k.name.clone(),
        body: k.notes.join("\n"),
        title_indexed: true,
    }
}

fn element_docs(e: &Element, out: &mut Vec<Doc>) {
    let mut body: Vec<&str> = e.description.iter().map(String::as_str).collect();
    for items in [
        &e.objectives,
        &e.target_groups,
        &e.expected_outcomes,
        &e.notes,
    ] {
        body.extend(items.iter().map(|t| t.text.as_str()));
    }
    body.extend(e.results.iter().map(|r| r.narrative.as_str()));
    out.push(Doc {
        doc: format!("e:{}", e.id),
        kind: e.kind.as_str().to_string(),
        target: e.id.to_string(),
        title: e.title.clone(),
        body: body.join("\n"),
        title_indexed: true,
    });
    out.extend(e.kpis.iter().map(|k| kpi_doc(k, e.id.as_str())));
    for child in &e.children {
        element_docs(child, out);
    }
}

/// The documents a plan's own contents give: the plan, every element and every KPI.
pub(crate) fn plan_docs(plan: &Plan) -> Vec<Doc> {
    let mut out = vec![Doc {
        doc: "plan".into(),
        kind: "plan".into(),
        target: String::new(),
        title: match &plan.title_en {
            Some(en) => format!("{} ({en})", plan.title),
            None => plan.title.clone(),
        },
        body: plan.vision.clone().unwrap_or_default(),
        title_indexed: true,
    }];
    out.extend(plan.kpis.iter().map(|k| kpi_doc(k, "")));
    for e in &plan.elements {
        element_docs(e, &mut out);
    }
    out
}

/// Which narratives: a KPI's (kpi_progress) or a project's (project_progress).
#[derive(Clone, Copy)]
pub(crate) enum Narratives {
    Kpi,
    Project,
}

impl Narratives {
    /// (prefix of the document, kind, entries table, subject column, names query)
    fn parts(
        self,
    ) -> (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ) {
        match self {
            Narratives::Kpi => (
                "kn:",
                "kpi_narrative",
                "kpi_progress",
                "kpi_id",
                "SELECT id, name, COALESCE(element_id, '') FROM kpis WHERE plan_id = $1",
            ),
            Narratives::Project => (
                "pn:",
                "project_narrative",
                "project_progress",
                "element_id",
                "SELECT id, title, id FROM elements WHERE plan_id = $1",
            ),
        }
    }
}

/// One document per KPI or project of the plan with narratives (only `subject`'s when given):
/// each distinct narrative once, after the periods that reported it.
async fn narrative_docs(
    tx: &mut Tx,
    plan: &str,
    which: Narratives,
    subject: Option<&str>,
) -> Result<Vec<Doc>> {
    let (prefix, kind, table, column, names_sql) = which.parts();
    let names: HashMap<String, (String, String)> = tx
        .all(names_sql, args![plan])
        .await?
        .iter()
        .map(|r| Ok((r.text(0)?, (r.text(1)?, r.text(2)?))))
        .collect::<Result<_>>()?;
    let sql = format!(
        "SELECT {column}, period, narrative FROM {table}
         WHERE plan_id = $1 AND narrative <> '' AND ($2 = '' OR {column} = $2)
         ORDER BY {column}, period"
    );
    let rows = tx
        .all(
            crate::db::AssertSqlSafe(sql),
            args![plan, subject.unwrap_or_default()],
        )
        .await?;
    // subject -> narrative -> periods, narratives in the order first reported
    let mut by_subject: BTreeMap<String, Vec<(String, Vec<String>)>> = BTreeMap::new();
    for r in &rows {
        let (s, period, text) = (r.text(0)?, r.text(1)?, r.text(2)?);
        let list = by_subject.entry(s).or_default();
        match list.iter_mut().find(|(t, _)| *t == text) {
            Some((_, periods)) => periods.push(period),
            None => list.push((text, vec![period])),
        }
    }
    Ok(by_subject
        .into_iter()
        .filter_map(|(s, list)| {
            let (name, target) = names.get(&s)?;
            let body = list
                .iter()
                .map(|(text, periods)| format!("{}: {text}", periods.join(", ")))
                .collect::<Vec<_>>()
                .join("\n");
            Some(Doc {
                doc: format!("{prefix}{s}"),
                kind: kind.into(),
                target: target.clone(),
                title: name.clone(),
                body,
                title_indexed: false,
            })
        })
        .collect())
}

/// Writes `docs` and their terms.
async fn write_docs(tx: &mut Tx, plan: &str, docs: &[Doc]) -> Result<()> {
    let mut doc_rows = Vec::with_capacity(docs.len());
    let mut term_rows = Vec::new();
    for d in docs {
        doc_rows.push(args![
            plan,
            d.doc.as_str(),
            d.kind.as_str(),
            d.target.as_str(),
            d.title.as_str(),
            d.body.as_str()
        ]);
        // term -> (in the title, times)
        let mut counts: HashMap<String, (bool, i64)> = HashMap::new();
        if d.title_indexed {
            for t in terms(&d.title) {
                let c = counts.entry(t).or_default();
                c.0 = true;
                c.1 += 1;
            }
        }
        for t in terms(&d.body) {
            counts.entry(t).or_default().1 += 1;
        }
        for (term, (in_title, hits)) in counts {
            term_rows.push(vec![
                Arg::Bytes(term.into_bytes()),
                plan.into(),
                d.doc.as_str().into(),
                in_title.into(),
                hits.into(),
            ]);
        }
    }
    insert_rows(
        tx,
        "INSERT INTO search_docs (plan_id, doc, kind, target, title, body)",
        6,
        doc_rows,
        "",
    )
    .await?;
    insert_rows(
        tx,
        "INSERT INTO search_terms (term, plan_id, doc, in_title, hits)",
        5,
        term_rows,
        "",
    )
    .await
}

/// Indexes the plan afresh: its contents and every narrative reported for it.
pub(crate) async fn index_plan(tx: &mut Tx, plan: &Plan) -> Result<()> {
    let pid = plan.id.as_str();
    tx.exec("DELETE FROM search_terms WHERE plan_id = $1", args![pid])
        .await?;
    tx.exec("DELETE FROM search_docs WHERE plan_id = $1", args![pid])
        .await?;
    let mut docs = plan_docs(plan);
    for which in [Narratives::Kpi, Narratives::Project] {
        docs.extend(narrative_docs(tx, pid, which, None).await?);
    }
    write_docs(tx, pid, &docs).await
}

/// Indexes afresh the narratives of one KPI or project of the plan, or of all of them
/// (`subject` None), after entries were saved.
pub(crate) async fn index_narratives(
    tx: &mut Tx,
    plan: &str,
    which: Narratives,
    subject: Option<&str>,
) -> Result<()> {
    let (prefix, ..) = which.parts();
    // One document, or every document of the kind (its prefix has no LIKE wildcards).
    let (test, pattern) = match subject {
        Some(s) => ("=", format!("{prefix}{s}")),
        None => ("LIKE", format!("{prefix}%")),
    };
    for table in ["search_terms", "search_docs"] {
        tx.exec(
            crate::db::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE plan_id = $1 AND doc {test} $2"
            )),
            args![plan, pattern.as_str()],
        )
        .await?;
    }
    let docs = narrative_docs(tx, plan, which, subject).await?;
    write_docs(tx, plan, &docs).await
}

/// After many entries of a plan were saved at once, its KPIs' narratives indexed afresh;
/// skipped, after one look-up, when no row had a narrative and none of the plan's was indexed
/// (a file of bare values, the usual case, then costs nothing more).
pub(crate) async fn index_bulk_narratives(
    tx: &mut Tx,
    plan: &str,
    any_narrative: bool,
) -> Result<()> {
    if !any_narrative
        && tx
            .one(
                "SELECT 1 FROM search_docs WHERE plan_id = $1 AND kind = 'kpi_narrative'
                 LIMIT 1",
                args![plan],
            )
            .await?
            .is_none()
    {
        return Ok(());
    }
    index_narratives(tx, plan, Narratives::Kpi, None).await
}

/// The plans the index has never seen (every indexed plan has its 'plan' document).
const UNINDEXED: &str = "SELECT p.id FROM plans p WHERE NOT EXISTS
    (SELECT 1 FROM search_docs d WHERE d.plan_id = p.id AND d.doc = 'plan') ORDER BY p.id";

/// Indexes the plans written before the index existed (a database older than migration 13),
/// in one transaction; on PostgreSQL two servers starting at once do it once. Returns how
/// many plans it indexed; 0, after one cheap query, when none is missing.
pub(crate) async fn backfill(pool: &crate::db::Pool) -> Result<usize> {
    if pool.one(UNINDEXED, args![]).await?.is_none() {
        return Ok(0);
    }
    let mut tx = pool.begin_write().await?;
    if tx.backend() == crate::Backend::Postgres {
        tx.one("SELECT pg_advisory_xact_lock(7271012)", args![])
            .await?;
    }
    let ids = tx.all(UNINDEXED, args![]).await?;
    for r in &ids {
        let id = phaen_domain::PlanId::parse(&r.text(0)?)?;
        let plan = crate::plans::load::load_plan(&mut tx, &id).await?;
        index_plan(&mut tx, &plan).await?;
    }
    tx.commit().await?;
    Ok(ids.len())
}
