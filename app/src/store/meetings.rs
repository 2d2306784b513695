//! Meeting logs (Tool 2) and the aggregates built from them.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;

const VIEW: &str = "SELECT l.id, l.pair_id, mentor.display_name AS mentor_name, \
     mentee.display_name AS mentee_name, l.meeting_date AS date, l.form, l.duration_minutes, \
     l.description, l.went_well_next_steps, l.challenge_text AS challenge, l.created_at \
     FROM meeting_logs l \
     JOIN pairs p ON p.id = l.pair_id \
     JOIN users mentor ON mentor.id = p.mentor_id \
     JOIN users mentee ON mentee.id = p.mentee_id";

const NEWEST_FIRST: &str = "ORDER BY l.meeting_date DESC, l.created_at DESC, l.id DESC";

/// The logs of a mentor's pairs (of one pair if given), newest first.
#[tracing::instrument(name = "store.meetings.of_mentor", skip_all, err(Display))]
pub async fn of_mentor(
    db: &super::Db,
    mentor: UserId,
    pair: Option<PairId>,
    limit: i64,
) -> StoreResult<Vec<MeetingLogView>> {
    let rows = match pair {
        Some(pair) => {
            let sql =
                format!("{VIEW} WHERE p.mentor_id = $1 AND l.pair_id = $2 {NEWEST_FIRST} LIMIT $3");
            on_db!(db, pool => sqlx::query_as::<_, MeetingLogView>(&sql)
                .bind(mentor)
                .bind(pair)
                .bind(limit)
                .fetch_all(pool)
                .await)?
        }
        None => {
            let sql = format!("{VIEW} WHERE p.mentor_id = $1 {NEWEST_FIRST} LIMIT $2");
            on_db!(db, pool => sqlx::query_as::<_, MeetingLogView>(&sql)
                .bind(mentor)
                .bind(limit)
                .fetch_all(pool)
                .await)?
        }
    };
    Ok(rows)
}

/// The logs of every pair in the programmes the person manages, newest first.
#[tracing::instrument(name = "store.meetings.of_manager", skip_all, err(Display))]
pub async fn of_manager(
    db: &super::Db,
    manager: UserId,
    limit: i64,
) -> StoreResult<Vec<MeetingLogView>> {
    let sql = format!(
        "{VIEW} WHERE p.programme_id IN \
         (SELECT programme_id FROM memberships WHERE user_id = $1 AND role = 'manager') \
         {NEWEST_FIRST} LIMIT $2"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, MeetingLogView>(&sql)
        .bind(manager)
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    Ok(rows)
}

/// A checked log on its way into the database.
pub struct NewMeetingLog<'a> {
    pub id: MeetingLogId,
    pub author: UserId,
    pub log: &'a MeetingLog,
    pub content_hash: &'a str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// Stored now.
    New,
    /// The same log (same id, author and content) was stored before.
    Again,
    /// Another log is stored under this id; it was left as it was.
    Conflict,
}

/// Stores logs by their client-made ids: a replay stores nothing new, a
/// different log under a known id is reported and never overwrites.
#[tracing::instrument(name = "store.meetings.insert", skip_all, err(Display))]
pub async fn insert(tx: &mut Tx, items: &[NewMeetingLog<'_>]) -> StoreResult<Vec<Inserted>> {
    let mut outcomes = Vec::with_capacity(items.len());
    for item in items {
        let at = now();
        let log = item.log;
        let challenge = log.challenge();
        let stored = on_tx!(tx, conn => {
            let inserted = sqlx::query(
                "INSERT INTO meeting_logs (id, pair_id, author_id, meeting_date, form, duration_minutes, \
                 description, went_well_next_steps, has_challenge, challenge_text, content_hash, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(item.id)
            .bind(log.pair_id())
            .bind(item.author)
            .bind(log.date())
            .bind(log.form())
            .bind(log.duration_minutes() as i32)
            .bind(log.description())
            .bind(log.went_well_next_steps())
            .bind(challenge.is_some())
            .bind(challenge)
            .bind(item.content_hash)
            .bind(at)
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if inserted == 1 {
                Inserted::New
            } else {
                let existing: Option<(String, UserId)> =
                    sqlx::query_as("SELECT content_hash, author_id FROM meeting_logs WHERE id = $1")
                        .bind(item.id)
                        .fetch_optional(&mut *conn)
                        .await?;
                match existing {
                    Some((hash, author)) if hash == item.content_hash && author == item.author => Inserted::Again,
                    _ => Inserted::Conflict,
                }
            }
        });
        if stored == Inserted::New {
            super::goals::record_work(tx, item.id, log.goals()).await?;
        }
        outcomes.push(stored);
    }
    Ok(outcomes)
}

#[tracing::instrument(name = "store.meetings.count", skip_all, err(Display))]
pub async fn count(db: &super::Db) -> StoreResult<i64> {
    let n = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM meeting_logs").fetch_one(pool).await)?;
    Ok(n)
}

/// Aggregates of the programmes the person coordinates: counts, never content.
#[tracing::instrument(name = "store.meetings.stats_for_coordinator", skip_all, err(Display))]
pub async fn stats_for_coordinator(
    db: &super::Db,
    coordinator: UserId,
) -> StoreResult<Vec<ProgrammeStats>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, ProgrammeStats>(
        "SELECT pr.id AS programme_id, pr.name AS programme_name, o.name AS organisation_name, \
         (SELECT COUNT(*) FROM pairs p WHERE p.programme_id = pr.id AND p.status = 'active' \
            AND p.confirmed_on IS NOT NULL) AS active_pairs, \
         (SELECT COUNT(*) FROM pairs p WHERE p.programme_id = pr.id AND p.status = 'ended') AS ended_pairs, \
         (SELECT COUNT(DISTINCT p.mentor_id) FROM pairs p WHERE p.programme_id = pr.id) AS mentors, \
         (SELECT COUNT(DISTINCT p.mentee_id) FROM pairs p WHERE p.programme_id = pr.id) AS mentees, \
         (SELECT COUNT(*) FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id WHERE p.programme_id = pr.id) AS meetings, \
         (SELECT COALESCE(SUM(l.duration_minutes), 0) FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id \
            WHERE p.programme_id = pr.id) AS meeting_minutes, \
         (SELECT COUNT(*) FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id \
            WHERE p.programme_id = pr.id AND l.has_challenge) AS meetings_with_challenge \
         FROM programmes pr JOIN organisations o ON o.id = pr.organisation_id \
         WHERE pr.id IN (SELECT programme_id FROM memberships WHERE user_id = $1 AND role = 'coordinator') \
         ORDER BY o.name, pr.name",
    )
    .bind(coordinator)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}
