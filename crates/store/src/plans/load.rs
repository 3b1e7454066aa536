//! Reads a whole plan back: one query per table, assembled into the tree in memory.

use std::collections::HashMap;

use phaen_domain::element::Actual;
use phaen_domain::{
    AlignKind, AlignmentLink, Approval, Baht, Baseline, BudgetLine, Element, ElementId,
    ElementKind, Kpi, KpiId, MoneyUnit, OrgCode, Perspective, Plan, PlanId, PlanReference,
    ProgressResult, Readiness, ReadinessKind, Responsibility, Revision, Section, SwotItem,
    SwotSummaryItem, TextItem, TimelineEntry, TimelineMark, TowsQuadrant, TowsType, YearBasis,
    YearTarget,
};

use super::cache::Stamp;
use super::codec::{date, decimal, enum_parse, from_json, target_from_columns, year};
use crate::args;
use crate::db::{AssertSqlSafe, Tx};
use crate::error::{Error, Result};
use crate::orgs::load_org;

/// The stored plan's version and last update: what a kept copy of it is checked against.
pub(crate) const STAMP: &str = "SELECT version, updated_at FROM plans WHERE id = $1";

/// The stamp from the row `STAMP` found; `NotFound` when there was none.
pub(crate) fn stamp_row(row: Option<crate::db::Row>, id: &PlanId) -> Result<Stamp> {
    let r = row.ok_or_else(|| Error::NotFound {
        what: "plan",
        key: id.to_string(),
    })?;
    Ok(Stamp {
        version: r.int(0)?,
        updated_at: r.int(1)?,
    })
}

pub async fn load_plan(tx: &mut Tx, id: &PlanId) -> Result<Plan> {
    let r = tx
        .one(
            "SELECT kind, title, title_en, org_code, period_from, period_to, year_basis,
                year_end_month, year_end_day, edition, revision, revision_written, as_of, status,
                approval_body, approval_meeting, approval_date, approval_written,
                parent_plan_id, parent_plan_title, vision
             FROM plans WHERE id = $1",
            args![id.as_str()],
        )
        .await?
        .ok_or_else(|| Error::NotFound {
            what: "plan",
            key: id.to_string(),
        })?;
    let owner = load_org(tx, &OrgCode::parse(&r.text(3)?)?).await?;
    let year_basis = match r.text(6)?.as_str() {
        "fiscal_year" => YearBasis::FiscalYear,
        "calendar_year" => YearBasis::CalendarYear,
        "accounting_year" => YearBasis::AccountingYear {
            end_month: small(r.int(7)?)?,
            end_day: small(r.int(8)?)?,
        },
        other => return Err(Error::corrupt("year basis", other)),
    };
    let mut plan = Plan::new(
        enum_parse("plan kind", &r.text(0)?)?,
        r.text(1)?,
        owner,
        phaen_domain::Period::new(year("period", r.int(4)?)?, year("period", r.int(5)?)?)?,
    );
    plan.id = id.clone();
    plan.title_en = r.opt_text(2)?;
    plan.year_basis = year_basis;
    plan.edition = r.opt_text(9)?;
    plan.revision = match r.opt_int(10)? {
        Some(n) => Some(Revision {
            number: u32::try_from(n).map_err(|e| Error::corrupt("revision", e))?,
            written: r.opt_text(11)?,
        }),
        None => None,
    };
    plan.as_of = r
        .opt_text(12)?
        .map(|s| date("as-of date", &s))
        .transpose()?;
    plan.status = enum_parse("plan status", &r.text(13)?)?;
    plan.approval = match r.opt_text(14)? {
        Some(body) => Some(Approval {
            body,
            meeting: r.opt_text(15)?,
            date: r
                .opt_text(16)?
                .map(|s| date("approval date", &s))
                .transpose()?,
            written: r.opt_text(17)?,
        }),
        None => None,
    };
    plan.parent_plan = match r.opt_text(19)? {
        Some(title) => Some(PlanReference {
            id: r.opt_text(18)?.map(|s| PlanId::parse(&s)).transpose()?,
            title,
        }),
        None => None,
    };
    plan.vision = r.opt_text(20)?;
    load_analysis(tx, &mut plan).await?;
    let mut links = load_links(tx, id.as_str()).await?;
    let mut kpis = load_kpis(tx, id, &mut links).await?;
    plan.kpis = kpis.remove(&None).unwrap_or_default();
    plan.elements = load_elements(tx, id, kpis, &mut links).await?;
    Ok(plan)
}

