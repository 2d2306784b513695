//! Logging in and out, and who is logged in.

use super::AppError;
use crate::model::Identity;
use leptos::prelude::*;

/// Logs in with email and password. Starts a new session (a session id the
/// request came with is dropped, so an id planted before login is useless).
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<Identity, AppError> {
    use super::context::*;
    respond("auth/login", async move {
        let state = state()?;
        session::login(
            &state,
            &email,
            &password,
            &client_ip(),
            request_cookies().as_deref(),
        )
        .await
    })
    .await
}

/// Ends the session, if there is one.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::context::*;
    respond("auth/logout", async move {
        let state = state()?;
        if let Some(token) = request_cookies()
            .as_deref()
            .and_then(|c| session::token_from_cookies(&state.settings, c))
        {
            crate::store::sessions::delete(&state.db, &session::hash_token(&token)).await?;
        }
        append_header(
            http::header::SET_COOKIE,
            &session::clear_cookie(&state.settings),
        );
        Ok(())
    })
    .await
}

/// The person logged in, or `None`.
#[server(endpoint = "auth/whoami")]
pub async fn whoami() -> Result<Option<Identity>, AppError> {
    use super::context::*;
    respond("auth/whoami", async move {
        Ok(current_user().ok().map(|u| u.identity))
    })
    .await
}

/// The key the phone of a mentor or a mentee (the people whose data the
/// phone keeps) wraps its data key with (`offline::vault`), as 64 hex
/// digits: only for a session whose person typed their password in the
/// last [`STORAGE_KEY_LOGIN_MINUTES`](crate::model::limits::STORAGE_KEY_LOGIN_MINUTES),
/// so logging in online opens the phone's encrypted data even when the app
/// PIN is forgotten or locked, while a lost phone's live session does not
/// (refused: the PIN is asked). The vault's script fetches it; the app's
/// code never does.
#[server(endpoint = "auth/storage_key")]
pub async fn storage_key() -> Result<String, AppError> {
    use super::context::*;
    respond("auth/storage_key", async move {
        let user = current_user()?;
        if !user.identity.keeps_data_on_phone() {
            return Err(AppError::Forbidden);
        }
        let recent = chrono::Duration::minutes(crate::model::limits::STORAGE_KEY_LOGIN_MINUTES);
        let now = crate::store::now();
        if user.password_at.is_none_or(|at| now - at > recent) {
            return Err(AppError::Forbidden);
        }
        let state = state()?;
        let fresh = session::new_token();
        Ok(crate::store::users::storage_key(
            &state.db,
            &state.settings.storage_secret,
            user.id(),
            &fresh,
        )
        .await?)
    })
    .await
}

#[cfg(feature = "ssr")]
pub mod session {
    //! Passwords, session tokens and cookies.

