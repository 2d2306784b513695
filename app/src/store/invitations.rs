//! Invitations: single-use links, valid 7 days (only a hash of each token
//! is stored).

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, Utc};

pub struct NewInvitationRow<'a> {
    pub id: InvitationId,
    pub token_hash: &'a str,
    pub programme: ProgrammeId,
    pub role: Role,
    pub candidate: Option<CandidateId>,
    pub name: Option<&'a str>,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
}

#[tracing::instrument(name = "store.invitations.create", skip_all, err(Display))]
pub async fn create(db: &super::Db, invitation: &NewInvitationRow<'_>) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO invitations (id, token_hash, programme_id, role, candidate_id, name, invited_by, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(invitation.id)
    .bind(invitation.token_hash)
    .bind(invitation.programme)
    .bind(invitation.role)
    .bind(invitation.candidate)
    .bind(invitation.name)
    .bind(invitation.invited_by)
    .bind(now())
    .bind(invitation.expires_at)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// An invitation found by its token, with what its page shows.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: InvitationId,
    pub programme_id: ProgrammeId,
    pub role: Role,
    pub candidate_id: Option<CandidateId>,
    pub name: Option<String>,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub programme_name: String,
    pub organisation_name: String,
}

#[tracing::instrument(name = "store.invitations.find_by_token", skip_all, err(Display))]
pub async fn find_by_token(db: &super::Db, token_hash: &str) -> StoreResult<Option<InvitationRow>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, InvitationRow>(
        "SELECT i.id, i.programme_id, i.role, i.candidate_id, i.name, i.invited_by, i.expires_at, i.used_at, \
         i.withdrawn_at, pr.name AS programme_name, o.name AS organisation_name \
         FROM invitations i JOIN programmes pr ON pr.id = i.programme_id \
         JOIN organisations o ON o.id = pr.organisation_id WHERE i.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// Marks an invitation used, once: false if it was used meanwhile, has
/// expired or was withdrawn (two people pressing at once get one account
/// between them).
#[tracing::instrument(name = "store.invitations.use_once", skip_all, err(Display))]
pub async fn use_once(tx: &mut Tx, id: InvitationId, user: UserId) -> StoreResult<bool> {
    let at = now();
    let done = on_tx!(tx, conn => sqlx::query(
        "UPDATE invitations SET used_at = $2, used_by = $3 \
         WHERE id = $1 AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > $2",
    )
    .bind(id)
    .bind(at)
    .bind(user)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

#[derive(sqlx::FromRow)]
struct ViewRow {
    id: InvitationId,
    programme_id: ProgrammeId,
    role: Role,
    candidate_id: Option<CandidateId>,
    name: Option<String>,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
    withdrawn_at: Option<DateTime<Utc>>,
}

/// A programme's invitations of the given roles, newest first.
#[tracing::instrument(name = "store.invitations.of_programme", skip_all, err(Display))]
pub async fn of_programme(
    db: &super::Db,
    programme: ProgrammeId,
    roles: &[Role],
) -> StoreResult<Vec<InvitationView>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, ViewRow>(
        "SELECT id, programme_id, role, candidate_id, name, created_at, expires_at, used_at, withdrawn_at \
         FROM invitations WHERE programme_id = $1 ORDER BY created_at DESC, id",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .filter(|r| roles.contains(&r.role))
        .map(|r| InvitationView {
            id: r.id,
            programme_id: r.programme_id,
            role: r.role,
            candidate: r.candidate_id,
            name: r.name,
            created_at: r.created_at,
            expires_at: r.expires_at,
            used: r.used_at.is_some(),
            withdrawn: r.withdrawn_at.is_some(),
        })
        .collect())
}

/// The programme and role of an invitation, to decide who may withdraw it.
#[tracing::instrument(name = "store.invitations.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, id: InvitationId) -> StoreResult<Option<(ProgrammeId, Role)>> {
    let row = on_db!(db, pool => sqlx::query_as(
        "SELECT programme_id, role FROM invitations WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// Withdraws an invitation not used yet: its link stops working. False if
/// it was used or withdrawn already.
#[tracing::instrument(name = "store.invitations.withdraw", skip_all, err(Display))]
pub async fn withdraw(db: &super::Db, id: InvitationId) -> StoreResult<bool> {
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE invitations SET withdrawn_at = $2 WHERE id = $1 AND used_at IS NULL AND withdrawn_at IS NULL",
    )
    .bind(id)
    .bind(now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}
