//! What a mentor manager does: follow every pair of their programmes.

use super::AppError;
use crate::model::{LogPage, LogQuery, PairChoice};
use leptos::prelude::*;

/// The pairs of the programmes the person manages, which the log search can
/// be narrowed to (by pair, mentor or mentee). Asked for apart from the
/// logs: a search with problems shows its fields without reading any log.
#[server(endpoint = "manager/log-pairs")]
pub async fn manager_log_pairs() -> Result<Vec<PairChoice>, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("manager/log-pairs", async move {
        let (state, user) = require(Role::Manager)?;
        let db = reads(&state).await;
        Ok(crate::store::pairs::choices_of_manager(&db, user.id()).await?)
    })
    .await
}

/// The meeting logs of the pairs in the programmes the person manages that
/// the search finds, newest first, a page at a time (see [`LogQuery`]).
#[server(endpoint = "manager/logs")]
pub async fn manager_logs(#[server(default)] query: LogQuery) -> Result<LogPage, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("manager/logs", async move {
        let (state, user) = require(Role::Manager)?;
        let filter = query.validate().map_err(invalid)?;
        // A pair named outright must be one of the person's: another's is
        // refused, not shown as an empty list.
        if let Some(pair) = filter.pair {
            let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
                return Err(AppError::Forbidden);
            };
            if !user.manages(access.programme_id) {
                return Err(AppError::Forbidden);
            }
        }
        let db = reads(&state).await;
        let (logs, next) = crate::store::meetings::search(
            &db,
            crate::store::meetings::LogScope::Manager(user.id()),
            &filter,
            crate::model::LOG_PAGE_SIZE,
        )
        .await?;
        // Which pairs' logs were read (each once).
        let mut read: Vec<String> = logs.iter().map(|l| l.pair_id.to_string()).collect();
        read.sort();
        read.dedup();
        audit(&state, &user, crate::model::AuditAction::ReadLogs, read).await?;
        Ok(LogPage {
            logs,
            next: next.map(|cursor| cursor.encode()),
        })
    })
    .await
}
