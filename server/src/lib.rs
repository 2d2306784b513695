//! The Parent Bridge server: one binary, SQLite or PostgreSQL.

pub mod boot;
pub mod build;
pub mod cli;
pub mod config;
pub mod http;
pub mod mail;

use axum::serve::ListenerExt;
use config::ServeArgs;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

/// Runs the server until Ctrl-C or SIGTERM. Its port opens first and
/// answers 503 (`/readyz`: "starting") until the migrations are applied, so
/// a load balancer waits for it instead of counting it down.
pub async fn serve(args: ServeArgs) -> Result<(), cli::CliError> {
    let mut config = args.http_config()?;
    config.settings.storage_secret =
        app::store::secret::ServerSecret::load_or_create(&args.secret_file)?;
    let db = app::store::Db::connect(&args.db.database_url).await?;
    let mut state = cli::state(db.clone(), &config, args.addr);
    if let Some(url) = args
        .database_read_url
        .as_deref()
        .filter(|u| !u.trim().is_empty())
    {
        let replica = std::sync::Arc::new(app::store::replica::Replica::connect(url.trim()).await?);
        spawn_replica_checks(replica.clone(), db.clone());
        state.replica = Some(replica);
    }
    let health = config.health.clone();
    let instance = config.instance.clone();
    let link_origin = config.settings.link_origin.clone();
    let router = http::router(state.clone(), config);
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    let drain = Duration::from_secs(args.drain_seconds);
    let stop = {
        let health = health.clone();
        async move {
            shutdown().await;
            // Not ready from now on; the load balancer sees it at its next
            // check and sends new requests elsewhere meanwhile.
            health.drain();
            tracing::info!(
                ?drain,
                "stopping: draining, then finishing the requests under way"
            );
            tokio::time::sleep(drain).await;
        }
    };
    let server = tokio::spawn(run(listener, router, stop));

    db.migrate().await?;
    let wrapped = app::store::users::wrap_storage_keys(&db, &state.settings.storage_secret).await?;
    if wrapped > 0 {
        tracing::info!(wrapped, "storage keys kept in clear are wrapped now");
    }
    if let Some(replica) = &state.replica {
        replica.check(&db).await;
        tracing::info!(
            healthy = replica.is_healthy(),
            "reads that can go to the replica do"
        );
    }
    if let Some(code) = cli::open_setup(&state).await? {
        tracing::warn!("no organisation uses this server yet: set it up in the browser");
        eprintln!(
            "\nNo organisation uses this server yet. Open http://{}/setup and type the setup code:\n\n    {code}\n\n(or create one with `parent-bridge create-programme` and `create-user`).\n",
            args.addr
        );
    }
    spawn_cleanup(state.clone());
    match args.mail.config() {
        Some(mail) => {
            let mailer = mail::Mailer::new(&mail)?;
            tracing::info!(digest_hour = ?mail.digest_hour, "email is on");
            mail::spawn(state.clone(), mailer, link_origin);
        }
        None => {
            tracing::warn!(
                "email is off (PB_SMTP_URL is not set): notifications are shown in the app only"
            );
            println!(
                "Email is off (PB_SMTP_URL is not set): notifications are shown in the app only."
            );
        }
    }
    health.set_starting(false);
    tracing::info!(
        %instance,
        "Parent Bridge ({}) listening on http://{}",
        db.engine(),
        args.addr
    );
    println!("Parent Bridge is running on http://{}", args.addr);
    server
        .await
        .map_err(|error| std::io::Error::other(error.to_string()))??;
    db.close().await;
    Ok(())
}

/// Serves `router` on `listener` until `stop` completes. Every accepted
/// connection gets `TCP_NODELAY`: without it a response on a kept-alive
/// connection waits ~40 ms (Nagle's algorithm against delayed ACKs).
pub async fn run(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = listener.tap_io(|stream| {
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await
}

/// Logs a panic once, through the log (inside the span of the request it
/// happened in: method and path), instead of printing it to stderr.
pub fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = panic_message(info);
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(%location, "panic: {message}");
    }));
}

/// The text a panic was raised with.
pub fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_string())
}

/// Forgets ended sessions and old login attempts, and anonymises the ended
/// pairs whose programme's retention period has passed, every hour
/// (sessions shorter for their role are ended when next used).
fn spawn_cleanup(state: app::api::context::AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            let now = app::store::now();
            let settings = &state.settings;
            let sessions = app::store::sessions::delete_expired(
                &state.db,
                now - settings.session_idle.max(settings.office_session_idle),
                now - settings
                    .session_absolute
                    .max(settings.office_session_absolute),
            )
            .await;
            let window = chrono::Duration::seconds(settings.login_limits.window_seconds);
            let attempts = app::store::users::prune_login_attempts(&state.db, now - window).await;
            // Each programme's retention period, applied as soon as it ends.
            let retention =
                app::store::privacy::apply_retention(&state.db, app::model::dates::local_today())
                    .await
                    .map(|_| ());
            if let Err(error) = sessions.and(attempts).and(retention) {
                tracing::warn!(%error, "clean-up failed");
            }
        }
    });
}

/// Checks the replica every few seconds: reads leave it while it lags or
/// is down, and come back when it has caught up.
fn spawn_replica_checks(
    replica: std::sync::Arc<app::store::replica::Replica>,
    primary: app::store::Db,
) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(app::store::replica::CHECK_EVERY);
        loop {
            every.tick().await;
            replica.check(&primary).await;
        }
    });
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
