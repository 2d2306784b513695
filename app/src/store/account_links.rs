//! One-time links that act on an account: a reset of a forgotten password
//! (emailed to the person, or made by their manager) and a new email
//! address to confirm. Only a hash of each token is kept; a link works
//! once, until it expires.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, Utc};

/// A link to keep.
pub struct NewLink<'a> {
    pub token_hash: &'a str,
    pub user: UserId,
    pub purpose: LinkPurpose,
    /// The address an email link confirms.
    pub new_email: Option<&'a str>,
    /// The manager who made a reset link (none when the person asked).
    pub made_by: Option<UserId>,
    pub expires_at: DateTime<Utc>,
}

#[tracing::instrument(name = "store.account_links.create", skip_all, err(Display))]
pub async fn create(tx: &mut Tx, link: &NewLink<'_>) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO account_links (token_hash, user_id, purpose, new_email, made_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(link.token_hash)
    .bind(link.user)
    .bind(link.purpose.key())
    .bind(link.new_email)
    .bind(link.made_by)
    .bind(now())
    .bind(link.expires_at)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many links of `purpose` the person asked for themselves since
/// `since` (emailed resets are limited per account).
#[tracing::instrument(name = "store.account_links.asked_since", skip_all, err(Display))]
pub async fn asked_since(
    db: &super::Db,
    user: UserId,
    purpose: LinkPurpose,
    since: DateTime<Utc>,
) -> StoreResult<i64> {
    let (n,): (i64,) = on_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM account_links \
         WHERE user_id = $1 AND purpose = $2 AND made_by IS NULL AND created_at > $3",
    )
    .bind(user)
    .bind(purpose.key())
    .bind(since)
    .fetch_one(pool)
    .await)?;
    Ok(n)
}

/// A link that still works, with the account it acts on.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LinkRow {
    pub user_id: UserId,
    pub purpose: String,
    pub new_email: Option<String>,
    pub display_name: String,
    pub email: String,
}

/// The link of `token_hash`, if it is for `purpose`, unused, unexpired and
/// its account not erased.
#[tracing::instrument(name = "store.account_links.find", skip_all, err(Display))]
pub async fn find(
    db: &super::Db,
    token_hash: &str,
    purpose: LinkPurpose,
) -> StoreResult<Option<LinkRow>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, LinkRow>(
        "SELECT l.user_id, l.purpose, l.new_email, u.display_name, u.email \
         FROM account_links l JOIN users u ON u.id = l.user_id \
         WHERE l.token_hash = $1 AND l.purpose = $2 AND l.used_at IS NULL AND l.expires_at > $3 \
         AND u.erased_at IS NULL",
    )
    .bind(token_hash)
    .bind(purpose.key())
    .bind(now())
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// Uses the link, once: false if it was used meanwhile or has expired.
/// Every other unused link of the same purpose for the same person stops
/// working with it (an older reset link is no use after a new password).
#[tracing::instrument(name = "store.account_links.use_once", skip_all, err(Display))]
pub async fn use_once(
    tx: &mut Tx,
    token_hash: &str,
    user: UserId,
    purpose: LinkPurpose,
) -> StoreResult<bool> {
    let at = now();
    let used = on_tx!(tx, conn => {
        let used = sqlx::query(
            "UPDATE account_links SET used_at = $2 \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(at)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        sqlx::query(
            "UPDATE account_links SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        )
        .bind(user)
        .bind(purpose.key())
        .bind(at)
        .execute(&mut *conn)
        .await?;
        Ok::<_, sqlx::Error>(used)
    })?;
    Ok(used == 1)
}
