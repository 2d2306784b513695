//! The axum application: static files (no session, no database), the pages
//! and server functions (with the person behind the session), and the layers
//! every response passes: tracing, panic recovery, security headers,
//! compression.

use crate::config::HttpConfig;
use app::api::auth::session::{self, SessionCheck};
use app::api::context::{AppState, ClientIp, RequestSession};
use app::api::AppError;
use app::i18n::{Lang, Msg};
use app::model::limits::{MAX_API_BODY_BYTES, MAX_SYNC_BODY_BYTES};
use app::store::replica::WriteFloor;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{ConnectInfo, DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use futures::FutureExt;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use crate::build::Build;

/// Everything the HTTP layer needs besides the app state.
#[derive(Clone)]
struct Guard {
    state: AppState,
    config: Arc<HttpConfig>,
    build: Arc<Build>,
}

pub fn router(mut state: AppState, config: HttpConfig) -> Router {
    let build = Arc::new(Build::load(&config.site_root));
    let hsts = config
        .public_origin
        .as_deref()
        .is_some_and(|o| o.starts_with("https://"));
    state.assets = Arc::new(build.assets());
    let site = Path::new(&config.site_root).to_path_buf();
    let guard = Guard {
        state: state.clone(),
        config: Arc::new(config),
        build: build.clone(),
    };

    // Static files: the same for everyone, so no session and no database.
    let files = Router::new()
        // Build files: a missing one is a plain 404, never an HTML page.
        .nest_service(
            "/pkg",
            ServeDir::new(site.join("pkg"))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .nest_service("/icons", ServeDir::new(site.join("icons")))
        .route_service(
            "/manifest.webmanifest",
            ServeFile::new(site.join("manifest.webmanifest")),
        )
        .route_service(
            "/favicon.ico",
            ServeFile::new(site.join("icons").join("icon-192.png")),
        )
        .route("/sw.js", get(serve_service_worker))
        .route("/i18n/{file}", get(serve_string_table))
        .route("/style/{file}", get(serve_office_stylesheet))
        .route("/js/{file}", get(serve_vault_script))
        .layer(middleware::from_fn_with_state(
            guard.clone(),
            static_cache_headers,
        ))
        .with_state(guard.clone());

    // What a load balancer and Prometheus ask: never cached, no session.
    let operations = Router::new()
        .route("/healthz", get(serve_alive))
        .route("/readyz", get(serve_ready))
        .route("/metrics", get(serve_metrics))
        .layer(middleware::from_fn(never_cached))
        .with_state(guard.clone());

    // The public impact pages: nobody is asked who they are, and what is
    // shown is the same for everyone (so it may be cached on the way).
    let public = Router::new()
        .route("/impact/{organisation}", get(serve_public_impact))
        .with_state(state.clone());

    // Pages and server functions: they know who is asking.
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let routes = route_list();
    let options = state.leptos_options.clone();
    let not_found_options = options.clone();
    // `leptos_routes` registers every server function under `/api/...`;
    // the catch-all answers a call of one that does not exist.
    let pages = Router::new()
        .route("/api/{*name}", post(server_fn))
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        // Any other address: the app's own 404 page.
        .fallback(leptos_axum::render_app_to_stream_with_context(
            context,
            move || shell(not_found_options.clone()),
        ))
        .layer(middleware::from_fn_with_state(guard.clone(), sessions))
        .layer(middleware::from_fn(private_responses))
        // The largest body any server function reads; each one's own limit
        // is checked first by `refuse_oversized_bodies`.
        .layer(DefaultBodyLimit::max(MAX_SYNC_BODY_BYTES))
        .layer(middleware::from_fn(refuse_oversized_bodies))
        .layer(middleware::from_fn_with_state(
            guard.clone(),
            refuse_foreign_origin,
        ))
        .with_state(state);

    let instance = guard.config.instance.clone();
    Router::new()
        .merge(files)
        .merge(operations)
        .merge(public)
        .merge(pages)
        .layer(middleware::from_fn_with_state(build, catch_panics))
        .layer(middleware::from_fn_with_state(
            guard.config.health.clone(),
            refuse_while_starting,
        ))
        .layer(middleware::from_fn_with_state(
            guard.state.metrics.clone(),
            count_requests,
        ))
        .layer(
            TraceLayer::new_for_http()
                // Method and path only: never a query string (it may name
                // people). The request's id ties the lines of one request
                // together, here and on the load balancer.
                .make_span_with(move |request: &Request| {
                    let id = request
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!(
                        "request",
                        id,
                        instance = %instance,
                        method = %request.method(),
                        path = %logged_path(request.uri().path()),
                    )
                })
                .on_request(())
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Micros),
                ),
        )
        .layer(middleware::from_fn(request_ids))
        .layer(middleware::from_fn_with_state(hsts, security_headers))
        .layer(CompressionLayer::new())
}

