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

/// The mentee asks to end the mentoring, saying why if they wish: their
/// manager sees it at the top of their home until they close the pair.
#[server(endpoint = "mentee/ask-to-end", input = leptos::server_fn::codec::Json)]
pub async fn ask_to_end(pair: crate::model::PairId, reason: String) -> Result<(), AppError> {
    use super::context::*;
    use crate::model::*;
    respond("mentee/ask-to-end", async move {
        let (state, user) = require(Role::Mentee)?;
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        if !access.is_mentee(user.id()) {
            return Err(AppError::Forbidden);
        }
        if access.status == PairStatus::Ended {
            return Err(invalid(FieldErrors::one(Field::Pair, Problem::PairEnded)));
        }
        let reason = end_request_reason(&reason).map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        crate::store::pairs::ask_to_end(&mut tx, pair, today(), &reason).await?;
        tx.commit().await?;
        tracing::info!("a mentee asked to end the mentoring");
        Ok(())
    })
    .await
}
