//! A real server on a random port with a fresh database per test: SQLite in
//! a temporary folder, or a new PostgreSQL database when
//! `PB_TEST_POSTGRES_URL` names a server.
//!
//! The server runs as in production, on a multi-threaded runtime of its own
//! (so work moves between threads), with its own connection pool. A test
//! whose server panicked fails, even if every answer it checked was right.

use app::api::auth::session::hash_password;
use app::api::context::{AppState, Settings};
use app::i18n::Lang;
use app::model::*;
use app::store::{pairs, programmes, users, Db};
use chrono::{Days, NaiveDate};
use reqwest::{Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::json;
use server::config::HttpConfig;
use std::net::SocketAddr;

use tokio::sync::OnceCell;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub base: String,
    /// The test's own connection to the server's database.
    pub db: Db,
    pub database_url: String,
    pub world: World,
    /// The first run's setup code, on a server started with no
    /// organisation ([`spawn_empty_app`]).
    pub setup_code: Option<String>,
    /// Whether the server still takes new work; a test drains it as
    /// SIGTERM does.
    pub health: std::sync::Arc<server::config::Health>,
    server: ServerRuntime,
    _folder: tempfile::TempDir,
}

/// The server's runtime: its threads carry a name unique to the test, so
/// the panics raised on them are the test's.
struct ServerRuntime {
    runtime: Option<tokio::runtime::Runtime>,
    thread_prefix: String,
}

/// Every panic of this test process, with the name of its thread.
static PANICS: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

/// Records panics (and still prints them), once per process.
fn record_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let print = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current().name().unwrap_or("").to_string();
            let message = format!(
                "{} at {}",
                server::panic_message(info),
                info.location().map(|l| l.to_string()).unwrap_or_default()
            );
            PANICS
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((thread, message));
            print(info);
        }));
    });
}

impl ServerRuntime {
    /// The panics raised on this server's threads so far.
    fn panics(&self) -> Vec<String> {
        PANICS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|(thread, _)| thread.starts_with(&self.thread_prefix))
            .map(|(_, message)| message.clone())
            .collect()
    }
}

impl Drop for ServerRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
        let panics = self.panics();
        if !panics.is_empty() && !std::thread::panicking() {
            panic!(
                "the server panicked {} time(s) during this test; first: {}",
                panics.len(),
                panics[0]
            );
        }
    }
}

impl TestApp {
    /// The panics of this test's server so far (the test fails at its end
    /// if there are any).
    pub fn server_panics(&self) -> Vec<String> {
        self.server.panics()
    }
}

/// Who is who in the test world: programme A with one person per role, and
/// programme B whose people must see nothing of A.
pub struct World {
    pub today: NaiveDate,
    pub organisation_a: OrganisationId,
    pub programme_a: ProgrammeId,
    pub programme_b: ProgrammeId,
    pub pair_a1: PairId,
    pub pair_a2: PairId,
    pub pair_a3: PairId,
    pub pair_b: PairId,
}

impl World {
    /// The world of an empty database: every id names nothing.
    fn nothing() -> World {
        World {
            today: chrono::Utc::now().date_naive(),
            organisation_a: OrganisationId::new(),
            programme_a: ProgrammeId::new(),
            programme_b: ProgrammeId::new(),
            pair_a1: PairId::new(),
            pair_a2: PairId::new(),
            pair_a3: PairId::new(),
            pair_b: PairId::new(),
        }
    }
}

/// A new, empty database and its URL.
pub async fn fresh_db(folder: &std::path::Path) -> (Db, String) {
    match std::env::var("PB_TEST_POSTGRES_URL") {
        Ok(server_url) if !server_url.is_empty() => fresh_db_at(&server_url).await,
        _ => {
            let url = format!("sqlite:{}", folder.join("test.db").display());
            (Db::connect(&url).await.expect("open SQLite"), url)
        }
    }
}

