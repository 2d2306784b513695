//! What every server function needs on the server: the shared state, the
//! person making the request, and the mapping of errors to HTTP statuses.

use super::AppError;
use crate::model::{Identity, Role, UserId};
use crate::store::users::Membership;
use crate::store::Db;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use std::sync::Arc;

/// Shared by every request: the database pool, the settings and the names
/// of this build's files.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    pub assets: Arc<Assets>,
    /// Places to hash a password: each hash takes 19 MiB and a core for a
    /// while, so a burst of logins could otherwise take every blocking
    /// thread and gigabytes of memory. [`AppState::hashing_places`] of
    /// them; a login past that is answered 429 at once.
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// The places of those taken by logins from an address that never
    /// logged into the account ([`AppState::stranger_hashing_places`]): a
    /// flood of guesses from ever new addresses keeps the other cores for
    /// the people who use the app (measured by `make bench-load`).
    pub stranger_hashing: Arc<tokio::sync::Semaphore>,
    /// Wakes the mail task: an email was queued that should go at once.
    pub mail_wakeup: Arc<tokio::sync::Notify>,
    /// The menu's count of notifications per person, worked out at most
    /// once a minute (a manager's takes every pair of their programmes).
    pub notice_counts:
        Arc<std::sync::Mutex<std::collections::HashMap<UserId, (std::time::Instant, u32)>>>,
    /// Login attempts per address, counted in memory before any database
    /// work (see `model::auth::AttemptBuckets`).
    pub login_buckets: Arc<std::sync::Mutex<crate::model::auth::AttemptBuckets>>,
    /// The first run's setup code, while no organisation uses the server.
    pub setup_code: crate::model::auth::SetupCode,
    /// What this server counts for `/metrics`.
    pub metrics: Arc<super::metrics::Metrics>,
    /// The read replica (`PB_DATABASE_READ_URL`), if there is one.
    pub replica: Option<Arc<crate::store::replica::Replica>>,
}

impl AppState {
    /// Twice the cores: enough to keep every core hashing.
    pub fn hashing_places() -> usize {
        2 * std::thread::available_parallelism().map_or(2, |n| n.get())
    }

    /// Half the cores, at least one.
    pub fn stranger_hashing_places() -> usize {
        (std::thread::available_parallelism().map_or(2, |n| n.get()) / 2).max(1)
    }

    /// How long a person's count of notifications is kept.
    const NOTICE_COUNT_KEPT: std::time::Duration = std::time::Duration::from_secs(60);

    pub fn notice_count(&self, user: UserId) -> Option<u32> {
        let counts = self.notice_counts.lock().unwrap_or_else(|e| e.into_inner());
        counts
            .get(&user)
            .filter(|(at, _)| at.elapsed() < Self::NOTICE_COUNT_KEPT)
            .map(|(_, n)| *n)
    }

    pub fn keep_notice_count(&self, user: UserId, count: u32) {
        let mut counts = self.notice_counts.lock().unwrap_or_else(|e| e.into_inner());
        // Forget the stale ones now and then, so the map stays small.
        if counts.len() > 10_000 {
            counts.retain(|_, (at, _)| at.elapsed() < Self::NOTICE_COUNT_KEPT);
        }
        counts.insert(user, (std::time::Instant::now(), count));
    }

    /// The person read or changed what the count counts.
    pub fn forget_notice_count(&self, user: UserId) {
        self.notice_counts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&user);
    }
}

/// The addresses of this build's files that every page names, worked out
/// once when the server starts (not read from disk for every page).
#[derive(Clone, Debug, Default)]
pub struct Assets {
    pub stylesheet: String,
    pub script: String,
    pub wasm: String,
    /// What each lazily loaded part needs, so a page rendered on the server
    /// preloads the parts it uses (`None`: the build is not split).
    pub split: Option<leptos::WasmSplitManifest>,
}