fn small(v: i64) -> Result<u8> {
    u8::try_from(v).map_err(|e| Error::corrupt("small number", e))
}

async fn load_analysis(tx: &mut Tx, plan: &mut Plan) -> Result<()> {
    let pid = plan.id.as_str().to_string();
    for r in tx
        .all(
            "SELECT heading, body FROM plan_sections WHERE plan_id = $1 ORDER BY position",
            args![pid.as_str()],
        )
        .await?
    {
        plan.sections.push(Section {
            heading: r.text(0)?,
            body: r.text(1)?,
        });
    }
    for r in tx
        .all(
            "SELECT section, kind, code, text FROM swot_items WHERE plan_id = $1
             ORDER BY section, position",
            args![pid.as_str()],
        )
        .await?
    {
        let kind = enum_parse("SWOT kind", &r.text(1)?)?;
        if r.text(0)? == "summary" {
            plan.swot_summary.push(SwotSummaryItem {
                kind,
                text: r.text(3)?,
            });
        } else {
            plan.swot.push(SwotItem {
                kind,
                code: r.opt_text(2)?,
                text: r.text(3)?,
            });
        }
    }
    for r in tx
        .all(
            "SELECT quadrant, approach, strategies, swot_codes, missions FROM tows_quadrants
             WHERE plan_id = $1 ORDER BY position",
            args![pid.as_str()],
        )
        .await?
    {
        plan.tows.push(TowsQuadrant {
            quadrant: TowsType::parse(&r.text(0)?)?,
            approach: r.opt_text(1)?,
            strategies: from_json("TOWS strategies", &r.text(2)?)?,
            swot_codes: from_json("TOWS codes", &r.text(3)?)?,
            missions: from_json("TOWS missions", &r.text(4)?)?,
        });
    }
    for r in tx
        .all(
            "SELECT key, name_th, name_en, members FROM perspectives WHERE plan_id = $1
             ORDER BY position",
            args![pid.as_str()],
        )
        .await?
    {
        plan.perspectives.push(Perspective {
            key: r.text(0)?,
            name_th: r.text(1)?,
            name_en: r.opt_text(2)?,
            members: from_json("perspective members", &r.text(3)?)?,
        });
    }
    Ok(())
}

type Links = HashMap<String, Vec<AlignmentLink>>;

async fn load_links(tx: &mut Tx, pid: &str) -> Result<Links> {
    let mut links: Links = HashMap::new();
    for r in tx
        .all(
            "SELECT source_id, target_plan, target_kind, target_label, scope, target_id, written
             FROM alignment_links WHERE plan_id = $1 ORDER BY source_id, position",
            args![pid],
        )
        .await?
    {
        links.entry(r.text(0)?).or_default().push(AlignmentLink {
            plan: r.opt_text(1)?,
            kind: AlignKind::parse(&r.text(2)?)?,
            label: r.text(3)?,
            scope: r.opt_text(4)?,
            target_id: r.opt_text(5)?,
            written: r.opt_text(6)?,
        });
    }
    Ok(links)
}