/// A new, empty database on the PostgreSQL server at `server_url`.
pub async fn fresh_db_at(server_url: &str) -> (Db, String) {
    let admin = Db::connect(server_url)
        .await
        .expect("the test PostgreSQL server is reachable");
    let name = format!("pb_test_{}", uuid::Uuid::new_v4().simple());
    let Db::Postgres(pool) = &admin else {
        panic!("PB_TEST_POSTGRES_URL must be a postgres: URL")
    };
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(pool)
        .await
        .expect("create a test database");
    admin.close().await;
    let (base, _) = server_url
        .rsplit_once('/')
        .expect("a database URL has a path");
    let url = format!("{base}/{name}");
    (
        Db::connect(&url)
            .await
            .expect("connect to the test database"),
        url,
    )
}

/// The same password hash for every test person: argon2 is slow on purpose.
pub async fn password_hash() -> &'static str {
    static HASH: OnceCell<String> = OnceCell::const_new();
    HASH.get_or_init(|| async { hash_password(PASSWORD).await.unwrap() })
        .await
}

async fn seed(db: &Db) -> World {
    let hash = password_hash().await;
    let today = chrono::Utc::now().date_naive();
    let mut tx = db.begin().await.unwrap();
    let org_a = users::create_organisation(&mut tx, "School A")
        .await
        .unwrap();
    let org_b = users::create_organisation(&mut tx, "School B")
        .await
        .unwrap();
    let programme = |name: &str, typology| {
        ProgrammeSettings::with_defaults(name, typology, today - Days::new(90))
    };
    let programme_a = programmes::create(
        &mut tx,
        org_a,
        &programme("Pilot A", Typology::Peer),
        None,
        Lang::En,
    )
    .await
    .unwrap();
    let programme_b = programmes::create(
        &mut tx,
        org_b,
        &programme("Pilot B", Typology::NonPeer),
        None,
        Lang::En,
    )
    .await
    .unwrap();
    let mut ids = std::collections::HashMap::new();
    for (email, programme, role, login) in [
        ("coordinator@a.test", programme_a, Role::Coordinator, true),
        ("manager@a.test", programme_a, Role::Manager, true),
        ("mentor@a.test", programme_a, Role::Mentor, true),
        ("mentor2@a.test", programme_a, Role::Mentor, true),
        ("mentee@a.test", programme_a, Role::Mentee, true),
        ("mentee2@a.test", programme_a, Role::Mentee, false),
        ("mentee3@a.test", programme_a, Role::Mentee, false),
        ("coordinator@b.test", programme_b, Role::Coordinator, true),
        ("manager@b.test", programme_b, Role::Manager, true),
        ("mentor@b.test", programme_b, Role::Mentor, true),
        ("mentee@b.test", programme_b, Role::Mentee, true),
    ] {
        let id = users::create_user(&mut tx, email, email, login.then_some(hash))
            .await
            .unwrap();
        users::add_membership(&mut tx, id, programme, role)
            .await
            .unwrap();
        ids.insert(email, id);
    }
    let started_on = today - Days::new(60);
    let mut pair = async |programme, mentor: &str, mentee: &str, manager: &str| {
        pairs::create(
            &mut tx,
            &pairs::NewPair {
                programme,
                mentor: ids[mentor],
                mentee: ids[mentee],
                manager: ids[manager],
                started_on,
                confirmed_on: Some(started_on),
                planned_end_on: started_on + chrono::Months::new(6),
                mentor_candidate: None,
                mentee_candidate: None,
            },
        )
        .await
        .unwrap()
    };
    let pair_a1 = pair(
        programme_a,
        "mentor@a.test",
        "mentee@a.test",
        "manager@a.test",
    )
    .await;
    let pair_a2 = pair(
        programme_a,
        "mentor@a.test",
        "mentee2@a.test",
        "manager@a.test",
    )
    .await;
    let pair_a3 = pair(
        programme_a,
        "mentor2@a.test",
        "mentee3@a.test",
        "manager@a.test",
    )
    .await;
    let pair_b = pair(
        programme_b,
        "mentor@b.test",
        "mentee@b.test",
        "manager@b.test",
    )
    .await;
    tx.commit().await.unwrap();
    World {
        today,
        organisation_a: org_a,
        programme_a,
        programme_b,
        pair_a1,
        pair_a2,
        pair_a3,
        pair_b,
    }
}

/// The token the test servers' `/metrics` asks for.
pub const METRICS_TOKEN: &str = "test-metrics-token-of-thirty-two-chars";

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Settings::default()).await
}