impl axum::extract::FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Security settings of sessions and logins.
#[derive(Clone, Debug)]
pub struct Settings {
    /// A mentor's or mentee's session unused for this long ends.
    pub session_idle: chrono::Duration,
    /// A mentor's or mentee's session ends this long after login, used or not.
    pub session_absolute: chrono::Duration,
    /// The same for a person who manages or coordinates a programme: they
    /// work at a desk, online, and read everyone's data.
    pub office_session_idle: chrono::Duration,
    pub office_session_absolute: chrono::Duration,
    /// Cookies are `Secure` and the session cookie `__Host-` prefixed.
    /// Off only by the development flag (`PB_INSECURE_COOKIES`).
    pub secure_cookies: bool,
    /// How login attempts are throttled.
    pub login_limits: crate::model::auth::LoginLimits,
    /// `PB_PUBLIC_URL`'s origin, for links shown to people (invitations).
    pub public_origin: Option<String>,
    /// What links sent to people start with: `PB_PUBLIC_URL`'s origin, or
    /// the server's own address when it serves this machine only (never a
    /// request's `Host`).
    pub link_origin: String,
    /// Email is configured (`PB_SMTP_URL`): what should be told by email is
    /// queued. Without it only the app's own notifications are kept.
    pub mail_enabled: bool,
    /// Wraps the storage keys in the database (`PB_SECRET_FILE`; a new
    /// random one when none is given, as in tests).
    pub storage_secret: crate::store::secret::ServerSecret,
}

impl Default for Settings {
    fn default() -> Self {
        use crate::model::limits::*;
        Settings {
            session_idle: chrono::Duration::minutes(SESSION_IDLE_MINUTES),
            session_absolute: chrono::Duration::hours(SESSION_MAX_HOURS),
            office_session_idle: chrono::Duration::minutes(OFFICE_SESSION_IDLE_MINUTES),
            office_session_absolute: chrono::Duration::hours(OFFICE_SESSION_MAX_HOURS),
            secure_cookies: false,
            login_limits: crate::model::auth::LoginLimits::default(),
            public_origin: None,
            link_origin: "http://127.0.0.1:3000".to_string(),
            mail_enabled: false,
            storage_secret: Default::default(),
        }
    }
}

impl Settings {
    /// How long a session lasts unused, and at most, for a person with
    /// these roles: the office's rules as soon as they hold an office role.
    pub fn session_limits(&self, roles: &[Role]) -> (chrono::Duration, chrono::Duration) {
        if roles
            .iter()
            .any(|r| matches!(r, Role::Manager | Role::Coordinator))
        {
            (self.office_session_idle, self.office_session_absolute)
        } else {
            (self.session_idle, self.session_absolute)
        }
    }
}

/// The person behind a valid session.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub identity: Identity,
    pub memberships: Vec<Membership>,
    /// When the person last typed their password in this session.
    pub password_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl CurrentUser {
    pub fn id(&self) -> UserId {
        self.identity.user_id
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.memberships.iter().any(|m| m.role == role)
    }
}

/// Put into every request by the session middleware.
#[derive(Clone, Debug)]
pub struct RequestSession(pub Option<CurrentUser>);

/// The address the request came from (the proxy's view when trusted).
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState is not in the context");
        AppError::Internal
    })
}