/// The header that carries a request's id.
const REQUEST_ID: &str = "x-request-id";

/// Gives every request an id, in the log and in the `X-Request-Id` answer
/// header: the load balancer's own (`X-Request-Id`, when it is a plain
/// token of at most 64 characters), else a new one. A person who reports a
/// problem can quote it; it finds the request's lines on every server.
async fn request_ids(mut request: Request, next: Next) -> Response {
    let given = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            (1..=64).contains(&id.len())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        })
        .map(str::to_string);
    let id = given.unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let value = HeaderValue::from_str(&id).expect("an id of plain characters");
    request.headers_mut().insert(REQUEST_ID, value.clone());
    let mut response = next.run(request).await;
    response.headers_mut().insert(REQUEST_ID, value);
    response
}

/// Counts every answered request under its route's pattern.
async fn count_requests(
    State(metrics): State<Arc<app::api::metrics::Metrics>>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let route = route_label(request.extensions().get::<MatchedPath>()).to_string();
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    metrics.request(
        method.as_str(),
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// The route a request matched, as a label of few values: a server
/// function's address is its route; any other address under a folder of
/// files is the folder; an address nothing matched is `unmatched`.
fn route_label(matched: Option<&MatchedPath>) -> &str {
    let Some(path) = matched.map(MatchedPath::as_str) else {
        return "unmatched";
    };
    match path.find("/{*") {
        Some(0) => "unmatched",
        Some(end) => &path[..end],
        None => path,
    }
}

/// While the server starts (its port is open, its migrations are not yet
/// applied) every request but the health checks is answered 503, to be
/// tried again in a second.
async fn refuse_while_starting(
    State(health): State<Arc<crate::config::Health>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if health.is_starting() && path != "/healthz" && path != "/readyz" {
        let wants_page = request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        let retry = (header::RETRY_AFTER, HeaderValue::from_static("1"));
        if wants_page {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                [retry],
                axum::response::Html(starting_page(request_language(&request))),
            )
                .into_response();
        }
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [retry],
            "the server is starting\n",
        )
            .into_response();
    }
    next.run(request).await
}

/// What a person who opens a page while the server starts reads, in their
/// language: the page opens by itself once the server is ready.
fn starting_page(lang: Lang) -> String {
    let title = Msg::StartingTitle.text(lang);
    let text = Msg::StartingText.text(lang);
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"refresh\" content=\"2\"><title>{title}</title></head>\
         <body><main id=\"main\"><h1>{title}</h1><p>{text}</p></main></body></html>",
        code = lang.code(),
    )
}

/// Operations' answers are about this moment: never kept by a cache.
async fn never_cached(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `/healthz`: the process answers (a load balancer restarts it when not).
async fn serve_alive(State(guard): State<Guard>) -> Response {
    axum::Json(serde_json::json!({
        "status": "alive",
        "instance": guard.config.instance,
        "version": env!("CARGO_PKG_VERSION"),
    }))
    .into_response()
}

/// `/readyz`: whether to send this server requests: its database answers,
/// every migration it knows of is applied, and it is not stopping.
async fn serve_ready(State(guard): State<Guard>) -> Response {
    let instance = &guard.config.instance;
    let engine = guard.state.db.engine();
    let not_ready = |status: &str, reason: String| {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({
                "status": status,
                "instance": instance,
                "engine": engine,
                "reason": reason,
            })),
        )
            .into_response()
    };
    if guard.config.health.is_starting() {
        return not_ready("starting", "the migrations are being applied".to_string());
    }
    if guard.config.health.is_draining() {
        return not_ready("draining", "the server is stopping".to_string());
    }
    match guard.state.db.ready().await {
        Ok(()) => axum::Json(serde_json::json!({
            "status": "ready",
            "instance": instance,
            "engine": engine,
        }))
        .into_response(),
        Err(reason) => {
            tracing::warn!(%reason, "not ready");
            not_ready("not_ready", reason)
        }
    }
}

