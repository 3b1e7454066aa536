//! In-app notifications (reminders of data owed, and the like) and where people are emailed:
//! each notification is kept once per user and dedupe key, however many servers or runs raise
//! it, and remembers when it was read and when it was emailed.

use phaen_domain::OrgCode;

use crate::error::{Error, Result};
use crate::{Store, args};

/// Someone a reminder goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
}

/// A notification to raise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub user: String,
    pub plan: Option<String>,
    /// What it is about: 'owed' for a reminder of data owed.
    pub kind: String,
    pub message: String,
    /// Where it leads in the app (a path).
    pub link: String,
    /// The same user and key make one notification, however often it is raised.
    pub dedupe: String,
}

/// A notification as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: String,
    pub plan: Option<String>,
    pub kind: String,
    pub message: String,
    pub link: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
    pub emailed_at: Option<i64>,
}

fn recipient_of(r: &crate::db::Row) -> Result<Recipient> {
    Ok(Recipient {
        id: r.text(0)?,
        username: r.text(1)?,
        display_name: r.text(2)?,
        email: r.opt_text(3)?,
    })
}

/// Checks an email address the way a form would: one '@', something either side, a dot in
/// the domain, no spaces.
pub fn check_email(email: &str) -> Result<&str> {
    let email = email.trim();
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(email)
    } else {
        Err(Error::Refused(format!(
            "'{email}' ไม่ใช่ที่อยู่อีเมล / '{email}' is not an email address"
        )))
    }
}

impl Store {
    /// The enabled editors and admins of `org`: who reports its plans' progress.
    pub async fn reporters_of(&self, org: &OrgCode) -> Result<Vec<Recipient>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT DISTINCT u.id, u.username, u.display_name, u.email
                 FROM users u JOIN memberships m ON m.user_id = u.id
                 WHERE m.org_code = $1 AND m.role IN ('editor', 'admin') AND u.disabled = 0
                 ORDER BY u.username",
                args![org.as_str()],
            )
            .await?;
        rows.iter().map(recipient_of).collect()
    }

    /// One enabled user as a recipient, when there is such a user.
    pub async fn recipient(&self, user_id: &str) -> Result<Option<Recipient>> {
        let mut tx = self.pool().begin_read().await?;
        tx.one(
            "SELECT id, username, display_name, email FROM users
             WHERE id = $1 AND disabled = 0",
            args![user_id],
        )
        .await?
        .map(|r| recipient_of(&r))
        .transpose()
    }

    /// Sets (or, with `None`, clears) where the user is emailed; audited.
    pub async fn set_email(&self, username: &str, email: Option<&str>) -> Result<()> {
        let email = email.map(check_email).transpose()?;
        let username =
            phaen_domain::access::normalize_username(username).map_err(|_| Error::NotFound {
                what: "user",
                key: username.to_string(),
            })?;
        let mut tx = self.pool().begin_write().await?;
        let changed = tx
            .exec(
                "UPDATE users SET email = $2 WHERE username = $1",
                args![username.as_str(), email],
            )
            .await?;
        if changed == 0 {
            return Err(Error::NotFound {
                what: "user",
                key: username,
            });
        }
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "user.email",
                org: None,
                plan: None,
                target: Some(&username),
                before: None,
                after: Some(email.unwrap_or("-").to_string()),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Raises a notification; `None` when the user already has one with its dedupe key.
    pub async fn notify(&self, n: &NewNotification) -> Result<Option<String>> {
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.pool().begin_write().await?;
        let added = tx
            .exec(
                "INSERT INTO notifications (id, user_id, plan_id, kind, message, link, dedupe,
                    created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                 ON CONFLICT (user_id, dedupe) DO NOTHING",
                args![
                    id.as_str(),
                    n.user.as_str(),
                    n.plan.clone(),
                    n.kind.as_str(),
                    n.message.as_str(),
                    n.link.as_str(),
                    n.dedupe.as_str(),
                    crate::now_ms()
                ],
            )
            .await?;
        tx.commit().await?;
        Ok((added > 0).then_some(id))
    }

    /// The user's latest notifications, newest first.
    pub async fn notifications(&self, user_id: &str, limit: i64) -> Result<Vec<Notification>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT id, plan_id, kind, message, link, created_at, read_at, emailed_at
                 FROM notifications WHERE user_id = $1
                 ORDER BY created_at DESC, id DESC LIMIT $2",
                args![user_id, limit],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Notification {
                    id: r.text(0)?,
                    plan: r.opt_text(1)?,
                    kind: r.text(2)?,
                    message: r.text(3)?,
                    link: r.text(4)?,
                    created_at: r.int(5)?,
                    read_at: r.opt_int(6)?,
                    emailed_at: r.opt_int(7)?,
                })
            })
            .collect()
    }

    /// How many of the user's notifications are unread.
    pub async fn unread_notifications(&self, user_id: &str) -> Result<i64> {
        let mut tx = self.pool().begin_read().await?;
        tx.one(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
            args![user_id],
        )
        .await?
        .map_or(Ok(0), |r| r.int(0))
    }

    /// Marks one of the user's notifications read, or all of them when `id` is `None`.
    pub async fn mark_notifications_read(&self, user_id: &str, id: Option<&str>) -> Result<u64> {
        let mut tx = self.pool().begin_write().await?;
        let n = tx
            .exec(
                "UPDATE notifications SET read_at = $3
                 WHERE user_id = $1 AND read_at IS NULL AND ($2 = '' OR id = $2)",
                args![user_id, id.unwrap_or(""), crate::now_ms()],
            )
            .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Records that the notifications `ids` went out by email.
    pub async fn mark_emailed(&self, ids: &[String]) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        let now = crate::now_ms();
        for id in ids {
            tx.exec(
                "UPDATE notifications SET emailed_at = $2 WHERE id = $1",
                args![id.as_str(), now],
            )
            .await?;
        }
        tx.commit().await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn email_addresses_are_checked_like_a_form_would() {
        assert!(super::check_email(" somchai@coop.example.th ").is_ok());
        for bad in [
            "", "somchai", "@coop.th", "a@b", "a b@c.th", "a@.th", "a@b@c.th",
        ] {
            assert!(super::check_email(bad).is_err(), "{bad}");
        }
    }
}
