//! Organizations and their units: created when a plan names an owner the database has not
//! met, listed and looked up by code.

use phaen_domain::{CoopType, OrgCode, OrgKind, OrgUnit, Organization, UnitKind};

use crate::db::{Pool, Row, Tx};
use crate::error::{Error, Result};
use crate::{Store, args};

/// Reading and writing organizations.
pub trait OrgStore {
    /// Adds the organization, or when its code is known, adds the units it lacks; returns
    /// whether the organization was new.
    fn upsert_org(&self, org: &Organization) -> impl Future<Output = Result<bool>> + Send;
    fn org(&self, code: &OrgCode) -> impl Future<Output = Result<Organization>> + Send;
    fn list_orgs(&self) -> impl Future<Output = Result<Vec<Organization>>> + Send;
    /// The organizations above `org`, parent first and root last (a cooperative's are its
    /// provincial office, then the department). `NotFound` when `org` is unknown; a cycle in
    /// the stored parents ends the walk instead of looping.
    fn ancestors(&self, org: &OrgCode) -> impl Future<Output = Result<Vec<OrgCode>>> + Send;
}

impl OrgStore for Store {
    async fn upsert_org(&self, org: &Organization) -> Result<bool> {
        let mut tx = self.pool().begin_write().await?;
        let created = upsert_org_in(&mut tx, org).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn org(&self, code: &OrgCode) -> Result<Organization> {
        let mut tx = self.pool().begin_read().await?;
        load_org(&mut tx, code).await
    }

    async fn list_orgs(&self) -> Result<Vec<Organization>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT code, name_th, name_en, kind, coop_type, parent_code FROM orgs ORDER BY code",
                args![],
            )
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let mut org = org_from_row(&r)?;
            org.units = load_units(&mut tx, org.code.as_str()).await?;
            out.push(org);
        }
        Ok(out)
    }

    async fn ancestors(&self, org: &OrgCode) -> Result<Vec<OrgCode>> {
        let mut tx = self.pool().begin_read().await?;
        ancestors_in(&mut tx, org).await
    }
}

pub(crate) async fn upsert_org_in(tx: &mut Tx, org: &Organization) -> Result<bool> {
    let created = tx
        .exec(
            "INSERT INTO orgs (code, name_th, name_en, kind, coop_type, parent_code, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (code) DO NOTHING",
            args![
                org.code.as_str(),
                org.name_th.as_str(),
                org.name_en.clone(),
                org.kind.as_str(),
                org.coop_type.map(coop_type_str),
                org.parent.as_ref().map(|p| p.to_string()),
                crate::now_ms()
            ],
        )
        .await?
        == 1;
    let known = load_units(tx, org.code.as_str()).await?;
    let mut position = known.len();
    for u in &org.units {
        if known.iter().any(|k| k.code == u.code) {
            continue;
        }
        tx.exec(
            "INSERT INTO org_units (org_code, code, position, name_th, name_en, kind)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![
                org.code.as_str(),
                u.code.as_str(),
                position,
                u.name_th.as_str(),
                u.name_en.clone(),
                unit_kind_str(u.kind)
            ],
        )
        .await?;
        position += 1;
    }
    Ok(created)
}

const ORG_BY_CODE: &str =
    "SELECT code, name_th, name_en, kind, coop_type, parent_code FROM orgs WHERE code = $1";
const UNITS_OF_ORG: &str =
    "SELECT code, name_th, name_en, kind FROM org_units WHERE org_code = $1 ORDER BY position";

pub(crate) async fn load_org(tx: &mut Tx, code: &OrgCode) -> Result<Organization> {
    let row = tx.one(ORG_BY_CODE, args![code.as_str()]).await?;
    let units = tx.all(UNITS_OF_ORG, args![code.as_str()]).await?;
    org_with_units(code, row, &units)
}

/// `load_org` outside a transaction: two single-statement reads, for the organization's row
/// and its units, which need not agree with anything else read.
pub(crate) async fn load_org_outside_tx(pool: &Pool, code: &OrgCode) -> Result<Organization> {
    let row = pool.one(ORG_BY_CODE, args![code.as_str()]).await?;
    let units = pool.all(UNITS_OF_ORG, args![code.as_str()]).await?;
    org_with_units(code, row, &units)
}

