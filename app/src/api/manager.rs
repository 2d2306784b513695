//! What a mentor manager does: follow every pair of their programmes.

use super::AppError;
use crate::model::MeetingLogView;
use leptos::prelude::*;

/// Every meeting log of the pairs in the programmes the person manages,
/// newest first.
#[server(endpoint = "manager/logs")]
pub async fn manager_logs() -> Result<Vec<MeetingLogView>, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("manager/logs", async move {
        let (state, user) = require(Role::Manager)?;
        Ok(crate::store::meetings::of_manager(&state.db, user.id(), 500).await?)
    })
    .await
}
