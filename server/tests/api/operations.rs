//! What a load balancer and Prometheus ask of each server: `/healthz`,
//! `/readyz` (not ready while stopping or with a migration missing),
//! `/metrics` (behind a token or this machine only), and the request id of
//! every answer.

use crate::helpers::*;
use app::api::context::Settings;
use chrono::Utc;
use reqwest::StatusCode;
use serde_json::Value;

async fn get_json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let response = client().get(app.url(path)).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn metrics(app: &TestApp) -> String {
    let response = client()
        .get(app.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text"));
    assert_eq!(response.headers()["cache-control"], "no-store");
    response.text().await.unwrap()
}

/// The value of the sample line that starts with `series` (0 when absent).
fn sample(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |value| value.parse().unwrap())
}

#[tokio::test]
async fn healthz_says_the_process_is_alive_and_which_instance_it_is() {
    let app = spawn_app().await;

    let (status, body) = get_json(&app, "/healthz").await;

    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "alive");
    assert_eq!(body["instance"], format!("test-{}", std::process::id()));
}

#[tokio::test]
async fn readyz_is_ready_with_its_database_and_not_ready_once_the_server_drains_while_requests_are_still_answered(
) {
    let app = spawn_app().await;
    let (status, body) = get_json(&app, "/readyz").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "ready");
    assert_eq!(body["engine"], app.db.engine());

    app.health.drain();

    let (status, body) = get_json(&app, "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["status"], "draining");
    let login = client().get(app.url("/login")).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::OK);
}

#[tokio::test]
async fn while_the_server_starts_only_the_health_checks_answer_and_readyz_says_starting() {
    let app = spawn_app().await;
    app.health.set_starting(true);

    let (ready_status, ready) = get_json(&app, "/readyz").await;
    let (alive_status, _) = get_json(&app, "/healthz").await;
    let page = client()
        .get(app.url("/login"))
        .header("accept", "text/html")
        .header("accept-language", "ro-RO,ro;q=0.9")
        .send()
        .await
        .unwrap();
    let page_status = page.status();
    let retry_after = page.headers()["retry-after"].clone();
    let page_text = page.text().await.unwrap();
    let call = app.post(&client(), "/api/auth/login", &[]).await;
    app.health.set_starting(false);
    let (after, _) = get_json(&app, "/readyz").await;

    assert_eq!(ready_status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready["status"], "starting");
    assert_eq!(alive_status, StatusCode::OK);
    assert_eq!(page_status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(retry_after, "1");
    // A person reads it in their language, and the page opens by itself.
    assert!(page_text.contains("<html lang=\"ro\">"), "{page_text}");
    assert!(page_text.contains("Parent Bridge pornește"), "{page_text}");
    assert!(page_text.contains("http-equiv=\"refresh\""), "{page_text}");
    assert_eq!(call.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(after, StatusCode::OK);
}

#[tokio::test]
async fn readyz_is_not_ready_while_a_migration_this_server_knows_of_is_missing() {
    let app = spawn_app().await;
    app.execute(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations) AND $1 IS NOT NULL",
        Utc::now(),
    )
    .await;

    let (status, body) = get_json(&app, "/readyz").await;

    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["status"], "not_ready");
    assert_eq!(body["reason"], "1 migrations are not applied");
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_keeps_a_plain_one_the_balancer_gave() {
    let app = spawn_app().await;

    let fresh = client().get(app.url("/login")).send().await.unwrap();
    let given = client()
        .get(app.url("/healthz"))
        .header("x-request-id", "lb-4f2a-0001")
        .send()
        .await
        .unwrap();
    let forged = client()
        .get(app.url("/healthz"))
        .header("x-request-id", "two words\tand a tab")
        .send()
        .await
        .unwrap();
    let too_long = client()
        .get(app.url("/healthz"))
        .header("x-request-id", "a".repeat(65))
        .send()
        .await
        .unwrap();

    let id = |r: &reqwest::Response| r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id(&fresh).len(), 32, "{}", id(&fresh));
    assert_eq!(id(&given), "lb-4f2a-0001");
    assert_eq!(id(&forged).len(), 32);
    assert_ne!(id(&forged), id(&fresh));
    assert_eq!(id(&too_long).len(), 32);
}

#[tokio::test]
async fn metrics_are_refused_without_the_token_and_with_a_wrong_one() {
    let app = spawn_app().await;

    let none = client().get(app.url("/metrics")).send().await.unwrap();
    let wrong = client()
        .get(app.url("/metrics"))
        .bearer_auth("a-wrong-token-of-thirty-two-characters")
        .send()
        .await
        .unwrap();

    assert_eq!(none.status(), StatusCode::FORBIDDEN);
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn without_a_token_metrics_answer_this_machine_but_not_a_client_behind_the_proxy() {
    let app = spawn_app_behind_proxies(Settings::default(), 1).await;

    let here = client()
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "127.0.0.1")
        .send()
        .await
        .unwrap();
    let outside = client()
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();

    assert_eq!(here.status(), StatusCode::OK);
    assert_eq!(outside.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern_and_status_never_by_address() {
    let app = spawn_app().await;
    for _ in 0..3 {
        client().get(app.url("/login")).send().await.unwrap();
    }
    client()
        .get(app.url("/no/such/page-4711"))
        .send()
        .await
        .unwrap();

    let text = metrics(&app).await;

    assert_eq!(
        sample(
            &text,
            r#"parent_bridge_http_requests_total{method="GET",route="/login",status="200"}"#
        ),
        3.0,
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            r#"parent_bridge_http_request_duration_seconds_count{method="GET",route="/login"}"#
        ),
        3.0
    );
    assert!(
        sample(
            &text,
            r#"parent_bridge_http_requests_total{method="GET",route="unmatched",status="404"}"#
        ) >= 1.0,
        "{text}"
    );
    assert!(!text.contains("4711"), "{text}");
    assert!(sample(&text, "parent_bridge_db_pool_connections") >= 1.0);
    assert_eq!(sample(&text, "parent_bridge_email_queue"), 0.0);
}

#[tokio::test]
async fn metrics_count_sync_items_by_kind_and_outcome() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let log = item(w, log_input(w, w.pair_a1, 1, "Counted"));
    let not_mine = item(w, log_input(w, w.pair_a3, 1, "Someone else's pair"));

    app.sync_ok(&mentor, &[log.clone(), not_mine]).await;
    app.sync_ok(&mentor, &[log]).await;

    let text = metrics(&app).await;
    for (outcome, count) in [("stored", 1.0), ("already_stored", 1.0), ("rejected", 1.0)] {
        assert_eq!(
            sample(
                &text,
                &format!(
                    r#"parent_bridge_sync_items_total{{kind="meeting_log",outcome="{outcome}"}}"#
                )
            ),
            count,
            "{outcome}: {text}"
        );
    }
    assert_eq!(
        sample(
            &text,
            r#"parent_bridge_http_requests_total{method="POST",route="/api/sync",status="200"}"#
        ),
        2.0,
        "{text}"
    );
}
