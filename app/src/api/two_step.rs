//! Two-step login (see [`crate::model::two_step`]): a person turns it on
//! from *My account* (their password typed again), or at login when an
//! organisation of theirs requires it; a login then waits, after the
//! password, for a code from the authenticator app or a recovery code. A
//! coordinator requires it of their organisation's coordinators and
//! managers. Every change is in the audit trail.

use super::AppError;
use crate::model::two_step::{Confirmed, Enrolment, TwoStepState};
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// What a person's authenticator secret is wrapped for (see
/// [`crate::store::secret::ServerSecret::seal`]).
#[cfg(feature = "ssr")]
const SEALED_FOR: &[u8] = b"pb.totp";
/// What the authenticator app shows the codes under.
#[cfg(feature = "ssr")]
const ISSUER: &str = "Parent Bridge";

/// The person whose login waits for its second step on this browser
/// (`count`: one more try of the few it has); not logged in when there is
/// none (expired, tried too often, or never).
#[cfg(feature = "ssr")]
async fn challenged(state: &super::context::AppState, count: bool) -> Result<UserId, AppError> {
    use super::auth::session::{challenge_cookie_name, cookie_token, hash_token};
    use crate::store::two_step as store;
    let hash = super::context::request_cookies()
        .and_then(|c| cookie_token(&c, challenge_cookie_name(&state.settings)))
        .map(|t| hash_token(&t))
        .ok_or(AppError::Unauthenticated)?;
    let since = crate::store::now() - chrono::Duration::minutes(two_step::CHALLENGE_MINUTES);
    let user = if count {
        store::try_challenge(&state.db, &hash, since, two_step::CHALLENGE_TRIES).await?
    } else {
        store::challenge_user(&state.db, &hash, since, two_step::CHALLENGE_TRIES).await?
    };
    user.ok_or(AppError::Unauthenticated)
}

/// Ends the waiting login and logs the person in (every step passed).
#[cfg(feature = "ssr")]
async fn finish_login(
    state: &super::context::AppState,
    user: UserId,
) -> Result<Identity, AppError> {
    use super::auth::session::{address_of, challenge_cookie_name, logged_in, named_cookie};
    use super::context::{append_header, client_ip, request_cookies};
    let stale = crate::store::now() - chrono::Duration::minutes(two_step::CHALLENGE_MINUTES);
    crate::store::two_step::end_challenges(&state.db, user, stale).await?;
    append_header(
        http::header::SET_COOKIE,
        &named_cookie(
            &state.settings,
            challenge_cookie_name(&state.settings),
            "",
            0,
        ),
    );
    let row = crate::store::users::find_user(&state.db, user)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let ip = client_ip();
    logged_in(
        state,
        user,
        &row.email,
        &address_of(&ip),
        &ip,
        request_cookies().as_deref(),
    )
    .await
}

/// The hash a recovery code is kept as (with its person: the same code of
/// two people is two hashes).
#[cfg(feature = "ssr")]
fn recovery_hash(user: UserId, tidy: &str) -> String {
    super::auth::session::hash_token(&format!("{user}:{tidy}"))
}

/// New recovery codes for `user`, kept as hashes in `tx`; the codes.
#[cfg(feature = "ssr")]
async fn new_recovery_codes(
    tx: &mut crate::store::Tx,
    user: UserId,
) -> Result<Vec<String>, AppError> {
    let codes = two_step::new_recovery_codes();
    let hashes: Vec<String> = codes
        .iter()
        .map(|c| recovery_hash(user, &two_step::tidy_code(c)))
        .collect();
    crate::store::two_step::set_recovery_codes(tx, user, &hashes).await?;
    Ok(codes)
}

/// The person's authenticator secret, unwrapped.
#[cfg(feature = "ssr")]
fn secret_of(
    state: &super::context::AppState,
    user: UserId,
    row: &crate::store::two_step::TwoStepRow,
) -> Result<Vec<u8>, AppError> {
    state
        .settings
        .storage_secret
        .open(SEALED_FOR, user, &row.secret, 20)
        .ok_or_else(|| {
            tracing::error!(%user, "a two-step secret does not unwrap under this server secret");
            AppError::Internal
        })
}

/// Whether `typed` passes the second step of `user`: the authenticator's
/// code of now (each accepted once), or an unused recovery code (then
/// used up, and in the audit trail).
#[cfg(feature = "ssr")]
async fn code_passes(
    state: &super::context::AppState,
    user: UserId,
    tidy: &str,
) -> Result<bool, AppError> {
    use crate::store::two_step as store;
    let Some(row) = store::find(&state.db, user)
        .await?
        .filter(|r| r.confirmed_at.is_some())
    else {
        return Ok(false);
    };
    if two_step::is_totp_shape(tidy) {
        let secret = secret_of(state, user, &row)?;
        let now = two_step::step_of(crate::store::now().timestamp());
        return Ok(
            match two_step::accepted_step(&secret, tidy, now, row.last_step) {
                Some(step) => store::use_step(&state.db, user, step).await?,
                None => false,
            },
        );
    }
    let used = store::use_recovery_code(&state.db, user, &recovery_hash(user, tidy)).await?;
    if used {
        crate::store::audit::record(
            &state.db,
            Some(user),
            AuditAction::RecoveryCodeUsed,
            &user.to_string(),
            &super::context::client_ip(),
        )
        .await?;
    }
    Ok(used)
}