/// `/metrics`: what this server counted, for Prometheus. With
/// `PB_METRICS_TOKEN` set, for whoever sends it; without, for this machine
/// only (the client's address, after the proxies of `PB_PROXY_HOPS`).
async fn serve_metrics(State(guard): State<Guard>, request: Request) -> Response {
    let allowed = match &guard.config.metrics_token {
        Some(token) => request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| same_secret(given.trim(), token)),
        None => client_ip(&request, guard.config.proxy_hops)
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
    };
    if !allowed {
        return (
            StatusCode::FORBIDDEN,
            "/metrics needs PB_METRICS_TOKEN (Authorization: Bearer …) or a request from this machine\n",
        )
            .into_response();
    }
    let db = &guard.state.db;
    let queue = app::store::notifications::email_queue_length(db)
        .await
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "could not count the email queue");
            -1
        });
    let (connections, idle) = db.pool_use();
    let text = guard.state.metrics.render(queue, connections, idle);
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(app::api::metrics::CONTENT_TYPE),
        )],
        text,
    )
        .into_response()
}

/// Compares two secrets by their digests: the time taken says nothing of
/// how much of the guess was right.
fn same_secret(given: &str, expected: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(given.as_bytes()) == Sha256::digest(expected.as_bytes())
}

/// The app's routes, worked out once per process: while leptos works them
/// out, it stops every resource of the process from loading (a global flag),
/// so a page being rendered meanwhile by another server in the same process
/// (the test suite runs many) would wait for ever.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn server_fn(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// A server function's error as its HTTP response: the JSON the app reads.
fn app_error_response(error: &AppError) -> Response {
    let body = serde_json::to_string(error).unwrap_or_else(|_| "{}".to_string());
    (
        error.status(),
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// A path as the request log shows it: a link's secret (the token of an
/// invitation, a password reset or an email confirmation) is not written
/// down.
fn logged_path(path: &str) -> std::borrow::Cow<'_, str> {
    for prefix in ["/invite/", "/reset/", "/confirm-email/"] {
        if let Some(token) = path.strip_prefix(prefix) {
            if !token.is_empty() {
                return format!("{prefix}[token]").into();
            }
        }
    }
    path.into()
}

/// A panic while answering a request is answered 500 (the error page, or
/// the app's JSON error for a server function), never a dropped connection.
/// The panic itself was logged once, by the panic hook, inside the
/// request's span (method and path).
async fn catch_panics(State(build): State<Arc<Build>>, request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let lang = request_language(&request);
    match AssertUnwindSafe(next.run(request)).catch_unwind().await {
        Ok(response) => response,
        Err(_) if api => app_error_response(&AppError::Internal),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Html(server_error_page(lang, &build)),
        )
            .into_response(),
    }
}

fn request_language(request: &Request) -> Lang {
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    header(header::COOKIE)
        .and_then(|c| Lang::from_cookie_header(&c))
        .or_else(|| header(header::ACCEPT_LANGUAGE).and_then(|a| Lang::from_accept_language(&a)))
        .unwrap_or_default()
}

/// The 500 page, written without the app: the app may be what failed.
fn server_error_page(lang: Lang, build: &Build) -> String {
    let css = build.file("css");
    let title = Msg::ServerErrorTitle.text(lang);
    let text = Msg::ServerError.text(lang);
    let home = Msg::GoHome.text(lang);
    format!(
        "<!DOCTYPE html><html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main\"><section class=\"error-page\">\
         <p class=\"error-code\" aria-hidden=\"true\">500</p><h1>{title}</h1><p>{text}</p>\
         <p><a class=\"button\" href=\"/\">{home}</a></p></section></main></body></html>",
        code = lang.code(),
    )
}

