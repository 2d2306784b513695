//! The Parent Bridge server: one binary, SQLite or PostgreSQL.

pub mod cli;
pub mod config;
pub mod http;

use config::ServeArgs;
use std::time::Duration;

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn serve(args: ServeArgs) -> Result<(), cli::CliError> {
    let config = args.http_config()?;
    let db = app::store::Db::connect(&args.db.database_url).await?;
    db.migrate().await?;
    let state = cli::state(db.clone(), &config, args.addr);
    spawn_cleanup(state.clone());
    let router = http::router(state, config);
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    tracing::info!(
        "Parent Bridge ({}) listening on http://{}",
        db.engine(),
        args.addr
    );
    println!("Parent Bridge is running on http://{}", args.addr);
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await?;
    db.close().await;
    Ok(())
}

/// Forgets ended sessions and old failed logins, every hour.
fn spawn_cleanup(state: app::api::context::AppState) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            let now = app::store::now();
            let settings = &state.settings;
            let sessions = app::store::sessions::delete_expired(
                &state.db,
                now - settings.session_idle,
                now - settings.session_absolute,
            )
            .await;
            let failures =
                app::store::users::prune_login_failures(&state.db, now - settings.login_window)
                    .await;
            if let Err(error) = sessions.and(failures) {
                tracing::warn!(%error, "clean-up failed");
            }
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
