//! The pair's journey: each side's answer after getting to know each other,
//! the manager's confirmation, the closure, and a mentee who completed
//! proposed as a mentor.

use super::pairs::STATUS;
use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct AnswerRow {
    pair_id: PairId,
    side: Side,
    go_on: bool,
    reason: Option<String>,
    answered_on: NaiveDate,
    recorded_by: String,
}

/// Records (or replaces) one side's answer, while the pair is getting to
/// know each other. False if it no longer is.
#[tracing::instrument(name = "store.journey.answer", skip_all, err(Display))]
pub async fn answer(
    db: &super::Db,
    pair: PairId,
    side: Side,
    answer: &ConfirmationAnswer,
    by: UserId,
    on: NaiveDate,
) -> StoreResult<bool> {
    let done = on_db!(db, pool => sqlx::query(
        "INSERT INTO pair_confirmations (pair_id, side, go_on, reason, answered_on, recorded_by, created_at) \
         SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS \
         (SELECT 1 FROM pairs WHERE id = $1 AND status = 'active' AND confirmed_on IS NULL) \
         ON CONFLICT (pair_id, side) DO UPDATE SET go_on = excluded.go_on, reason = excluded.reason, \
         answered_on = excluded.answered_on, recorded_by = excluded.recorded_by, created_at = excluded.created_at",
    )
    .bind(pair)
    .bind(side)
    .bind(answer.go_on)
    .bind(&answer.reason)
    .bind(on)
    .bind(by)
    .bind(now())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// The answers given for the pairs of a programme.
#[tracing::instrument(name = "store.journey.answers", skip_all, err(Display))]
pub async fn answers(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<Vec<(PairId, Confirmation)>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, AnswerRow>(
        "SELECT c.pair_id, c.side, c.go_on, c.reason, c.answered_on, u.display_name AS recorded_by \
         FROM pair_confirmations c JOIN pairs p ON p.id = c.pair_id JOIN users u ON u.id = c.recorded_by \
         WHERE p.programme_id = $1 ORDER BY c.side",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.pair_id,
                Confirmation {
                    side: r.side,
                    go_on: r.go_on,
                    reason: r.reason,
                    answered_on: r.answered_on,
                    recorded_by: r.recorded_by,
                },
            )
        })
        .collect())
}

/// Confirms a pair getting to know each other whose two sides both said
/// yes: it becomes active. False otherwise.
#[tracing::instrument(name = "store.journey.confirm", skip_all, err(Display))]
pub async fn confirm(db: &super::Db, pair: PairId, on: NaiveDate) -> StoreResult<bool> {
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE pairs SET confirmed_on = $2 \
         WHERE id = $1 AND status = 'active' AND confirmed_on IS NULL AND started_on <= $2 \
         AND (SELECT COUNT(*) FROM pair_confirmations c WHERE c.pair_id = $1 AND c.go_on = TRUE) = 2",
    )
    .bind(pair)
    .bind(on)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Closes an active (confirmed) pair. False if it was not active.
#[tracing::instrument(name = "store.journey.close", skip_all, err(Display))]
pub async fn close(db: &super::Db, pair: PairId, closure: &Closure) -> StoreResult<bool> {
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE pairs SET status = 'ended', ended_on = $2, end_kind = $3, drop_reason = $4, \
         end_reason = $5, continues = $6 \
         WHERE id = $1 AND status = 'active' AND confirmed_on IS NOT NULL AND started_on <= $2",
    )
    .bind(pair)
    .bind(closure.ended_on)
    .bind(closure.outcome)
    .bind(closure.drop_reason)
    .bind(&closure.details)
    .bind(closure.continues)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

#[derive(sqlx::FromRow)]
struct PairDbRow {
    id: PairId,
    mentor_name: String,
    mentee_name: String,
    manager_id: UserId,
    manager_name: String,
    status: PairStatus,
    started_on: NaiveDate,
    planned_end_on: Option<NaiveDate>,
    end_kind: Option<EndKind>,
    drop_reason: Option<DropReason>,
    end_reason: Option<String>,
    ended_on: Option<NaiveDate>,
    continues: bool,
    previous_pair_id: Option<PairId>,
    proposed: i64,
    end_asked_on: Option<NaiveDate>,
    end_asked_reason: Option<String>,
}

