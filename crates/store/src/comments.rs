//! Members' comments on a plan during member consultation: accepted only while the plan is in
//! consultation, each one audited.

use serde::Serialize;

use phaen_domain::{PlanId, PlanStatus};

use crate::error::{Error, Result};
use crate::{Store, args};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: String,
    pub author_name: String,
    pub body: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// The longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 4000;

impl Store {
    /// Adds `user_id`'s comment to a plan in consultation; refused at any other stage.
    pub async fn add_comment(
        &self,
        plan: &PlanId,
        user_id: &str,
        author: &str,
        body: &str,
    ) -> Result<Comment> {
        let body = body.trim();
        if body.is_empty() || body.chars().count() > MAX_COMMENT_CHARS {
            return Err(Error::Refused(format!(
                "a comment has 1 to {MAX_COMMENT_CHARS} characters (ความคิดเห็นยาว 1 ถึง {MAX_COMMENT_CHARS} ตัวอักษร)"
            )));
        }
        let mut tx = self.pool().begin_write().await?;
        let row = tx
            .one(
                "SELECT status, org_code FROM plans WHERE id = $1",
                args![plan.as_str()],
            )
            .await?
            .ok_or_else(|| Error::NotFound {
                what: "plan",
                key: plan.to_string(),
            })?;
        let status: PlanStatus = serde_json::from_value(serde_json::Value::String(row.text(0)?))
            .map_err(|e| Error::corrupt("plan status", e))?;
        if status != PlanStatus::Consultation {
            return Err(Error::Refused(
                "comments are taken only during member consultation (รับความคิดเห็นเฉพาะช่วงประชาพิจารณ์)".into(),
            ));
        }
        if let Some(w) = crate::plans::consultation_window_in(&mut tx, plan).await?
            && !w.is_open_on(crate::today_in_bangkok())
        {
            return Err(Error::Refused(format!(
                "รับความคิดเห็นระหว่างวันที่ {} ถึง {} เท่านั้น / comments are taken from {} to {} only",
                phaen_domain::thai::format_long_date(w.opens),
                phaen_domain::thai::format_long_date(w.closes),
                w.opens,
                w.closes
            )));
        }
        let c = Comment {
            id: uuid::Uuid::now_v7().to_string(),
            author_name: author.to_string(),
            body: body.to_string(),
            created_at: crate::now_ms(),
        };
        tx.exec(
            "INSERT INTO plan_comments (id, plan_id, user_id, author_name, body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            args![
                c.id.as_str(),
                plan.as_str(),
                user_id,
                author,
                c.body.as_str(),
                c.created_at
            ],
        )
        .await?;
        let org = row.text(1)?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "plan.comment",
                org: Some(&org),
                plan: Some(plan.as_str()),
                target: Some(&c.id),
                before: None,
                after: Some(c.body.clone()),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    /// A plan's comments, oldest first.
    pub async fn comments(&self, plan: &PlanId) -> Result<Vec<Comment>> {
        let rows = self
            .pool()
            .all(
                "SELECT id, author_name, body, created_at FROM plan_comments WHERE plan_id = $1
                 ORDER BY created_at, id",
                args![plan.as_str()],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Comment {
                    id: r.text(0)?,
                    author_name: r.text(1)?,
                    body: r.text(2)?,
                    created_at: r.int(3)?,
                })
            })
            .collect()
    }
}
