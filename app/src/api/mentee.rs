//! What a mentee sees: who mentors them. Never the mentor's meeting logs.

use super::AppError;
use crate::model::MenteePair;
use leptos::prelude::*;

#[server(endpoint = "mentee/home")]
pub async fn mentee_home() -> Result<Vec<MenteePair>, AppError> {
    use super::context::*;
    use crate::model::Role;
    respond("mentee/home", async move {
        let (state, user) = require(Role::Mentee)?;
        Ok(crate::store::pairs::of_mentee(&state.db, user.id()).await?)
    })
    .await
}
