//! Writes a whole plan, row by row, inside the caller's transaction, and its search index.

use phaen_domain::{AlignmentLink, Element, Kpi, Plan, YearBasis};

use super::codec::{enum_str, target_columns, to_json};
use crate::args;
use crate::batch::Batch;
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::orgs::upsert_org_in;

pub async fn insert_plan(tx: &mut Tx, plan: &Plan) -> Result<()> {
    upsert_org_in(tx, &plan.owner).await?;
    let exists = tx
        .one(
            "SELECT id FROM plans WHERE id = $1",
            args![plan.id.as_str()],
        )
        .await?
        .is_some();
    if exists {
        return Err(Error::AlreadyExists {
            what: "plan",
            key: plan.id.to_string(),
        });
    }
    insert_plan_row(tx, plan).await?;
    insert_contents(tx, plan).await?;
    crate::search::index::index_plan(tx, plan).await
}

/// Replaces everything a stored plan holds with `plan`'s contents, keeping its id and row.
pub async fn replace_plan(tx: &mut Tx, plan: &Plan) -> Result<()> {
    upsert_org_in(tx, &plan.owner).await?;
    let pid = plan.id.as_str();
    for table in [
        "alignment_links",
        "kpis",
        "elements",
        "plan_sections",
        "swot_items",
        "tows_quadrants",
        "perspectives",
    ] {
        tx.exec(
            crate::db::AssertSqlSafe(format!("DELETE FROM {table} WHERE plan_id = $1")),
            args![pid],
        )
        .await?;
    }
    update_plan_row(tx, plan).await?;
    insert_contents(tx, plan).await?;
    crate::search::index::index_plan(tx, plan).await
}

async fn insert_contents(db: &mut Tx, plan: &Plan) -> Result<()> {
    let mut batch = Batch::default();
    let tx = &mut batch;
    insert_analysis(tx, plan).await?;
    let pid = plan.id.as_str();
    for (i, k) in plan.kpis.iter().enumerate() {
        insert_kpi(tx, pid, None, i, k).await?;
    }
    // Depth first, parents before children, so every parent_id exists when referenced.
    let mut stack: Vec<(&Element, Option<&str>, usize)> = plan
        .elements
        .iter()
        .enumerate()
        .rev()
        .map(|(i, e)| (e, None, i))
        .collect();
    while let Some((e, parent, position)) = stack.pop() {
        insert_element(tx, pid, parent, position, e).await?;
        for (i, child) in e.children.iter().enumerate().rev() {
            stack.push((child, Some(e.id.as_str()), i));
        }
    }
    batch.flush(db).await?;
    crate::alignment::resolve_in(db, plan).await?;
    crate::rollup::refresh_in(db, plan.id.as_str(), false).await?;
    crate::rollup::refresh_achievement_in(db, &plan.id, Some(plan), false).await
}

async fn insert_plan_row(tx: &mut Tx, plan: &Plan) -> Result<()> {
    tx.exec(
        "INSERT INTO plans (id, org_code, kind, title, title_en, period_from, period_to,
            year_basis, year_end_month, year_end_day, edition, revision, revision_written, as_of,
            status, approval_body, approval_meeting, approval_date, approval_written,
            parent_plan_id, parent_plan_title, vision, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
            $19, $20, $21, $22, 1, $23, $23)",
        plan_row_args(plan),
    )
    .await?;
    Ok(())
}

async fn update_plan_row(tx: &mut Tx, plan: &Plan) -> Result<()> {
    tx.exec(
        "UPDATE plans SET org_code = $2, kind = $3, title = $4, title_en = $5, period_from = $6,
            period_to = $7, year_basis = $8, year_end_month = $9, year_end_day = $10,
            edition = $11, revision = $12, revision_written = $13, as_of = $14, status = $15,
            approval_body = $16, approval_meeting = $17, approval_date = $18,
            approval_written = $19, parent_plan_id = $20, parent_plan_title = $21, vision = $22,
            version = version + 1, updated_at = $23
         WHERE id = $1",
        plan_row_args(plan),
    )
    .await?;
    Ok(())
}

