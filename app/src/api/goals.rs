//! The mentee's goals: made and changed on the mentor's phone (offline, by
//! revisions through the outbox), read by the pair and its manager.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Receives goal revisions from a phone's outbox, per item like meeting
/// logs: stored, already stored, conflict (another change of the same
/// revision is stored; nothing overwritten) or rejected with its reasons.
#[server(endpoint = "goals/sync", input = Json)]
pub async fn sync_goals(items: Vec<GoalSyncItem>) -> Result<Vec<GoalSyncResult>, AppError> {
    use super::context::*;
    respond("goals/sync", async move {
        let (state, user) = require(Role::Mentor)?;
        sync::receive(&state, &user, items).await
    })
    .await
}

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
pub mod sync {
    use super::super::context::{AppState, CurrentUser};
    use super::AppError;
    use crate::model::*;
    use crate::store::goals::{self, Inserted, NewGoal};
    use crate::store::{self, pairs};
    use std::collections::HashMap;

    pub async fn receive(
        state: &AppState,
        user: &CurrentUser,
        items: Vec<GoalSyncItem>,
    ) -> Result<Vec<GoalSyncResult>, AppError> {
        if items.len() > MAX_SYNC_BATCH {
            return Err(AppError::BadRequest {
                reason: format!("at most {MAX_SYNC_BATCH} goals per request"),
            });
        }
        let own_pairs: HashMap<PairId, PairDates> = pairs::access_of_mentor(&state.db, user.id())
            .await?
            .into_iter()
            .map(|p| (p.id, p.dates()))
            .collect();
        let latest_date = ValidationContext::latest_date_anywhere(store::now());
        let checked: Vec<Result<Goal, FieldErrors>> = items
            .iter()
            .map(|item| {
                if !revision_in_range(item.revision) {
                    return Err(FieldErrors::one(Field::Goal, Problem::OutOfRange));
                }
                let pair = PairId::parse(&item.goal.pair_id)
                    .ok()
                    .and_then(|id| own_pairs.get(&id).copied());
                if pair.is_none() {
                    return Err(FieldErrors::one(Field::Pair, Problem::NotYourPair));
                }
                let goal = item
                    .goal
                    .validate(&ValidationContext { latest_date, pair })?;
                if goal.content_hash() != item.content_hash {
                    return Err(FieldErrors::one(Field::Goal, Problem::ContentDamaged));
                }
                Ok(goal)
            })
            .collect();

        let new_goals: Vec<NewGoal> = items
            .iter()
            .zip(&checked)
            .filter_map(|(item, check)| {
                check.as_ref().ok().map(|goal| NewGoal {
                    id: item.id,
                    revision: item.revision,
                    author: user.id(),
                    goal,
                    content_hash: &item.content_hash,
                })
            })
            .collect();
        let mut tx = state.db.begin().await?;
        let mut inserted = goals::insert(&mut tx, &new_goals).await?.into_iter();
        tx.commit().await?;

        let rejected = |problem| GoalOutcome::Rejected {
            errors: FieldErrors::one(Field::Goal, problem),
        };
        let results: Vec<GoalSyncResult> = items
            .iter()
            .zip(checked)
            .map(|(item, check)| GoalSyncResult {
                id: item.id,
                revision: item.revision,
                outcome: match check {
                    Err(errors) => GoalOutcome::Rejected { errors },
                    Ok(_) => match inserted.next() {
                        Some(Inserted::New) => GoalOutcome::Stored,
                        Some(Inserted::Again) => GoalOutcome::AlreadyStored,
                        Some(Inserted::MissingRevision) => rejected(Problem::MissingRevision),
                        Some(Inserted::Withdrawn) => rejected(Problem::Withdrawn),
                        Some(Inserted::Conflict | Inserted::Taken) | None => GoalOutcome::Conflict,
                    },
                },
            })
            .collect();
        let stored = results
            .iter()
            .filter(|r| r.outcome == GoalOutcome::Stored)
            .count();
        tracing::info!(mentor = %user.id(), received = items.len(), stored, "goals synced");
        Ok(results)
    }
}
