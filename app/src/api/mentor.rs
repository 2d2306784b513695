//! What a mentor does: see their mentees and logs (which they send through
//! [`super::sync`]).

use super::AppError;
use crate::model::{LogPage, MeetingLogId, MeetingLogRevision, PairId, PairSummary};
use leptos::prelude::*;

/// The mentor's own pairs.
#[server(endpoint = "mentor/pairs")]
pub async fn mentor_pairs() -> Result<Vec<PairSummary>, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("mentor/pairs", async move {
        let (state, user) = require(Role::Mentor)?;
        Ok(crate::store::pairs::of_mentor(&reads(&state).await, user.id()).await?)
    })
    .await
}

/// The mentor's logs (of one of their pairs, or of all), newest first,
/// [`CACHED_LOGS`](crate::model::limits::CACHED_LOGS) at a time from where
/// the last page ended (`after`, a [`LogCursor`](crate::model::LogCursor)):
/// the first page is what the phone keeps for offline reading. Two plain
/// arguments, not the office's whole search: this call is in the code of
/// the mentor's first page.
#[server(endpoint = "mentor/logs")]
pub async fn mentor_logs(
    #[server(default)] pair: Option<PairId>,
    #[server(default)] after: Option<String>,
) -> Result<LogPage, AppError> {
    use super::context::*;
    use crate::model::limits::CACHED_LOGS;
    use crate::model::{LogQuery, Role};
    use crate::store::meetings::{self, LogScope};
    use crate::store::pairs;
    respond("mentor/logs", async move {
        let (state, user) = require(Role::Mentor)?;
        let query = LogQuery {
            after: after.unwrap_or_default(),
            ..LogQuery::default()
        };
        let mut filter = query.validate().map_err(invalid)?;
        filter.pair = pair;
        if let Some(pair) = filter.pair {
            let owned = pairs::find(&state.db, pair)
                .await?
                .is_some_and(|p| p.is_mentor(user.id()));
            if !owned {
                return Err(AppError::Forbidden);
            }
        }
        let db = reads(&state).await;
        let (logs, next) =
            meetings::search(&db, LogScope::Mentor(user.id()), &filter, CACHED_LOGS).await?;
        Ok(LogPage {
            logs,
            next: next.map(|cursor| cursor.encode()),
        })
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
        // (The pair's mentor while they still mentor in its programme.)
        let mentor = pair.is_mentor(user.id());
        let manager = user.manages(pair.programme_id);
        if !mentor && !manager {
            return Err(AppError::Forbidden);
        }
        let revisions = meetings::revisions(&state.db, log).await?;
        if !mentor {
            audit(
                &state,
                &user,
                crate::model::AuditAction::ReadLogs,
                [pair.id.to_string()],
            )
            .await?;
        }
        Ok(revisions)
    })
    .await
}

#[cfg(feature = "ssr")]
mod receive {
    use super::super::sync::Receive;
    use crate::model::*;
    use crate::store::{self, Db, Inserted, New, StoreResult, Tx};
    use std::collections::HashMap;

    impl Receive for MeetingLog {
        /// A log may name only its own pair's goals (a goal sent in the
        /// same request is stored before the logs are checked).
        async fn check_stored(db: &Db, logs: &[&Self]) -> StoreResult<Vec<Option<Reasons>>> {
            let named: Vec<GoalId> = logs
                .iter()
                .flat_map(|log| log.goals().iter().map(|(goal, _)| *goal))
                .collect();
            let goal_pairs: HashMap<GoalId, PairId> = store::goals::pairs_of(db, &named)
                .await?
                .into_iter()
                .collect();
            Ok(logs
                .iter()
                .map(|log| {
                    let foreign = log
                        .goals()
                        .iter()
                        .any(|(goal, _)| goal_pairs.get(goal) != Some(&log.pair_id()));
                    foreign.then(|| Reasons::at(Field::Goals.key(), Problem::UnknownGoal))
                })
                .collect())
        }

        async fn insert(tx: &mut Tx, items: &[New<'_, Self>]) -> StoreResult<Vec<Inserted>> {
            store::meetings::insert(tx, items).await
        }
    }
}
