//! Server-rendered pages: languages, error pages, the service worker.

use crate::helpers::*;
use reqwest::StatusCode;

async fn page(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    lang: Option<&str>,
) -> (StatusCode, String) {
    let mut request = client.get(app.url(path)).header("accept", "text/html");
    if let Some(lang) = lang {
        request = request.header("cookie", format!("pb_lang={lang}"));
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_login_page_has_labelled_fields_in_english() {
    let app = spawn_app().await;

    let (status, html) = page(&app, &client(), "/login", None).await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("lang=\"en\""), "{html}");
    assert!(html.contains(r#"<label for="login-email">Email"#), "{html}");
    assert!(
        html.contains(r#"<label for="login-password">Password"#),
        "{html}"
    );
    assert!(html.contains(r#"rel="manifest""#));
}

#[tokio::test]
async fn the_chosen_language_is_remembered_by_the_server() {
    let app = spawn_app().await;

    let (_, html) = page(&app, &client(), "/login", Some("ro")).await;

    assert!(html.contains("lang=\"ro\""), "{html}");
    assert!(html.contains("Parolă"), "{html}");
}

#[tokio::test]
async fn the_browsers_language_is_used_until_one_is_chosen() {
    let app = spawn_app().await;

    let html = client()
        .get(app.url("/login"))
        .header("accept-language", "ro-RO,ro;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert!(html.contains("lang=\"ro\""));
}

#[tokio::test]
async fn an_unknown_address_is_a_404_page_in_both_languages() {
    let app = spawn_app().await;

    let (status, html) = page(&app, &client(), "/no/such/page", None).await;
    let (status_ro, html_ro) = page(&app, &client(), "/no/such/page", Some("ro")).await;

    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
    assert_eq!(status_ro, StatusCode::NOT_FOUND);
    assert!(html_ro.contains("Pagina nu a fost găsită"));
}

#[tokio::test]
async fn a_managers_page_is_a_403_for_a_mentor() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    let (status, html) = page(&app, &mentor, "/manager", None).await;

    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Not allowed"));
}

#[tokio::test]
async fn a_managers_page_sends_a_stranger_to_the_login() {
    let app = spawn_app().await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let response = no_redirects
        .get(app.url("/manager"))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();

    assert!(response.status().is_redirection(), "{}", response.status());
    assert_eq!(response.headers()["location"], "/login");
}

#[tokio::test]
async fn the_manager_page_is_rendered_with_the_programmes_logs() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    app.sync(
        &mentor,
        &[item(
            w,
            log_input(w, w.pair_a1, 1, "Visited the school fair together."),
        )],
    )
    .await;
    let manager = app.as_user("manager@a.test").await;

    let (status, html) = page(&app, &manager, "/manager", None).await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Visited the school fair together."));
}

#[tokio::test]
async fn the_service_worker_is_served_with_its_build_and_files() {
    let app = spawn_app().await;

    let response = client().get(app.url("/sw.js")).send().await.unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let script = response.text().await.unwrap();
    assert!(
        !script.contains("__BUILD_ID__") && !script.contains("__PRECACHE_FILES__"),
        "{script}"
    );
    assert!(script.contains("/pkg/parent-bridge"), "{script}");
    assert!(script.contains("/icons/icon-512.png"));
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;

    let response = client().get(app.url("/login")).send().await.unwrap();

    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["x-frame-options"], "DENY");
}

#[tokio::test]
async fn a_missing_build_file_is_a_plain_404_not_a_page() {
    let app = spawn_app().await;

    let response = client()
        .get(app.url("/pkg/parent-bridge.nope.wasm"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body = response.text().await.unwrap();
    assert!(!body.contains("<html"), "{body}");
}