/// A server function call larger than its limit is refused before it is
/// read, with an answer the app understands (413, "too large").
async fn refuse_oversized_bodies(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let limit = if path == "/api/sync" {
        MAX_SYNC_BODY_BYTES
    } else if path.starts_with("/api/") {
        MAX_API_BODY_BYTES
    } else {
        return next.run(request).await;
    };
    let length = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let too_large = || {
        app_error_response(&AppError::TooLarge {
            limit_bytes: limit as u64,
        })
    };
    match length {
        Some(n) if n > limit => too_large(),
        Some(_) => next.run(request).await,
        // Sent in chunks, with no length said: read up to the limit here.
        None => {
            let (parts, body) = request.into_parts();
            match axum::body::to_bytes(body, limit).await {
                Ok(bytes) => {
                    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
                        .await
                }
                Err(_) => too_large(),
            }
        }
    }
}

/// Server functions are called by the app's own pages only: a write must
/// say it comes from this site, by its `Origin` (this host or
/// `PB_PUBLIC_URL`) or, where a browser sends no `Origin`, by
/// `Sec-Fetch-Site: same-origin`. A write that says neither is refused:
/// every browser this app supports sends one of them, and a forged
/// request from another site can not fake either.
async fn refuse_foreign_origin(
    State(guard): State<Guard>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method();
    if method == Method::GET || method == Method::HEAD || method == Method::OPTIONS {
        let fetch_site = request
            .headers()
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok());
        if foreign_api_read(request.uri().path(), fetch_site) {
            tracing::warn!(
                fetch_site = fetch_site.unwrap_or("-"),
                "refused a read from another site"
            );
            return app_error_response(&AppError::Forbidden);
        }
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let origin = headers
        .get(header::ORIGIN)
        .map(|o| o.to_str().unwrap_or("null"));
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    match same_origin_write(
        origin,
        fetch_site,
        host,
        guard.config.public_origin.as_deref(),
    ) {
        Ok(()) => next.run(request).await,
        Err(why) => {
            tracing::warn!(
                origin = origin.unwrap_or("-"),
                fetch_site = fetch_site.unwrap_or("-"),
                why,
                "refused a write"
            );
            app_error_response(&AppError::Forbidden)
        }
    }
}

/// A read of a server function (an export, a download) that the browser
/// says another site started: a link on another site must not make a
/// logged-in person's browser download everyone's data (a page may be
/// linked from anywhere; `/api` may not).
fn foreign_api_read(path: &str, fetch_site: Option<&str>) -> bool {
    path.starts_with("/api/") && matches!(fetch_site, Some("cross-site" | "same-site"))
}

/// Whether a write comes from this site (see [`refuse_foreign_origin`]).
fn same_origin_write(
    origin: Option<&str>,
    fetch_site: Option<&str>,
    host: &str,
    public_origin: Option<&str>,
) -> Result<(), &'static str> {
    if fetch_site.is_some_and(|site| site != "same-origin") {
        return Err("Sec-Fetch-Site is not same-origin");
    }
    match origin {
        Some(origin) => {
            let origin = origin.to_ascii_lowercase();
            let host = host.to_ascii_lowercase();
            let own = origin == format!("http://{host}") || origin == format!("https://{host}");
            if own || public_origin == Some(origin.as_str()) {
                Ok(())
            } else {
                Err("Origin is another site")
            }
        }
        None if fetch_site == Some("same-origin") => Ok(()),
        None => Err("neither Origin nor Sec-Fetch-Site"),
    }
}

/// The client's address: the connection's peer, or behind `hops` proxies
/// of one's own the address the first of them saw (see
/// [`app::model::auth::client_address`]).
fn client_ip(request: &Request, hops: u8) -> String {
    let Some(peer) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "unknown".to_string();
    };
    let forwarded = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let forwarded = (!forwarded.is_empty()).then_some(forwarded.as_str());
    if hops == 0 && forwarded.is_some() {
        // A proxy in front that PB_PROXY_HOPS does not know of: every
        // client looks like the proxy, and all share one login limit.
        static WARNED: std::sync::Once = std::sync::Once::new();
        WARNED.call_once(|| {
            tracing::warn!(
                "requests carry X-Forwarded-For but PB_PROXY_HOPS is 0: if a proxy of yours stands in front of the server, set PB_PROXY_HOPS to the number of them (the header is not believed until then)"
            );
        });
    }
    app::model::auth::client_address(peer, forwarded, usize::from(hops)).to_string()
}