    use super::super::context::{append_header, AppState, CurrentUser, Settings};
    use super::AppError;
    use crate::model::{Identity, Role, UserId};
    use crate::store::{self, sessions, users, StoreError, StoreResult};
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};
    use sha2::{Digest, Sha256};
    use std::sync::OnceLock;

    pub use crate::model::limits::{MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS};

    /// How long a stranger's login refused for want of a hashing place
    /// waits for its answer.
    const STRANGER_BUSY_MS: u64 = 250;

    /// The session cookie's name over HTTPS: `__Host-` makes the browser
    /// refuse it unless it is `Secure`, for this host only, on every path.
    pub const SESSION_COOKIE: &str = "__Host-pb_session";
    /// Its name when the development flag turns `Secure` off (the prefix
    /// would make browsers drop it).
    pub const DEV_SESSION_COOKIE: &str = "pb_session";

    pub fn session_cookie_name(settings: &Settings) -> &'static str {
        if settings.secure_cookies {
            SESSION_COOKIE
        } else {
            DEV_SESSION_COOKIE
        }
    }

    /// Argon2id with OWASP's parameters: 19 MiB of memory, 2 iterations, 1 lane.
    fn argon2() -> Argon2<'static> {
        let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    #[derive(Debug, thiserror::Error)]
    pub enum PasswordError {
        #[error("the password must have at least {MIN_PASSWORD_CHARS} characters")]
        TooShort,
        #[error("the password must have at most {MAX_PASSWORD_BYTES} bytes")]
        TooLong,
        #[error("the password is known from breaches: choose another one")]
        Breached,
        #[error("hashing failed: {0}")]
        Hash(String),
    }

    impl PasswordError {
        /// The problem a form shows for it.
        pub fn problem(&self) -> crate::model::Problem {
            use crate::model::Problem;
            match self {
                PasswordError::TooShort => Problem::PasswordTooShort,
                PasswordError::TooLong => Problem::PasswordTooLong,
                PasswordError::Breached => Problem::BreachedPassword,
                PasswordError::Hash(_) => Problem::NotAccepted,
            }
        }
    }

    /// Hashes a new password (on a blocking thread: it takes a while on purpose).
    pub async fn hash_password(password: &str) -> Result<String, PasswordError> {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(PasswordError::TooShort);
        }
        if password.len() > MAX_PASSWORD_BYTES {
            return Err(PasswordError::TooLong);
        }
        if crate::model::breached::is_breached(password) {
            return Err(PasswordError::Breached);
        }
        let password = password.to_string();
        tokio::task::spawn_blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| PasswordError::Hash(e.to_string()))
        })
        .await
        .map_err(|e| PasswordError::Hash(e.to_string()))?
    }

    /// A hash to verify against when the account does not exist, so that an
    /// unknown email takes as long as a wrong password.
    fn dummy_hash() -> &'static str {
        static DUMMY: OnceLock<String> = OnceLock::new();
        DUMMY.get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            argon2()
                .hash_password(b"no such account, no such password", &salt)
                .expect("hashing a constant works")
                .to_string()
        })
    }

    pub(crate) async fn verify_password(hash: Option<String>, password: &str) -> bool {
        if password.len() > MAX_PASSWORD_BYTES {
            return false;
        }
        let password = password.to_string();
        let found = hash.is_some();
        let verified = tokio::task::spawn_blocking(move || {
            // The dummy is hashed (once) here too, off the async threads.
            let hash = hash.unwrap_or_else(|| dummy_hash().to_string());
            PasswordHash::new(&hash)
                .map(|parsed| {
                    argon2()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        found && verified
    }

    /// A new random session token: 32 bytes, hex.
    pub(crate) fn new_token() -> String {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        hex::encode(bytes)
    }

    /// What the database stores instead of the token.
    pub fn hash_token(token: &str) -> String {
        hex::encode(Sha256::digest(token.as_bytes()))
    }

    /// The cookie of a login waiting for its second step (two-step login),
    /// named like the session's.
    pub fn challenge_cookie_name(settings: &Settings) -> &'static str {
        if settings.secure_cookies {
            "__Host-pb_two_step"
        } else {
            "pb_two_step"
        }
    }

    /// The session token in a `Cookie` header, if it is well-formed.
    pub fn token_from_cookies(settings: &Settings, header: &str) -> Option<String> {
        cookie_token(header, session_cookie_name(settings))
    }

    /// The token of the cookie `wanted`, if it is well-formed (64 hex digits).
    pub fn cookie_token(header: &str, wanted: &str) -> Option<String> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == wanted)
            .map(|(_, value)| value.trim().to_string())
            .filter(|token| token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    fn cookie(settings: &Settings, value: &str, max_age_seconds: i64) -> String {
        named_cookie(
            settings,
            session_cookie_name(settings),
            value,
            max_age_seconds,
        )
    }

    /// A cookie of ours: for this host only, never read by scripts.
    pub fn named_cookie(
        settings: &Settings,
        name: &str,
        value: &str,
        max_age_seconds: i64,
    ) -> String {
        let secure = if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}")
    }

    pub fn clear_cookie(settings: &Settings) -> String {
        cookie(settings, "", 0)
    }

    /// Hashes a new password typed in a form, waiting its turn among the
    /// logins' hashes (see [`AppState::hashing`]); a refused one is the
    /// form's problem on `field`.
    pub async fn hash_new_password(
        state: &AppState,
        password: &str,
        field: crate::model::Field,
    ) -> Result<String, AppError> {
        let _place = state
            .hashing
            .acquire()
            .await
            .map_err(|_| AppError::Internal)?;
        hash_password(password).await.map_err(|e| {
            super::super::context::invalid(crate::model::FieldErrors::one(field, e.problem()))
        })
    }

    /// Whether `typed` is the person's password (to confirm a change of
    /// their account), waiting its turn among the logins' hashes.
    pub async fn password_matches(
        state: &AppState,
        user: UserId,
        typed: &str,
    ) -> Result<bool, AppError> {
        let row = users::find_user(&state.db, user)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let _place = state
            .hashing
            .acquire()
            .await
            .map_err(|_| AppError::Internal)?;
        Ok(verify_password(row.password_hash, typed).await)
    }

    /// The hash of a one-time link's token (an invitation, a reset, an
    /// email confirmation), or none when it is not 64 hex digits (looked
    /// up for nothing).
    pub fn link_token_hash(token: &str) -> Option<String> {
        let valid = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
        valid.then(|| hash_token(token))
    }

    /// A place to hash a password (see [`AppState::hashing`]), or `Busy`
    /// when every place is taken.
    fn hashing_permit(state: &AppState) -> Result<tokio::sync::SemaphorePermit<'_>, AppError> {
        state.hashing.try_acquire().map_err(|_| {
            tracing::warn!("login refused: every password hashing place is taken");
            AppError::Busy {
                retry_after_seconds: 1,
            }
        })
    }

    fn rate_limited(seconds: i64) -> AppError {
        AppError::RateLimited {
            retry_after_seconds: u32::try_from(seconds.max(1)).unwrap_or(u32::MAX),
        }
    }

    /// Takes one attempt from the in-memory bucket of the address group
    /// (`address`, see [`address_group`](crate::model::auth::address_group)):
    /// every form that guesses something of an account (a login, a
    /// forgotten password, the setup code) is refused here, before any
    /// database work, when one address sends too many.
    pub fn take_address_bucket(state: &AppState, address: &str) -> Result<(), AppError> {
        let taken = state
            .login_buckets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take(address, store::now().timestamp_millis());
        taken.map_err(|seconds| {
            tracing::warn!(%address, seconds, "refused: too many attempts from this address");
            rate_limited(seconds)
        })
    }

    /// The address group of a client's address, as the limits count it.
    pub fn address_of(ip: &str) -> String {
        let parsed: Option<std::net::IpAddr> = ip.parse().ok();
        parsed.map_or_else(|| ip.to_string(), crate::model::auth::address_group)
    }

    pub async fn login(
        state: &AppState,
        email: &str,
        password: &str,
        ip: &str,
        cookies: Option<&str>,
    ) -> Result<Identity, AppError> {
        use crate::model::auth::Throttle;
        use crate::store::audit::{self, AuditAction};
        let settings = &state.settings;
        let db = &state.db;
        // No account has such an email (and the database would refuse to
        // look one up with a NUL in it).
        if email.len() > crate::model::limits::MAX_EMAIL_BYTES || email.contains(char::is_control) {
            return Err(AppError::BadCredentials);
        }
        let limits = settings.login_limits;
        let parsed: Option<std::net::IpAddr> = ip.parse().ok();
        let address = address_of(ip);
        let (wide, wider) = parsed.map_or_else(
            || (address.clone(), address.clone()),
            crate::model::auth::address_tiers,
        );
        // A flood from one address stops here, before any write or hash.
        take_address_bucket(state, &address)?;
        // From an address that never logged into the account, only with one
        // of the strangers' hashing places free: a flood from ever new
        // addresses is refused here, before any write, and never takes the
        // cores the people who use the app need.
        let stranger = if users::address_known(db, email, &address).await? {
            None
        } else {
            match state.stranger_hashing.try_acquire() {
                Ok(place) => Some(place),
                Err(_) => {
                    // Answered after a moment (a sleeping request costs
                    // nothing): a guesser who waits for each answer sends
                    // a few a second, not thousands.
                    tracing::debug!("login refused: every strangers' hashing place is taken");
                    tokio::time::sleep(std::time::Duration::from_millis(STRANGER_BUSY_MS)).await;
                    return Err(AppError::Busy {
                        retry_after_seconds: 1,
                    });
                }
            }
        };
        // Counted before the password is checked: parallel attempts each
        // see the others.
        let window_start = store::now() - chrono::Duration::seconds(limits.window_seconds);
        let from = users::AttemptAddress {
            address: &address,
            wide: &wide,
            wider: &wider,
        };
        let (attempt, counts) = users::begin_login_attempt(db, email, &from, window_start).await?;
        if let Throttle::Wait { seconds } = limits.decide(counts) {
            users::forget_login_attempt(db, attempt).await?;
            tracing::warn!(%address, seconds, "login throttled");
            return Err(rate_limited(seconds));
        }
        // Only an attempt the limits let through takes a hashing place (one
        // refused for want of a place does not count).
        let permit = match hashing_permit(state) {
            Ok(permit) => permit,
            Err(busy) => {
                users::forget_login_attempt(db, attempt).await?;
                return Err(busy);
            }
        };

        let user = users::find_user_by_email(db, email).await?;
        let hash = user.as_ref().and_then(|u| u.password_hash.clone());
        let verified = verify_password(hash.clone(), password).await;
        drop(permit);
        drop(stranger);
        let account = user.as_ref().map(|u| u.id);
        let Some(user) = user.filter(|_| verified && hash.is_some()) else {
            // The account, when there is one: never what was typed for an
            // unknown one (it may be a password typed in the wrong field).
            let object = account.map_or_else(|| "unknown".to_string(), |id| id.to_string());
            audit::record(db, account, AuditAction::LoginFailed, &object, ip).await?;
            return Err(AppError::BadCredentials);
        };
        // A second step asked: the attempt stays counted until it is
        // passed (guessing codes is slowed like guessing passwords).
        if let Some(step) = crate::store::two_step::second_step_of(db, user.id).await? {
            challenge(state, user.id).await?;
            return Err(AppError::SecondStep { step });
        }
        logged_in(state, user.id, email, &address, ip, cookies).await
    }

    /// Keeps `user`'s password typed right waiting for its second step
    /// (a code, or setting up two-step login), with a cookie of its own for the
    /// next request.
    pub async fn challenge(state: &AppState, user: UserId) -> Result<(), AppError> {
        let token = new_token();
        crate::store::two_step::create_challenge(&state.db, &hash_token(&token), user).await?;
        append_header(
            http::header::SET_COOKIE,
            &named_cookie(
                &state.settings,
                challenge_cookie_name(&state.settings),
                &token,
                crate::model::two_step::CHALLENGE_MINUTES * 60,
            ),
        );
        Ok(())
    }

    /// The end of a login that passed every step: the attempts of this
    /// address forgiven, the audit trail, a session.
    pub async fn logged_in(
        state: &AppState,
        user: UserId,
        email: &str,
        address: &str,
        ip: &str,
        cookies: Option<&str>,
    ) -> Result<Identity, AppError> {
        use crate::store::audit::{self, AuditAction};
        users::login_succeeded(&state.db, email, address).await?;
        audit::record(
            &state.db,
            Some(user),
            AuditAction::LoggedIn,
            &user.to_string(),
            ip,
        )
        .await?;
        let identity = start(state, user, cookies, true).await?;
        tracing::info!(user = %user, "logged in");
        Ok(identity)
    }

    /// Starts a session for the person (a session id the request came with
    /// is dropped) and sets its cookie; `password`: they have just typed
    /// their password.
    pub async fn start(
        state: &AppState,
        user: UserId,
        cookies: Option<&str>,
        password: bool,
    ) -> Result<Identity, AppError> {
        let (db, settings) = (&state.db, &state.settings);
        if let Some(old) = cookies.and_then(|c| token_from_cookies(settings, c)) {
            sessions::delete(db, &hash_token(&old)).await?;
        }
        let person = load_user(db, user).await?.ok_or(AppError::Internal)?;
        let token = new_token();
        let device = crate::model::auth::device_of(&super::super::context::user_agent());
        sessions::create(
            db,
            &hash_token(&token),
            user,
            store::now(),
            password,
            &device,
        )
        .await?;
        let (_, absolute) = settings.session_limits(&person.identity.roles);
        append_header(
            http::header::SET_COOKIE,
            &cookie(settings, &token, absolute.num_seconds()),
        );
        Ok(person.identity)
    }

    pub async fn load_user(db: &store::Db, id: UserId) -> StoreResult<Option<CurrentUser>> {
        let Some(user) = users::find_user(db, id).await? else {
            return Ok(None);
        };
        let memberships = users::memberships(db, id).await?;
        Ok(Some(current_user(
            user.id,
            user.display_name,
            user.email,
            memberships,
            None,
        )))
    }

    /// The person with their roles (each once) and memberships.
    fn current_user(
        user_id: UserId,
        display_name: String,
        email: String,
        memberships: Vec<users::Membership>,
        password_at: Option<chrono::DateTime<chrono::Utc>>,
    ) -> CurrentUser {
        let mut roles: Vec<Role> = memberships.iter().map(|m| m.role).collect();
        roles.sort();
        roles.dedup();
        CurrentUser {
            identity: Identity {
                user_id,
                display_name,
                email,
                roles,
            },
            memberships,
            password_at,
        }
    }

    pub enum SessionCheck {
        Valid(CurrentUser),
        /// Unknown, ended or timed out: the cookie should be cleared.
        Invalid,
    }

    /// Looks up the session of a token and applies the idle and absolute
    /// time-outs. A session in use is refreshed at most once a minute.
    pub async fn check(state: &AppState, token: &str) -> Result<SessionCheck, StoreError> {
        let db = &state.db;
        let hash = hash_token(token);
        let Some(session) = sessions::find(db, &hash).await? else {
            return Ok(SessionCheck::Invalid);
        };
        let now = store::now();
        let memberships = users::memberships(db, session.user_id).await?;
        let user = current_user(
            session.user_id,
            session.display_name,
            session.email,
            memberships,
            session.password_at,
        );
        // A manager's or coordinator's session is shorter (they read
        // everyone's data, at a desk, online).
        let (idle, absolute) = state.settings.session_limits(&user.identity.roles);
        if now - session.last_seen_at > idle || now - session.created_at > absolute {
            sessions::delete(db, &hash).await?;
            return Ok(SessionCheck::Invalid);
        }
        if now - session.last_seen_at > chrono::Duration::minutes(1) {
            sessions::touch(db, &hash, now).await?;
        }
        Ok(SessionCheck::Valid(user))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn secure() -> Settings {
            Settings {
                secure_cookies: true,
                ..Settings::default()
            }
        }

        #[test]
        fn a_token_is_read_from_the_cookie_header_under_the_configured_name() {
            let token = "a".repeat(64);
            let header = format!("pb_lang=ro; {SESSION_COOKIE}={token}");
            assert_eq!(token_from_cookies(&secure(), &header), Some(token.clone()));
            // Without the prefix, over HTTPS, it is not ours (a cookie set
            // by a sibling subdomain could carry that name).
            let header = format!("pb_session={token}");
            assert_eq!(token_from_cookies(&secure(), &header), None);
            assert_eq!(
                token_from_cookies(&Settings::default(), &header),
                Some(token)
            );
        }

        #[test]
        fn a_malformed_token_is_ignored() {
            let dev = Settings::default();
            assert_eq!(token_from_cookies(&dev, "pb_session=short"), None);
            assert_eq!(
                token_from_cookies(&dev, &format!("pb_session={}", "z".repeat(64))),
                None
            );
        }

        #[test]
        fn the_session_cookie_is_host_prefixed_secure_http_only_and_same_site_lax() {
            let cookie_text = cookie(&secure(), "x", 10);
            assert!(cookie_text.starts_with("__Host-pb_session=x; Path=/; HttpOnly; SameSite=Lax"));
            assert!(cookie_text.ends_with("; Secure") && !cookie_text.contains("Domain"));
            // Only the development flag turns both off.
            let plain = cookie(&Settings::default(), "x", 10);
            assert!(plain.starts_with("pb_session=x;") && !plain.contains("Secure"));
        }

        #[test]
        fn managers_and_coordinators_have_shorter_sessions_than_mentors() {
            let settings = Settings::default();
            assert_eq!(
                settings.session_limits(&[Role::Mentor]),
                (chrono::Duration::days(7), chrono::Duration::days(30))
            );
            let office = (chrono::Duration::minutes(30), chrono::Duration::hours(12));
            assert_eq!(settings.session_limits(&[Role::Manager]), office);
            assert_eq!(settings.session_limits(&[Role::Coordinator]), office);
            // Someone who is both keeps the stricter rules.
            assert_eq!(
                settings.session_limits(&[Role::Mentor, Role::Manager]),
                office
            );
        }

        #[tokio::test]
        async fn a_short_password_is_refused() {
            assert!(matches!(
                hash_password("short").await,
                Err(PasswordError::TooShort)
            ));
            assert!(matches!(
                hash_password("eleven char").await,
                Err(PasswordError::TooShort)
            ));
        }

        #[tokio::test]
        async fn a_password_known_from_breaches_is_refused_in_any_case() {
            let refused = hash_password("QwertyUiop123").await;

            assert!(matches!(refused, Err(PasswordError::Breached)));
            assert_eq!(
                refused.unwrap_err().problem(),
                crate::model::Problem::BreachedPassword
            );
        }

        #[tokio::test]
        async fn a_password_verifies_against_its_hash_only() {
            let hash = hash_password("correct horse battery").await.unwrap();
            assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
            assert!(verify_password(Some(hash.clone()), "correct horse battery").await);
            assert!(!verify_password(Some(hash), "wrong horse battery").await);
            assert!(!verify_password(None, "anything at all").await);
        }
    }
}