/// KPIs by the element they belong to (`None`: the plan itself), in order.
async fn load_kpis(
    tx: &mut Tx,
    id: &PlanId,
    links: &mut Links,
) -> Result<HashMap<Option<String>, Vec<Kpi>>> {
    let pid = id.as_str();
    let mut targets: HashMap<String, Vec<YearTarget>> = HashMap::new();
    for r in tx
        .all(
            "SELECT t.kpi_id, t.year, t.kind, t.comparator, t.value, t.percent, t.level, t.text,
                t.written
             FROM kpi_targets t JOIN kpis k ON k.id = t.kpi_id
             WHERE k.plan_id = $1 ORDER BY t.kpi_id, t.position",
            args![pid],
        )
        .await?
    {
        let target = target_from_columns(
            &r.text(2)?,
            r.opt_text(3)?,
            r.opt_text(4)?,
            r.int(5)? != 0,
            r.opt_text(6)?,
            r.opt_text(7)?,
        )?;
        targets.entry(r.text(0)?).or_default().push(YearTarget {
            year: year("target year", r.int(1)?)?,
            target,
            written: r.opt_text(8)?,
        });
    }
    let mut out: HashMap<Option<String>, Vec<Kpi>> = HashMap::new();
    for r in tx
        .all(
            "SELECT id, element_id, label, name, unit, baseline_year, baseline_value,
                baseline_text, direction, scale, notes
             FROM kpis WHERE plan_id = $1 ORDER BY element_id, position",
            args![pid],
        )
        .await?
    {
        let kid = r.text(0)?;
        let baseline = match (r.opt_int(5)?, r.opt_text(6)?, r.opt_text(7)?) {
            (None, None, None) => None,
            (y, v, text) => Some(Baseline {
                year: y.map(|y| year("baseline year", y)).transpose()?,
                value: v.map(|v| decimal("baseline", &v)).transpose()?,
                text,
            }),
        };
        let kpi = Kpi {
            id: KpiId::parse(&kid)?,
            label: r.opt_text(2)?,
            name: r.text(3)?,
            unit: r.opt_text(4)?,
            baseline,
            direction: r
                .opt_text(8)?
                .map(|d| enum_parse("direction", &d))
                .transpose()?,
            scale: r.opt_text(9)?.map(|s| from_json("scale", &s)).transpose()?,
            targets: targets.remove(&kid).unwrap_or_default(),
            notes: from_json("KPI notes", &r.text(10)?)?,
            aligned_to: links.remove(&kid).unwrap_or_default(),
        };
        out.entry(r.opt_text(1)?).or_default().push(kpi);
    }
    Ok(out)
}

async fn load_elements(
    tx: &mut Tx,
    id: &PlanId,
    mut kpis: HashMap<Option<String>, Vec<Kpi>>,
    links: &mut Links,
) -> Result<Vec<Element>> {
    let pid = id.as_str();
    let mut by_id: HashMap<String, Element> = HashMap::new();
    let mut children: HashMap<Option<String>, Vec<String>> = HashMap::new();
    for r in tx
        .all(
            "SELECT id, parent_id, kind, label, title, description, coop_type,
                budget_total_stated
             FROM elements WHERE plan_id = $1 ORDER BY parent_id, position",
            args![pid],
        )
        .await?
    {
        let eid = r.text(0)?;
        let mut e = Element::new(ElementKind::parse(&r.text(2)?)?, r.text(4)?);
        e.id = ElementId::parse(&eid)?;
        e.label = r.opt_text(3)?;
        e.description = r.opt_text(5)?;
        e.coop_type = r.opt_text(6)?;
        e.budget_total_stated = r.opt_text(7)?.map(|s| s.parse::<Baht>()).transpose()?;
        e.kpis = kpis.remove(&Some(eid.clone())).unwrap_or_default();
        e.aligned_to = links.remove(&eid).unwrap_or_default();
        children
            .entry(r.opt_text(1)?)
            .or_default()
            .push(eid.clone());
        by_id.insert(eid, e);
    }
    load_element_details(tx, pid, &mut by_id).await?;
    assemble(None, &mut by_id, &mut children)
}

fn assemble(
    parent: Option<String>,
    by_id: &mut HashMap<String, Element>,
    children: &mut HashMap<Option<String>, Vec<String>>,
) -> Result<Vec<Element>> {
    let ids = children.remove(&parent).unwrap_or_default();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let mut e = by_id
            .remove(&id)
            .ok_or_else(|| Error::corrupt("element tree", format!("'{id}' appears twice")))?;
        e.children = assemble(Some(id), by_id, children)?;
        out.push(e);
    }
    Ok(out)
}

