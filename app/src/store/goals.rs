//! The mentee's goals: the latest revision of each, every revision for the
//! history, and the progress the meeting logs record.

use super::{now, on_db, on_tx, revision_rule, StoreResult, Tx};
use crate::model::*;

pub use super::{Inserted, New, Write};

/// Stores goal revisions: revision 1 makes the goal, revision n + 1 changes
/// a goal at revision n; a replay stores nothing new.
#[tracing::instrument(name = "store.goals.insert", skip_all, err(Display))]
pub async fn insert(tx: &mut Tx, items: &[New<'_, Goal>]) -> StoreResult<Vec<Inserted>> {
    let mut outcomes = Vec::with_capacity(items.len());
    for item in items {
        let id = GoalId::from_uuid(item.id);
        let goal = item.record;
        let at = now();
        let revision = item.revision as i32;
        let outcome = on_tx!(tx, conn => {
            let stored: Option<(String, UserId)> = sqlx::query_as(
                "SELECT content_hash, author_id FROM goal_revisions WHERE goal_id = $1 AND revision = $2",
            )
            .bind(id)
            .bind(revision)
            .fetch_optional(&mut *conn)
            .await?;
            let current: Option<(PairId, i32, Option<String>)> = sqlx::query_as(
                "SELECT pair_id, revision, withdrawn_reason FROM goals WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let rule = revision_rule(
                stored.as_ref().map(|(hash, author)| (hash.as_str(), *author)),
                current.as_ref().map(|(pair, latest, withdrawn)| (*pair, *latest, withdrawn.is_some())),
                (goal.pair_id(), revision, item.content_hash, item.author),
            );
            match rule {
                Err(outcome) => outcome,
                Ok(write) => {
                    let changed = if write == Write::Create {
                        sqlx::query(
                            "INSERT INTO goals (id, pair_id, revision, what, why, first_steps, target_date, \
                             withdrawn_reason, content_hash, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (id) DO NOTHING",
                        )
                        .bind(id)
                        .bind(goal.pair_id())
                        .bind(revision)
                        .bind(goal.what())
                        .bind(goal.why())
                        .bind(goal.first_steps())
                        .bind(goal.target_date())
                        .bind(goal.withdrawn_reason())
                        .bind(item.content_hash)
                        .bind(at)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected()
                    } else {
                        // Only from the revision read above: a change made
                        // meanwhile by another request wins, this one conflicts.
                        sqlx::query(
                            "UPDATE goals SET revision = $2, what = $3, why = $4, first_steps = $5, \
                             target_date = $6, withdrawn_reason = $7, content_hash = $8, updated_at = $9 \
                             WHERE id = $1 AND revision = $2 - 1",
                        )
                        .bind(id)
                        .bind(revision)
                        .bind(goal.what())
                        .bind(goal.why())
                        .bind(goal.first_steps())
                        .bind(goal.target_date())
                        .bind(goal.withdrawn_reason())
                        .bind(item.content_hash)
                        .bind(at)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected()
                    };
                    if changed == 1 {
                        sqlx::query(
                            "INSERT INTO goal_revisions (goal_id, revision, author_id, what, why, first_steps, \
                             target_date, withdrawn_reason, content_hash, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                        )
                        .bind(id)
                        .bind(revision)
                        .bind(item.author)
                        .bind(goal.what())
                        .bind(goal.why())
                        .bind(goal.first_steps())
                        .bind(goal.target_date())
                        .bind(goal.withdrawn_reason())
                        .bind(item.content_hash)
                        .bind(at)
                        .execute(&mut *conn)
                        .await?;
                        Inserted::New
                    } else {
                        Inserted::Conflict
                    }
                }
            }
        });
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// The goals, with the progress of the latest meeting that worked on each.
const VIEW: &str = "SELECT g.id, g.pair_id, g.revision, g.what, g.why, g.first_steps, g.target_date, \
     g.withdrawn_reason, \
     COALESCE((SELECT lg.progress FROM meeting_log_goals lg JOIN meeting_logs l ON l.id = lg.log_id \
        WHERE lg.goal_id = g.id AND l.withdrawn_reason IS NULL ORDER BY l.meeting_date DESC, l.created_at DESC LIMIT 1), 'not_started') AS progress, \
     (SELECT l.meeting_date FROM meeting_log_goals lg JOIN meeting_logs l ON l.id = lg.log_id \
        WHERE lg.goal_id = g.id AND l.withdrawn_reason IS NULL ORDER BY l.meeting_date DESC, l.created_at DESC LIMIT 1) AS progress_on, \
     g.updated_at \
     FROM goals g JOIN pairs p ON p.id = g.pair_id";

const ORDER: &str = "ORDER BY g.withdrawn_reason IS NOT NULL, g.target_date, g.created_at, g.id";

/// The goals of every pair of a mentor.
#[tracing::instrument(name = "store.goals.of_mentor", skip_all, err(Display))]
pub async fn of_mentor(db: &super::Db, mentor: UserId) -> StoreResult<Vec<GoalView>> {
    let sql = format!(
        "{VIEW} WHERE p.mentor_id = $1 AND {} {ORDER}",
        super::pairs::MENTOR_MEMBER
    );
    let rows =
        on_db!(db, pool => sqlx::query_as::<_, GoalView>(&sql).bind(mentor).fetch_all(pool).await)?;
    Ok(rows)
}

/// The goals of every pair of a mentee.
#[tracing::instrument(name = "store.goals.of_mentee", skip_all, err(Display))]
pub async fn of_mentee(db: &super::Db, mentee: UserId) -> StoreResult<Vec<GoalView>> {
    let sql = format!(
        "{VIEW} WHERE p.mentee_id = $1 AND {} {ORDER}",
        super::pairs::MENTEE_MEMBER
    );
    let rows =
        on_db!(db, pool => sqlx::query_as::<_, GoalView>(&sql).bind(mentee).fetch_all(pool).await)?;
    Ok(rows)
}

/// The goals of one pair.
#[tracing::instrument(name = "store.goals.of_pair", skip_all, err(Display))]
pub async fn of_pair(db: &super::Db, pair: PairId) -> StoreResult<Vec<GoalView>> {
    let sql = format!("{VIEW} WHERE g.pair_id = $1 {ORDER}");
    let rows =
        on_db!(db, pool => sqlx::query_as::<_, GoalView>(&sql).bind(pair).fetch_all(pool).await)?;
    Ok(rows)
}

/// Every revision of a pair's goals, each goal's oldest first.
#[tracing::instrument(name = "store.goals.revisions_of_pair", skip_all, err(Display))]
pub async fn revisions_of_pair(db: &super::Db, pair: PairId) -> StoreResult<Vec<GoalRevisionView>> {
    let rows = on_db!(db, pool => sqlx::query_as::<_, GoalRevisionView>(
        "SELECT r.goal_id, r.revision, r.what, r.why, r.first_steps, r.target_date, r.withdrawn_reason, \
         u.display_name AS author_name, r.created_at \
         FROM goal_revisions r JOIN goals g ON g.id = r.goal_id JOIN users u ON u.id = r.author_id \
         WHERE g.pair_id = $1 ORDER BY r.goal_id, r.revision",
    )
    .bind(pair)
    .fetch_all(pool)
    .await)?;
    Ok(rows)
}

/// The pair of each of these goals that exists.
#[tracing::instrument(name = "store.goals.pairs_of", skip_all, err(Display))]
pub async fn pairs_of(db: &super::Db, goals: &[GoalId]) -> StoreResult<Vec<(GoalId, PairId)>> {
    let mut found = Vec::with_capacity(goals.len());
    // A log names a few goals: one query each is enough and portable.
    for goal in goals {
        let row = on_db!(db, pool => sqlx::query_as::<_, (GoalId, PairId)>(
            "SELECT id, pair_id FROM goals WHERE id = $1",
        )
        .bind(goal)
        .fetch_optional(pool)
        .await)?;
        found.extend(row);
    }
    Ok(found)
}

/// Records the goals a new meeting log worked on.
pub(super) async fn record_work(
    tx: &mut Tx,
    log: MeetingLogId,
    goals: &[(GoalId, GoalProgress)],
) -> StoreResult<()> {
    for (goal, progress) in goals {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO meeting_log_goals (log_id, goal_id, progress) VALUES ($1, $2, $3)",
        )
        .bind(log)
        .bind(goal)
        .bind(progress)
        .execute(&mut *conn)
        .await
        .map(|_| ()))?;
    }
    Ok(())
}

#[tracing::instrument(name = "store.goals.count", skip_all, err(Display))]
pub async fn count(db: &super::Db) -> StoreResult<i64> {
    let n =
        on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM goals").fetch_one(pool).await)?;
    Ok(n)
}
