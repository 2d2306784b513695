//! The axum application: server functions, pages, static files, the service
//! worker, and the middleware that guards them.

use crate::config::HttpConfig;
use app::api::auth::session::{self, SessionCheck};
use app::api::context::{AppState, ClientIp, RequestSession};
use app::{shell, App};
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// Everything the HTTP layer needs besides the app state.
#[derive(Clone)]
struct Guard {
    state: AppState,
    config: Arc<HttpConfig>,
    service_worker: Arc<Option<String>>,
}

pub fn router(state: AppState, config: HttpConfig) -> Router {
    let routes = generate_route_list(App);
    let guard = Guard {
        service_worker: Arc::new(service_worker_script(&config.site_root)),
        state: state.clone(),
        config: Arc::new(config),
    };
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let options = state.leptos_options.clone();
    let pkg_files = ServeDir::new(std::path::Path::new(&guard.config.site_root).join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .route("/api/{*name}", post(server_fn))
        .route(
            "/sw.js",
            get(serve_service_worker).with_state(guard.clone()),
        )
        .route("/healthz", get(|| async { "ok" }))
        // Build files: a missing one is a plain 404, never an HTML page.
        .nest_service("/pkg", pkg_files)
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn_with_state(guard.clone(), sessions))
        .layer(middleware::from_fn_with_state(guard, refuse_foreign_origin))
        .layer(middleware::from_fn(security_headers))
        .layer(CompressionLayer::new())
        .with_state(state)
}

async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// Server functions are called by the app's own pages only: a write whose
/// `Origin` is another site is refused (the session cookie is `SameSite=Lax`
/// too, but old browsers and same-site subdomains are not covered by that).
async fn refuse_foreign_origin(
    State(guard): State<Guard>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method();
    if method == Method::GET || method == Method::HEAD || method == Method::OPTIONS {
        return next.run(request).await;
    }
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null").to_ascii_lowercase();
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let own = origin == format!("http://{host}") || origin == format!("https://{host}");
        let public = guard.config.public_origin.as_deref() == Some(origin.as_str());
        if !(own || public) {
            tracing::warn!(%origin, "refused a cross-origin write");
            return (StatusCode::FORBIDDEN, "cross-origin requests are refused").into_response();
        }
    }
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return (StatusCode::FORBIDDEN, "cross-site requests are refused").into_response();
    }
    next.run(request).await
}

fn client_ip(request: &Request, trust_proxy: bool) -> String {
    let forwarded = trust_proxy
        .then(|| request.headers().get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|ip| ip.trim().to_string())
        .filter(|ip| !ip.is_empty());
    forwarded
        .or_else(|| {
            request
                .extensions()
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// Resolves the session cookie once per request and hands the person (or
/// nobody) to the pages and server functions. An ended session's cookie is
/// cleared.
async fn sessions(State(guard): State<Guard>, mut request: Request, next: Next) -> Response {
    let ip = client_ip(&request, guard.config.trust_proxy);
    request.extensions_mut().insert(ClientIp(ip));
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(session::token_from_cookies);
    let mut clear_cookie = false;
    let user = match token {
        None => None,
        Some(token) => match session::check(&guard.state, &token).await {
            Ok(SessionCheck::Valid(user)) => Some(user),
            Ok(SessionCheck::Invalid) => {
                clear_cookie = true;
                None
            }
            Err(error) => {
                tracing::error!(%error, "session lookup failed");
                return (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the database is not available",
                )
                    .into_response();
            }
        },
    };
    request.extensions_mut().insert(RequestSession(user));
    let mut response = next.run(request).await;
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(session::SESSION_COOKIE.as_bytes()));
    if clear_cookie && !sets_session {
        if let Ok(value) = HeaderValue::from_str(&session::clear_cookie(&guard.state.settings)) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

async fn security_headers(request: Request, next: Next) -> Response {
    let build_file = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    if build_file && response.status() == StatusCode::OK && build_hashes().is_some() {
        // Hashed names: a new build has new names.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// The hashed names cargo-leptos gave this build's files (`hash.txt`, next
/// to the binary), or `None` for an unhashed build.
pub fn build_hashes() -> Option<Vec<(String, String)>> {
    let exe = std::env::current_exe().ok()?;
    let text = std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok()?;
    Some(
        text.lines()
            .filter_map(|line| line.split_once(':'))
            .map(|(kind, hash)| (kind.trim().to_string(), hash.trim().to_string()))
            .collect(),
    )
}

/// The files of this build the service worker pre-caches.
pub fn precached_files(hashes: Option<&[(String, String)]>) -> Vec<String> {
    let hashed = |kind: &str| {
        let hash = hashes
            .and_then(|h| h.iter().find(|(k, _)| k == kind))
            .map(|(_, h)| format!(".{h}"));
        format!("/pkg/parent-bridge{}.{kind}", hash.unwrap_or_default())
    };
    let mut files = vec![hashed("js"), hashed("wasm"), hashed("css")];
    files.extend(
        [
            "/manifest.webmanifest",
            "/icons/icon-192.png",
            "/icons/icon-512.png",
            "/icons/icon-maskable-512.png",
        ]
        .map(String::from),
    );
    files
}

/// `sw.js` with this build's id and files filled in, or `None` when the site
/// is not built. The id is a hash of the worker and the build's file names,
/// so each build gets a cache of its own.
pub fn service_worker_script(site_root: &str) -> Option<String> {
    let script = std::fs::read_to_string(std::path::Path::new(site_root).join("sw.js")).ok()?;
    let hashes = build_hashes();
    let files = precached_files(hashes.as_deref());
    let mut hasher = Sha256::new();
    hasher.update(script.as_bytes());
    for file in &files {
        hasher.update(file.as_bytes());
    }
    if hashes.is_none() {
        // Unhashed names say nothing about the content: use the start time.
        hasher.update(chrono::Utc::now().to_rfc3339().as_bytes());
    }
    let build = hex::encode(&hasher.finalize()[..8]);
    let list = serde_json::to_string(&files).unwrap_or_else(|_| "[]".to_string());
    Some(
        script
            .replace("__BUILD_ID__", &build)
            .replace("[\"__PRECACHE_FILES__\"]", &list),
    )
}

async fn serve_service_worker(State(guard): State<Guard>) -> Response {
    match guard.service_worker.as_ref() {
        Some(script) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            script.clone(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "the site is not built").into_response(),
    }
}