pub async fn spawn_app_with(settings: Settings) -> TestApp {
    start_app(settings, None, 0, None, true).await
}

/// A server whose public address (`PB_PUBLIC_URL`) is `origin`.
pub async fn spawn_app_served_at(settings: Settings, origin: &str) -> TestApp {
    start_app(settings, None, 0, Some(origin.to_string()), true).await
}

/// A server on an empty database (no organisation: its world names
/// nothing), waiting for its first run's setup.
pub async fn spawn_empty_app() -> TestApp {
    start_app(Settings::default(), None, 0, None, false).await
}

/// A server behind `hops` proxies of its own: the tests play the proxies
/// by writing `X-Forwarded-For`. It has no metrics token (`/metrics`
/// answers this machine only).
pub async fn spawn_app_behind_proxies(settings: Settings, hops: u8) -> TestApp {
    start_app(settings, None, hops, None, true).await
}

/// A server that sends its email to a real SMTP server of the test's own
/// ([`SmtpSink`]): what the app queues goes out as in production (the
/// digests are made only when a test asks).
pub async fn spawn_app_with_mail() -> (TestApp, SmtpSink) {
    let sink = SmtpSink::start();
    let settings = Settings {
        mail_enabled: true,
        ..Settings::default()
    };
    let mail = server::mail::MailConfig {
        smtp_url: sink.url.clone(),
        from: "Parent Bridge <noreply@parent-bridge.test>".into(),
        digest_hour: None,
    };
    (start_app(settings, Some(mail), 0, None, true).await, sink)
}

async fn start_app(
    settings: Settings,
    mail: Option<server::mail::MailConfig>,
    proxy_hops: u8,
    public_origin: Option<String>,
    seeded: bool,
) -> TestApp {
    record_panics();
    // `RUST_LOG=warn cargo test ... -- --nocapture` shows the servers' logs.
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
    }
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path().join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        site.join("sw.js"),
        "const BUILD = \"__BUILD_ID__\";\nconst FILES = [\"__PRECACHE_FILES__\"];\n",
    )
    .unwrap();
    std::fs::write(site.join("manifest.webmanifest"), "{}").unwrap();
    let (db, database_url) = fresh_db(folder.path()).await;
    db.migrate().await.expect("migrations apply");
    let world = if seeded {
        seed(&db).await
    } else {
        World::nothing()
    };
    let config = HttpConfig {
        public_origin,
        proxy_hops,
        instance: format!("test-{}", std::process::id()),
        // Behind proxies, no token: `/metrics` answers this machine only.
        metrics_token: (proxy_hops == 0).then(|| METRICS_TOKEN.to_string()),
        ..HttpConfig::new(settings.clone(), site.display().to_string())
    };
    let health = config.health.clone();

    static SERVERS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let number = SERVERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let thread_prefix = format!("pb-test-server-{number}");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .thread_name(thread_prefix.clone())
        .enable_all()
        .build()
        .unwrap();
    let (bound, address) = tokio::sync::oneshot::channel();
    let url = database_url.clone();
    runtime.spawn(async move {
        let db = Db::connect(&url).await.expect("the server connects");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut config = config;
        config.settings.link_origin = config
            .public_origin
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"));
        let state: AppState = server::cli::state(db, &config, addr);
        let code = server::cli::open_setup(&state).await.unwrap();
        if let Some(mail) = mail {
            let mailer =
                server::mail::Mailer::new(&mail).expect("the test's mail settings are valid");
            server::mail::spawn(state.clone(), mailer, format!("http://{addr}"));
        }
        let router = server::http::router(state, config);
        bound.send((addr, code)).unwrap();
        server::run(listener, router, std::future::pending())
            .await
            .unwrap();
    });
    let (addr, setup_code): (SocketAddr, Option<String>) =
        address.await.expect("the server starts");
    TestApp {
        base: format!("http://{addr}"),
        db,
        database_url,
        world,
        setup_code,
        health,
        server: ServerRuntime {
            runtime: Some(runtime),
            thread_prefix,
        },
        _folder: folder,
    }
}

