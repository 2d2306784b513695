//! Two-step login: each person's authenticator secret (wrapped under the
//! server secret), their recovery codes (hashes only), the logins waiting
//! for their second step, and which organisations require it.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::two_step::SecondStep;
use crate::model::{OrganisationId, UserId};
use chrono::{DateTime, Utc};

/// A person's authenticator.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TwoStepRow {
    /// Wrapped (see [`super::secret::ServerSecret::seal`]).
    pub secret: String,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_step: i64,
}

#[tracing::instrument(name = "store.two_step.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, user: UserId) -> StoreResult<Option<TwoStepRow>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, TwoStepRow>(
        "SELECT secret, confirmed_at, last_step FROM two_step WHERE user_id = $1",
    )
    .bind(user)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// Keeps a new authenticator secret, not yet confirmed (one not confirmed
/// before is replaced; a confirmed one stays). Whether it was kept.
#[tracing::instrument(name = "store.two_step.begin", skip_all, err(Display))]
pub async fn begin(db: &super::Db, user: UserId, sealed: &str) -> StoreResult<bool> {
    let n = on_db!(db, pool => sqlx::query(
        "INSERT INTO two_step (user_id, secret, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at, \
         last_step = 0 WHERE two_step.confirmed_at IS NULL",
    )
    .bind(user)
    .bind(sealed)
    .bind(now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Confirms the authenticator with the step of its first code. Whether it
/// was waiting for it.
#[tracing::instrument(name = "store.two_step.confirm", skip_all, err(Display))]
pub async fn confirm(tx: &mut Tx, user: UserId, step: i64) -> StoreResult<bool> {
    let n = on_tx!(tx, conn => sqlx::query(
        "UPDATE two_step SET confirmed_at = $2, last_step = $3 WHERE user_id = $1 AND confirmed_at IS NULL",
    )
    .bind(user)
    .bind(now())
    .bind(step)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Marks `step` used: true only for the first use of a step later than
/// every one used before (two requests with one code: one wins).
#[tracing::instrument(name = "store.two_step.use_step", skip_all, err(Display))]
pub async fn use_step(db: &super::Db, user: UserId, step: i64) -> StoreResult<bool> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE two_step SET last_step = $2 WHERE user_id = $1 AND last_step < $2 AND confirmed_at IS NOT NULL",
    )
    .bind(user)
    .bind(step)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Turns two-step login off: the authenticator and the recovery codes go.
#[tracing::instrument(name = "store.two_step.remove", skip_all, err(Display))]
pub async fn remove(tx: &mut Tx, user: UserId) -> StoreResult<()> {
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM two_step WHERE user_id = $1")
            .bind(user)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user)
            .execute(&mut *conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// Replaces the person's recovery codes with these (hashes).
#[tracing::instrument(name = "store.two_step.set_recovery_codes", skip_all, err(Display))]
pub async fn set_recovery_codes(tx: &mut Tx, user: UserId, hashes: &[String]) -> StoreResult<()> {
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user)
            .execute(&mut *conn)
            .await?;
        for hash in hashes {
            sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                .bind(user)
                .bind(hash)
                .execute(&mut *conn)
                .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Uses a recovery code: true once, for an unused code of the person's.
#[tracing::instrument(name = "store.two_step.use_recovery_code", skip_all, err(Display))]
pub async fn use_recovery_code(db: &super::Db, user: UserId, hash: &str) -> StoreResult<bool> {
    let n = on_db!(db, pool => sqlx::query(
        "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(user)
    .bind(hash)
    .bind(now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Recovery codes the person has not used.
#[tracing::instrument(name = "store.two_step.recovery_left", skip_all, err(Display))]
pub async fn recovery_left(db: &super::Db, user: UserId) -> StoreResult<i64> {
    let (n,): (i64,) = on_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL",
    )
    .bind(user)
    .fetch_one(pool)
    .await)?;
    Ok(n)
}

/// A password typed right, waiting for its second step.
#[tracing::instrument(name = "store.two_step.create_challenge", skip_all, err(Display))]
pub async fn create_challenge(db: &super::Db, token_hash: &str, user: UserId) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO login_challenges (token_hash, user_id, created_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash)
    .bind(user)
    .bind(now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The person a challenge is for, counting one try: none once it is older
/// than `since`, used up (`max_tries`) or gone.
#[tracing::instrument(name = "store.two_step.try_challenge", skip_all, err(Display))]
pub async fn try_challenge(
    db: &super::Db,
    token_hash: &str,
    since: DateTime<Utc>,
    max_tries: i64,
) -> StoreResult<Option<UserId>> {
    let row: Option<(UserId,)> = on_db!(db, pool => sqlx::query_as(
        "UPDATE login_challenges SET tries = tries + 1 \
         WHERE token_hash = $1 AND created_at > $2 AND tries < $3 RETURNING user_id",
    )
    .bind(token_hash)
    .bind(since)
    .bind(max_tries)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(|(user,)| user))
}

/// The person a challenge is for, without counting a try (to show the
/// setting up of an authenticator).
#[tracing::instrument(name = "store.two_step.challenge_user", skip_all, err(Display))]
pub async fn challenge_user(
    db: &super::Db,
    token_hash: &str,
    since: DateTime<Utc>,
    max_tries: i64,
) -> StoreResult<Option<UserId>> {
    let row: Option<(UserId,)> = on_db!(db, pool => sqlx::query_as(
        "SELECT user_id FROM login_challenges WHERE token_hash = $1 AND created_at > $2 AND tries < $3",
    )
    .bind(token_hash)
    .bind(since)
    .bind(max_tries)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(|(user,)| user))
}

/// Ends the person's waiting logins (one succeeded, or they are older than
/// `before`: forgotten).
#[tracing::instrument(name = "store.two_step.end_challenges", skip_all, err(Display))]
pub async fn end_challenges(
    db: &super::Db,
    user: UserId,
    before: DateTime<Utc>,
) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query(
        "DELETE FROM login_challenges WHERE user_id = $1 OR created_at < $2",
    )
    .bind(user)
    .bind(before)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// What a login of `user` asks for after the password, if anything: a
/// code when they turned two-step login on; its setting up when an
/// organisation of theirs requires it and they have not.
pub async fn second_step_of(db: &super::Db, user: UserId) -> StoreResult<Option<SecondStep>> {
    if find(db, user)
        .await?
        .is_some_and(|row| row.confirmed_at.is_some())
    {
        return Ok(Some(SecondStep::Code));
    }
    if required_for(db, user).await? {
        return Ok(Some(SecondStep::Setup));
    }
    Ok(None)
}

/// An organisation of the person's, where they coordinate or manage,
/// requires two-step login.
#[tracing::instrument(name = "store.two_step.required_for", skip_all, err(Display))]
pub async fn required_for(db: &super::Db, user: UserId) -> StoreResult<bool> {
    let (n,): (i64,) = on_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM memberships m JOIN programmes pr ON pr.id = m.programme_id \
         JOIN organisations o ON o.id = pr.organisation_id \
         WHERE m.user_id = $1 AND m.role IN ('coordinator', 'manager') AND o.require_two_step",
    )
    .bind(user)
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}

/// Requires (or no longer requires) two-step login of an organisation's
/// coordinators and managers.
#[tracing::instrument(name = "store.two_step.set_required", skip_all, err(Display))]
pub async fn set_required(tx: &mut Tx, organisation: OrganisationId, on: bool) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query("UPDATE organisations SET require_two_step = $2 WHERE id = $1")
        .bind(organisation)
        .bind(on)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
