//! What a coordinator sees: aggregates of their programmes, never the
//! content of a meeting log.

use super::AppError;
use crate::model::ProgrammeStats;
use leptos::prelude::*;

#[server(endpoint = "coordinator/overview")]
pub async fn coordinator_overview() -> Result<Vec<ProgrammeStats>, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("coordinator/overview", async move {
        let (state, user) = require(Role::Coordinator)?;
        Ok(crate::store::meetings::stats_for_coordinator(&state.db, user.id()).await?)
    })
    .await
}
