//! People who sign in: their accounts (username, display name, argon2id hash) and the roles
//! they hold in organizations. Hashing is not done here (see the auth crate); the store keeps
//! and returns the PHC string as given.

use std::collections::HashMap;

use phaen_domain::access::normalize_username;
use phaen_domain::{Membership, OrgCode, Role};

use crate::db::{Row, Tx};
use crate::error::{Error, Result};
use crate::{Store, args};

/// An account as the application sees it; the password hash is returned only by
/// [`UserStore::user_by_username`], for sign-in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    pub id: String,
    /// Lowercase.
    pub username: String,
    pub display_name: String,
    /// A disabled user cannot sign in, and their sessions and API tokens no longer work.
    pub disabled: bool,
}

/// What creating an account needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Any case; stored trimmed and lowercase.
    pub username: String,
    pub display_name: String,
    /// An argon2id PHC string (`phaen_auth::hash_password`).
    pub password_hash: String,
    pub memberships: Vec<Membership>,
}

/// Reading and writing accounts and their roles.
pub trait UserStore {
    /// Creates the account with its roles in one transaction. A taken username is
    /// `AlreadyExists { what: "user" }`; an unknown organization is
    /// `NotFound { what: "organization" }` and nothing is written.
    fn create_user(&self, new: &NewUser) -> impl Future<Output = Result<User>> + Send;
    /// The account and its password hash, for sign-in; the username is matched without regard
    /// to case. A name that cannot be a username finds no one.
    fn user_by_username(
        &self,
        username: &str,
    ) -> impl Future<Output = Result<Option<(User, String)>>> + Send;
    fn user(&self, id: &str) -> impl Future<Output = Result<User>> + Send;
    /// The roles the user holds, ordered by organization code, then role (in `Role::ALL` order).
    fn memberships(&self, user_id: &str) -> impl Future<Output = Result<Vec<Membership>>> + Send;
    /// Replaces the password hash and deletes every session of the user: a reset signs them
    /// out everywhere. API tokens stay valid (revoke them separately).
    fn set_password_hash(
        &self,
        username: &str,
        hash: &str,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Disables or re-enables the account; disabling also deletes its sessions.
    fn set_disabled(
        &self,
        username: &str,
        disabled: bool,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Adds a role; granting one already held changes nothing.
    fn grant(&self, user_id: &str, m: &Membership) -> impl Future<Output = Result<()>> + Send;
    /// Removes a role; returns whether the user held it.
    fn revoke(&self, user_id: &str, m: &Membership) -> impl Future<Output = Result<bool>> + Send;
    /// Every account with its roles, ordered by username.
    fn list_users(&self) -> impl Future<Output = Result<Vec<(User, Vec<Membership>)>>> + Send;
}

impl UserStore for Store {
    async fn create_user(&self, new: &NewUser) -> Result<User> {
        let username = normalize_username(&new.username)?;
        let display_name = match new.display_name.trim() {
            "" => username.clone(),
            name => name.to_string(),
        };
        let mut tx = self.pool().begin_write().await?;
        if tx
            .one("SELECT id FROM users WHERE username = $1", args![&username])
            .await?
            .is_some()
        {
            return Err(taken(&username));
        }
        for m in &new.memberships {
            check_org(&mut tx, &m.org).await?;
        }
        let id = uuid::Uuid::now_v7().to_string();
        let now = crate::now_ms();
        tx.exec(
            "INSERT INTO users (id, username, display_name, password_hash, disabled, created_at,
                                password_changed_at)
             VALUES ($1, $2, $3, $4, 0, $5, $5)",
            args![
                &id,
                &username,
                &display_name,
                new.password_hash.as_str(),
                now
            ],
        )
        .await
        .map_err(|e| unique_to_taken(e, &username))?;
        for m in &new.memberships {
            insert_membership(&mut tx, &id, m).await?;
        }
        let roles: Vec<String> = new
            .memberships
            .iter()
            .map(|m| format!("{}@{}", m.role.as_str(), m.org))
            .collect();
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "user.create",
                org: new.memberships.first().map(|m| m.org.as_str()),
                plan: None,
                target: Some(&username),
                before: None,
                after: Some(format!("{display_name} [{}]", roles.join(", "))),
            },
        )
        .await?;
        tx.commit()
            .await
            .map_err(|e| unique_to_taken(e, &username))?;
        Ok(User {
            id,
            username,
            display_name,
            disabled: false,
        })
    }

    async fn user_by_username(&self, username: &str) -> Result<Option<(User, String)>> {
        let Ok(username) = normalize_username(username) else {
            return Ok(None);
        };
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                "SELECT id, username, display_name, disabled, password_hash FROM users
                 WHERE username = $1",
                args![&username],
            )
            .await?;
        row.map(|r| Ok((user_from_row(&r)?, r.text(4)?)))
            .transpose()
    }

    async fn user(&self, id: &str) -> Result<User> {
        let row = self
            .pool()
            .one(
                "SELECT id, username, display_name, disabled FROM users WHERE id = $1",
                args![id],
            )
            .await?
            .ok_or_else(|| not_found_user(id))?;
        user_from_row(&row)
    }

    async fn memberships(&self, user_id: &str) -> Result<Vec<Membership>> {
        let rows = self
            .pool()
            .all(
                "SELECT org_code, role FROM memberships WHERE user_id = $1",
                args![user_id],
            )
            .await?;
        let mut held = rows
            .iter()
            .map(membership_from_row)
            .collect::<Result<Vec<_>>>()?;
        held.sort();
        Ok(held)
    }

    async fn set_password_hash(&self, username: &str, hash: &str) -> Result<()> {
        let username = normalize_username(username).map_err(|_| not_found_user(username))?;
        let mut tx = self.pool().begin_write().await?;
        let changed = tx
            .exec(
                "UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE username = $3",
                args![hash, crate::now_ms(), &username],
            )
            .await?;
        if changed == 0 {
            return Err(not_found_user(&username));
        }
        delete_sessions_by_username(&mut tx, &username).await?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "user.password_reset",
                org: None,
                plan: None,
                target: Some(&username),
                before: None,
                after: Some("password changed; sessions ended".to_string()),
            },
        )
        .await?;
        tx.commit().await
    }

    async fn set_disabled(&self, username: &str, disabled: bool) -> Result<()> {
        let username = normalize_username(username).map_err(|_| not_found_user(username))?;
        let mut tx = self.pool().begin_write().await?;
        let changed = tx
            .exec(
                "UPDATE users SET disabled = $1 WHERE username = $2",
                args![disabled, &username],
            )
            .await?;
        if changed == 0 {
            return Err(not_found_user(&username));
        }
        if disabled {
            delete_sessions_by_username(&mut tx, &username).await?;
        }
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "user.disable",
                org: None,
                plan: None,
                target: Some(&username),
                before: Some((!disabled).to_string()),
                after: Some(disabled.to_string()),
            },
        )
        .await?;
        tx.commit().await
    }

    async fn grant(&self, user_id: &str, m: &Membership) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        if tx
            .one("SELECT id FROM users WHERE id = $1", args![user_id])
            .await?
            .is_none()
        {
            return Err(not_found_user(user_id));
        }
        check_org(&mut tx, &m.org).await?;
        insert_membership(&mut tx, user_id, m).await?;
        crate::audit::append(
            &mut tx,
            self.actor(),
            crate::audit::Change {
                action: "user.grant",
                org: Some(m.org.as_str()),
                plan: None,
                target: Some(user_id),
                before: None,
                after: Some(m.role.as_str().to_string()),
            },
        )
        .await?;
        tx.commit().await
    }

    async fn revoke(&self, user_id: &str, m: &Membership) -> Result<bool> {
        let mut tx = self.pool().begin_write().await?;
        let n = tx
            .exec(
                "DELETE FROM memberships WHERE user_id = $1 AND org_code = $2 AND role = $3",
                args![user_id, m.org.as_str(), m.role.as_str()],
            )
            .await?;
        if n > 0 {
            crate::audit::append(
                &mut tx,
                self.actor(),
                crate::audit::Change {
                    action: "user.revoke",
                    org: Some(m.org.as_str()),
                    plan: None,
                    target: Some(user_id),
                    before: Some(m.role.as_str().to_string()),
                    after: None,
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    async fn list_users(&self) -> Result<Vec<(User, Vec<Membership>)>> {
        let mut tx = self.pool().begin_read().await?;
        let users = tx
            .all(
                "SELECT id, username, display_name, disabled FROM users",
                args![],
            )
            .await?;
        let roles = tx
            .all("SELECT user_id, org_code, role FROM memberships", args![])
            .await?;
        let mut by_user: HashMap<String, Vec<Membership>> = HashMap::new();
        for m in &roles {
            by_user.entry(m.text(0)?).or_default().push(Membership {
                org: OrgCode::parse(&m.text(1)?)?,
                role: parse_role(&m.text(2)?)?,
            });
        }
        let mut out = Vec::with_capacity(users.len());
        for r in &users {
            let user = user_from_row(r)?;
            let mut held = by_user.remove(&user.id).unwrap_or_default();
            held.sort();
            out.push((user, held));
        }
        // Sorted here, not in SQL, so both databases give the same order whatever their collation.
        out.sort_by(|a, b| a.0.username.cmp(&b.0.username));
        Ok(out)
    }
}

async fn check_org(tx: &mut Tx, org: &OrgCode) -> Result<()> {
    match tx
        .one("SELECT code FROM orgs WHERE code = $1", args![org.as_str()])
        .await?
    {
        Some(_) => Ok(()),
        None => Err(Error::NotFound {
            what: "organization",
            key: org.to_string(),
        }),
    }
}

async fn insert_membership(tx: &mut Tx, user_id: &str, m: &Membership) -> Result<()> {
    tx.exec(
        "INSERT INTO memberships (user_id, org_code, role) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, org_code, role) DO NOTHING",
        args![user_id, m.org.as_str(), m.role.as_str()],
    )
    .await?;
    Ok(())
}

async fn delete_sessions_by_username(tx: &mut Tx, username: &str) -> Result<()> {
    tx.exec(
        "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = $1)",
        args![username],
    )
    .await?;
    Ok(())
}

fn user_from_row(r: &Row) -> Result<User> {
    Ok(User {
        id: r.text(0)?,
        username: r.text(1)?,
        display_name: r.text(2)?,
        disabled: r.int(3)? != 0,
    })
}

fn membership_from_row(r: &Row) -> Result<Membership> {
    Ok(Membership {
        org: OrgCode::parse(&r.text(0)?)?,
        role: parse_role(&r.text(1)?)?,
    })
}

fn parse_role(s: &str) -> Result<Role> {
    Role::parse(s).map_err(|_| Error::corrupt("role", s))
}

fn not_found_user(key: &str) -> Error {
    Error::NotFound {
        what: "user",
        key: key.to_string(),
    }
}

fn taken(username: &str) -> Error {
    Error::AlreadyExists {
        what: "user",
        key: username.to_string(),
    }
}

/// Two writers creating the same username at once: the loser's unique violation is the same
/// answer as the check before the insert.
fn unique_to_taken(e: Error, username: &str) -> Error {
    match &e {
        Error::Db(sqlx::Error::Database(db)) if db.is_unique_violation() => taken(username),
        _ => e,
    }
}