/// Every pair of a programme with its journey (the answers, the closure),
/// running ones first.
#[tracing::instrument(name = "store.journey.of_programme", skip_all, err(Display))]
pub async fn of_programme(db: &super::Db, programme: ProgrammeId) -> StoreResult<Vec<PairRow>> {
    let sql = format!(
        "SELECT p.id, mentor.display_name AS mentor_name, mentee.display_name AS mentee_name, \
         p.manager_id, manager.display_name AS manager_name, {STATUS} AS status, p.started_on, p.planned_end_on, p.end_kind, p.drop_reason, p.end_reason, \
         p.ended_on, p.continues, p.previous_pair_id, p.end_asked_on, p.end_asked_reason, \
         (SELECT COUNT(*) FROM candidates c WHERE c.from_pair_id = p.id) AS proposed \
         FROM pairs p \
         JOIN users mentor ON mentor.id = p.mentor_id JOIN users mentee ON mentee.id = p.mentee_id \
         JOIN users manager ON manager.id = p.manager_id \
         WHERE p.programme_id = $1 ORDER BY p.status, p.started_on DESC, mentee.display_name"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, PairDbRow>(&sql)
        .bind(programme)
        .fetch_all(pool)
        .await)?;
    let mut answers = answers(db, programme).await?;
    let changes = super::office::pair_changes(db, programme).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (mine, others): (Vec<_>, Vec<_>) = std::mem::take(&mut answers)
                .into_iter()
                .partition(|(pair, _)| *pair == r.id);
            answers = others;
            PairRow {
                id: r.id,
                mentor_name: r.mentor_name,
                mentee_name: r.mentee_name,
                manager: (r.manager_id, r.manager_name),
                changes: changes
                    .iter()
                    .filter(|(pair, _)| *pair == r.id)
                    .map(|(_, change)| change.clone())
                    .collect(),
                status: r.status,
                started_on: r.started_on,
                planned_end_on: r.planned_end_on,
                journey: PairJourney {
                    answers: mine.into_iter().map(|(_, a)| a).collect(),
                    end_kind: r.end_kind,
                    drop_reason: r.drop_reason,
                    end_details: r.end_reason,
                    ended_on: r.ended_on,
                    continues: r.continues,
                    previous: r.previous_pair_id,
                    proposed_as_mentor: r.proposed > 0,
                    end_asked: r
                        .end_asked_on
                        .map(|on| (on, r.end_asked_reason.unwrap_or_default())),
                },
            }
        })
        .collect())
}

/// What a pair is, for the journey's checks.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PairFacts {
    pub programme_id: ProgrammeId,
    pub end_kind: Option<EndKind>,
    pub mentee_candidate_id: Option<CandidateId>,
}

#[tracing::instrument(name = "store.journey.facts", skip_all, err(Display))]
pub async fn facts(db: &super::Db, pair: PairId) -> StoreResult<Option<PairFacts>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, PairFacts>(
        "SELECT programme_id, end_kind, mentee_candidate_id FROM pairs WHERE id = $1",
    )
    .bind(pair)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// The mentee's last ended pair that they go on from, to link a new pair
/// to it.
#[tracing::instrument(name = "store.journey.continued_pair", skip_all, err(Display))]
pub async fn continued_pair(tx: &mut Tx, mentee: CandidateId) -> StoreResult<Option<PairId>> {
    let row = on_tx!(tx, conn => sqlx::query_scalar::<_, PairId>(
        "SELECT id FROM pairs WHERE mentee_candidate_id = $1 AND status = 'ended' AND continues = TRUE \
         ORDER BY ended_on DESC, created_at DESC LIMIT 1",
    )
    .bind(mentee)
    .fetch_optional(conn)
    .await)?;
    Ok(row)
}

/// Links a new pair to the one it continues.
#[tracing::instrument(name = "store.journey.link_previous", skip_all, err(Display))]
pub async fn link_previous(tx: &mut Tx, pair: PairId, previous: PairId) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query("UPDATE pairs SET previous_pair_id = $2 WHERE id = $1")
        .bind(pair)
        .bind(previous)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks the mentor candidate made from a completed pair's mentee.
#[tracing::instrument(name = "store.journey.mark_from_pair", skip_all, err(Display))]
pub async fn mark_from_pair(tx: &mut Tx, candidate: CandidateId, pair: PairId) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query("UPDATE candidates SET from_pair_id = $2 WHERE id = $1")
        .bind(candidate)
        .bind(pair)
        .execute(conn)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct WaitingRow {
    pair_id: PairId,
    mentor_id: UserId,
    mentor_name: String,
    mentee_name: String,
    started_on: NaiveDate,
    answer: Option<bool>,
}

/// The pairs a person (as mentor or as mentee) is getting to know, with
/// their own answer so far.
#[tracing::instrument(name = "store.journey.getting_to_know_of", skip_all, err(Display))]
pub async fn getting_to_know_of(db: &super::Db, user: UserId) -> StoreResult<Vec<GettingToKnow>> {
    let sql = format!(
        "SELECT p.id AS pair_id, p.mentor_id, mentor.display_name AS mentor_name, \
         mentee.display_name AS mentee_name, p.started_on, c.go_on AS answer \
         FROM pairs p JOIN users mentor ON mentor.id = p.mentor_id JOIN users mentee ON mentee.id = p.mentee_id \
         LEFT JOIN pair_confirmations c ON c.pair_id = p.id \
         AND c.side = CASE WHEN p.mentor_id = $1 THEN 'mentor' ELSE 'mentee' END \
         WHERE ((p.mentor_id = $1 AND {}) OR (p.mentee_id = $1 AND {})) \
         AND p.status = 'active' AND p.confirmed_on IS NULL \
         ORDER BY p.started_on, p.id",
        super::pairs::MENTOR_MEMBER,
        super::pairs::MENTEE_MEMBER,
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, WaitingRow>(
        &sql
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let side = if r.mentor_id == user {
                Side::Mentor
            } else {
                Side::Mentee
            };
            GettingToKnow {
                pair: r.pair_id,
                side,
                other_name: match side {
                    Side::Mentor => r.mentee_name,
                    Side::Mentee => r.mentor_name,
                },
                started_on: r.started_on,
                answer: r.answer,
            }
        })
        .collect())
}
