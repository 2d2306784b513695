use crate::helpers::*;
use app::api::context::Settings;
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
    let replay = reqwest::Client::new()
        .post(app.url("/api/mentor/pairs"))
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
    let response = reqwest::Client::new()
        .post(app.url("/api/auth/login"))
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

#[tokio::test]
async fn logins_are_limited_per_account() {
    let app = spawn_app_with(Settings {
        max_failures_per_account: 3,
        ..Settings::default()
    })
    .await;
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

    let right_password_too_late = app.login(&client, "mentor@a.test").await;
    let other_account = app.login(&client, "mentor2@a.test").await;

    assert_eq!(
        right_password_too_late.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    let body: Value = json(right_password_too_late).await;
    assert_eq!(body["error"], "rate_limited");
    assert_eq!(other_account.status(), StatusCode::OK);
}

#[tokio::test]
async fn logins_are_limited_per_address() {
    let app = spawn_app_with(Settings {
        max_failures_per_ip: 4,
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
}

#[tokio::test]
async fn a_successful_login_resets_the_account_count() {
    let app = spawn_app_with(Settings {
        max_failures_per_account: 3,
        ..Settings::default()
    })
    .await;
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
async fn the_session_cookie_is_secure_when_the_site_is_served_over_https() {
    let app = spawn_app_with(Settings {
        secure_cookies: true,
        ..Settings::default()
    })
    .await;

    let response = app.login(&client(), "mentor@a.test").await;

    assert!(session_cookie(&response).unwrap().contains("; Secure"));
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
