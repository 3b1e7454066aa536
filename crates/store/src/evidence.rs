//! Evidence files behind a KPI's reported value, kept in the database (base64 text, so every
//! server and every backup has them, on SQLite and PostgreSQL alike) with their size and
//! SHA-256. Files are judged by the domain's rule before they are kept; they are added and
//! removed only while the period's entry can still change; every change is audited.

use base64::Engine;
use sha2::{Digest, Sha256};

use phaen_domain::evidence::{judge, safe_name};
use phaen_domain::progress::{EntryState, Period};
use phaen_domain::{KpiId, PlanId};

use crate::entry_life::plan_org;
use crate::error::{Error, Result};
use crate::{Store, args};

/// An evidence file as listed (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub id: String,
    pub kpi: KpiId,
    pub period: Period,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: i64,
}

const COLUMNS: &str =
    "id, kpi_id, period, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at";

fn evidence_of(r: &crate::db::Row) -> Result<Evidence> {
    Ok(Evidence {
        id: r.text(0)?,
        kpi: KpiId::parse(&r.text(1)?)?,
        period: Period::parse_key(&r.text(2)?)?,
        file_name: r.text(3)?,
        content_type: r.text(4)?,
        size: r.int(5)?,
        sha256: r.text(6)?,
        uploaded_by: r.text(7)?,
        uploaded_at: r.int(8)?,
    })
}

/// Refuses a change to the evidence of a period whose entry is submitted or approved.
async fn check_open(tx: &mut crate::db::Tx, plan: &PlanId, kpi: &str, period: &str) -> Result<()> {
    let state = tx
        .one(
            "SELECT state FROM kpi_progress WHERE plan_id = $1 AND kpi_id = $2 AND period = $3",
            args![plan.as_str(), kpi, period],
        )
        .await?
        .map(|r| r.text(0))
        .transpose()?;
    match state.map(|s| EntryState::parse(&s)).transpose()? {
        Some(s) if !s.editable() => Err(Error::Refused(format!(
            "ค่าของงวดนี้อยู่ในสถานะ '{}' จึงเพิ่มหรือลบหลักฐานไม่ได้ / this period's value is {} and its evidence cannot change",
            s.label_th(),
            s.as_str()
        ))),
        _ => Ok(()),
    }
}

impl Store {
    /// Keeps `bytes` as evidence for `kpi`'s `period`, when the domain's rule takes the file.
    pub async fn add_evidence(
        &self,
        plan: &PlanId,
        kpi: &KpiId,
        period: Period,
        name: &str,
        bytes: &[u8],
    ) -> Result<Evidence> {
        let name = safe_name(name);
        let kind = judge(&name, bytes).map_err(|e| Error::Refused(e.to_string()))?;
        let sha = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        check_open(&mut tx, plan, kpi.as_str(), &period.key()).await?;
        let actor = self.actor().clone();
        tx.exec(
            "INSERT INTO evidence_files (id, plan_id, kpi_id, period, file_name, content_type,
                size_bytes, sha256, content_base64, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            args![
                id.as_str(),
                plan.as_str(),
                kpi.as_str(),
                period.key(),
                name.as_str(),
                kind.content_type(),
                bytes.len(),
                sha.as_str(),
                base64::engine::general_purpose::STANDARD.encode(bytes),
                actor.name.as_str(),
                crate::now_ms()
            ],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            &actor,
            crate::audit::Change {
                action: "evidence.add",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&format!("{kpi} {}", period.key())),
                before: None,
                after: Some(format!("{name} ({} bytes, sha256 {sha})", bytes.len())),
            },
        )
        .await?;
        tx.commit().await?;
        self.evidence_meta(plan, &id).await
    }

    /// The plan's evidence, for one KPI and period or all, oldest first.
    pub async fn evidence_list(
        &self,
        plan: &PlanId,
        of: Option<(&KpiId, Period)>,
    ) -> Result<Vec<Evidence>> {
        let mut tx = self.pool().begin_read().await?;
        let (kpi, period) = of.map_or((String::new(), String::new()), |(k, p)| {
            (k.to_string(), p.key())
        });
        let rows = tx
            .all(
                crate::db::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM evidence_files
                     WHERE plan_id = $1 AND ($2 = '' OR (kpi_id = $2 AND period = $3))
                     ORDER BY uploaded_at, id"
                )),
                args![plan.as_str(), kpi, period],
            )
            .await?;
        rows.iter().map(evidence_of).collect()
    }

    /// One evidence file of the plan, without its bytes.
    async fn evidence_meta(&self, plan: &PlanId, id: &str) -> Result<Evidence> {
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                crate::db::AssertSqlSafe(format!(
                    "SELECT {COLUMNS} FROM evidence_files WHERE plan_id = $1 AND id = $2"
                )),
                args![plan.as_str(), id],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "evidence",
                key: id.to_string(),
            })?;
        evidence_of(&row)
    }

    /// One evidence file of the plan with its bytes.
    pub async fn evidence_file(&self, plan: &PlanId, id: &str) -> Result<(Evidence, Vec<u8>)> {
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                crate::db::AssertSqlSafe(format!(
                    "SELECT {COLUMNS}, content_base64 FROM evidence_files
                     WHERE plan_id = $1 AND id = $2"
                )),
                args![plan.as_str(), id],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "evidence",
                key: id.to_string(),
            })?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(row.text(9)?)
            .map_err(|e| Error::corrupt("evidence", e))?;
        Ok((evidence_of(&row)?, bytes))
    }

    /// Removes an evidence file while its period's entry can still change; audited.
    pub async fn remove_evidence(&self, plan: &PlanId, id: &str) -> Result<Evidence> {
        let e = self.evidence_meta(plan, id).await?;
        let mut tx = self.pool().begin_write().await?;
        let org = plan_org(&mut tx, plan).await?;
        check_open(&mut tx, plan, e.kpi.as_str(), &e.period.key()).await?;
        tx.exec(
            "DELETE FROM evidence_files WHERE plan_id = $1 AND id = $2",
            args![plan.as_str(), id],
        )
        .await?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "evidence.remove",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&format!("{} {}", e.kpi, e.period.key())),
                before: Some(format!("{} (sha256 {})", e.file_name, e.sha256)),
                after: None,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(e)
    }
}
