//! Safeguarding concerns: sent from the mentor's phone before anything
//! else, read by the pair's programme managers and its organisation's
//! coordinators only (every read recorded), acknowledged by a manager, who
//! records the actions taken. The mentor sees that it was acknowledged.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Receives concerns from a phone's outbox with the meeting logs' protocol
/// (stored, already stored, conflict, rejected with reasons). The managers
/// and coordinators hear of a new one at once, by email.
#[server(endpoint = "concerns/sync", input = Json)]
pub async fn sync_concerns(
    items: Vec<ConcernSyncItem>,
) -> Result<Vec<ConcernSyncResult>, AppError> {
    use super::context::*;
    respond("concerns/sync", async move {
        let (state, user) = require(Role::Mentor)?;
        sync::receive(&state, &user, items).await
    })
    .await
}

/// The concerns of a pair, for its programme's managers and coordinators;
/// each read is recorded in the audit trail.
#[server(endpoint = "concerns/of_pair", input = Json)]
pub async fn concerns_of_pair(pair: PairId) -> Result<PairConcerns, AppError> {
    use super::context::*;
    use crate::store::audit::{self, AuditAction};
    respond("concerns/of_pair", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        let (_, how) = programme_access(&state, &user, access.programme_id).await?;
        let concerns = crate::store::concerns::of_pair(&state.db, pair).await?;
        let ip = client_ip();
        for concern in &concerns {
            audit::record(
                &state.db,
                Some(user.id()),
                AuditAction::ReadConcern,
                &concern.id.to_string(),
                &ip,
            )
            .await?;
        }
        let (mentor_name, mentee_name) = crate::store::reports::names(&state.db, pair)
            .await?
            .unwrap_or_default();
        Ok(PairConcerns {
            pair_id: pair,
            programme_id: access.programme_id,
            mentor_name,
            mentee_name,
            may_act: how == ProgrammeAccess::Manager,
            concerns,
        })
    })
    .await
}

/// A manager of the pair's programme acknowledges a concern (once): the
/// mentor is told.
#[server(endpoint = "concerns/acknowledge", input = Json)]
pub async fn acknowledge_concern(concern: ConcernId) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::{concerns, notifications};
    respond("concerns/acknowledge", async move {
        let (state, user) = (state()?, current_user()?);
        let (pair, author) = concern_pair(&state, concern).await?;
        manager_of(&state, &user, pair.programme_id).await?;
        let mut tx = state.db.begin().await?;
        if !concerns::acknowledge(&mut tx, concern, user.id()).await? {
            return Err(invalid(FieldErrors::one(
                Field::Concern,
                Problem::AlreadyUsed,
            )));
        }
        notifications::add_event(
            &mut tx,
            author,
            EventKind::ConcernAcknowledged,
            concern.as_uuid(),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(%concern, "concern acknowledged");
        Ok(())
    })
    .await
}

/// A manager of the pair's programme records an action taken.
#[server(endpoint = "concerns/action", input = Json)]
pub async fn add_concern_action(
    concern: ConcernId,
    input: ConcernActionInput,
) -> Result<(), AppError> {
    use super::context::*;
    respond("concerns/action", async move {
        let (state, user) = (state()?, current_user()?);
        let (pair, _) = concern_pair(&state, concern).await?;
        manager_of(&state, &user, pair.programme_id).await?;
        let action = input.validate(today()).map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        crate::store::concerns::add_action(&mut tx, concern, &action, user.id()).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The concerns the mentor raised: whom about, when, and whether they were
/// acknowledged.
#[server(endpoint = "concerns/mine")]
pub async fn my_concerns() -> Result<Vec<MyConcern>, AppError> {
    use super::context::*;
    respond("concerns/mine", async move {
        let (state, user) = require(Role::Mentor)?;
        Ok(crate::store::concerns::of_author(&state.db, user.id()).await?)
    })
    .await
}

/// A concern's pair, for the permission checks (anyone may be refused as
/// if it did not exist).
#[cfg(feature = "ssr")]
async fn concern_pair(
    state: &super::context::AppState,
    concern: ConcernId,
) -> Result<(crate::store::pairs::PairAccess, UserId), AppError> {
    let Some((pair, author)) = crate::store::concerns::pair_of(&state.db, concern).await? else {
        return Err(AppError::Forbidden);
    };
    let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
        return Err(AppError::Forbidden);
    };
    Ok((access, author))
}

#[cfg(feature = "ssr")]
pub mod sync {
    use super::super::context::{site_origin, AppState, CurrentUser};
    use super::AppError;
    use crate::model::*;
    use crate::store::concerns::{self, Inserted, NewConcern};
    use crate::store::{notifications, pairs};

    pub async fn receive(
        state: &AppState,
        user: &CurrentUser,
        items: Vec<ConcernSyncItem>,
    ) -> Result<Vec<ConcernSyncResult>, AppError> {
        if items.len() > MAX_SYNC_BATCH {
            return Err(AppError::BadRequest {
                reason: format!("at most {MAX_SYNC_BATCH} concerns per request"),
            });
        }
        let own: Vec<PairId> = pairs::access_of_mentor(&state.db, user.id())
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        let origin = site_origin(&state.settings);
        let mut results = Vec::with_capacity(items.len());
        for item in items {
            let checked = item.concern.validate().and_then(|concern| {
                if !own.contains(&concern.pair_id()) {
                    return Err(FieldErrors::one(Field::Pair, Problem::NotYourPair));
                }
                if concern.content_hash() != item.content_hash {
                    return Err(FieldErrors::one(Field::Log, Problem::ContentDamaged));
                }
                Ok(concern)
            });
            let outcome = match checked {
                Err(errors) => ConcernOutcome::Rejected { errors },
                Ok(concern) => {
                    // The concern and the emails that tell of it go together.
                    let mut tx = state.db.begin().await?;
                    let inserted = concerns::insert(
                        &mut tx,
                        &NewConcern {
                            id: item.id,
                            author: user.id(),
                            concern: &concern,
                            content_hash: &item.content_hash,
                        },
                    )
                    .await?;
                    if inserted == Inserted::New && state.settings.mail_enabled {
                        for (id, email, language) in
                            notifications::concern_recipients(&mut tx, concern.pair_id()).await?
                        {
                            let lang = crate::i18n::Lang::from_code(&language).unwrap_or_default();
                            let mail = super::super::notifications::mail::concern(
                                lang,
                                &origin,
                                concern.pair_id(),
                            );
                            notifications::queue_email(
                                &mut tx,
                                &notifications::Email {
                                    user: Some(id),
                                    to: email,
                                    subject: mail.0,
                                    body: mail.1,
                                },
                            )
                            .await?;
                        }
                    }
                    tx.commit().await?;
                    match inserted {
                        Inserted::New => {
                            tracing::warn!(concern = %item.id, "safeguarding concern raised");
                            state.mail_wakeup.notify_one();
                            ConcernOutcome::Stored
                        }
                        Inserted::Again => ConcernOutcome::AlreadyStored,
                        _ => ConcernOutcome::Conflict,
                    }
                }
            };
            results.push(ConcernSyncResult {
                id: item.id,
                outcome,
            });
        }
        Ok(results)
    }
}