pub fn client() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Calls a server function with form-encoded arguments.
    /// A POST as the app's own pages make it: from this site (the server
    /// refuses a write that does not say so).
    pub fn write(&self, client: &Client, path: &str) -> reqwest::RequestBuilder {
        client
            .post(self.url(path))
            .header("origin", self.base.clone())
    }

    pub async fn post(&self, client: &Client, path: &str, form: &[(&str, &str)]) -> Response {
        self.write(client, path).form(form).send().await.unwrap()
    }

    pub async fn post_json(
        &self,
        client: &Client,
        path: &str,
        body: serde_json::Value,
    ) -> Response {
        self.write(client, path).json(&body).send().await.unwrap()
    }

    pub async fn login(&self, client: &Client, email: &str) -> Response {
        self.post(
            client,
            "/api/auth/login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await
    }

    /// A client logged in as `email`.
    pub async fn as_user(&self, email: &str) -> Client {
        let client = client();
        let response = self.login(&client, email).await;
        assert_eq!(response.status(), StatusCode::OK, "{email} logs in");
        client
    }

    /// Sends items as a phone's outbox does, whatever their kinds.
    pub async fn sync(&self, client: &Client, items: &[SyncItem]) -> Response {
        self.post_json(client, "/api/sync", json!({ "items": items }))
            .await
    }

    /// Sends items and reads the answers: one per item, in order, each
    /// naming its item.
    pub async fn sync_ok(&self, client: &Client, items: &[SyncItem]) -> Vec<SyncOutcome> {
        let response = self.sync(client, items).await;
        assert_eq!(response.status(), StatusCode::OK);
        let answers: Vec<SyncAnswer> = json(response).await;
        assert_eq!(
            answers
                .iter()
                .map(|a| (a.kind, a.id, a.revision))
                .collect::<Vec<_>>(),
            items
                .iter()
                .map(|i| (i.kind, i.id, i.revision))
                .collect::<Vec<_>>(),
            "one answer per item, in order"
        );
        answers.into_iter().map(|a| a.outcome).collect()
    }

    pub async fn stored_logs(&self) -> i64 {
        app::store::meetings::count(&self.db).await.unwrap()
    }

    pub async fn stored_pairs(&self) -> i64 {
        self.count("SELECT COUNT(*) FROM pairs").await
    }

    /// The number a `SELECT COUNT(*) …` finds, on either engine.
    pub async fn count(&self, sql: &str) -> i64 {
        match &self.db {
            Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
            Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        }
        .unwrap()
    }

    /// Runs one statement on either engine (for setting up what the app has
    /// no function for, such as the passing of time).
    pub async fn execute(&self, sql: &str, at: chrono::DateTime<chrono::Utc>) {
        match &self.db {
            Db::Sqlite(pool) => sqlx::query(sql).bind(at).execute(pool).await.map(|_| ()),
            Db::Postgres(pool) => sqlx::query(sql).bind(at).execute(pool).await.map(|_| ()),
        }
        .unwrap();
    }
}

