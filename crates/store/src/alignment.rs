//! Alignment read the other way: which elements and KPIs of other plans say they serve a given
//! element or KPI (their links whose resolved target is its id); and keeping those targets
//! resolved as plans on either side are saved.

use phaen_domain::align_resolve::resolve;
use phaen_domain::{AlignKind, AlignmentLink, Plan, PlanId};

use crate::db::Tx;
use crate::error::Result;
use crate::{Store, args};

/// An element or KPI of some plan that serves the target asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serving {
    pub plan: PlanId,
    /// 'element' or 'kpi'.
    pub source_kind: String,
    pub source_id: String,
}

impl Store {
    /// Every element or KPI, in any plan, linked to `target_id`; by plan, then source.
    pub async fn serving(&self, target_id: &str) -> Result<Vec<Serving>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT DISTINCT plan_id, source_kind, source_id FROM alignment_links
                 WHERE target_id = $1 ORDER BY plan_id, source_id",
                args![target_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Serving {
                    plan: PlanId::parse(&r.text(0)?)?,
                    source_kind: r.text(1)?,
                    source_id: r.text(2)?,
                })
            })
            .collect()
    }
}

/// Where a link sits in the table: its source's id and its position among the source's links.
type Place = (String, i64);

/// The links `plan` itself holds, with their places.
fn own_links(plan: &Plan) -> Vec<(Place, &AlignmentLink)> {
    let mut sources: Vec<(String, &[AlignmentLink])> = Vec::new();
    for k in &plan.kpis {
        sources.push((k.id.to_string(), &k.aligned_to));
    }
    for w in plan.walk() {
        sources.push((w.element.id.to_string(), &w.element.aligned_to));
        for k in &w.element.kpis {
            sources.push((k.id.to_string(), &k.aligned_to));
        }
    }
    let mut out = Vec::new();
    for (source, links) in sources {
        for (i, l) in links.iter().enumerate() {
            out.push(((source.clone(), i as i64), l));
        }
    }
    out
}

/// The stored plan a link's plan name means: the plan with that id, else the one with that
/// title (a plan in force first, then the latest changed), never `except` itself.
async fn plan_named(tx: &mut Tx, name: &str, except: &str) -> Result<Option<PlanId>> {
    let row = tx
        .one(
            "SELECT id FROM plans WHERE (id = $1 OR title = $1) AND id <> $2
             ORDER BY CASE WHEN id = $1 THEN 0 ELSE 1 END,
                      CASE WHEN status IN ('approved', 'published') THEN 0 ELSE 1 END,
                      updated_at DESC
             LIMIT 1",
            args![name, except],
        )
        .await?;
    row.map(|r| PlanId::parse(&r.text(0)?).map_err(Into::into))
        .transpose()
}

async fn set_target(tx: &mut Tx, (source, position): &Place, target: Option<&str>) -> Result<()> {
    tx.exec(
        "UPDATE alignment_links SET target_id = $1 WHERE source_id = $2 AND position = $3",
        args![target, source.as_str(), *position],
    )
    .await?;
    Ok(())
}

/// Inside the transaction that saved `plan`: resolves its own links against the stored plans
/// they name, and other plans' links that name `plan` (by id or title) against it. A link
/// keeps what was written; only its target id follows the parent plan. Plans whose links
/// changed get a new update time, so no server keeps their old links in memory; the roll-ups
/// of every plan serving this one are brought up to date.
pub(crate) async fn resolve_in(tx: &mut Tx, plan: &Plan) -> Result<()> {
    let pid = plan.id.as_str();
    let own = own_links(plan);
    let mut names: Vec<&str> = own.iter().filter_map(|(_, l)| l.plan.as_deref()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let Some(parent_id) = plan_named(tx, name, pid).await? else {
            continue;
        };
        let parent = crate::plans::load::load_plan(tx, &parent_id).await?;
        for (place, link) in own.iter().filter(|(_, l)| l.plan.as_deref() == Some(name)) {
            let target = resolve(link, &parent);
            if target != link.target_id {
                set_target(tx, place, target.as_deref()).await?;
            }
        }
    }

    let rows = tx
        .all(
            "SELECT plan_id, source_id, position, target_plan, target_kind, target_label, scope,
                    target_id
             FROM alignment_links WHERE target_plan IN ($1, $2) AND plan_id <> $1",
            args![pid, plan.title.as_str()],
        )
        .await?;
    let mut touched: Vec<String> = Vec::new();
    let mut serving: Vec<String> = Vec::new();
    for r in rows {
        let link = AlignmentLink {
            plan: r.opt_text(3)?,
            kind: AlignKind::parse(&r.text(4)?)?,
            label: r.text(5)?,
            scope: r.opt_text(6)?,
            target_id: r.opt_text(7)?,
            written: None,
        };
        // A title shared with another stored plan: the link means that plan only when this
        // one is the plan its name resolves to.
        if link.plan.as_deref() != Some(pid) {
            let named = plan_named(tx, &plan.title, &r.text(0)?).await?;
            if named.as_ref() != Some(&plan.id) {
                continue;
            }
        }
        serving.push(r.text(0)?);
        let target = resolve(&link, plan);
        if target != link.target_id {
            set_target(tx, &(r.text(1)?, r.int(2)?), target.as_deref()).await?;
            touched.push(r.text(0)?);
        }
    }
    touched.sort_unstable();
    touched.dedup();
    for other in touched {
        tx.exec(
            "UPDATE plans SET updated_at = $1 WHERE id = $2",
            args![crate::now_ms(), other.as_str()],
        )
        .await?;
    }
    // The serving plans' roll-ups follow this plan's tree (which strategy each target sits
    // under), so all of them are brought up to date: a parent plan is saved rarely.
    serving.sort_unstable();
    serving.dedup();
    for other in serving {
        crate::rollup::refresh_in(tx, &other, false).await?;
    }
    Ok(())
}