/// Resolves the session cookie once per request and hands the person (or
/// nobody) to the pages and server functions, with what a page needs to
/// render its data on the server (the boot data). An ended session's cookie
/// is cleared.
async fn sessions(State(guard): State<Guard>, mut request: Request, next: Next) -> Response {
    let ip = client_ip(&request, guard.config.proxy_hops);
    request.extensions_mut().insert(ClientIp(ip));
    let cookies = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok());
    let token = cookies.and_then(|c| session::token_from_cookies(&guard.state.settings, c));
    let floor = cookies.and_then(|c| write_floor(&guard.state.settings, c));
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
    let page = request.method() == Method::GET && !request.uri().path().starts_with("/api/");
    if page {
        let shell = request.headers().contains_key(app::boot::SHELL_HEADER);
        let path = request.uri().path();
        let (boot, facts) =
            match crate::boot::load(&guard.state, user.as_ref(), path, shell, floor.as_ref()).await
            {
                Ok(loaded) => loaded,
                Err(error) => {
                    tracing::error!(%error, "loading the page's data failed");
                    return (
                        StatusCode::SERVICE_UNAVAILABLE,
                        "the database is not available",
                    )
                        .into_response();
                }
            };
        request.extensions_mut().insert(boot);
        if let Some(facts) = facts {
            request.extensions_mut().insert(facts);
        }
    }
    let wrote = guard.state.replica.is_some()
        && user.is_some()
        && request.method() == Method::POST
        && request.uri().path().starts_with("/api/");
    if let Some(floor) = floor {
        request.extensions_mut().insert(floor);
    }
    request.extensions_mut().insert(RequestSession(user));
    let mut response = next.run(request).await;
    if wrote && response.status().is_success() {
        remember_write(&guard.state, &mut response).await;
    }
    let sets_session = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| {
            v.as_bytes()
                .starts_with(session::session_cookie_name(&guard.state.settings).as_bytes())
        });
    if clear_cookie && !sets_session {
        if let Ok(value) = HeaderValue::from_str(&session::clear_cookie(&guard.state.settings)) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The cookie that carries the person's last write's position in the
/// primary's log (see `app::store::replica`).
fn write_floor_cookie(settings: &app::api::context::Settings) -> &'static str {
    if settings.secure_cookies {
        "__Host-pb_wrote"
    } else {
        "pb_wrote"
    }
}

/// The position of the person's last write, if the request carries one.
fn write_floor(settings: &app::api::context::Settings, cookies: &str) -> Option<WriteFloor> {
    let wanted = write_floor_cookie(settings);
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .and_then(|(_, value)| WriteFloor::parse(value.trim()))
}

/// After a person's call that may have written: the primary's position
/// now, so that their next reads wait for the replica to have it (five
/// minutes at most: by then any replica fit to read from has it).
async fn remember_write(state: &AppState, response: &mut Response) {
    match app::store::replica::write_position(&state.db).await {
        Ok(Some(floor)) => {
            let cookie = app::api::auth::session::named_cookie(
                &state.settings,
                write_floor_cookie(&state.settings),
                floor.as_str(),
                300,
            );
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
        }
        Ok(None) => {}
        Err(error) => tracing::warn!(%error, "could not read the primary's log position"),
    }
}