impl TestApp {
    /// A person who can log in with [`PASSWORD`], holding `roles`.
    pub async fn add_user(&self, email: &str, roles: &[(ProgrammeId, Role)]) -> UserId {
        let mut tx = self.db.begin().await.unwrap();
        let id = users::create_user(&mut tx, email, email, Some(password_hash().await))
            .await
            .unwrap();
        for (programme, role) in roles {
            users::add_membership(&mut tx, id, *programme, *role)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        id
    }

    /// Gives `user` one more role.
    pub async fn add_membership(&self, user: UserId, programme: ProgrammeId, role: Role) {
        let mut tx = self.db.begin().await.unwrap();
        users::add_membership(&mut tx, user, programme, role)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    /// Ends `user`'s role in a programme.
    pub async fn remove_membership(&self, user: UserId, programme: ProgrammeId, role: Role) {
        app::store::users::remove_membership(&self.db, user, programme, role)
            .await
            .unwrap();
    }

    pub async fn latest_session_use(&self) -> chrono::DateTime<chrono::Utc> {
        let sql = "SELECT MAX(last_seen_at) FROM sessions";
        match &self.db {
            Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
            Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        }
        .unwrap()
    }
}

pub async fn json<T: DeserializeOwned>(response: Response) -> T {
    let status = response.status();
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("status {status}, body {text:?}: {e}"))
}

/// A valid meeting log for `pair`, `days_ago` days back.
pub fn log_input(world: &World, pair: PairId, days_ago: u64, description: &str) -> MeetingLogInput {
    MeetingLogInput {
        pair_id: pair.to_string(),
        date: (world.today - Days::new(days_ago))
            .format("%Y-%m-%d")
            .to_string(),
        form: "face_to_face".into(),
        hours: "1".into(),
        minutes: "15".into(),
        description: description.into(),
        went_well_next_steps: "Next: visit the school together.".into(),
        challenge: "no".into(),
        challenge_text: String::new(),
        goals: Vec::new(),
        withdrawn_reason: String::new(),
    }
}

/// What a phone sends for a record of kind `R`: the input as typed, and
/// the hash as the phone computes it for a record valid on the phone.
pub fn record_item<R: Record>(id: uuid::Uuid, revision: u32, input: &R::Input) -> SyncItem {
    let ctx = ValidationContext {
        latest_date: NaiveDate::MAX,
        pair: Some(PairDates {
            started_on: NaiveDate::MIN,
            ended_on: None,
        }),
    };
    let content_hash = R::check(input, &ctx)
        .map(|r| r.content_hash())
        .unwrap_or_else(|_| "unchecked".into());
    SyncItem {
        kind: R::KIND,
        id,
        revision,
        content_hash,
        input: Payload::of(input),
    }
}

/// The sync item a phone would send for a new `log`.
pub fn item(_world: &World, log: MeetingLogInput) -> SyncItem {
    record_item::<MeetingLog>(MeetingLogId::new().as_uuid(), 1, &log)
}

/// A refusal for these reasons.
pub fn rejected(errors: impl Into<Reasons>) -> SyncOutcome {
    SyncOutcome::Rejected {
        errors: errors.into(),
    }
}

/// A refusal of the record as a whole.
pub fn rejected_whole(problem: Problem) -> SyncOutcome {
    rejected(Reasons::whole(problem))
}

/// One email as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    /// The envelope's recipients.
    pub to: Vec<String>,
    pub subject: String,
    /// The decoded text.
    pub body: String,
    /// The message as sent, headers and all.
    pub raw: String,
}

/// A real SMTP server (mailin-embedded, blocking, on threads of its own)
/// on a free port of 127.0.0.1, keeping every email it receives.
pub struct SmtpSink {
    pub url: String,
    mails: std::sync::Arc<std::sync::Mutex<Vec<ReceivedMail>>>,
}

#[derive(Clone)]
struct SinkHandler {
    mails: std::sync::Arc<std::sync::Mutex<Vec<ReceivedMail>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl mailin_embedded::Handler for SinkHandler {
    fn data_start(
        &mut self,
        _domain: &str,
        _from: &str,
        _is8bit: bool,
        to: &[String],
    ) -> mailin_embedded::Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin_embedded::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> mailin_embedded::Response {
        let raw = String::from_utf8_lossy(&self.data).to_string();
        let parsed = mailparse::parse_mail(&self.data).expect("a readable email");
        use mailparse::MailHeaderMap;
        let mail = ReceivedMail {
            to: std::mem::take(&mut self.to),
            subject: parsed
                .headers
                .get_first_value("Subject")
                .unwrap_or_default(),
            body: parsed.get_body().unwrap_or_default(),
            raw,
        };
        self.mails.lock().unwrap().push(mail);
        mailin_embedded::response::OK
    }
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let mails = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let handler = SinkHandler {
            mails: mails.clone(),
            to: Vec::new(),
            data: Vec::new(),
        };
        std::thread::spawn(move || {
            let mut server = mailin_embedded::Server::new(handler);
            server
                .with_name("sink.parent-bridge.test")
                .with_tcp_listener(listener);
            server.serve().expect("the SMTP sink runs");
        });
        SmtpSink { url, mails }
    }

    pub fn received(&self) -> Vec<ReceivedMail> {
        self.mails.lock().unwrap().clone()
    }

    /// The emails received once there are at least `n` (waits up to ten
    /// seconds, then returns what came).
    pub async fn wait_for(&self, n: usize) -> Vec<ReceivedMail> {
        for _ in 0..200 {
            let mails = self.received();
            if mails.len() >= n {
                return mails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        self.received()
    }
}