pub fn client_ip() -> String {
    parts()
        .and_then(|p| p.extensions.get::<ClientIp>().map(|ip| ip.0.clone()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The request's `User-Agent`, or nothing.
pub fn user_agent() -> String {
    parts()
        .and_then(|p| {
            p.headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
        .unwrap_or_default()
}

/// The raw `Cookie` header of the request.
pub fn request_cookies() -> Option<String> {
    parts().and_then(|p| {
        p.headers
            .get(http::header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    })
}

/// The database to read what a page shows from: the replica when there is
/// one fit to read from and it has replayed the person's last write (see
/// [`crate::store::replica`]), else the primary.
pub async fn reads(state: &AppState) -> Db {
    let floor = parts().and_then(|p| {
        p.extensions
            .get::<crate::store::replica::WriteFloor>()
            .cloned()
    });
    reads_after(state, floor.as_ref()).await
}

/// [`reads`] for a person whose last write is at `floor`.
pub async fn reads_after(
    state: &AppState,
    floor: Option<&crate::store::replica::WriteFloor>,
) -> Db {
    match &state.replica {
        Some(replica) => replica.reads(&state.db, floor).await,
        None => state.db.clone(),
    }
}

pub fn current_user() -> Result<CurrentUser, AppError> {
    parts()
        .and_then(|p| p.extensions.get::<RequestSession>().cloned())
        .and_then(|s| s.0)
        .ok_or(AppError::Unauthenticated)
}

/// The state and the person, if the person holds `role` somewhere.
pub fn require(role: Role) -> Result<(AppState, CurrentUser), AppError> {
    let user = current_user()?;
    if !user.has_role(role) {
        return Err(AppError::Forbidden);
    }
    Ok((state()?, user))
}

/// How a person may act in one programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProgrammeAccess {
    /// Coordinates the programme's organisation: sees everything of it,
    /// edits the programme, invites its managers.
    Coordinator,
    /// Manages the programme: runs recruitment, training and matching.
    Manager,
}

impl CurrentUser {
    pub fn manages(&self, programme: crate::model::ProgrammeId) -> bool {
        self.memberships
            .iter()
            .any(|m| m.programme_id == programme && m.role == Role::Manager)
    }
}

/// The programme and how the person may act in it: a manager of it, or a
/// coordinator of its organisation (both: manager). Anyone else is refused
/// as if it did not exist.
pub async fn programme_access(
    state: &AppState,
    user: &CurrentUser,
    programme: crate::model::ProgrammeId,
) -> Result<(crate::model::ProgrammeView, ProgrammeAccess), AppError> {
    let Some(view) = crate::store::programmes::find(&state.db, programme).await? else {
        return Err(AppError::Forbidden);
    };
    if user.manages(programme) {
        return Ok((view, ProgrammeAccess::Manager));
    }
    if coordinates(state, user, view.organisation_id).await? {
        return Ok((view, ProgrammeAccess::Coordinator));
    }
    Err(AppError::Forbidden)
}

/// The person coordinates the organisation (a programme of it).
pub async fn coordinates(
    state: &AppState,
    user: &CurrentUser,
    organisation: crate::model::OrganisationId,
) -> Result<bool, AppError> {
    if !user.has_role(Role::Coordinator) {
        return Ok(false);
    }
    Ok(
        crate::store::programmes::coordinated_organisations(&state.db, user.id())
            .await?
            .iter()
            .any(|(id, _)| *id == organisation),
    )
}

/// The programme, if the person manages it (coordinators may read only).
pub async fn manager_of(
    state: &AppState,
    user: &CurrentUser,
    programme: crate::model::ProgrammeId,
) -> Result<crate::model::ProgrammeView, AppError> {
    match programme_access(state, user, programme).await? {
        (view, ProgrammeAccess::Manager) => Ok(view),
        _ => Err(AppError::Forbidden),
    }
}

/// The language of the request (the remembered choice, else the browser's).
pub fn request_language() -> crate::i18n::Lang {
    use crate::i18n::Lang;
    let header = |name| {
        parts().and_then(|p| {
            p.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        })
    };
    header(http::header::COOKIE)
        .and_then(|c| Lang::from_cookie_header(&c))
        .or_else(|| {
            header(http::header::ACCEPT_LANGUAGE).and_then(|a| Lang::from_accept_language(&a))
        })
        .unwrap_or_default()
}

/// The address people use for the site: `PB_PUBLIC_URL`, else the
/// request's own host.
pub fn site_origin(settings: &Settings) -> String {
    settings.link_origin.clone()
}

/// Today, where the server is (dates of records the office makes).
pub fn today() -> chrono::NaiveDate {
    crate::model::dates::local_today()
}

/// A form's problems, as the error the form shows next to each field.
pub fn invalid(errors: crate::model::FieldErrors) -> AppError {
    AppError::Invalid { errors }
}

pub fn append_header(name: http::HeaderName, value: &str) {
    if let (Some(options), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        options.append_header(name, value);
    }
}

/// Sets a header of the response, replacing any value it had.
pub fn set_header(name: http::HeaderName, value: &str) {
    if let (Some(options), Ok(value)) = (
        use_context::<ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        options.insert_header(name, value);
    }
}

/// Gives the response the HTTP status of `error`.
pub fn set_status(error: &AppError) {
    // A plain HTML form post (before the app has loaded) is redirected back
    // to its page by leptos_axum; an error status would break that.
    let plain_form_post = parts().is_some_and(|p| {
        p.method == http::Method::POST
            && p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    });
    if let (Some(options), false) = (use_context::<ResponseOptions>(), plain_form_post) {
        options.set_status(error.status());
        if let Some(seconds) = error.retry_after_seconds() {
            options.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
        }
    }
}

/// Writes to the audit trail that the person read or did `action` to each
/// of `objects`, from the request's address.
pub async fn audit(
    state: &AppState,
    user: &CurrentUser,
    action: crate::model::AuditAction,
    objects: impl IntoIterator<Item = String>,
) -> Result<(), AppError> {
    let objects: Vec<String> = objects.into_iter().collect();
    if objects.is_empty() {
        return Ok(());
    }
    crate::store::audit::record_many(&state.db, Some(user.id()), action, &objects, &client_ip())
        .await?;
    Ok(())
}

/// A refusal goes into the audit trail: who was refused which server
/// function (or page, whose data comes from one), from where. A failure to
/// write it is logged, never the request's answer.
async fn audit_denial(name: &'static str) {
    let Ok(state) = state() else {
        return;
    };
    let user = current_user().ok().map(|u| u.id());
    let ip = client_ip();
    if let Err(error) = crate::store::audit::record(
        &state.db,
        user,
        crate::model::AuditAction::Denied,
        name,
        &ip,
    )
    .await
    {
        tracing::warn!(%error, "could not record a denial in the audit trail");
    }
}

/// Runs a server function's body in a span named after it, turns a panic
/// into an internal error (the panic hook has logged it) and gives an error
/// its HTTP status. Called by every server function, whether the browser
/// called it or a page rendering on the server did.
pub async fn respond<T>(
    name: &'static str,
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    use futures::FutureExt;
    use tracing::Instrument;
    let span = tracing::info_span!("server_fn", name);
    let result = std::panic::AssertUnwindSafe(body)
        .catch_unwind()
        .instrument(span.clone())
        .await
        .unwrap_or(Err(AppError::Internal));
    if let Err(error) = &result {
        if matches!(error, AppError::Internal) {
            span.in_scope(|| tracing::error!("server function failed"));
        }
        if matches!(error, AppError::Forbidden) {
            audit_denial(name).instrument(span).await;
        }
        set_status(error);
    }
    result
}

/// The facts of `manager`'s pairs: those of the page being rendered if it
/// worked them out already, else from the database.
pub async fn manager_facts(
    db: &crate::store::Db,
    manager: crate::model::UserId,
) -> Result<std::sync::Arc<Vec<crate::model::PairFacts>>, crate::store::StoreError> {
    let known = use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<crate::store::dashboard::RequestFacts>()
                .cloned()
        })
        .filter(|memo| memo.manager == manager);
    match known {
        Some(memo) => Ok(memo.facts),
        None => Ok(std::sync::Arc::new(
            crate::store::dashboard::of_manager(db, manager).await?,
        )),
    }
}
