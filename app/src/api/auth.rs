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
            .and_then(session::token_from_cookies)
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

    pub const SESSION_COOKIE: &str = "pb_session";

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
        #[error("hashing failed: {0}")]
        Hash(String),
    }

    /// Hashes a new password (on a blocking thread: it takes a while on purpose).
    pub async fn hash_password(password: &str) -> Result<String, PasswordError> {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err(PasswordError::TooShort);
        }
        if password.len() > MAX_PASSWORD_BYTES {
            return Err(PasswordError::TooLong);
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

    async fn verify_password(hash: Option<String>, password: &str) -> bool {
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

    /// The session token in a `Cookie` header, if it is well-formed.
    pub fn token_from_cookies(header: &str) -> Option<String> {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == SESSION_COOKIE)
            .map(|(_, value)| value.trim().to_string())
            .filter(|token| token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit()))
    }

    fn cookie(settings: &Settings, value: &str, max_age_seconds: i64) -> String {
        let secure = if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}")
    }

    pub fn clear_cookie(settings: &Settings) -> String {
        cookie(settings, "", 0)
    }

    pub async fn login(
        state: &AppState,
        email: &str,
        password: &str,
        ip: &str,
        cookies: Option<&str>,
    ) -> Result<Identity, AppError> {
        let settings = &state.settings;
        let db = &state.db;
        let now = store::now();
        // No account has such an email (and the database would refuse to
        // look one up with a NUL in it).
        if email.len() > crate::model::limits::MAX_EMAIL_BYTES || email.contains(char::is_control) {
            return Err(AppError::BadCredentials);
        }
        let (by_account, by_ip) =
            users::count_login_failures(db, email, ip, now - settings.login_window).await?;
        if by_account >= settings.max_failures_per_account || by_ip >= settings.max_failures_per_ip
        {
            let minutes = settings.login_window.num_minutes().max(1) as u32;
            tracing::warn!(%ip, "login rate limited");
            return Err(AppError::RateLimited {
                retry_after_minutes: minutes,
            });
        }

        let user = users::find_user_by_email(db, email).await?;
        let hash = user.as_ref().and_then(|u| u.password_hash.clone());
        let Some(user) = user.filter(|_| hash.is_some()) else {
            verify_password(None, password).await;
            users::record_login_failure(db, email, ip).await?;
            return Err(AppError::BadCredentials);
        };
        if !verify_password(hash, password).await {
            users::record_login_failure(db, email, ip).await?;
            return Err(AppError::BadCredentials);
        }
        users::clear_login_failures(db, email).await?;
        let identity = start(state, user.id, cookies).await?;
        tracing::info!(user = %user.id, "logged in");
        Ok(identity)
    }

    /// Starts a session for the person (a session id the request came with
    /// is dropped) and sets its cookie.
    pub async fn start(
        state: &AppState,
        user: UserId,
        cookies: Option<&str>,
    ) -> Result<Identity, AppError> {
        let (db, settings) = (&state.db, &state.settings);
        if let Some(old) = cookies.and_then(token_from_cookies) {
            sessions::delete(db, &hash_token(&old)).await?;
        }
        let token = new_token();
        sessions::create(db, &hash_token(&token), user, store::now()).await?;
        append_header(
            http::header::SET_COOKIE,
            &cookie(settings, &token, settings.session_absolute.num_seconds()),
        );
        Ok(load_user(db, user)
            .await?
            .ok_or(AppError::Internal)?
            .identity)
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
        )))
    }

    /// The person with their roles (each once) and memberships.
    fn current_user(
        user_id: UserId,
        display_name: String,
        email: String,
        memberships: Vec<users::Membership>,
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
        let settings = &state.settings;
        if now - session.last_seen_at > settings.session_idle
            || now - session.created_at > settings.session_absolute
        {
            sessions::delete(db, &hash).await?;
            return Ok(SessionCheck::Invalid);
        }
        if now - session.last_seen_at > chrono::Duration::minutes(1) {
            sessions::touch(db, &hash, now).await?;
        }
        let memberships = users::memberships(db, session.user_id).await?;
        Ok(SessionCheck::Valid(current_user(
            session.user_id,
            session.display_name,
            session.email,
            memberships,
        )))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_token_is_read_from_the_cookie_header() {
            let token = "a".repeat(64);
            let header = format!("pb_lang=ro; {SESSION_COOKIE}={token}");
            assert_eq!(token_from_cookies(&header), Some(token));
        }

        #[test]
        fn a_malformed_token_is_ignored() {
            assert_eq!(token_from_cookies("pb_session=short"), None);
            assert_eq!(
                token_from_cookies(&format!("pb_session={}", "z".repeat(64))),
                None
            );
        }

        #[test]
        fn the_session_cookie_is_http_only_and_same_site_lax() {
            let plain = cookie(&Settings::default(), "x", 10);
            assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
            assert!(!plain.contains("Secure"));
            let secure = Settings {
                secure_cookies: true,
                ..Settings::default()
            };
            assert!(cookie(&secure, "x", 10).ends_with("; Secure"));
        }

        #[tokio::test]
        async fn a_short_password_is_refused() {
            assert!(matches!(
                hash_password("short").await,
                Err(PasswordError::TooShort)
            ));
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
