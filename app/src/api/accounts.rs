//! A person's own account (`/account`): their sessions and their password;
//! and a manager signing a mentor or mentee out of every device (a lost
//! phone). Every change is in the audit trail.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The length of a session's id as the list shows it: the start of the
/// token's hash (the token itself never leaves the cookie).
#[cfg(feature = "ssr")]
const SESSION_ID_LEN: usize = 16;

/// The hash of this request's session token.
#[cfg(feature = "ssr")]
fn current_token_hash(state: &super::context::AppState) -> Option<String> {
    use super::auth::session::{hash_token, token_from_cookies};
    let cookies = super::context::request_cookies()?;
    token_from_cookies(&state.settings, &cookies).map(|t| hash_token(&t))
}

/// The person's sessions, this one first.
#[server(endpoint = "account/sessions", input = Json)]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    use super::context::*;
    respond("account/sessions", async move {
        let (state, user) = (state()?, current_user()?);
        let current = current_token_hash(&state);
        let mut views: Vec<SessionView> = crate::store::sessions::of_user(&state.db, user.id())
            .await?
            .into_iter()
            .map(|row| SessionView {
                id: row.token_hash[..SESSION_ID_LEN.min(row.token_hash.len())].to_string(),
                current: current.as_deref() == Some(row.token_hash.as_str()),
                device: row.device,
                started_at: row.created_at,
                last_used_at: row.last_seen_at,
            })
            .collect();
        views.sort_by_key(|v| !v.current);
        Ok(views)
    })
    .await
}

/// Ends one of the person's own sessions (`id` from [`my_sessions`]), or
/// every one but this (`id` empty). How many ended.
#[server(endpoint = "account/sign_out", input = Json)]
pub async fn sign_out_sessions(id: String) -> Result<u64, AppError> {
    use super::context::*;
    respond("account/sign_out", async move {
        let (state, user) = (state()?, current_user()?);
        let current = current_token_hash(&state);
        let ended = if id.is_empty() {
            crate::store::sessions::delete_of_user(&state.db, user.id(), current.as_deref()).await?
        } else {
            let sessions = crate::store::sessions::of_user(&state.db, user.id()).await?;
            let chosen = sessions
                .iter()
                .find(|s| id.len() == SESSION_ID_LEN && s.token_hash.starts_with(&id))
                .ok_or(AppError::NotFound)?;
            crate::store::sessions::delete(&state.db, &chosen.token_hash).await?;
            1
        };
        audit(
            &state,
            &user,
            AuditAction::SessionsEnded,
            [user.id().to_string()],
        )
        .await?;
        Ok(ended)
    })
    .await
}

/// Changes the person's password (the current one typed again); every
/// other session of theirs ends.
#[server(endpoint = "account/password", input = Json)]
pub async fn change_password(input: PasswordChangeInput) -> Result<(), AppError> {
    use super::context::*;
    respond("account/password", async move {
        let (state, user) = (state()?, current_user()?);
        input.validate().map_err(invalid)?;
        if crate::model::breached::is_breached(&input.new) {
            return Err(invalid(FieldErrors::one(
                Field::NewPassword,
                Problem::BreachedPassword,
            )));
        }
        let row = crate::store::users::find_user(&state.db, user.id())
            .await?
            .ok_or(AppError::Unauthenticated)?;
        // Waits its turn among the logins' hashes (see `AppState::hashing`).
        let _hashing = state
            .hashing
            .acquire()
            .await
            .map_err(|_| AppError::Internal)?;
        if !super::auth::session::verify_password(row.password_hash, &input.current).await {
            audit(
                &state,
                &user,
                AuditAction::LoginFailed,
                [user.id().to_string()],
            )
            .await?;
            return Err(invalid(FieldErrors::one(
                Field::CurrentPassword,
                Problem::WrongPassword,
            )));
        }
        let hash = super::auth::session::hash_password(&input.new)
            .await
            .map_err(|e| invalid(FieldErrors::one(Field::NewPassword, e.problem())))?;
        crate::store::users::set_password(&state.db, user.id(), &hash).await?;
        let keep = current_token_hash(&state);
        crate::store::sessions::delete_of_user(&state.db, user.id(), keep.as_deref()).await?;
        audit(
            &state,
            &user,
            AuditAction::PasswordChanged,
            [user.id().to_string()],
        )
        .await?;
        tracing::info!(user = %user.id(), "password changed");
        Ok(())
    })
    .await
}

/// Signs a mentor or mentee out of every device (a lost phone): their
/// manager, or their organisation's coordinator. Their phone's data then
/// opens only with its app PIN. How many sessions ended.
#[server(endpoint = "account/sign_out_person", input = Json)]
pub async fn sign_out_person(person: UserId) -> Result<u64, AppError> {
    use super::context::*;
    respond("account/sign_out_person", async move {
        let (state, user) = (state()?, current_user()?);
        if person == user.id() {
            return Err(AppError::Forbidden);
        }
        let theirs = crate::store::users::memberships(&state.db, person).await?;
        let mut allowed = false;
        for m in theirs
            .iter()
            .filter(|m| matches!(m.role, Role::Mentor | Role::Mentee))
        {
            if user.manages(m.programme_id) {
                allowed = true;
                break;
            }
            let view = crate::store::programmes::find(&state.db, m.programme_id).await?;
            if let Some(view) = view {
                if coordinates(&state, &user, view.organisation_id).await? {
                    allowed = true;
                    break;
                }
            }
        }
        if !allowed {
            return Err(AppError::Forbidden);
        }
        let ended = crate::store::sessions::delete_of_user(&state.db, person, None).await?;
        audit(
            &state,
            &user,
            AuditAction::SessionsEnded,
            [person.to_string()],
        )
        .await?;
        tracing::info!(%person, ended, "signed out of every device");
        Ok(ended)
    })
    .await
}
