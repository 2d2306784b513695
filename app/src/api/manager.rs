//! What a mentor manager does: follow every pair of their programmes.

use super::AppError;
use crate::model::{MeetingLogView, PairId};
use leptos::prelude::*;

/// Every meeting log of the pairs in the programmes the person manages (of
/// one of them if given), newest first.
#[server(endpoint = "manager/logs")]
pub async fn manager_logs(pair: Option<PairId>) -> Result<Vec<MeetingLogView>, AppError> {
    use super::context::*;
    use crate::model::{Role, MANAGER_LOG_LIST};
    respond("manager/logs", async move {
        let (state, user) = require(Role::Manager)?;
        if let Some(pair) = pair {
            let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
                return Err(AppError::Forbidden);
            };
            if !user.manages(access.programme_id) {
                return Err(AppError::Forbidden);
            }
        }
        let db = reads(&state).await;
        let logs =
            crate::store::meetings::of_manager(&db, user.id(), pair, MANAGER_LOG_LIST).await?;
        // Which pairs' logs were read (each once).
        let mut pairs: Vec<String> = logs.iter().map(|l| l.pair_id.to_string()).collect();
        pairs.sort();
        pairs.dedup();
        audit(&state, &user, crate::model::AuditAction::ReadLogs, pairs).await?;
        Ok(logs)
    })
    .await
}