/// The login's second step: the authenticator's code (or a recovery code)
/// after the password typed right on this browser in the last minutes.
/// A wrong code counts as a failed login; after a few, the password is
/// asked again.
// Form-encoded like the login: a code typed before the app loaded is an
// ordinary form post.
#[server(endpoint = "auth/second_step")]
pub async fn second_step(code: String) -> Result<Identity, AppError> {
    use super::context::*;
    respond("auth/second_step", async move {
        let state = state()?;
        let ip = client_ip();
        super::auth::session::take_address_bucket(&state, &super::auth::session::address_of(&ip))?;
        let tidy = LoginCodeInput { code }.validate().map_err(invalid)?;
        let user = challenged(&state, true).await?;
        if !code_passes(&state, user, &tidy).await? {
            crate::store::audit::record(
                &state.db,
                Some(user),
                AuditAction::LoginFailed,
                &user.to_string(),
                &ip,
            )
            .await?;
            return Err(invalid(FieldErrors::one(
                Field::LoginCode,
                Problem::WrongCode,
            )));
        }
        finish_login(&state, user).await
    })
    .await
}

/// The person's two-step login, and the organisations they may require it of.
#[server(endpoint = "two_step/state", input = Json)]
pub async fn my_two_step() -> Result<TwoStepState, AppError> {
    use super::context::*;
    use crate::store::two_step as store;
    respond("two_step/state", async move {
        let (state, user) = (state()?, current_user()?);
        let on = store::find(&state.db, user.id())
            .await?
            .is_some_and(|r| r.confirmed_at.is_some());
        let organisations =
            crate::store::programmes::coordinated_organisations(&state.db, user.id()).await?;
        Ok(TwoStepState {
            on,
            recovery_left: u32::try_from(store::recovery_left(&state.db, user.id()).await?)
                .unwrap_or(0),
            required: store::required_for(&state.db, user.id()).await?,
            organisations: crate::store::programme_report::organisation_flags(
                &state.db,
                &organisations,
                crate::store::programme_report::OrganisationFlag::RequireTwoStep,
            )
            .await?,
        })
    })
    .await
}

/// A new authenticator to add: for the person logged in (their password
/// typed again; not while two-step login is on), or for a login waiting to
/// set it up because an organisation requires it (the password not asked
/// again).
#[server(endpoint = "two_step/begin", input = Json)]
pub async fn begin_two_step(input: CurrentPasswordInput) -> Result<Enrolment, AppError> {
    use super::context::*;
    respond("two_step/begin", async move {
        let state = state()?;
        let user = match current_user() {
            Ok(user) => {
                input.validate().map_err(invalid)?;
                super::accounts::confirm_current_password(&state, &user, &input.current).await?;
                user.id()
            }
            Err(_) => {
                let user = challenged(&state, false).await?;
                if crate::store::two_step::second_step_of(&state.db, user).await?
                    != Some(two_step::SecondStep::Setup)
                {
                    return Err(AppError::Forbidden);
                }
                user
            }
        };
        let secret = two_step::new_secret();
        let sealed = state
            .settings
            .storage_secret
            .seal(SEALED_FOR, user, &secret);
        if !crate::store::two_step::begin(&state.db, user, &sealed).await? {
            return Err(AppError::BadRequest {
                reason: "two-step login is on already".into(),
            });
        }
        let email = crate::store::users::find_user(&state.db, user)
            .await?
            .ok_or(AppError::Unauthenticated)?
            .email;
        let uri = two_step::otpauth_uri(ISSUER, &email, &secret);
        let key = two_step::base32(&secret);
        Ok(Enrolment {
            secret: key
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join(" "),
            qr_svg: super::invitations::qr_svg(&uri),
            uri,
        })
    })
    .await
}

