use crate::helpers::*;
use app::api::context::Settings;
use app::model::auth::LoginLimits;
use app::model::Identity;
use reqwest::StatusCode;
use serde_json::Value;

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("pb_session="))
        .map(str::to_string)
}

fn token(cookie: &str) -> String {
    cookie
        .trim_start_matches("pb_session=")
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

async fn whoami(app: &TestApp, client: &reqwest::Client) -> Option<Identity> {
    let response = app.post(client, "/api/auth/whoami", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

#[tokio::test]
async fn logging_in_with_the_right_password_starts_a_session() {
    let app = spawn_app().await;
    let client = client();

    let response = app.login(&client, "Mentor@A.test ").await;

    assert_eq!(response.status(), StatusCode::OK);
    let cookie = session_cookie(&response).expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
    let identity: Identity = json(response).await;
    assert_eq!(identity.email, "mentor@a.test");
    assert_eq!(identity.home_path(), "/mentor");
    assert_eq!(
        whoami(&app, &client).await.map(|i| i.email).as_deref(),
        Some("mentor@a.test")
    );
}

#[tokio::test]
async fn nobody_is_logged_in_without_a_session() {
    let app = spawn_app().await;

    assert_eq!(whoami(&app, &client()).await, None);
}

#[tokio::test]
async fn logging_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let client = client();
    let cookie = session_cookie(&app.login(&client, "mentor@a.test").await).unwrap();

    let response = app.post(&client, "/api/auth/logout", &[]).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(session_cookie(&response).unwrap().contains("Max-Age=0"));
    assert_eq!(whoami(&app, &client).await, None);
    // The old token, replayed, is worth nothing.
    let replay = app
        .write(&reqwest::Client::new(), "/api/mentor/pairs")
        .header("cookie", format!("pb_session={}", token(&cookie)))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let client = client();

    let wrong = app
        .post(
            &client,
            "/api/auth/login",
            &[("email", "mentor@a.test"), ("password", "not the password")],
        )
        .await;
    let unknown = app
        .post(
            &client,
            "/api/auth/login",
            &[("email", "nobody@a.test"), ("password", PASSWORD)],
        )
        .await;

    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(&wrong).is_none());
    let wrong: Value = json(wrong).await;
    let unknown: Value = json(unknown).await;
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["error"], "bad_credentials");
    assert_eq!(whoami(&app, &client).await, None);
}

