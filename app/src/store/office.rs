//! Correcting the office's records: removing one (a training, a check-in, a
//! group meeting, a line of the school plan), and a pair's manager and
//! planned end changed with the change kept in the pair's history.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};

/// The programme a record belongs to (`None`: there is no such record).
#[tracing::instrument(name = "store.office.programme_of", skip_all, err(Display))]
pub async fn programme_of(
    db: &super::Db,
    record: OfficeRecord,
) -> StoreResult<Option<ProgrammeId>> {
    let (sql, id) = match record {
        OfficeRecord::Training(id) => (
            "SELECT programme_id FROM trainings WHERE id = $1",
            id.as_uuid(),
        ),
        OfficeRecord::CheckIn(id) => (
            "SELECT programme_id FROM check_ins WHERE id = $1",
            id.as_uuid(),
        ),
        OfficeRecord::GroupMeeting(id) => (
            "SELECT programme_id FROM group_meetings WHERE id = $1",
            id.as_uuid(),
        ),
        OfficeRecord::Measure(programme, _) => (
            "SELECT id AS programme_id FROM programmes WHERE id = $1",
            programme.as_uuid(),
        ),
    };
    let row = on_db!(db, pool => sqlx::query_scalar::<_, ProgrammeId>(sql)
        .bind(ProgrammeId::from_uuid(id))
        .fetch_optional(pool)
        .await)?;
    Ok(row)
}

/// Whether a challenge on a group meeting's agenda was discussed (its
/// mentor was told the outcome).
#[tracing::instrument(name = "store.office.has_discussed", skip_all, err(Display))]
pub async fn has_discussed(db: &super::Db, meeting: GroupMeetingId) -> StoreResult<bool> {
    let n = on_db!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = $1 AND discussed",
    )
    .bind(meeting)
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}

/// Removes a record with what hangs on it (attendance, attendees, agenda);
/// `false` when there was nothing to remove.
#[tracing::instrument(name = "store.office.remove", skip_all, err(Display))]
pub async fn remove(tx: &mut Tx, record: OfficeRecord) -> StoreResult<bool> {
    let removed = on_tx!(tx, conn => {
        let removed = match record {
            OfficeRecord::Training(id) => {
                sqlx::query("DELETE FROM training_attendance WHERE training_id = $1")
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("DELETE FROM trainings WHERE id = $1").bind(id).execute(&mut *conn).await?
            }
            OfficeRecord::CheckIn(id) => {
                sqlx::query("DELETE FROM check_ins WHERE id = $1").bind(id).execute(&mut *conn).await?
            }
            OfficeRecord::GroupMeeting(id) => {
                for sql in [
                    "DELETE FROM agenda_items WHERE meeting_id = $1",
                    "DELETE FROM group_meeting_attendees WHERE meeting_id = $1",
                ] {
                    sqlx::query(sql).bind(id).execute(&mut *conn).await?;
                }
                sqlx::query("DELETE FROM group_meetings WHERE id = $1").bind(id).execute(&mut *conn).await?
            }
            OfficeRecord::Measure(programme, measure) => {
                sqlx::query("DELETE FROM school_measures WHERE programme_id = $1 AND measure = $2")
                    .bind(programme)
                    .bind(i32::from(measure))
                    .execute(&mut *conn)
                    .await?
            }
        };
        Ok::<_, sqlx::Error>(removed.rows_affected() > 0)
    })?;
    Ok(removed)
}

/// A pair's manager and planned end now.
#[tracing::instrument(name = "store.office.pair_now", skip_all, err(Display))]
pub async fn pair_now(
    db: &super::Db,
    pair: PairId,
) -> StoreResult<Option<(UserId, Option<NaiveDate>)>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, (UserId, Option<NaiveDate>)>(
        "SELECT manager_id, planned_end_on FROM pairs WHERE id = $1",
    )
    .bind(pair)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// Changes a pair's manager and planned end, keeping what they were, why
/// and by whom in the pair's history.
#[tracing::instrument(name = "store.office.change_pair", skip_all, err(Display))]
pub async fn change_pair(
    tx: &mut Tx,
    pair: PairId,
    change: &PairChange,
    by: UserId,
) -> StoreResult<()> {
    on_tx!(tx, conn => {
        // Takes the pair's row first (PostgreSQL), so that two changes at
        // once each keep what the other made as their "before".
        sqlx::query("UPDATE pairs SET manager_id = manager_id WHERE id = $1")
            .bind(pair)
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "INSERT INTO pair_changes (id, pair_id, changed_at, changed_by, old_manager_id, new_manager_id, \
             old_planned_end_on, new_planned_end_on, reason) \
             SELECT $1, p.id, $3, $4, p.manager_id, $5, p.planned_end_on, $6, $7 FROM pairs p WHERE p.id = $2",
        )
        .bind(PairChangeId::new())
        .bind(pair)
        .bind(now())
        .bind(by)
        .bind(change.manager)
        .bind(change.planned_end_on)
        .bind(&change.reason)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE pairs SET manager_id = $2, planned_end_on = $3 WHERE id = $1")
            .bind(pair)
            .bind(change.manager)
            .bind(change.planned_end_on)
            .execute(&mut *conn)
            .await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// The changes of a programme's pairs, oldest first.
#[tracing::instrument(name = "store.office.pair_changes", skip_all, err(Display))]
pub async fn pair_changes(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<Vec<(PairId, PairChangeView)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        pair_id: PairId,
        changed_at: DateTime<Utc>,
        changed_by: String,
        old_manager: String,
        new_manager: String,
        old_manager_id: UserId,
        new_manager_id: UserId,
        old_planned_end_on: Option<NaiveDate>,
        new_planned_end_on: NaiveDate,
        reason: String,
    }
    let rows = on_db!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT c.pair_id, c.changed_at, by_whom.display_name AS changed_by, \
         old_m.display_name AS old_manager, new_m.display_name AS new_manager, \
         c.old_manager_id, c.new_manager_id, c.old_planned_end_on, c.new_planned_end_on, c.reason \
         FROM pair_changes c JOIN pairs p ON p.id = c.pair_id \
         JOIN users by_whom ON by_whom.id = c.changed_by \
         JOIN users old_m ON old_m.id = c.old_manager_id JOIN users new_m ON new_m.id = c.new_manager_id \
         WHERE p.programme_id = $1 ORDER BY c.changed_at, c.id",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let view = PairChangeView {
                changed_at: r.changed_at,
                changed_by: r.changed_by,
                manager: (r.old_manager_id != r.new_manager_id)
                    .then_some((r.old_manager, r.new_manager)),
                planned_end: (r.old_planned_end_on != Some(r.new_planned_end_on))
                    .then_some((r.old_planned_end_on, r.new_planned_end_on)),
                reason: r.reason,
            };
            (r.pair_id, view)
        })
        .collect())
}

/// The managers of a programme (by membership), by name.
#[tracing::instrument(name = "store.office.managers", skip_all, err(Display))]
pub async fn managers(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<Vec<(UserId, String)>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, (UserId, String)>(
        "SELECT u.id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.programme_id = $1 AND m.role = 'manager' ORDER BY u.display_name, u.id",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}