/// Turns two-step login on with the first code of the new authenticator:
/// the recovery codes, shown once. Logged in, every other session of the
/// person ends; at login, the person is logged in.
#[server(endpoint = "two_step/confirm", input = Json)]
pub async fn confirm_two_step(input: LoginCodeInput) -> Result<Confirmed, AppError> {
    use super::context::*;
    use crate::store::two_step as store;
    respond("two_step/confirm", async move {
        let state = state()?;
        let tidy = input.validate().map_err(invalid)?;
        let (user, at_login) = match current_user() {
            Ok(user) => (user.id(), false),
            Err(_) => {
                let ip = client_ip();
                super::auth::session::take_address_bucket(
                    &state,
                    &super::auth::session::address_of(&ip),
                )?;
                (challenged(&state, true).await?, true)
            }
        };
        let row = store::find(&state.db, user)
            .await?
            .filter(|r| r.confirmed_at.is_none())
            .ok_or_else(|| AppError::BadRequest {
                reason: "no authenticator waits to be confirmed".into(),
            })?;
        let secret = secret_of(&state, user, &row)?;
        let now = two_step::step_of(crate::store::now().timestamp());
        let Some(step) = two_step::accepted_step(&secret, &tidy, now, row.last_step) else {
            return Err(invalid(FieldErrors::one(
                Field::LoginCode,
                Problem::WrongCode,
            )));
        };
        let mut tx = state.db.begin().await?;
        if !store::confirm(&mut tx, user, step).await? {
            return Err(AppError::BadRequest {
                reason: "no authenticator waits to be confirmed".into(),
            });
        }
        let recovery_codes = new_recovery_codes(&mut tx, user).await?;
        tx.commit().await?;
        crate::store::audit::record(
            &state.db,
            Some(user),
            AuditAction::TwoStepOn,
            &user.to_string(),
            &client_ip(),
        )
        .await?;
        tracing::info!(%user, "two-step login turned on");
        let identity = if at_login {
            Some(finish_login(&state, user).await?)
        } else {
            let keep = request_cookies()
                .and_then(|c| super::auth::session::token_from_cookies(&state.settings, &c))
                .map(|t| super::auth::session::hash_token(&t));
            crate::store::sessions::delete_of_user(&state.db, user, keep.as_deref()).await?;
            None
        };
        Ok(Confirmed {
            recovery_codes,
            identity,
        })
    })
    .await
}

/// New recovery codes (the old ones stop working), the password typed again.
#[server(endpoint = "two_step/recovery_codes", input = Json)]
pub async fn new_recovery_codes_for_me(
    input: CurrentPasswordInput,
) -> Result<Vec<String>, AppError> {
    use super::context::*;
    respond("two_step/recovery_codes", async move {
        let (state, user) = (state()?, current_user()?);
        input.validate().map_err(invalid)?;
        super::accounts::confirm_current_password(&state, &user, &input.current).await?;
        if crate::store::two_step::second_step_of(&state.db, user.id()).await?
            != Some(two_step::SecondStep::Code)
        {
            return Err(AppError::BadRequest {
                reason: "two-step login is off".into(),
            });
        }
        let mut tx = state.db.begin().await?;
        let codes = new_recovery_codes(&mut tx, user.id()).await?;
        tx.commit().await?;
        audit(
            &state,
            &user,
            AuditAction::TwoStepOn,
            [user.id().to_string()],
        )
        .await?;
        Ok(codes)
    })
    .await
}

/// Turns two-step login off, the password typed again; refused while an
/// organisation of the person's requires it.
#[server(endpoint = "two_step/off", input = Json)]
pub async fn turn_off_two_step(input: CurrentPasswordInput) -> Result<(), AppError> {
    use super::context::*;
    respond("two_step/off", async move {
        let (state, user) = (state()?, current_user()?);
        input.validate().map_err(invalid)?;
        super::accounts::confirm_current_password(&state, &user, &input.current).await?;
        if crate::store::two_step::required_for(&state.db, user.id()).await? {
            return Err(invalid(FieldErrors::one(
                Field::CurrentPassword,
                Problem::TwoStepRequired,
            )));
        }
        let mut tx = state.db.begin().await?;
        crate::store::two_step::remove(&mut tx, user.id()).await?;
        tx.commit().await?;
        audit(
            &state,
            &user,
            AuditAction::TwoStepOff,
            [user.id().to_string()],
        )
        .await?;
        tracing::info!(user = %user.id(), "two-step login turned off");
        Ok(())
    })
    .await
}

/// Requires (or no longer requires) two-step login of the organisation's
/// coordinators and managers: its coordinators only, who have it on
/// themselves. Those without it set it up at their next login.
#[server(endpoint = "two_step/require", input = Json)]
pub async fn require_two_step(organisation: OrganisationId, on: bool) -> Result<(), AppError> {
    use super::context::*;
    respond("two_step/require", async move {
        let (state, user) = (state()?, current_user()?);
        if !coordinates(&state, &user, organisation).await? {
            return Err(AppError::Forbidden);
        }
        if on
            && crate::store::two_step::second_step_of(&state.db, user.id()).await?
                != Some(two_step::SecondStep::Code)
        {
            return Err(invalid(FieldErrors::one(
                Field::LoginCode,
                Problem::TwoStepFirst,
            )));
        }
        let mut tx = state.db.begin().await?;
        crate::store::two_step::set_required(&mut tx, organisation, on).await?;
        tx.commit().await?;
        audit(
            &state,
            &user,
            AuditAction::TwoStepRequiredChanged,
            [organisation.to_string()],
        )
        .await?;
        Ok(())
    })
    .await
}