#[tokio::test]
async fn a_person_without_a_password_cannot_log_in() {
    let app = spawn_app().await;

    let response = app
        .post(
            &client(),
            "/api/auth/login",
            &[("email", "mentee2@a.test"), ("password", "")],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_session_id_changes_at_login_and_a_planted_one_is_dropped() {
    let app = spawn_app().await;
    let first = client();
    let planted = token(&session_cookie(&app.login(&first, "mentor@a.test").await).unwrap());

    // Someone logs in on a browser that carries the planted token.
    let response = app
        .write(&reqwest::Client::new(), "/api/auth/login")
        .header("cookie", format!("pb_session={planted}"))
        .form(&[("email", "mentor@a.test"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();

    let fresh = token(&session_cookie(&response).unwrap());
    assert_ne!(fresh, planted);
    assert_eq!(
        whoami(&app, &first).await,
        None,
        "the planted session no longer works"
    );
}

/// Small limits: three attempts free, then a wait of two seconds doubling.
fn small_limits() -> Settings {
    Settings {
        login_limits: LoginLimits {
            window_seconds: 900,
            free_attempts: 3,
            first_delay_seconds: 2,
            max_delay_seconds: 60,
            per_address: 50,
            account_budget: 20,
        },
        ..Settings::default()
    }
}

/// A login attempt as it reaches the server through one proxy, from
/// `address` (what the proxy appends to `X-Forwarded-For`).
async fn attempt_from(
    app: &TestApp,
    address: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    app.write(&client(), "/api/auth/login")
        .header("x-forwarded-for", address)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

fn retry_after(response: &reqwest::Response) -> Option<u64> {
    response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn attempts_past_the_free_ones_wait_longer_each_time_but_never_lock_the_account() {
    let app = spawn_app_with(small_limits()).await;
    let client = client();
    for _ in 0..3 {
        let r = app
            .post(
                &client,
                "/api/auth/login",
                &[("email", "mentor@a.test"), ("password", "guess")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    // (A busy machine may take up to a second between two requests.)
    let too_soon = app.login(&client, "mentor@a.test").await;
    assert_eq!(too_soon.status(), StatusCode::TOO_MANY_REQUESTS);
    let first_wait = retry_after(&too_soon).unwrap();
    assert!((1..=2).contains(&first_wait), "{first_wait}");
    let body: Value = json(too_soon).await;
    assert_eq!(body["error"], "rate_limited");
    assert_eq!(body["retry_after_seconds"], first_wait);

    // After the wait one more try is checked; the next waits twice as long.
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    let r = app
        .post(
            &client,
            "/api/auth/login",
            &[("email", "mentor@a.test"), ("password", "guess")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let again = app.login(&client, "mentor@a.test").await;
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    let second_wait = retry_after(&again).unwrap();
    assert!((3..=4).contains(&second_wait), "{second_wait}");

    // The right password after the wait: the account was never locked.
    tokio::time::sleep(std::time::Duration::from_millis(4_100)).await;
    assert_eq!(
        app.login(&client, "mentor@a.test").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_address_guessing_an_account_does_not_keep_its_owner_out() {
    let app = spawn_app_behind_proxies(small_limits(), 1).await;
    for _ in 0..3 {
        let r = attempt_from(&app, "203.0.113.66", "mentor@a.test", "guess").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    let attacker = attempt_from(&app, "203.0.113.66", "mentor@a.test", "guess").await;
    let owner = attempt_from(&app, "198.51.100.7", "mentor@a.test", PASSWORD).await;

    assert_eq!(attacker.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(owner.status(), StatusCode::OK);
}

#[tokio::test]
async fn attempts_made_at_the_same_moment_do_not_get_past_the_limit() {
    let app = spawn_app_with(Settings {
        login_limits: LoginLimits {
            first_delay_seconds: 600,
            ..small_limits().login_limits
        },
        ..Settings::default()
    })
    .await;

    let attempts = (0..24).map(|_| async {
        app.post(
            &client(),
            "/api/auth/login",
            &[("email", "mentor@a.test"), ("password", "guess")],
        )
        .await
        .status()
    });
    let statuses = futures::future::join_all(attempts).await;

    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        (1..=3).contains(&checked),
        "{checked} passwords checked of 24: {statuses:?}"
    );
    assert_eq!(checked + refused, 24, "{statuses:?}");
}

#[tokio::test]
async fn logins_are_limited_per_address_whatever_the_account() {
    let app = spawn_app_with(Settings {
        login_limits: LoginLimits {
            per_address: 4,
            ..small_limits().login_limits
        },
        ..Settings::default()
    })
    .await;
    let client = client();
    for n in 0..4 {
        let email = format!("guess{n}@a.test");
        let r = app
            .post(
                &client,
                "/api/auth/login",
                &[("email", &email), ("password", "guess")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    let response = app.login(&client, "mentor@a.test").await;

    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        retry_after(&response).is_some_and(|s| s > 800),
        "waits for the window"
    );
}

#[tokio::test]
async fn behind_a_proxy_what_the_client_writes_in_x_forwarded_for_is_not_believed() {
    let app = spawn_app_behind_proxies(small_limits(), 1).await;
    // Each attempt claims another address on the left; the proxy appended
    // the real one on the right.
    for n in 0..3 {
        let claimed = format!("10.9.9.{n}, 203.0.113.66");
        let r = attempt_from(&app, &claimed, "mentor@a.test", "guess").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    let fourth = attempt_from(&app, "10.9.9.200, 203.0.113.66", "mentor@a.test", "guess").await;

    assert_eq!(fourth.status(), StatusCode::TOO_MANY_REQUESTS);
    let mentor = app::store::users::find_user_by_email(&app.db, "mentor@a.test")
        .await
        .unwrap()
        .unwrap();
    let failures = app::store::audit::of_object(&app.db, "person", &mentor.id.to_string())
        .await
        .unwrap();
    assert_eq!(
        failures.len(),
        3,
        "each checked attempt is in the audit trail"
    );
}

#[tokio::test]
async fn the_addresses_of_one_ipv6_64_count_as_one() {
    let app = spawn_app_behind_proxies(small_limits(), 1).await;
    for n in 1..=3 {
        let address = format!("2001:db8:5:6::{n:x}");
        let r = attempt_from(&app, &address, "mentor@a.test", "guess").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }

    let same_64 = attempt_from(&app, "2001:db8:5:6:ffff::9", "mentor@a.test", "guess").await;
    let other_64 = attempt_from(&app, "2001:db8:5:7::1", "mentor@a.test", PASSWORD).await;

    assert_eq!(same_64.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(other_64.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_burst_of_strangers_logins_is_answered_429_with_retry_after_and_the_owners_still_get_in()
{
    let app = spawn_app_with(Settings {
        login_limits: LoginLimits {
            per_address: 10_000,
            ..LoginLimits::default()
        },
        ..Settings::default()
    })
    .await;
    // The mentor logged in from here before: their address is known.
    app.as_user("mentor@a.test").await;
    let places = app::api::context::AppState::hashing_places();
    let stranger_places = app::api::context::AppState::stranger_hashing_places();

    let strangers = (0..(places * 16)).map(|n| {
        let app = &app;
        async move {
            let email = format!("burst{n}@a.test");
            app.write(&client(), "/api/auth/login")
                .form(&[("email", email.as_str()), ("password", "guess")])
                .send()
                .await
                .unwrap()
        }
    });
    let owner = (0..3).map(|_| {
        let app = &app;
        async move { app.login(&client(), "mentor@a.test").await.status() }
    });
    let (responses, owner) = futures::future::join(
        futures::future::join_all(strangers),
        futures::future::join_all(owner),
    )
    .await;

    let busy: Vec<&reqwest::Response> = responses
        .iter()
        .filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    let checked = responses
        .iter()
        .filter(|r| r.status() == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        !busy.is_empty(),
        "{} attempts, none refused",
        responses.len()
    );
    assert!(
        checked >= stranger_places,
        "at least one round of hashes ran"
    );
    assert_eq!(busy.len() + checked, responses.len());
    assert!(busy.iter().all(|r| retry_after(r) == Some(1)));
    assert!(
        owner.iter().all(|s| *s == StatusCode::OK),
        "the owner's logins find a place: {owner:?}"
    );
}

#[tokio::test]
async fn a_successful_login_forgets_the_attempts_from_that_address() {
    let app = spawn_app_with(small_limits()).await;
    let client = client();
    for _ in 0..2 {
        app.post(
            &client,
            "/api/auth/login",
            &[("email", "mentor@a.test"), ("password", "guess")],
        )
        .await;
    }
    assert_eq!(
        app.login(&client, "mentor@a.test").await.status(),
        StatusCode::OK
    );

    for _ in 0..2 {
        app.post(
            &client,
            "/api/auth/login",
            &[("email", "mentor@a.test"), ("password", "guess")],
        )
        .await;
    }
    assert_eq!(
        app.login(&client, "mentor@a.test").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_idle_session_expires_and_its_cookie_is_cleared() {
    let app = spawn_app().await;
    let client = app.as_user("mentor@a.test").await;
    let long_ago =
        chrono::Utc::now() - Settings::default().session_idle - chrono::Duration::minutes(1);
    app.execute("UPDATE sessions SET last_seen_at = $1", long_ago)
        .await;

    let response = app.post(&client, "/api/mentor/pairs", &[]).await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(session_cookie(&response).unwrap().contains("Max-Age=0"));
    let body: Value = json(response).await;
    assert_eq!(body["error"], "unauthenticated");
}

#[tokio::test]
async fn a_session_ends_at_its_maximum_age_even_when_in_use() {
    let app = spawn_app().await;
    let client = app.as_user("mentor@a.test").await;
    let long_ago =
        chrono::Utc::now() - Settings::default().session_absolute - chrono::Duration::minutes(1);
    app.execute("UPDATE sessions SET created_at = $1", long_ago)
        .await;

    assert_eq!(whoami(&app, &client).await, None);
}

#[tokio::test]
async fn a_session_in_use_stays_alive() {
    let app = spawn_app().await;
    let client = app.as_user("mentor@a.test").await;
    let almost_idle =
        chrono::Utc::now() - Settings::default().session_idle + chrono::Duration::minutes(5);
    app.execute("UPDATE sessions SET last_seen_at = $1", almost_idle)
        .await;

    assert!(whoami(&app, &client).await.is_some());
    // The use refreshed the session: it is no longer about to expire.
    assert!(app.latest_session_use().await > chrono::Utc::now() - chrono::Duration::minutes(1));
}

#[tokio::test]
async fn the_session_cookie_is_secure_and_host_prefixed_unless_the_development_flag_is_set() {
    let app = spawn_app_with(Settings {
        secure_cookies: true,
        ..Settings::default()
    })
    .await;

    let response = app.login(&client(), "mentor@a.test").await;

    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-pb_session="))
        .expect("a __Host- session cookie")
        .to_string();
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"));
}

#[tokio::test]
async fn a_write_from_a_foreign_origin_is_refused() {
    let app = spawn_app().await;
    let client = client();

    let foreign = client
        .post(app.url("/api/auth/login"))
        .header("origin", "https://evil.example")
        .form(&[("email", "mentor@a.test"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cross_site = client
        .post(app.url("/api/auth/login"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "mentor@a.test"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();

    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert!(session_cookie(&foreign).is_none());
}

#[tokio::test]
async fn a_write_from_the_sites_own_origin_is_accepted() {
    let app = spawn_app().await;

    let response = client()
        .post(app.url("/api/auth/login"))
        .header("origin", app.base.clone())
        .form(&[("email", "mentor@a.test"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn server_functions_only_answer_post() {
    let app = spawn_app().await;
    let client = app.as_user("mentor@a.test").await;

    let response = client
        .get(app.url("/api/mentor/pairs"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn an_email_with_a_nul_or_too_long_is_a_wrong_login_not_a_server_error() {
    let app = spawn_app().await;

    for email in [
        "mentor\u{0}@a.test".to_string(),
        format!("{}@a.test", "m".repeat(300)),
    ] {
        let response = app
            .post(
                &client(),
                "/api/auth/login",
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;

        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{email:?}");
        let body: Value = json(response).await;
        assert_eq!(body["error"], "bad_credentials");
    }
}

async fn storage_key_of(app: &TestApp, email: &str) -> String {
    let client = client();
    app.login(&client, email).await;
    let response = app.post(&client, "/api/auth/storage_key", &[]).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

#[tokio::test]
async fn a_mentor_gets_the_same_storage_key_in_every_session_and_another_mentor_another_one() {
    let app = spawn_app().await;

    let first = storage_key_of(&app, "mentor@a.test").await;
    let again = storage_key_of(&app, "mentor@a.test").await;
    let other = storage_key_of(&app, "mentor2@a.test").await;

    assert_eq!(first.len(), 64, "{first}");
    assert!(first.chars().all(|c| c.is_ascii_hexdigit()), "{first}");
    assert_eq!(first, again);
    assert_ne!(first, other);
}

#[tokio::test]
async fn the_storage_key_is_only_for_a_logged_in_mentor_or_mentee_not_the_office() {
    let app = spawn_app().await;
    let manager = client();
    app.login(&manager, "manager@a.test").await;

    let anonymous = app.post(&client(), "/api/auth/storage_key", &[]).await;
    let refused = app.post(&manager, "/api/auth/storage_key", &[]).await;

    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body = refused.text().await.unwrap();
    assert!(serde_json::from_str::<String>(&body).is_err(), "{body}");
}

/// Small limits with an account budget of three attempts from strangers.
fn small_budget() -> Settings {
    Settings {
        login_limits: LoginLimits {
            account_budget: 3,
            ..small_limits().login_limits
        },
        ..Settings::default()
    }
}

#[tokio::test]
async fn many_addresses_guessing_one_password_slow_every_stranger_but_not_the_owner() {
    let app = spawn_app_behind_proxies(small_budget(), 1).await;
    let owner = attempt_from(&app, "198.51.100.7", "mentor@a.test", PASSWORD).await;
    assert_eq!(
        owner.status(),
        StatusCode::OK,
        "the owner's address is known now"
    );
    for n in 1..=3 {
        let guess = attempt_from(&app, &format!("203.0.{n}.66"), "mentor@a.test", "guess").await;
        assert_eq!(guess.status(), StatusCode::UNAUTHORIZED);
    }

    let fourth_stranger = attempt_from(&app, "192.0.2.44", "mentor@a.test", "guess").await;
    let owner_again = attempt_from(&app, "198.51.100.7", "mentor@a.test", PASSWORD).await;

    assert_eq!(fourth_stranger.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(retry_after(&fourth_stranger).is_some_and(|s| (1..=2).contains(&s)));
    assert_eq!(owner_again.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_addresses_of_one_ipv6_48_share_a_limit_four_times_an_addresss() {
    let app = spawn_app_behind_proxies(
        Settings {
            login_limits: LoginLimits {
                per_address: 2,
                ..small_limits().login_limits
            },
            ..Settings::default()
        },
        1,
    )
    .await;
    // Eight /64s of one /48, each guessing another account once.
    for n in 1..=8 {
        let address = format!("2001:db8:5:{n:x}::1");
        let r = attempt_from(&app, &address, &format!("guess{n}@a.test"), "guess").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {n}");
    }

    let ninth = attempt_from(&app, "2001:db8:5:99::1", "guess9@a.test", "guess").await;
    let other_48 = attempt_from(&app, "2001:db8:6:1::1", "mentor@a.test", PASSWORD).await;

    assert_eq!(ninth.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(other_48.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_flood_of_refused_attempts_from_one_address_leaves_the_hashing_places_to_others() {
    let app = spawn_app_behind_proxies(
        Settings {
            login_limits: LoginLimits {
                per_address: 1,
                ..small_limits().login_limits
            },
            ..Settings::default()
        },
        1,
    )
    .await;
    let first = attempt_from(&app, "203.0.113.66", "guess@a.test", "guess").await;
    assert_eq!(first.status(), StatusCode::UNAUTHORIZED);
    // The owner's own address (a stranger's attempts wait for the
    // strangers' places; see `a_burst_of_strangers_logins…`).
    let before = attempt_from(&app, "198.51.100.7", "mentor@a.test", PASSWORD).await;
    assert_eq!(before.status(), StatusCode::OK);

    let flood = (0..200).map(|_| attempt_from(&app, "203.0.113.66", "mentor@a.test", "guess"));
    let owner = attempt_from(&app, "198.51.100.7", "mentor@a.test", PASSWORD);
    let (flood, owner) = tokio::join!(futures::future::join_all(flood), owner);

    assert!(flood
        .iter()
        .all(|r| r.status() == StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(owner.status(), StatusCode::OK);
}
