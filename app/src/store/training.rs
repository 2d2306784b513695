//! Training sessions, attendance, and the self-assessment (its items and
//! each mentor's scores before and after).

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct TrainingRow {
    id: TrainingId,
    held_on: NaiveDate,
    format: TrainingFormat,
    topic: String,
    starts_at: Option<chrono::NaiveTime>,
    minutes: Option<i32>,
    place: String,
}

/// A programme's training sessions, newest first, with who attended.
#[tracing::instrument(name = "store.training.of_programme", skip_all, err(Display))]
pub async fn of_programme(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<Vec<TrainingView>> {
    let (rows, attendance) = on_db!(db, pool => {
        let rows = sqlx::query_as::<_, TrainingRow>(
            "SELECT id, held_on, format, topic, starts_at, minutes, place FROM trainings \
             WHERE programme_id = $1 ORDER BY held_on DESC, id",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        let attendance = sqlx::query_as::<_, (TrainingId, CandidateId)>(
            "SELECT a.training_id, a.candidate_id FROM training_attendance a \
             JOIN trainings t ON t.id = a.training_id WHERE t.programme_id = $1",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        Ok::<_, sqlx::Error>((rows, attendance))
    })?;
    Ok(rows
        .into_iter()
        .map(|r| TrainingView {
            id: r.id,
            session: TrainingSession {
                held_on: r.held_on,
                format: r.format,
                topic: r.topic,
                schedule: Schedule {
                    starts_at: r.starts_at,
                    minutes: r.minutes.map(|m| m.max(0) as u32),
                    place: r.place,
                },
            },
            attended: attendance
                .iter()
                .filter(|(t, _)| *t == r.id)
                .map(|(_, c)| *c)
                .collect(),
        })
        .collect())
}

/// The programme a training belongs to, and its date.
#[tracing::instrument(name = "store.training.find", skip_all, err(Display))]
pub async fn find(db: &super::Db, id: TrainingId) -> StoreResult<Option<(ProgrammeId, NaiveDate)>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, (ProgrammeId, NaiveDate)>(
        "SELECT programme_id, held_on FROM trainings WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

#[tracing::instrument(name = "store.training.create", skip_all, err(Display))]
pub async fn create(
    tx: &mut Tx,
    programme: ProgrammeId,
    session: &TrainingSession,
    by: UserId,
) -> StoreResult<TrainingId> {
    let id = TrainingId::new();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO trainings (id, programme_id, held_on, format, topic, created_by, created_at, \
         starts_at, minutes, place) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(programme)
    .bind(session.held_on)
    .bind(session.format)
    .bind(&session.topic)
    .bind(by)
    .bind(now())
    .bind(session.schedule.starts_at)
    .bind(session.schedule.minutes.map(|m| m as i32))
    .bind(&session.schedule.place)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(id)
}

/// Corrects a training's date, format and topic (who attended stays).
#[tracing::instrument(name = "store.training.update", skip_all, err(Display))]
pub async fn update(tx: &mut Tx, id: TrainingId, session: &TrainingSession) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE trainings SET held_on = $2, format = $3, topic = $4, starts_at = $5, minutes = $6, \
         place = $7 WHERE id = $1",
    )
    .bind(id)
    .bind(session.held_on)
    .bind(session.format)
    .bind(&session.topic)
    .bind(session.schedule.starts_at)
    .bind(session.schedule.minutes.map(|m| m as i32))
    .bind(&session.schedule.place)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces who attended a training.
#[tracing::instrument(name = "store.training.set_attendance", skip_all, err(Display))]
pub async fn set_attendance(
    tx: &mut Tx,
    training: TrainingId,
    attended: &[CandidateId],
) -> StoreResult<()> {
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM training_attendance WHERE training_id = $1")
            .bind(training)
            .execute(&mut *conn)
            .await?;
        for candidate in attended {
            sqlx::query("INSERT INTO training_attendance (training_id, candidate_id) VALUES ($1, $2)")
                .bind(training)
                .bind(*candidate)
                .execute(&mut *conn)
                .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: SelfAssessmentItemId,
    position: i32,
    text: String,
}

const ITEMS: &str =
    "SELECT id, position, text FROM self_assessment_items WHERE programme_id = $1 ORDER BY position, id";

impl From<ItemRow> for SelfAssessmentItem {
    fn from(r: ItemRow) -> Self {
        SelfAssessmentItem {
            id: r.id,
            position: r.position.max(0) as u32,
            text: r.text,
        }
    }
}

/// The self-assessment questionnaire of a programme, in order.
#[tracing::instrument(name = "store.training.items", skip_all, err(Display))]
pub async fn items(db: &super::Db, programme: ProgrammeId) -> StoreResult<Vec<SelfAssessmentItem>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, ItemRow>(ITEMS)
        .bind(programme)
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// [`items`], inside a transaction that may have just created them.
#[tracing::instrument(name = "store.training.items_in", skip_all, err(Display))]
pub async fn items_in(tx: &mut Tx, programme: ProgrammeId) -> StoreResult<Vec<SelfAssessmentItem>> {
    let rows = on_tx!(tx, conn => sqlx::query_as::<_, ItemRow>(ITEMS)
        .bind(programme)
        .fetch_all(conn)
        .await)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Adds an item at the end of the questionnaire.
#[tracing::instrument(name = "store.training.add_item", skip_all, err(Display))]
pub async fn add_item(
    db: &super::Db,
    programme: ProgrammeId,
    text: &str,
) -> StoreResult<SelfAssessmentItemId> {
    let id = SelfAssessmentItemId::new();
    on_db!(db, pool => sqlx::query(
        "INSERT INTO self_assessment_items (id, programme_id, position, text) VALUES ($1, $2, \
         (SELECT COALESCE(MAX(position), 0) + 1 FROM self_assessment_items WHERE programme_id = $2), $3)",
    )
    .bind(id)
    .bind(programme)
    .bind(text)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(id)
}

#[tracing::instrument(name = "store.training.rename_item", skip_all, err(Display))]
pub async fn rename_item(db: &super::Db, id: SelfAssessmentItemId, text: &str) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query("UPDATE self_assessment_items SET text = $2 WHERE id = $1")
        .bind(id)
        .bind(text)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes an item and the answers given to it.
#[tracing::instrument(name = "store.training.remove_item", skip_all, err(Display))]
pub async fn remove_item(db: &super::Db, id: SelfAssessmentItemId) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query("DELETE FROM self_assessment_items WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The programme an item belongs to.
#[tracing::instrument(name = "store.training.item_programme", skip_all, err(Display))]
pub async fn item_programme(
    db: &super::Db,
    id: SelfAssessmentItemId,
) -> StoreResult<Option<ProgrammeId>> {
    let row = on_db!(db, pool => sqlx::query_scalar::<_, ProgrammeId>(
        "SELECT programme_id FROM self_assessment_items WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// Records a mentor's scores at one moment (replacing earlier ones).
#[tracing::instrument(name = "store.training.save_self_assessment", skip_all, err(Display))]
pub async fn save_self_assessment(
    tx: &mut Tx,
    candidate: CandidateId,
    moment: Moment,
    scores: &[(SelfAssessmentItemId, u32)],
    by: UserId,
) -> StoreResult<()> {
    let at = now();
    on_tx!(tx, conn => {
        for (item, score) in scores {
            sqlx::query(
                "INSERT INTO self_assessments (candidate_id, item_id, moment, score, recorded_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (candidate_id, item_id, moment) \
                 DO UPDATE SET score = excluded.score, recorded_by = excluded.recorded_by, \
                 recorded_at = excluded.recorded_at",
            )
            .bind(candidate)
            .bind(*item)
            .bind(moment)
            .bind(*score as i32)
            .bind(by)
            .bind(at)
            .execute(&mut *conn)
            .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Every mentor candidate's scores, before and after, item by item in the
/// questionnaire's order.
#[tracing::instrument(name = "store.training.self_assessments", skip_all, err(Display))]
pub async fn self_assessments(
    db: &super::Db,
    programme: ProgrammeId,
    items: &[SelfAssessmentItem],
) -> StoreResult<Vec<SelfAssessmentRow>> {
    let (mentors, scores) = on_db!(db, pool => {
        let mentors = sqlx::query_as::<_, (CandidateId, String)>(
            "SELECT id, name FROM candidates WHERE programme_id = $1 AND kind = 'mentor' \
             AND stage <> 'dropped' ORDER BY name, id",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        let scores = sqlx::query_as::<_, (CandidateId, SelfAssessmentItemId, Moment, i32)>(
            "SELECT s.candidate_id, s.item_id, s.moment, s.score FROM self_assessments s \
             JOIN candidates c ON c.id = s.candidate_id WHERE c.programme_id = $1",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        Ok::<_, sqlx::Error>((mentors, scores))
    })?;
    let score = |c: CandidateId, i: SelfAssessmentItemId, m: Moment| {
        scores
            .iter()
            .find(|(sc, si, sm, _)| *sc == c && *si == i && *sm == m)
            .map(|(_, _, _, s)| (*s).max(0) as u32)
    };
    Ok(mentors
        .into_iter()
        .map(|(candidate, name)| SelfAssessmentRow {
            candidate,
            name,
            scores: items
                .iter()
                .map(|item| {
                    (
                        score(candidate, item.id, Moment::Before),
                        score(candidate, item.id, Moment::After),
                    )
                })
                .collect(),
        })
        .collect())
}
