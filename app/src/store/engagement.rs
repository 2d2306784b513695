//! The school engagement plan of a programme.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::NaiveDate;

#[derive(sqlx::FromRow)]
struct MeasureRow {
    measure: i32,
    state: MeasureState,
    reason: String,
    owner: String,
    due_on: Option<NaiveDate>,
}

/// The measures the school has decided on, in catalogue order.
#[tracing::instrument(name = "store.engagement.plan", skip_all, err(Display))]
pub async fn plan(db: &super::Db, programme: ProgrammeId) -> StoreResult<Vec<MeasurePlan>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, MeasureRow>(
        "SELECT measure, state, reason, owner, due_on FROM school_measures \
         WHERE programme_id = $1 ORDER BY measure",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| MeasurePlan {
            measure: r.measure.clamp(1, MEASURES as i32) as u8,
            state: r.state,
            reason: r.reason,
            owner: r.owner,
            due_on: r.due_on,
        })
        .collect())
}

/// Records one measure's line (replacing what was there).
#[tracing::instrument(name = "store.engagement.save", skip_all, err(Display))]
pub async fn save(
    tx: &mut Tx,
    programme: ProgrammeId,
    plan: &MeasurePlan,
    by: UserId,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO school_measures (programme_id, measure, state, reason, owner, due_on, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (programme_id, measure) DO UPDATE SET state = excluded.state, reason = excluded.reason, \
         owner = excluded.owner, due_on = excluded.due_on, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
    )
    .bind(programme)
    .bind(plan.measure as i32)
    .bind(plan.state)
    .bind(&plan.reason)
    .bind(&plan.owner)
    .bind(plan.due_on)
    .bind(now())
    .bind(by)
    .execute(conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