fn org_with_units(code: &OrgCode, row: Option<Row>, units: &[Row]) -> Result<Organization> {
    let row = row.ok_or_else(|| Error::NotFound {
        what: "organization",
        key: code.to_string(),
    })?;
    let mut org = org_from_row(&row)?;
    org.units = units_from_rows(units)?;
    Ok(org)
}

async fn load_units(tx: &mut Tx, code: &str) -> Result<Vec<OrgUnit>> {
    units_from_rows(&tx.all(UNITS_OF_ORG, args![code]).await?)
}

fn units_from_rows(rows: &[Row]) -> Result<Vec<OrgUnit>> {
    rows.iter()
        .map(|r| {
            Ok(OrgUnit {
                code: r.text(0)?,
                name_th: r.text(1)?,
                name_en: r.opt_text(2)?,
                kind: parse_unit_kind(&r.text(3)?)?,
            })
        })
        .collect()
}

fn org_from_row(r: &Row) -> Result<Organization> {
    Ok(Organization {
        code: OrgCode::parse(&r.text(0)?)?,
        name_th: r.text(1)?,
        name_en: r.opt_text(2)?,
        kind: parse_org_kind(&r.text(3)?)?,
        coop_type: r.opt_text(4)?.map(|s| parse_coop_type(&s)).transpose()?,
        parent: r.opt_text(5)?.map(|s| OrgCode::parse(&s)).transpose()?,
        units: Vec::new(),
    })
}

fn coop_type_str(t: CoopType) -> &'static str {
    match t {
        CoopType::Agricultural => "agricultural",
        CoopType::Fisheries => "fisheries",
        CoopType::LandSettlement => "land_settlement",
        CoopType::Consumer => "consumer",
        CoopType::Service => "service",
        CoopType::Savings => "savings",
        CoopType::CreditUnion => "credit_union",
    }
}

fn parse_coop_type(s: &str) -> Result<CoopType> {
    CoopType::ALL
        .into_iter()
        .find(|t| coop_type_str(*t) == s)
        .ok_or_else(|| Error::corrupt("cooperative type", s))
}

fn parse_org_kind(s: &str) -> Result<OrgKind> {
    use OrgKind::*;
    [
        Department,
        Federation,
        ProvincialOffice,
        Cooperative,
        FarmerGroup,
        Other,
    ]
    .into_iter()
    .find(|k| k.as_str() == s)
    .ok_or_else(|| Error::corrupt("organization kind", s))
}

fn unit_kind_str(k: UnitKind) -> &'static str {
    match k {
        UnitKind::Division => "division",
        UnitKind::Committee => "committee",
        UnitKind::Subcommittee => "subcommittee",
    }
}

fn parse_unit_kind(s: &str) -> Result<UnitKind> {
    Ok(match s {
        "division" => UnitKind::Division,
        "committee" => UnitKind::Committee,
        "subcommittee" => UnitKind::Subcommittee,
        other => return Err(Error::corrupt("unit kind", other)),
    })
}

/// [`OrgStore::ancestors`] inside a transaction.
pub(crate) async fn ancestors_in(tx: &mut Tx, org: &OrgCode) -> Result<Vec<OrgCode>> {
    // One query walks the whole chain (every page view asks this); the depth bound only
    // ends a cycle in the stored parents, which the loop below cuts at its first repeat.
    let rows = tx
        .all(
            "WITH RECURSIVE up (parent, depth) AS (
                 SELECT parent_code, 0 FROM orgs WHERE code = $1
                 UNION ALL
                 SELECT o.parent_code, up.depth + 1 FROM up JOIN orgs o ON o.code = up.parent
                 WHERE up.depth < 64
             )
             SELECT parent FROM up ORDER BY depth",
            args![org.as_str()],
        )
        .await?;
    if rows.is_empty() {
        return Err(Error::NotFound {
            what: "organization",
            key: org.to_string(),
        });
    }
    let mut out: Vec<OrgCode> = Vec::new();
    for row in rows {
        // A parent code with no row of its own is still an ancestor, and the top: the
        // walk has no row after it.
        let Some(parent) = row.opt_text(0)?.map(|p| OrgCode::parse(&p)).transpose()? else {
            break;
        };
        if &parent == org || out.contains(&parent) {
            break;
        }
        out.push(parent);
    }
    Ok(out)
}
