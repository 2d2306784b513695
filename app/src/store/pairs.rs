//! Mentoring pairs.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;

/// What the permission checks need to know about a pair.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PairAccess {
    pub id: PairId,
    pub programme_id: ProgrammeId,
    pub mentor_id: UserId,
    pub mentee_id: UserId,
    pub status: PairStatus,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

impl PairAccess {
    pub fn dates(&self) -> PairDates {
        PairDates {
            started_on: self.started_on,
            ended_on: self.ended_on,
        }
    }
}

pub struct NewPair {
    pub programme: ProgrammeId,
    pub mentor: UserId,
    pub mentee: UserId,
    pub manager: UserId,
    pub started_on: NaiveDate,
}

#[tracing::instrument(name = "store.pairs.create", skip_all, err(level = "warn", Display))]
pub async fn create(tx: &mut Tx, pair: &NewPair) -> StoreResult<PairId> {
    let id = PairId::new();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO pairs (id, programme_id, mentor_id, mentee_id, manager_id, status, started_on, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(pair.programme)
    .bind(pair.mentor)
    .bind(pair.mentee)
    .bind(pair.manager)
    .bind(PairStatus::Active)
    .bind(pair.started_on)
    .bind(now())
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(id)
}

const SUMMARY: &str =
    "SELECT p.id, pr.name AS programme_name, mentor.display_name AS mentor_name, \
     mentee.display_name AS mentee_name, p.started_on, p.ended_on, p.status \
     FROM pairs p \
     JOIN programmes pr ON pr.id = p.programme_id \
     JOIN users mentor ON mentor.id = p.mentor_id \
     JOIN users mentee ON mentee.id = p.mentee_id";

/// The mentor's pairs, active ones first.
#[tracing::instrument(name = "store.pairs.of_mentor", skip_all, err(Display))]
pub async fn of_mentor(db: &super::Db, mentor: UserId) -> StoreResult<Vec<PairSummary>> {
    let sql =
        format!("{SUMMARY} WHERE p.mentor_id = $1 ORDER BY p.status, mentee.display_name, p.id");
    let rows = on_db!(db, pool => sqlx::query_as::<_, PairSummary>(&sql)
        .bind(mentor)
        .fetch_all(pool)
        .await)?;
    Ok(rows)
}

/// Whom a mentee is mentored by.
#[tracing::instrument(name = "store.pairs.of_mentee", skip_all, err(Display))]
pub async fn of_mentee(db: &super::Db, mentee: UserId) -> StoreResult<Vec<MenteePair>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, MenteePair>(
        "SELECT pr.name AS programme_name, mentor.display_name AS mentor_name, p.started_on, p.status \
         FROM pairs p \
         JOIN programmes pr ON pr.id = p.programme_id \
         JOIN users mentor ON mentor.id = p.mentor_id \
         WHERE p.mentee_id = $1 ORDER BY p.status, p.started_on DESC",
    )
    .bind(mentee)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

#[tracing::instrument(name = "store.pairs.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, id: PairId) -> StoreResult<Option<PairAccess>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, PairAccess>(
        "SELECT id, programme_id, mentor_id, mentee_id, status, started_on, ended_on FROM pairs WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// Every pair of one mentor, for checking a batch of logs at once.
#[tracing::instrument(name = "store.pairs.access_of_mentor", skip_all, err(Display))]
pub async fn access_of_mentor(db: &super::Db, mentor: UserId) -> StoreResult<Vec<PairAccess>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, PairAccess>(
        "SELECT id, programme_id, mentor_id, mentee_id, status, started_on, ended_on FROM pairs WHERE mentor_id = $1",
    )
    .bind(mentor)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}
