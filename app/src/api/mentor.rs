//! What a mentor does: see their mentees and logs, and send meeting logs.

use super::AppError;
use crate::model::{
    MeetingLogId, MeetingLogRevision, MeetingLogView, PairId, PairSummary, SyncItem, SyncResult,
};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// How many logs a list shows at most.
pub const LOG_LIST_LIMIT: i64 = 200;

/// The mentor's own pairs.
#[server(endpoint = "mentor/pairs")]
pub async fn mentor_pairs() -> Result<Vec<PairSummary>, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("mentor/pairs", async move {
        let (state, user) = require(Role::Mentor)?;
        Ok(crate::store::pairs::of_mentor(&state.db, user.id()).await?)
    })
    .await
}

/// The mentor's logs, of one of their pairs or of all of them, newest first.
#[server(endpoint = "mentor/logs")]
pub async fn mentor_logs(pair: Option<PairId>) -> Result<Vec<MeetingLogView>, AppError> {
    use super::context::*;
    use crate::model::Role;
    use crate::store::{meetings, pairs};
    respond("mentor/logs", async move {
        let (state, user) = require(Role::Mentor)?;
        if let Some(pair) = pair {
            let owned = pairs::find(&state.db, pair)
                .await?
                .is_some_and(|p| p.is_mentor(user.id()));
            if !owned {
                return Err(AppError::Forbidden);
            }
        }
        Ok(meetings::of_mentor(&state.db, user.id(), pair, LOG_LIST_LIMIT).await?)
    })
    .await
}

/// Receives meeting logs from a phone's outbox. Idempotent and per item:
/// a log sent again is acknowledged and stored once; a different log under a
/// known id is a conflict and overwrites nothing; an invalid log, or one for
/// a pair that is not the mentor's, is rejected with its reasons while the
/// others are stored. The batch is written in one transaction.
#[server(endpoint = "mentor/sync", input = Json)]
pub async fn sync_meeting_logs(items: Vec<SyncItem>) -> Result<Vec<SyncResult>, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("mentor/sync", async move {
        let (state, user) = require(Role::Mentor)?;
        sync::receive(&state, &user, items).await
    })
    .await
}

/// Every version of a meeting log, oldest first: for the manager of the
/// pair's programme, and for the mentor who wrote it.
#[server(endpoint = "logs/history")]
pub async fn log_history(log: MeetingLogId) -> Result<Vec<MeetingLogRevision>, AppError> {
    use super::context::*;
    use crate::store::{meetings, pairs};
    respond("logs/history", async move {
        let (state, user) = (state()?, current_user()?);
        // Anyone else is refused as if the log did not exist.
        let Some(current) = meetings::find(&state.db, log).await? else {
            return Err(AppError::Forbidden);
        };
        let Some(pair) = pairs::find(&state.db, current.pair_id).await? else {
            return Err(AppError::Forbidden);
        };
        if !pair.is_mentor(user.id()) && !user.manages(pair.programme_id) {
            return Err(AppError::Forbidden);
        }
        Ok(meetings::revisions(&state.db, log).await?)
    })
    .await
}

#[cfg(feature = "ssr")]
pub mod sync {
    use super::super::context::{AppState, CurrentUser};
    use super::AppError;
    use crate::model::*;
    use crate::store::meetings::{self, Inserted, NewMeetingLog};
    use crate::store::{self, pairs};
    use std::collections::HashMap;

    pub async fn receive(
        state: &AppState,
        user: &CurrentUser,
        items: Vec<SyncItem>,
    ) -> Result<Vec<SyncResult>, AppError> {
        if items.len() > MAX_SYNC_BATCH {
            return Err(AppError::BadRequest {
                reason: format!("at most {MAX_SYNC_BATCH} logs per request"),
            });
        }
        let own_pairs: HashMap<PairId, PairDates> = pairs::access_of_mentor(&state.db, user.id())
            .await?
            .into_iter()
            .map(|p| (p.id, p.dates()))
            .collect();
        let latest_date = ValidationContext::latest_date_anywhere(store::now());
        // The pair of every goal the batch names: a log may name only its
        // own pair's goals.
        let named: Vec<GoalId> = items
            .iter()
            .flat_map(|item| &item.log.goals)
            .filter_map(|work| GoalId::parse(&work.goal_id).ok())
            .collect();
        let goal_pairs: HashMap<GoalId, PairId> = store::goals::pairs_of(&state.db, &named)
            .await?
            .into_iter()
            .collect();

        // Check every item first; only valid ones go to the database.
        let checked: Vec<Result<MeetingLog, FieldErrors>> = items
            .iter()
            .map(|item| {
                if !revision_in_range(item.revision) {
                    return Err(FieldErrors::one(Field::Log, Problem::OutOfRange));
                }
                let pair = PairId::parse(&item.log.pair_id)
                    .ok()
                    .and_then(|id| own_pairs.get(&id).copied());
                if pair.is_none() {
                    return Err(FieldErrors::one(Field::Pair, Problem::NotYourPair));
                }
                let log = item
                    .log
                    .validate(&ValidationContext { latest_date, pair })?;
                if log.content_hash() != item.content_hash {
                    return Err(FieldErrors::one(Field::Log, Problem::ContentDamaged));
                }
                let foreign = log
                    .goals()
                    .iter()
                    .any(|(goal, _)| goal_pairs.get(goal) != Some(&log.pair_id()));
                if foreign {
                    return Err(FieldErrors::one(Field::Goals, Problem::UnknownGoal));
                }
                Ok(log)
            })
            .collect();

        let new_logs: Vec<NewMeetingLog> = items
            .iter()
            .zip(&checked)
            .filter_map(|(item, check)| {
                // The hash was checked against the log above.
                check.as_ref().ok().map(|log| NewMeetingLog {
                    id: item.id,
                    revision: item.revision,
                    author: user.id(),
                    log,
                    content_hash: &item.content_hash,
                })
            })
            .collect();
        let mut tx = state.db.begin().await?;
        let mut inserted = meetings::insert(&mut tx, &new_logs).await?.into_iter();
        tx.commit().await?;

        // `insert` answers once per log it was given, in the same order.
        let rejected = |problem| SyncOutcome::Rejected {
            errors: FieldErrors::one(Field::Log, problem),
        };
        let results: Vec<SyncResult> = items
            .iter()
            .zip(checked)
            .map(|(item, check)| SyncResult {
                id: item.id,
                outcome: match check {
                    Err(errors) => SyncOutcome::Rejected { errors },
                    Ok(_) => match inserted.next() {
                        Some(Inserted::New) => SyncOutcome::Stored,
                        Some(Inserted::Again) => SyncOutcome::AlreadyStored,
                        Some(Inserted::MissingRevision) => rejected(Problem::MissingRevision),
                        Some(Inserted::Withdrawn) => rejected(Problem::Withdrawn),
                        Some(Inserted::Conflict | Inserted::Taken) | None => SyncOutcome::Conflict,
                    },
                },
            })
            .collect();
        let stored = results
            .iter()
            .filter(|r| r.outcome == SyncOutcome::Stored)
            .count();
        tracing::info!(mentor = %user.id(), received = items.len(), stored, "meeting logs synced");
        Ok(results)
    }
}
