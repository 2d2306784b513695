//! Safeguarding concerns: sent from the mentor's phone before anything
//! else (through [`super::sync`]), read by the pair's programme managers and its organisation's
//! coordinators only (every read recorded), acknowledged by a manager, who
//! records the actions taken. The mentor sees that it was acknowledged.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

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
impl super::sync::Receive for Concern {
    async fn insert(
        tx: &mut crate::store::Tx,
        items: &[crate::store::New<'_, Self>],
    ) -> crate::store::StoreResult<Vec<crate::store::Inserted>> {
        crate::store::concerns::insert(tx, items).await
    }

    /// The managers and coordinators hear of a new concern at once, by an
    /// email queued with it (naming nobody).
    async fn stored(
        state: &super::context::AppState,
        tx: &mut crate::store::Tx,
        concern: &Self,
    ) -> crate::store::StoreResult<bool> {
        use crate::store::notifications;
        tracing::warn!(pair = %concern.pair_id(), "safeguarding concern raised");
        if !state.settings.mail_enabled {
            return Ok(false);
        }
        let origin = super::context::site_origin(&state.settings);
        for (id, email, language) in
            notifications::concern_recipients(tx, concern.pair_id()).await?
        {
            let lang = crate::i18n::Lang::from_code(&language).unwrap_or_default();
            let (subject, body) = crate::render::mail::concern(lang, &origin, concern.pair_id());
            notifications::queue_email(
                tx,
                &notifications::Email {
                    user: Some(id),
                    to: email,
                    subject,
                    body,
                },
            )
            .await?;
        }
        Ok(true)
    }
}