/// Hashed build files never change; icons and the manifest rarely do.
async fn static_cache_headers(
    State(guard): State<Guard>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let policy = if (path.starts_with("/pkg/") && guard.build.hashed())
        || path.starts_with("/i18n/")
        || path.starts_with("/style/")
        || path.starts_with("/js/")
    {
        Some("public, max-age=31536000, immutable")
    } else if path.starts_with("/icons/") || path == "/manifest.webmanifest" {
        Some("public, max-age=86400")
    } else {
        None
    };
    let mut response = next.run(request).await;
    if let (Some(policy), true) = (policy, response.status() == StatusCode::OK) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Headers on every response. Pages rendered by the app carry their own
/// Content-Security-Policy with the request's nonce (`app::shell`); every
/// other response gets one that allows nothing to run. Over HTTPS the
/// browser is told to use nothing else (HSTS).
async fn security_headers(State(hsts): State<bool>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
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
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(app::csp::STATIC_POLICY),
        );
    }
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// What pages and server functions answer is about a person: never kept
/// by the browser's cache or a proxy's (the service worker keeps only the
/// pages rendered for nobody, and it does not read this header).
async fn private_responses(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn serve_service_worker(State(guard): State<Guard>) -> Response {
    match guard.build.service_worker.as_deref() {
        Some(script) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
                // A worker runs under its script's policy: it fetches and
                // keeps the site's own files, nothing else.
                (header::CONTENT_SECURITY_POLICY, app::csp::WORKER_POLICY),
            ],
            script.to_string(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "the site is not built").into_response(),
    }
}

/// One language's strings for the browser (`/i18n/ro.<hash>.json`): the
/// app fetches the table of the language it shows, not every language.
async fn serve_string_table(
    State(guard): State<Guard>,
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Response {
    match guard.build.string_table(&file) {
        Some(json) => (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            json.clone(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such string table").into_response(),
    }
}

/// The vault's script (`public/vault.js`: the encryption of what a phone
/// keeps), under the name with its hash.
async fn serve_vault_script(axum::extract::Path(file): axum::extract::Path<String>) -> Response {
    use app::offline::vault::script;
    if script::url().strip_prefix("/js/") == Some(file.as_str()) {
        (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            script::source(),
        )
            .into_response()
    } else {
        (StatusCode::NOT_FOUND, "no such script").into_response()
    }
}

/// The office pages' stylesheet, under the name with its hash.
/// An organisation's public impact page, in the reader's language; a 404
/// when it does not publish one.
async fn serve_public_impact(
    State(state): State<AppState>,
    axum::extract::Path(organisation): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let Ok(organisation) = app::model::OrganisationId::parse(&organisation) else {
        return (StatusCode::NOT_FOUND, "no such page").into_response();
    };
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let lang = header(header::COOKIE)
        .and_then(Lang::from_cookie_header)
        .or_else(|| header(header::ACCEPT_LANGUAGE).and_then(Lang::from_accept_language))
        .unwrap_or_default();
    // Nobody's own writes: the replica when there is one fit to read from.
    let db = app::api::context::reads_after(&state, None).await;
    match app::render::impact::page(
        &db,
        &state.db,
        organisation,
        lang,
        &state.assets.stylesheet,
        app::model::dates::local_today(),
    )
    .await
    {
        Ok(Some(html)) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
                (
                    header::CACHE_CONTROL,
                    format!(
                        "public, max-age={}",
                        app::render::impact::FRESH_FOR.as_secs()
                    ),
                ),
                (header::VARY, "Accept-Language, Cookie".to_string()),
            ],
            html,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "no such page").into_response(),
        Err(error) => {
            tracing::error!(%error, "the public impact page could not be made");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be made",
            )
                .into_response()
        }
    }
}