/// The plan's own columns, $1 to $23, in the order both statements above use.
fn plan_row_args(plan: &Plan) -> Vec<crate::db::Arg> {
    let (basis, end_month, end_day) = year_basis_columns(plan.year_basis);
    let approval = plan.approval.as_ref();
    args![
        plan.id.as_str(),
        plan.owner.code.as_str(),
        plan.kind.as_str(),
        plan.title.as_str(),
        plan.title_en.clone(),
        i64::from(plan.period.from.get()),
        i64::from(plan.period.to.get()),
        basis,
        end_month,
        end_day,
        plan.edition.clone(),
        plan.revision.as_ref().map(|r| i64::from(r.number)),
        plan.revision.as_ref().and_then(|r| r.written.clone()),
        plan.as_of.map(|d| d.to_string()),
        plan.status.as_str(),
        approval.map(|a| a.body.clone()),
        approval.and_then(|a| a.meeting.clone()),
        approval.and_then(|a| a.date).map(|d| d.to_string()),
        approval.and_then(|a| a.written.clone()),
        plan.parent_plan
            .as_ref()
            .and_then(|p| p.id.as_ref().map(|i| i.to_string())),
        plan.parent_plan.as_ref().map(|p| p.title.clone()),
        plan.vision.clone(),
        crate::now_ms()
    ]
}

fn year_basis_columns(basis: YearBasis) -> (&'static str, Option<i64>, Option<i64>) {
    match basis {
        YearBasis::FiscalYear => ("fiscal_year", None, None),
        YearBasis::CalendarYear => ("calendar_year", None, None),
        YearBasis::AccountingYear { end_month, end_day } => (
            "accounting_year",
            Some(i64::from(end_month)),
            Some(i64::from(end_day)),
        ),
    }
}

async fn insert_analysis(tx: &mut Batch, plan: &Plan) -> Result<()> {
    let pid = plan.id.as_str();
    for (i, s) in plan.sections.iter().enumerate() {
        tx.exec(
            "INSERT INTO plan_sections (plan_id, position, heading, body) VALUES ($1, $2, $3, $4)",
            args![pid, i, s.heading.as_str(), s.body.as_str()],
        )
        .await?;
    }
    let analysis = plan.swot.iter().map(|s| (s.kind, s.code.clone(), &s.text));
    let summary = plan.swot_summary.iter().map(|s| (s.kind, None, &s.text));
    let sections: [(&str, Vec<_>); 2] = [
        ("analysis", analysis.collect()),
        ("summary", summary.collect()),
    ];
    for (section, items) in sections {
        for (i, (kind, code, text)) in items.into_iter().enumerate() {
            tx.exec(
                "INSERT INTO swot_items (plan_id, section, position, kind, code, text)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                args![pid, section, i, enum_str(&kind), code, text],
            )
            .await?;
        }
    }
    for (i, q) in plan.tows.iter().enumerate() {
        tx.exec(
            "INSERT INTO tows_quadrants (plan_id, quadrant, position, approach, strategies,
                swot_codes, missions) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            args![
                pid,
                q.quadrant.as_str(),
                i,
                q.approach.clone(),
                to_json(&q.strategies),
                to_json(&q.swot_codes),
                to_json(&q.missions)
            ],
        )
        .await?;
    }
    for (i, p) in plan.perspectives.iter().enumerate() {
        tx.exec(
            "INSERT INTO perspectives (plan_id, key, position, name_th, name_en, members)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![
                pid,
                p.key.as_str(),
                i,
                p.name_th.as_str(),
                p.name_en.clone(),
                to_json(&p.members)
            ],
        )
        .await?;
    }
    Ok(())
}

