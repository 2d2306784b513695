//! Login sessions. The database keeps only a hash of each token.

use super::{on_db, StoreResult};
use crate::model::UserId;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: UserId,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// When the person last typed their password in this session.
    pub password_at: Option<DateTime<Utc>>,
    /// The person's, read with the session (one query for both).
    pub email: String,
    pub display_name: String,
}

#[tracing::instrument(name = "store.sessions.create", skip_all, err(level = "warn", Display))]
/// A new session: `password` when the person has just typed their
/// password; `device` as they would recognise it.
pub async fn create(
    db: &super::Db,
    token_hash: &str,
    user: UserId,
    now: DateTime<Utc>,
    password: bool,
    device: &str,
) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, password_at, device) \
         VALUES ($1, $2, $3, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user)
    .bind(now)
    .bind(password.then_some(now))
    .bind(device)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

#[tracing::instrument(name = "store.sessions.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, token_hash: &str) -> StoreResult<Option<SessionRow>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, SessionRow>(
        "SELECT s.user_id, s.created_at, s.last_seen_at, s.password_at, u.email, u.display_name \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

#[tracing::instrument(name = "store.sessions.touch", skip_all, err(Display))]
pub async fn touch(db: &super::Db, token_hash: &str, now: DateTime<Utc>) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(now)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[tracing::instrument(name = "store.sessions.delete", skip_all, err(Display))]
pub async fn delete(db: &super::Db, token_hash: &str) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes sessions idle since `idle_before` or created before `created_before`.
#[tracing::instrument(name = "store.sessions.delete_expired", skip_all, err(Display))]
pub async fn delete_expired(
    db: &super::Db,
    idle_before: DateTime<Utc>,
    created_before: DateTime<Utc>,
) -> StoreResult<u64> {
    let done = on_db!(db, pool => sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
        .bind(idle_before)
        .bind(created_before)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(done)
}

/// Ends every session of `user` (a lost phone, a changed password), but
/// the one of `keep` when given. How many ended.
#[tracing::instrument(name = "store.sessions.delete_of_user", skip_all, err(Display))]
pub async fn delete_of_user(db: &super::Db, user: UserId, keep: Option<&str>) -> StoreResult<u64> {
    let done = on_db!(db, pool => sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> COALESCE($2, '')",
    )
    .bind(user)
    .bind(keep)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done)
}

/// One of a person's sessions, for their list.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionListRow {
    pub token_hash: String,
    pub device: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// Every session of `user`, the most recently used first.
#[tracing::instrument(name = "store.sessions.of_user", skip_all, err(Display))]
pub async fn of_user(db: &super::Db, user: UserId) -> StoreResult<Vec<SessionListRow>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, SessionListRow>(
        "SELECT token_hash, device, created_at, last_seen_at FROM sessions \
         WHERE user_id = $1 ORDER BY last_seen_at DESC",
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}
