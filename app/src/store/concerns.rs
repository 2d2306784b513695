//! Safeguarding concerns: stored once under the phone's id (never changed),
//! acknowledged by a manager, with the actions taken.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};

pub use super::{Inserted, New};

/// Stores concerns: new, the same again (nothing new), or a conflict (a
/// different concern, or another person's, under this id).
#[tracing::instrument(name = "store.concerns.insert", skip_all, err(Display))]
pub async fn insert(tx: &mut Tx, items: &[New<'_, Concern>]) -> StoreResult<Vec<Inserted>> {
    let mut outcomes = Vec::with_capacity(items.len());
    for item in items {
        let id = ConcernId::from_uuid(item.id);
        let concern = item.record;
        let outcome = on_tx!(tx, conn => {
            let stored: Option<(String, UserId)> =
                sqlx::query_as("SELECT content_hash, author_id FROM concerns WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            match stored {
                Some((hash, author)) if hash == item.content_hash && author == item.author => Inserted::Again,
                Some(_) => Inserted::Conflict,
                None => {
                    sqlx::query(
                        "INSERT INTO concerns (id, pair_id, author_id, about, happened, done, log_id, content_hash, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(id)
                    .bind(concern.pair_id())
                    .bind(item.author)
                    .bind(concern.about())
                    .bind(concern.happened())
                    .bind(concern.done())
                    .bind(concern.log_id())
                    .bind(item.content_hash)
                    .bind(now())
                    .execute(&mut *conn)
                    .await?;
                    Inserted::New
                }
            }
        });
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

#[derive(sqlx::FromRow)]
struct ConcernRow {
    id: ConcernId,
    pair_id: PairId,
    programme_id: ProgrammeId,
    mentor_name: String,
    mentee_name: String,
    about: ConcernAbout,
    happened: String,
    done: String,
    raised_at: DateTime<Utc>,
    acknowledged_by: Option<String>,
    acknowledged_at: Option<DateTime<Utc>>,
}

const VIEW: &str = "SELECT c.id, c.pair_id, p.programme_id, mentor.display_name AS mentor_name, \
     mentee.display_name AS mentee_name, c.about, c.happened, c.done, c.created_at AS raised_at, \
     ack.display_name AS acknowledged_by, c.acknowledged_at \
     FROM concerns c JOIN pairs p ON p.id = c.pair_id \
     JOIN users mentor ON mentor.id = p.mentor_id JOIN users mentee ON mentee.id = p.mentee_id \
     LEFT JOIN users ack ON ack.id = c.acknowledged_by";

async fn views(db: &super::Db, rows: Vec<ConcernRow>) -> StoreResult<Vec<ConcernView>> {
    #[derive(sqlx::FromRow)]
    struct ActionRow {
        concern_id: ConcernId,
        kind: ConcernActionKind,
        details: String,
        taken_on: NaiveDate,
        recorded_by: String,
    }
    let mut actions: Vec<ActionRow> = Vec::new();
    for row in &rows {
        let of_one = on_db!(db, pool => sqlx::query_as::<_, ActionRow>(
            "SELECT a.concern_id, a.kind, a.details, a.taken_on, u.display_name AS recorded_by \
             FROM concern_actions a JOIN users u ON u.id = a.recorded_by \
             WHERE a.concern_id = $1 ORDER BY a.taken_on, a.created_at",
        )
        .bind(row.id)
        .fetch_all(pool)
        .await)?;
        actions.extend(of_one);
    }
    Ok(rows
        .into_iter()
        .map(|r| ConcernView {
            actions: actions
                .iter()
                .filter(|a| a.concern_id == r.id)
                .map(|a| ConcernActionView {
                    kind: a.kind,
                    details: a.details.clone(),
                    taken_on: a.taken_on,
                    recorded_by: a.recorded_by.clone(),
                })
                .collect(),
            id: r.id,
            pair_id: r.pair_id,
            programme_id: r.programme_id,
            mentor_name: r.mentor_name,
            mentee_name: r.mentee_name,
            about: r.about,
            happened: r.happened,
            done: r.done,
            raised_at: r.raised_at,
            acknowledged_by: r.acknowledged_by,
            acknowledged_at: r.acknowledged_at,
        })
        .collect())
}

/// A pair's concerns, those not acknowledged first, then newest first.
#[tracing::instrument(name = "store.concerns.of_pair", skip_all, err(Display))]
pub async fn of_pair(db: &super::Db, pair: PairId) -> StoreResult<Vec<ConcernView>> {
    let sql = format!(
        "{VIEW} WHERE c.pair_id = $1 \
         ORDER BY CASE WHEN c.acknowledged_at IS NULL THEN 0 ELSE 1 END, c.created_at DESC"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, ConcernRow>(&sql)
        .bind(pair)
        .fetch_all(pool)
        .await)?;
    views(db, rows).await
}

/// The concerns of an organisation's programmes not acknowledged yet, and
/// the newest acknowledged (for its coordinators), at most `limit`.
#[tracing::instrument(name = "store.concerns.of_organisations", skip_all, err(Display))]
pub async fn of_coordinator(
    db: &super::Db,
    coordinator: UserId,
    limit: i64,
) -> StoreResult<Vec<ConcernView>> {
    let sql = format!(
        "{VIEW} WHERE p.programme_id IN (SELECT pr.id FROM programmes pr WHERE pr.organisation_id IN \
           (SELECT p2.organisation_id FROM programmes p2 JOIN memberships m ON m.programme_id = p2.id \
            WHERE m.user_id = $1 AND m.role = 'coordinator')) \
         ORDER BY CASE WHEN c.acknowledged_at IS NULL THEN 0 ELSE 1 END, c.created_at DESC LIMIT $2"
    );
    let rows = on_db!(db, pool => sqlx::query_as::<_, ConcernRow>(&sql)
        .bind(coordinator)
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    views(db, rows).await
}

/// The pair of a concern.
#[tracing::instrument(name = "store.concerns.pair_of", skip_all, err(Display))]
pub async fn pair_of(db: &super::Db, concern: ConcernId) -> StoreResult<Option<(PairId, UserId)>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, (PairId, UserId)>(
        "SELECT pair_id, author_id FROM concerns WHERE id = $1",
    )
    .bind(concern)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// Acknowledges a concern once; false if it was acknowledged before.
#[tracing::instrument(name = "store.concerns.acknowledge", skip_all, err(Display))]
pub async fn acknowledge(tx: &mut Tx, concern: ConcernId, by: UserId) -> StoreResult<bool> {
    let changed = on_tx!(tx, conn => sqlx::query(
        "UPDATE concerns SET acknowledged_at = $2, acknowledged_by = $3 WHERE id = $1 AND acknowledged_at IS NULL",
    )
    .bind(concern)
    .bind(now())
    .bind(by)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(changed == 1)
}

#[tracing::instrument(name = "store.concerns.add_action", skip_all, err(Display))]
pub async fn add_action(
    tx: &mut Tx,
    concern: ConcernId,
    action: &ConcernAction,
    by: UserId,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO concern_actions (id, concern_id, kind, details, taken_on, recorded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(ConcernActionId::new())
    .bind(concern)
    .bind(action.kind)
    .bind(&action.details)
    .bind(action.taken_on)
    .bind(by)
    .bind(now())
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The concerns `mentor` raised, newest first: whom about and whether they
/// were acknowledged, not what they said.
#[tracing::instrument(name = "store.concerns.of_author", skip_all, err(Display))]
pub async fn of_author(db: &super::Db, mentor: UserId) -> StoreResult<Vec<MyConcern>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: ConcernId,
        mentee_name: String,
        about: ConcernAbout,
        raised_at: DateTime<Utc>,
        acknowledged_at: Option<DateTime<Utc>>,
    }
    let rows = on_db!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT c.id, mentee.display_name AS mentee_name, c.about, c.created_at AS raised_at, c.acknowledged_at \
         FROM concerns c JOIN pairs p ON p.id = c.pair_id JOIN users mentee ON mentee.id = p.mentee_id \
         WHERE c.author_id = $1 ORDER BY c.created_at DESC",
    )
    .bind(mentor)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| MyConcern {
            id: r.id,
            mentee_name: r.mentee_name,
            about: r.about,
            raised_at: r.raised_at,
            acknowledged_at: r.acknowledged_at,
        })
        .collect())
}