async fn insert_element(
    tx: &mut Batch,
    pid: &str,
    parent: Option<&str>,
    position: usize,
    e: &Element,
) -> Result<()> {
    let eid = e.id.as_str();
    tx.exec(
        "INSERT INTO elements (id, plan_id, parent_id, position, kind, label, title, description,
            coop_type, budget_total_stated) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        args![
            eid,
            pid,
            parent,
            position,
            e.kind.as_str(),
            e.label.clone(),
            e.title.as_str(),
            e.description.clone(),
            e.coop_type.clone(),
            e.budget_total_stated.map(|b| b.to_string())
        ],
    )
    .await?;
    let texts = [
        ("objective", &e.objectives),
        ("target_group", &e.target_groups),
        ("expected_outcome", &e.expected_outcomes),
        ("note", &e.notes),
    ];
    for (role, items) in texts {
        for (i, t) in items.iter().enumerate() {
            tx.exec(
                "INSERT INTO element_texts (element_id, role, position, label, text)
                 VALUES ($1, $2, $3, $4, $5)",
                args![eid, role, i, t.label.clone(), t.text.as_str()],
            )
            .await?;
        }
    }
    for (i, k) in e.kpis.iter().enumerate() {
        insert_kpi(tx, pid, Some(eid), i, k).await?;
    }
    for (i, b) in e.budget.iter().enumerate() {
        tx.exec(
            "INSERT INTO budget_lines (element_id, position, year, amount_baht, source_unit, written)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![
                eid,
                i,
                b.year.map(|y| i64::from(y.get())),
                b.amount_baht.to_string(),
                b.source_unit.as_str(),
                b.written.clone()
            ],
        )
        .await?;
    }
    for (i, r) in e.responsible.iter().enumerate() {
        tx.exec(
            "INSERT INTO responsibilities (element_id, position, role, text, org_code, unit_code)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![
                eid,
                i,
                enum_str(&r.role),
                r.text.as_str(),
                r.org.clone(),
                r.unit.clone()
            ],
        )
        .await?;
    }
    insert_links(tx, pid, "element", eid, &e.aligned_to).await?;
    for (i, r) in e.readiness.iter().enumerate() {
        tx.exec(
            "INSERT INTO readiness_flags (element_id, position, year, kind, ready)
             VALUES ($1, $2, $3, $4, $5)",
            args![eid, i, i64::from(r.year.get()), r.kind.as_str(), r.ready],
        )
        .await?;
    }
    for (i, t) in e.timeline.iter().enumerate() {
        tx.exec(
            "INSERT INTO timeline_entries (element_id, position, year, quarter, mark, note)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![
                eid,
                i,
                i64::from(t.year.get()),
                t.quarter.map(i64::from),
                t.mark.map(|m| m.as_str()),
                t.note.clone()
            ],
        )
        .await?;
    }
    for (i, r) in e.results.iter().enumerate() {
        tx.exec(
            "INSERT INTO progress_results (element_id, position, as_of, year, narrative, actuals)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![
                eid,
                i,
                r.as_of.map(|d| d.to_string()),
                r.year.map(|y| i64::from(y.get())),
                r.narrative.as_str(),
                to_json(&r.actuals)
            ],
        )
        .await?;
    }
    Ok(())
}

async fn insert_kpi(
    tx: &mut Batch,
    pid: &str,
    element: Option<&str>,
    position: usize,
    k: &Kpi,
) -> Result<()> {
    let kid = k.id.as_str();
    let baseline = k.baseline.as_ref();
    tx.exec(
        "INSERT INTO kpis (id, plan_id, element_id, position, label, name, unit, baseline_year,
            baseline_value, baseline_text, direction, scale, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        args![
            kid,
            pid,
            element,
            position,
            k.label.clone(),
            k.name.as_str(),
            k.unit.clone(),
            baseline.and_then(|b| b.year).map(|y| i64::from(y.get())),
            baseline.and_then(|b| b.value).map(|v| v.to_string()),
            baseline.and_then(|b| b.text.clone()),
            k.direction.map(|d| enum_str(&d)),
            k.scale.as_ref().map(to_json),
            to_json(&k.notes)
        ],
    )
    .await?;
    for (i, t) in k.targets.iter().enumerate() {
        let (kind, comparator, value, percent, level, text) = target_columns(&t.target);
        tx.exec(
            "INSERT INTO kpi_targets (kpi_id, position, year, kind, comparator, value, percent,
                level, text, written) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            args![
                kid,
                i,
                i64::from(t.year.get()),
                kind,
                comparator,
                value,
                percent,
                level,
                text,
                t.written.clone()
            ],
        )
        .await?;
    }
    insert_links(tx, pid, "kpi", kid, &k.aligned_to).await
}

async fn insert_links(
    tx: &mut Batch,
    pid: &str,
    source_kind: &str,
    source_id: &str,
    links: &[AlignmentLink],
) -> Result<()> {
    for (i, a) in links.iter().enumerate() {
        tx.exec(
            "INSERT INTO alignment_links (plan_id, source_kind, source_id, position, target_plan,
                target_kind, target_label, scope, target_id, written)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            args![
                pid,
                source_kind,
                source_id,
                i,
                a.plan.clone(),
                a.kind.as_str(),
                a.label.as_str(),
                a.scope.clone(),
                a.target_id.clone(),
                a.written.clone()
            ],
        )
        .await?;
    }
    Ok(())
}
