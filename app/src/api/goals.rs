//! The mentee's goals: made and changed on the mentor's phone (offline, by
//! revisions through the outbox and [`super::sync`]), read by the pair and
//! its manager.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The goals of the person's pairs: as their mentor and as their mentee.
#[server(endpoint = "goals/mine")]
pub async fn my_goals() -> Result<Vec<GoalView>, AppError> {
    use super::context::*;
    respond("goals/mine", async move {
        let (state, user) = (state()?, current_user()?);
        let mut goals = Vec::new();
        if user.has_role(Role::Mentor) {
            goals.extend(crate::store::goals::of_mentor(&state.db, user.id()).await?);
        }
        if user.has_role(Role::Mentee) {
            goals.extend(crate::store::goals::of_mentee(&state.db, user.id()).await?);
        }
        if !user.has_role(Role::Mentor) && !user.has_role(Role::Mentee) {
            return Err(AppError::Forbidden);
        }
        Ok(goals)
    })
    .await
}

/// One pair's goals and their whole history, for a manager of its programme.
#[server(endpoint = "goals/of_pair", input = Json)]
pub async fn goals_of_pair(pair: PairId) -> Result<PairGoals, AppError> {
    use super::context::*;
    respond("goals/of_pair", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, access.programme_id).await?;
        audit(&state, &user, AuditAction::ReadGoals, [pair.to_string()]).await?;
        let (mentor_name, mentee_name) = crate::store::reports::names(&state.db, pair)
            .await?
            .unwrap_or_default();
        Ok(PairGoals {
            pair_id: pair,
            mentor_name,
            mentee_name,
            goals: crate::store::goals::of_pair(&state.db, pair).await?,
            revisions: crate::store::goals::revisions_of_pair(&state.db, pair).await?,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
impl super::sync::Receive for Goal {
    async fn insert(
        tx: &mut crate::store::Tx,
        items: &[crate::store::New<'_, Self>],
    ) -> crate::store::StoreResult<Vec<crate::store::Inserted>> {
        crate::store::goals::insert(tx, items).await
    }
}
