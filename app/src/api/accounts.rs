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

/// The current password, typed again to confirm a change of the account:
/// a wrong one is in the audit trail as a failed login and is the form's
/// problem on the current password's field.
#[cfg(feature = "ssr")]
pub(crate) async fn confirm_current_password(
    state: &super::context::AppState,
    user: &super::context::CurrentUser,
    typed: &str,
) -> Result<(), AppError> {
    use super::context::{audit, invalid};
    if super::auth::session::password_matches(state, user.id(), typed).await? {
        return Ok(());
    }
    audit(
        state,
        user,
        AuditAction::LoginFailed,
        [user.id().to_string()],
    )
    .await?;
    Err(invalid(FieldErrors::one(
        Field::CurrentPassword,
        Problem::WrongPassword,
    )))
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
        confirm_current_password(&state, &user, &input.current).await?;
        let hash =
            super::auth::session::hash_new_password(&state, &input.new, Field::NewPassword).await?;
        let mut tx = state.db.begin().await?;
        crate::store::users::set_password(&mut tx, user.id(), &hash).await?;
        tx.commit().await?;
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

/// Whether `user` looks after `person`'s account: a mentor's or mentee's
/// manager or coordinator, a manager's coordinator (never oneself).
#[cfg(feature = "ssr")]
async fn looks_after(
    state: &super::context::AppState,
    user: &super::context::CurrentUser,
    person: UserId,
) -> Result<bool, AppError> {
    use super::context::coordinates;
    if person == user.id() {
        return Ok(false);
    }
    for m in crate::store::users::memberships(&state.db, person).await? {
        let by_manager = matches!(m.role, Role::Mentor | Role::Mentee);
        if by_manager && user.manages(m.programme_id) {
            return Ok(true);
        }
        if m.role == Role::Coordinator {
            continue;
        }
        if let Some(view) = crate::store::programmes::find(&state.db, m.programme_id).await? {
            if coordinates(state, user, view.organisation_id).await? {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Signs a mentor or mentee out of every device (a lost phone): their
/// manager, or their organisation's coordinator (who may sign out a
/// manager too). Their phone's data then
/// opens only with its app PIN. How many sessions ended.
#[server(endpoint = "account/sign_out_person", input = Json)]
pub async fn sign_out_person(person: UserId) -> Result<u64, AppError> {
    use super::context::*;
    respond("account/sign_out_person", async move {
        let (state, user) = (state()?, current_user()?);
        if !looks_after(&state, &user, person).await? {
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

/// The link of `token` for `purpose` that still works, or not found.
#[cfg(feature = "ssr")]
async fn open_link(
    state: &super::context::AppState,
    token: &str,
    purpose: LinkPurpose,
) -> Result<(String, crate::store::account_links::LinkRow), AppError> {
    let hash = super::auth::session::link_token_hash(token).ok_or(AppError::NotFound)?;
    let row = crate::store::account_links::find(&state.db, &hash, purpose)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((hash, row))
}

/// Asks for a link to set a new password, emailed to `email` if an
/// account logs in with it. The answer is the same whether or not one
/// does (and when the server sends no email): nobody learns from it who
/// has an account. At most [`RESET_EMAILS_PER_HOUR`] emails an hour go to
/// one account; each address is limited like a login.
#[server(endpoint = "account/forgot", input = Json)]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::{account_links, notifications, users};
    respond("account/forgot", async move {
        let state = state()?;
        let email = users::normalise_email(&email);
        if !crate::model::valid_email(&email) {
            return Err(invalid(FieldErrors::one(Field::Email, Problem::NotAnEmail)));
        }
        super::auth::session::take_address_bucket(
            &state,
            &super::auth::session::address_of(&client_ip()),
        )?;
        let Some(person) = users::find_user_by_email(&state.db, &email).await? else {
            return Ok(());
        };
        let can_log_in = person.password_hash.is_some() && person.erased_at.is_none();
        if !can_log_in || !users::has_email(&person.email) || !state.settings.mail_enabled {
            return Ok(());
        }
        let since = crate::store::now() - chrono::Duration::hours(1);
        if account_links::asked_since(&state.db, person.id, LinkPurpose::Reset, since).await?
            >= RESET_EMAILS_PER_HOUR
        {
            tracing::warn!(user = %person.id, "reset email not sent: enough this hour");
            return Ok(());
        }
        let token = super::auth::session::new_token();
        let hash = super::auth::session::hash_token(&token);
        let lang = crate::i18n::Lang::from_code(&person.language).unwrap_or_default();
        let (subject, body) =
            crate::render::mail::password_reset(lang, &site_origin(&state.settings), &token);
        let mut tx = state.db.begin().await?;
        account_links::create(
            &mut tx,
            &account_links::NewLink {
                token_hash: &hash,
                user: person.id,
                purpose: LinkPurpose::Reset,
                new_email: None,
                made_by: None,
                expires_at: crate::store::now() + chrono::Duration::minutes(RESET_LINK_MINUTES),
            },
        )
        .await?;
        notifications::queue_email(
            &mut tx,
            &notifications::Email {
                user: Some(person.id),
                to: person.email,
                subject,
                body,
            },
        )
        .await?;
        tx.commit().await?;
        state.mail_wakeup.notify_one();
        tracing::info!(user = %person.id, "reset link emailed");
        Ok(())
    })
    .await
}

/// Makes a one-time link for a person one looks after (see `looks_after`)
/// to set a new password: for someone who reads no email, handed over face
/// to face (its QR code) like an invitation. In the audit trail.
#[server(endpoint = "account/reset_link", input = Json)]
pub async fn make_reset_link(person: UserId) -> Result<OneTimeLink, AppError> {
    use super::context::*;
    use crate::store::{account_links, users};
    respond("account/reset_link", async move {
        let (state, user) = (state()?, current_user()?);
        if !looks_after(&state, &user, person).await? {
            return Err(AppError::Forbidden);
        }
        let row = users::find_user(&state.db, person)
            .await?
            .filter(|r| r.erased_at.is_none())
            .ok_or(AppError::NotFound)?;
        if row.password_hash.is_none() {
            return Err(invalid(FieldErrors::one(Field::Password, Problem::NoLogin)));
        }
        let token = super::auth::session::new_token();
        let expires_at = crate::store::now() + chrono::Duration::hours(MANAGER_RESET_LINK_HOURS);
        let mut tx = state.db.begin().await?;
        account_links::create(
            &mut tx,
            &account_links::NewLink {
                token_hash: &super::auth::session::hash_token(&token),
                user: person,
                purpose: LinkPurpose::Reset,
                new_email: None,
                made_by: Some(user.id()),
                expires_at,
            },
        )
        .await?;
        tx.commit().await?;
        audit(
            &state,
            &user,
            AuditAction::ResetLinkMade,
            [person.to_string()],
        )
        .await?;
        let path = format!("/reset/{token}");
        let link = format!("{}{path}", site_origin(&state.settings));
        Ok(OneTimeLink {
            qr_svg: super::invitations::qr_svg(&link),
            path,
            expires_at,
        })
    })
    .await
}

/// Whose password a reset link sets; not found once used or expired.
#[server(endpoint = "account/reset_open", input = Json)]
pub async fn open_reset_link(token: String) -> Result<ResetDetails, AppError> {
    use super::context::*;
    respond("account/reset_open", async move {
        let state = state()?;
        let (_, row) = open_link(&state, &token, LinkPurpose::Reset).await?;
        Ok(ResetDetails {
            name: row.display_name,
            email: row.email,
        })
    })
    .await
}

/// Sets a new password with a reset link, once: every session of the
/// person ends, every other reset link of theirs stops working, and they
/// are logged in here (after their second step, when they have one).
#[server(endpoint = "account/reset", input = Json)]
pub async fn reset_password(token: String, input: NewPasswordInput) -> Result<Identity, AppError> {
    use super::context::*;
    use crate::store::{account_links, sessions, users};
    respond("account/reset", async move {
        let state = state()?;
        let (hash, row) = open_link(&state, &token, LinkPurpose::Reset).await?;
        input.validate().map_err(invalid)?;
        let password =
            super::auth::session::hash_new_password(&state, &input.new, Field::NewPassword).await?;
        let mut tx = state.db.begin().await?;
        if !account_links::use_once(&mut tx, &hash, row.user_id, LinkPurpose::Reset).await? {
            return Err(AppError::NotFound);
        }
        users::set_password(&mut tx, row.user_id, &password).await?;
        tx.commit().await?;
        sessions::delete_of_user(&state.db, row.user_id, None).await?;
        crate::store::audit::record(
            &state.db,
            Some(row.user_id),
            AuditAction::PasswordReset,
            &row.user_id.to_string(),
            &client_ip(),
        )
        .await?;
        tracing::info!(user = %row.user_id, "password reset with a link");
        // A link opens the account no further than a password does: its
        // second step is still asked.
        if let Some(step) = crate::store::two_step::second_step_of(&state.db, row.user_id).await? {
            super::auth::session::challenge(&state, row.user_id).await?;
            return Err(AppError::SecondStep { step });
        }
        super::auth::session::start(&state, row.user_id, request_cookies().as_deref(), true).await
    })
    .await
}

/// Asks to change one's email address (the current password typed again):
/// a link goes to the new address, and the change is made when it is
/// opened (see [`confirm_email`]). Needs the server to send email.
#[server(endpoint = "account/email", input = Json)]
pub async fn change_email(input: EmailChangeInput) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::{account_links, notifications, users};
    respond("account/email", async move {
        let (state, user) = (state()?, current_user()?);
        let email = input.validate().map_err(invalid)?;
        if !state.settings.mail_enabled {
            return Err(invalid(FieldErrors::one(Field::Email, Problem::MailOff)));
        }
        confirm_current_password(&state, &user, &input.current).await?;
        let row = users::find_user(&state.db, user.id())
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if users::find_user_by_email(&state.db, &email)
            .await?
            .is_some()
        {
            return Err(invalid(FieldErrors::one(
                Field::Email,
                Problem::AlreadyUsed,
            )));
        }
        let token = super::auth::session::new_token();
        let lang = crate::i18n::Lang::from_code(&row.language).unwrap_or_default();
        let (subject, body) =
            crate::render::mail::email_confirmation(lang, &site_origin(&state.settings), &token);
        let mut tx = state.db.begin().await?;
        account_links::create(
            &mut tx,
            &account_links::NewLink {
                token_hash: &super::auth::session::hash_token(&token),
                user: user.id(),
                purpose: LinkPurpose::Email,
                new_email: Some(&email),
                made_by: None,
                expires_at: crate::store::now() + chrono::Duration::hours(EMAIL_LINK_HOURS),
            },
        )
        .await?;
        notifications::queue_email(
            &mut tx,
            &notifications::Email {
                user: Some(user.id()),
                to: email,
                subject,
                body,
            },
        )
        .await?;
        tx.commit().await?;
        state.mail_wakeup.notify_one();
        Ok(())
    })
    .await
}

/// The new address a confirmation link is for; not found once used or
/// expired.
#[server(endpoint = "account/email_open", input = Json)]
pub async fn email_change_details(token: String) -> Result<String, AppError> {
    use super::context::*;
    respond("account/email_open", async move {
        let state = state()?;
        let (_, row) = open_link(&state, &token, LinkPurpose::Email).await?;
        row.new_email.ok_or(AppError::NotFound)
    })
    .await
}

/// Confirms a new email address with the link sent to it, once: the
/// person logs in with it from now on, every other session of theirs ends
/// (this one stays, if it is theirs), and the old address is told.
#[server(endpoint = "account/email_confirm", input = Json)]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    use super::context::*;
    use crate::store::{account_links, notifications, sessions, users};
    respond("account/email_confirm", async move {
        let state = state()?;
        let (hash, row) = open_link(&state, &token, LinkPurpose::Email).await?;
        let new_email = row.new_email.clone().ok_or(AppError::NotFound)?;
        let person = users::find_user(&state.db, row.user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut tx = state.db.begin().await?;
        if !account_links::use_once(&mut tx, &hash, row.user_id, LinkPurpose::Email).await? {
            return Err(AppError::NotFound);
        }
        users::set_email(&mut tx, row.user_id, &new_email)
            .await
            .map_err(|e| match e {
                crate::store::StoreError::Duplicate(_) => {
                    invalid(FieldErrors::one(Field::Email, Problem::AlreadyUsed))
                }
                other => other.into(),
            })?;
        if state.settings.mail_enabled && users::has_email(&row.email) {
            let lang = crate::i18n::Lang::from_code(&person.language).unwrap_or_default();
            let (subject, body) = crate::render::mail::email_changed(lang, &new_email);
            notifications::queue_email(
                &mut tx,
                &notifications::Email {
                    user: Some(row.user_id),
                    to: row.email.clone(),
                    subject,
                    body,
                },
            )
            .await?;
        }
        tx.commit().await?;
        state.mail_wakeup.notify_one();
        let mine = current_user().ok().filter(|u| u.id() == row.user_id);
        let keep = match mine {
            Some(_) => current_token_hash(&state),
            None => None,
        };
        sessions::delete_of_user(&state.db, row.user_id, keep.as_deref()).await?;
        crate::store::audit::record(
            &state.db,
            Some(row.user_id),
            AuditAction::EmailChanged,
            &row.user_id.to_string(),
            &client_ip(),
        )
        .await?;
        tracing::info!(user = %row.user_id, "email address changed");
        Ok(())
    })
    .await
}

/// Whether `user` may end `role` in the programme `view` for someone
/// else: a mentor's or mentee's manager or coordinator, a manager's
/// coordinator.
#[cfg(feature = "ssr")]
pub(crate) async fn may_remove(
    state: &super::context::AppState,
    user: &super::context::CurrentUser,
    view: &ProgrammeView,
    role: Role,
) -> Result<bool, AppError> {
    let coordinates = || super::context::coordinates(state, user, view.organisation_id);
    Ok(match role {
        Role::Mentor | Role::Mentee => user.manages(view.id) || coordinates().await?,
        Role::Manager => coordinates().await?,
        Role::Coordinator => false,
    })
}

/// Removes a person from a programme in one role: their access to it ends,
/// their records stay. With no role left anywhere, their sessions end too.
/// In the audit trail.
#[server(endpoint = "account/remove_membership", input = Json)]
pub async fn remove_membership(
    person: UserId,
    programme: ProgrammeId,
    role: Role,
) -> Result<(), AppError> {
    use super::context::*;
    respond("account/remove_membership", async move {
        let (state, user) = (state()?, current_user()?);
        let view = crate::store::programmes::find(&state.db, programme)
            .await?
            .ok_or(AppError::Forbidden)?;
        if person == user.id() || !may_remove(&state, &user, &view, role).await? {
            return Err(AppError::Forbidden);
        }
        if !crate::store::users::remove_membership(&state.db, person, programme, role).await? {
            return Err(AppError::NotFound);
        }
        if crate::store::users::memberships(&state.db, person)
            .await?
            .is_empty()
        {
            crate::store::sessions::delete_of_user(&state.db, person, None).await?;
        }
        audit(
            &state,
            &user,
            AuditAction::RemovedFromProgramme,
            [person.to_string()],
        )
        .await?;
        tracing::info!(%person, %programme, role = %role, "removed from a programme");
        Ok(())
    })
    .await
}

/// The person's preferences: the language of the app and of their emails,
/// and how often the digest comes.
#[server(endpoint = "account/preferences", input = Json)]
pub async fn my_preferences() -> Result<AccountPreferences, AppError> {
    use super::context::*;
    respond("account/preferences", async move {
        let (state, user) = (state()?, current_user()?);
        Ok(crate::store::users::preferences(&state.db, user.id()).await?)
    })
    .await
}

/// Keeps the person's preferences.
#[server(endpoint = "account/set_preferences", input = Json)]
pub async fn set_preferences(
    input: AccountPreferencesInput,
) -> Result<AccountPreferences, AppError> {
    use super::context::*;
    respond("account/set_preferences", async move {
        let (state, user) = (state()?, current_user()?);
        let preferences = input.validate().map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        crate::store::users::set_preferences(&mut tx, user.id(), &preferences).await?;
        tx.commit().await?;
        Ok(preferences)
    })
    .await
}