async fn load_element_details(
    tx: &mut Tx,
    pid: &str,
    by_id: &mut HashMap<String, Element>,
) -> Result<()> {
    let q = |table: &str, cols: &str| {
        format!(
            "SELECT x.element_id, {cols} FROM {table} x JOIN elements e ON e.id = x.element_id
             WHERE e.plan_id = $1 ORDER BY x.element_id, x.position"
        )
    };
    for r in tx
        .all(
            "SELECT x.element_id, x.role, x.label, x.text FROM element_texts x
             JOIN elements e ON e.id = x.element_id
             WHERE e.plan_id = $1 ORDER BY x.element_id, x.role, x.position",
            args![pid],
        )
        .await?
    {
        let item = TextItem {
            label: r.opt_text(2)?,
            text: r.text(3)?,
        };
        let e = element(by_id, &r.text(0)?)?;
        match r.text(1)?.as_str() {
            "objective" => e.objectives.push(item),
            "target_group" => e.target_groups.push(item),
            "expected_outcome" => e.expected_outcomes.push(item),
            "note" => e.notes.push(item),
            other => return Err(Error::corrupt("element text role", other)),
        }
    }
    for r in tx
        .all(
            AssertSqlSafe(q(
                "budget_lines",
                "x.year, x.amount_baht, x.source_unit, x.written",
            )),
            args![pid],
        )
        .await?
    {
        let line = BudgetLine {
            year: r.opt_int(1)?.map(|y| year("budget year", y)).transpose()?,
            amount_baht: r.text(2)?.parse::<Baht>()?,
            source_unit: MoneyUnit::parse(&r.text(3)?)?,
            written: r.opt_text(4)?,
        };
        element(by_id, &r.text(0)?)?.budget.push(line);
    }
    for r in tx
        .all(
            AssertSqlSafe(q(
                "responsibilities",
                "x.role, x.text, x.org_code, x.unit_code",
            )),
            args![pid],
        )
        .await?
    {
        let resp = Responsibility {
            role: enum_parse("responsible role", &r.text(1)?)?,
            text: r.text(2)?,
            org: r.opt_text(3)?,
            unit: r.opt_text(4)?,
        };
        element(by_id, &r.text(0)?)?.responsible.push(resp);
    }
    for r in tx
        .all(
            AssertSqlSafe(q("readiness_flags", "x.year, x.kind, x.ready")),
            args![pid],
        )
        .await?
    {
        let flag = Readiness {
            year: year("readiness year", r.int(1)?)?,
            kind: ReadinessKind::parse(&r.text(2)?)?,
            ready: r.int(3)? != 0,
        };
        element(by_id, &r.text(0)?)?.readiness.push(flag);
    }
    for r in tx
        .all(
            AssertSqlSafe(q("timeline_entries", "x.year, x.quarter, x.mark, x.note")),
            args![pid],
        )
        .await?
    {
        let entry = TimelineEntry {
            year: year("timeline year", r.int(1)?)?,
            quarter: r.opt_int(2)?.map(small).transpose()?,
            mark: r
                .opt_text(3)?
                .map(|m| TimelineMark::parse(&m))
                .transpose()?,
            note: r.opt_text(4)?,
        };
        element(by_id, &r.text(0)?)?.timeline.push(entry);
    }
    for r in tx
        .all(
            AssertSqlSafe(q(
                "progress_results",
                "x.as_of, x.year, x.narrative, x.actuals",
            )),
            args![pid],
        )
        .await?
    {
        let result = ProgressResult {
            as_of: r
                .opt_text(1)?
                .map(|s| date("result date", &s))
                .transpose()?,
            year: r.opt_int(2)?.map(|y| year("result year", y)).transpose()?,
            narrative: r.text(3)?,
            actuals: from_json::<Vec<Actual>>("actuals", &r.text(4)?)?,
        };
        element(by_id, &r.text(0)?)?.results.push(result);
    }
    Ok(())
}

fn element<'a>(by_id: &'a mut HashMap<String, Element>, id: &str) -> Result<&'a mut Element> {
    by_id
        .get_mut(id)
        .ok_or_else(|| Error::corrupt("element detail", format!("no element '{id}'")))
}
