//! Login sessions. The database keeps only a hash of each token.

use super::{on_db, StoreResult};
use crate::model::UserId;
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: UserId,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// The person's, read with the session (one query for both).
    pub email: String,
    pub display_name: String,
}

#[tracing::instrument(name = "store.sessions.create", skip_all, err(level = "warn", Display))]
pub async fn create(
    db: &super::Db,
    token_hash: &str,
    user: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
    )
    .bind(token_hash)
    .bind(user)
    .bind(now)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

#[tracing::instrument(name = "store.sessions.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, token_hash: &str) -> StoreResult<Option<SessionRow>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, SessionRow>(
        "SELECT s.user_id, s.created_at, s.last_seen_at, u.email, u.display_name \
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