async fn serve_office_stylesheet(
    axum::extract::Path(file): axum::extract::Path<String>,
) -> Response {
    use app::boot::office_stylesheet;
    if office_stylesheet::url().strip_prefix("/style/") == Some(file.as_str()) {
        (
            [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
            office_stylesheet::CSS,
        )
            .into_response()
    } else {
        (StatusCode::NOT_FOUND, "no such stylesheet").into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;
    use tower::ServiceExt;

    #[test]
    fn an_export_started_by_another_site_is_refused_but_a_page_may_be_linked_from_anywhere() {
        let export = "/api/privacy/export";
        assert!(foreign_api_read(export, Some("cross-site")));
        assert!(foreign_api_read(export, Some("same-site")));
        assert!(!foreign_api_read(export, Some("same-origin")));
        assert!(
            !foreign_api_read(export, Some("none")),
            "typed in the address bar"
        );
        assert!(!foreign_api_read(export, None), "an older browser");
        assert!(!foreign_api_read("/people", Some("cross-site")));
    }

    #[test]
    fn no_links_token_is_written_in_the_request_log() {
        assert_eq!(logged_path("/invite/0123abcd"), "/invite/[token]");
        assert_eq!(logged_path("/invite/"), "/invite/");
        assert_eq!(logged_path("/reset/0123abcd"), "/reset/[token]");
        assert_eq!(
            logged_path("/confirm-email/0123abcd"),
            "/confirm-email/[token]"
        );
        assert_eq!(logged_path("/people/user:1"), "/people/user:1");
    }

    #[test]
    fn a_write_must_say_it_comes_from_this_site() {
        let host = "mentoring.example.org";
        let public = Some("https://mentoring.example.org");
        let ok = |origin, site| same_origin_write(origin, site, host, public).is_ok();
        assert!(ok(
            Some("https://mentoring.example.org"),
            Some("same-origin")
        ));
        assert!(ok(Some("https://mentoring.example.org"), None));
        assert!(ok(None, Some("same-origin")));
        // Another site, a sibling subdomain, or nothing said at all.
        assert!(!ok(Some("https://evil.example"), None));
        assert!(!ok(Some("https://evil.example"), Some("cross-site")));
        assert!(!ok(
            Some("https://mentoring.example.org"),
            Some("same-site")
        ));
        assert!(!ok(None, Some("same-site")));
        assert!(!ok(None, Some("none")));
        assert!(!ok(None, None));
        assert!(!ok(Some("null"), None));
    }

    async fn buggy_page() -> &'static str {
        panic!("a bug in a page")
    }

    async fn buggy_server_function() -> &'static str {
        panic!("a bug in a server function")
    }

    fn panicking_router() -> Router {
        let build = Arc::new(Build::load("/nonexistent"));
        Router::new()
            .route("/page", get(buggy_page))
            .route("/api/call", post(buggy_server_function))
            .layer(middleware::from_fn_with_state(build, catch_panics))
    }

    #[tokio::test]
    async fn a_panicking_page_is_answered_500_with_the_error_page() {
        let request = Request::builder()
            .uri("/page")
            .header(header::COOKIE, "pb_lang=ro")
            .body(Body::empty())
            .unwrap();

        let response = panicking_router().oneshot(request).await.unwrap();

        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        let html = String::from_utf8_lossy(&body);
        assert!(html.contains("lang=\"ro\""), "{html}");
        assert!(
            html.contains(Msg::ServerErrorTitle.text(Lang::Ro)),
            "{html}"
        );
    }

    #[tokio::test]
    async fn a_panicking_server_function_is_answered_500_with_the_apps_json_error() {
        let request = Request::builder()
            .method(Method::POST)
            .uri("/api/call")
            .body(Body::empty())
            .unwrap();

        let response = panicking_router().oneshot(request).await.unwrap();

        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(response.into_body(), 1 << 20).await.unwrap();
        let error: AppError = serde_json::from_slice(&body).unwrap();
        assert_eq!(error, AppError::Internal);
    }

    async fn echo_length(body: axum::body::Bytes) -> String {
        body.len().to_string()
    }

    /// A body sent in chunks: no `Content-Length`.
    fn chunked(bytes: usize) -> Body {
        let chunks = (0..bytes.div_ceil(4096))
            .map(|_| Ok::<_, std::io::Error>(axum::body::Bytes::from(vec![b'x'; 4096])));
        Body::from_stream(futures::stream::iter(chunks))
    }

    #[tokio::test]
    async fn a_server_function_call_sent_in_chunks_is_held_to_its_limit_too() {
        let router = || {
            Router::new()
                .route("/api/call", post(echo_length))
                .layer(middleware::from_fn(refuse_oversized_bodies))
        };
        let call = |body| {
            Request::builder()
                .method(Method::POST)
                .uri("/api/call")
                .body(body)
                .unwrap()
        };

        let small = router().oneshot(call(chunked(8 * 1024))).await.unwrap();
        let large = router()
            .oneshot(call(chunked(MAX_API_BODY_BYTES + 4096)))
            .await
            .unwrap();

        assert_eq!(small.status(), StatusCode::OK);
        let body = to_bytes(small.into_body(), 1 << 20).await.unwrap();
        assert_eq!(&body[..], b"8192");
        assert_eq!(large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }
}
