//! Signed-in state kept in the database so several servers share it: sessions (with their CSRF
//! token and sliding expiry), API tokens for scripts, and failed sign-ins for throttling.
//! Sessions and API tokens are keyed by the SHA-256 hex of the token (`phaen_auth::token_hash`);
//! the token itself is never stored.

use crate::db::Row;
use crate::error::{Error, Result};
use crate::{Store, args, now_ms};

/// Failed sign-ins older than this are deleted by [`SessionStore::purge_expired`].
pub const SIGNIN_ATTEMPTS_KEPT_MS: i64 = 24 * 60 * 60 * 1000;

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user_id: String,
    /// Compare a form's token with it using `phaen_auth::tokens_equal`.
    pub csrf_token: String,
    /// Unix milliseconds.
    pub expires_at: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
}

/// An API token as lists show it; `id` is the token's hash, safe to show and to revoke by.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked: bool,
}

/// Sessions, API tokens and sign-in throttling.
pub trait SessionStore {
    /// Starts a session that lasts `ttl_ms` unless touched.
    fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        csrf: &str,
        ttl_ms: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    /// The live session under `token_hash`. An expired session is deleted and gives `None`,
    /// as does a session of a disabled user.
    fn session(&self, token_hash: &str) -> impl Future<Output = Result<Option<Session>>> + Send;
    /// Moves a live session's expiry to `ttl_ms` from now (sliding expiry).
    fn touch_session(
        &self,
        token_hash: &str,
        ttl_ms: i64,
    ) -> impl Future<Output = Result<()>> + Send;
    /// Signs one session out; deleting a session that does not exist is not an error.
    fn delete_session(&self, token_hash: &str) -> impl Future<Output = Result<()>> + Send;
    /// Signs the user out everywhere; returns how many sessions ended.
    fn delete_sessions_of(&self, user_id: &str) -> impl Future<Output = Result<u64>> + Send;
    /// Deletes expired sessions and failed sign-ins older than [`SIGNIN_ATTEMPTS_KEPT_MS`];
    /// returns how many rows went.
    fn purge_expired(&self) -> impl Future<Output = Result<u64>> + Send;

    fn create_api_token(
        &self,
        token_hash: &str,
        user_id: &str,
        name: &str,
    ) -> impl Future<Output = Result<()>> + Send;
    /// The user a token acts for, noting its use; `None` for an unknown or revoked token or a
    /// disabled user.
    fn api_token_user(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<String>>> + Send;
    /// Revokes a token by its hash; `NotFound { what: "API token" }` when there is none.
    fn revoke_api_token(&self, token_hash: &str) -> impl Future<Output = Result<()>> + Send;
    /// A user's tokens, newest first.
    fn api_tokens(&self, user_id: &str) -> impl Future<Output = Result<Vec<ApiToken>>> + Send;

    /// Notes a failed sign-in under `key` ('user:alice', 'ip:192.0.2.1').
    fn record_signin_failure(&self, key: &str) -> impl Future<Output = Result<()>> + Send;
    /// How many failed sign-ins `key` has had at or after `since_ms` (Unix milliseconds).
    fn recent_signin_failures(
        &self,
        key: &str,
        since_ms: i64,
    ) -> impl Future<Output = Result<u64>> + Send;
    /// Forgets `key`'s failures (after a successful sign-in).
    fn clear_signin_failures(&self, key: &str) -> impl Future<Output = Result<()>> + Send;
}

impl SessionStore for Store {
    async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        csrf: &str,
        ttl_ms: i64,
    ) -> Result<()> {
        let now = now_ms();
        let mut tx = self.pool().begin_write().await?;
        tx.exec(
            "INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at, last_seen_at)
             VALUES ($1, $2, $3, $4, $5, $4)",
            args![token_hash, user_id, csrf, now, now.saturating_add(ttl_ms)],
        )
        .await?;
        tx.commit().await
    }

    async fn session(&self, token_hash: &str) -> Result<Option<Session>> {
        let row = self
            .pool()
            .one(
                "SELECT s.user_id, s.csrf_token, s.expires_at, s.created_at, s.last_seen_at,
                        u.disabled
                 FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1",
                args![token_hash],
            )
            .await?;
        let Some(row) = row else { return Ok(None) };
        let session = session_from_row(&row)?;
        if session.expires_at <= now_ms() {
            self.delete_session(token_hash).await?;
            return Ok(None);
        }
        Ok((row.int(5)? == 0).then_some(session))
    }

    async fn touch_session(&self, token_hash: &str, ttl_ms: i64) -> Result<()> {
        let now = now_ms();
        let mut tx = self.pool().begin_write().await?;
        tx.exec(
            "UPDATE sessions SET expires_at = $1, last_seen_at = $2 WHERE id = $3 AND expires_at > $2",
            args![now.saturating_add(ttl_ms), now, token_hash],
        )
        .await?;
        tx.commit().await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        tx.exec("DELETE FROM sessions WHERE id = $1", args![token_hash])
            .await?;
        tx.commit().await
    }

    async fn delete_sessions_of(&self, user_id: &str) -> Result<u64> {
        let mut tx = self.pool().begin_write().await?;
        let n = tx
            .exec("DELETE FROM sessions WHERE user_id = $1", args![user_id])
            .await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn purge_expired(&self) -> Result<u64> {
        let now = now_ms();
        let mut tx = self.pool().begin_write().await?;
        let sessions = tx
            .exec("DELETE FROM sessions WHERE expires_at <= $1", args![now])
            .await?;
        let attempts = tx
            .exec(
                "DELETE FROM signin_attempts WHERE failed_at < $1",
                args![now - SIGNIN_ATTEMPTS_KEPT_MS],
            )
            .await?;
        tx.commit().await?;
        Ok(sessions + attempts)
    }

    async fn create_api_token(&self, token_hash: &str, user_id: &str, name: &str) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        tx.exec(
            "INSERT INTO api_tokens (id, user_id, name, created_at, last_used_at, revoked)
             VALUES ($1, $2, $3, $4, NULL, 0)",
            args![token_hash, user_id, name, now_ms()],
        )
        .await?;
        tx.commit().await
    }

    async fn api_token_user(&self, token_hash: &str) -> Result<Option<String>> {
        // A read first: a script's every request must not queue behind the single writer.
        // last_used_at is refreshed at most once a minute.
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                "SELECT t.user_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
                 WHERE t.id = $1 AND t.revoked = 0 AND u.disabled = 0",
                args![token_hash],
            )
            .await?;
        tx.commit().await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let now = now_ms();
        if row.opt_int(1)?.is_none_or(|last| now - last > 60_000) {
            let mut tx = self.pool().begin_write().await?;
            tx.exec(
                "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                args![now, token_hash],
            )
            .await?;
            tx.commit().await?;
        }
        Ok(Some(row.text(0)?))
    }

    async fn revoke_api_token(&self, token_hash: &str) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        let n = tx
            .exec(
                "UPDATE api_tokens SET revoked = 1 WHERE id = $1",
                args![token_hash],
            )
            .await?;
        if n == 0 {
            return Err(Error::NotFound {
                what: "API token",
                key: token_hash.to_string(),
            });
        }
        tx.commit().await
    }

    async fn api_tokens(&self, user_id: &str) -> Result<Vec<ApiToken>> {
        let mut tx = self.pool().begin_read().await?;
        let rows = tx
            .all(
                "SELECT id, name, created_at, last_used_at, revoked FROM api_tokens
                 WHERE user_id = $1 ORDER BY created_at DESC, id",
                args![user_id],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: r.text(0)?,
                    name: r.text(1)?,
                    created_at: r.int(2)?,
                    last_used_at: r.opt_int(3)?,
                    revoked: r.int(4)? != 0,
                })
            })
            .collect()
    }

    async fn record_signin_failure(&self, key: &str) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        tx.exec(
            "INSERT INTO signin_attempts (throttle_key, failed_at) VALUES ($1, $2)",
            args![key, now_ms()],
        )
        .await?;
        tx.commit().await
    }

    async fn recent_signin_failures(&self, key: &str, since_ms: i64) -> Result<u64> {
        let mut tx = self.pool().begin_read().await?;
        let row = tx
            .one(
                "SELECT COUNT(*) FROM signin_attempts WHERE throttle_key = $1 AND failed_at >= $2",
                args![key, since_ms],
            )
            .await?;
        let n = match row {
            Some(r) => r.int(0)?,
            None => 0,
        };
        Ok(u64::try_from(n).unwrap_or(0))
    }

    async fn clear_signin_failures(&self, key: &str) -> Result<()> {
        let mut tx = self.pool().begin_write().await?;
        tx.exec(
            "DELETE FROM signin_attempts WHERE throttle_key = $1",
            args![key],
        )
        .await?;
        tx.commit().await
    }
}

fn session_from_row(r: &Row) -> Result<Session> {
    Ok(Session {
        user_id: r.text(0)?,
        csrf_token: r.text(1)?,
        expires_at: r.int(2)?,
        created_at: r.int(3)?,
        last_seen_at: r.int(4)?,
    })
}
