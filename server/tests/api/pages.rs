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
async fn the_managers_logs_page_is_rendered_with_the_programmes_logs() {
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

    let (status, html) = page(&app, &manager, "/manager/logs", None).await;
    let (_, of_pair) = page(
        &app,
        &manager,
        &format!("/manager/logs?pair={}", w.pair_a2),
        None,
    )
    .await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Visited the school fair together."));
    assert!(!of_pair.contains("Visited the school fair together."));
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

/// A client that keeps its session cookie and does not follow redirects.
async fn session_without_redirects(app: &TestApp, email: Option<&str>) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    if let Some(email) = email {
        assert_eq!(app.login(&client, email).await.status(), StatusCode::OK);
    }
    client
}

#[tokio::test]
async fn every_roles_pages_load_every_time_when_requested_in_parallel() {
    use futures::StreamExt;
    let app = spawn_app().await;
    let a = format!("/programmes/{}", app.world.programme_a);
    let office = |tail: &str| format!("{a}{tail}");
    let pair = app.world.pair_a1;
    let mirror = format!("/pairs/{pair}/reports");
    let mut requests = Vec::new();
    for (who, pages) in [
        (
            None,
            vec![
                ("/login".to_string(), 200),
                ("/mentor".into(), 302),
                ("/programmes".into(), 302),
                ("/no/such/page".into(), 404),
            ],
        ),
        (
            Some("mentor@a.test"),
            vec![
                ("/mentor".to_string(), 200),
                ("/mentor/log".into(), 200),
                ("/mentor/logs".into(), 200),
                ("/mentor/outbox".into(), 200),
                ("/mentor/reports".into(), 200),
                (
                    format!("/mentor/report?pair={pair}&kind=midterm&respondent=mentee"),
                    200,
                ),
                (format!("/mentor/goals?pair={pair}"), 200),
                ("/mentor/goals".into(), 200),
                ("/pairs/go-on".into(), 200),
                ("/mentor/concerns".into(), 200),
                ("/notifications".into(), 200),
                ("/manager".into(), 403),
                (office("/matching"), 403),
                (format!("/pairs/{pair}/concerns"), 403),
                ("/".into(), 302),
            ],
        ),
        (
            Some("manager@a.test"),
            vec![
                ("/manager".to_string(), 200),
                ("/programmes".into(), 200),
                (office(""), 200),
                (office("/recruitment?kind=mentor"), 200),
                (office("/candidates/new?kind=mentee"), 200),
                (office("/training"), 200),
                (office("/matching"), 200),
                (mirror.clone(), 200),
                (format!("/pairs/{pair}/goals"), 200),
                ("/manager/logs".into(), 200),
                (office("/supervision"), 200),
                (format!("/pairs/{pair}/concerns"), 200),
                ("/notifications".into(), 200),
                ("/mentor".into(), 403),
                ("/coordinator".into(), 403),
            ],
        ),
        (
            Some("coordinator@a.test"),
            vec![
                ("/coordinator".to_string(), 200),
                (office(""), 200),
                (office("/edit"), 200),
                (office("/supervision"), 200),
                (format!("/pairs/{pair}/concerns"), 200),
                ("/notifications".into(), 403),
            ],
        ),
        (
            Some("mentee@a.test"),
            vec![
                ("/mentee".to_string(), 200),
                (format!("/mentee/report?pair={pair}&kind=midterm"), 200),
                ("/pairs/go-on".into(), 200),
            ],
        ),
    ] {
        let client = session_without_redirects(&app, who).await;
        for (path, status) in pages {
            for _ in 0..200 {
                requests.push((client.clone(), path.clone(), status));
            }
        }
    }
    let total = requests.len();

    let failures: Vec<String> = futures::stream::iter(requests)
        .map(|(client, path, status)| {
            let url = app.url(&path);
            async move {
                let request = client
                    .get(&url)
                    .header("accept", "text/html")
                    .timeout(std::time::Duration::from_secs(30));
                let outcome = match request.send().await {
                    Err(error) => Some(format!("{path}: no answer ({error})")),
                    Ok(response) => {
                        let got = response.status().as_u16();
                        let body = match response.text().await {
                            Ok(body) => body,
                            Err(error) => return Some(format!("{path}: a broken page ({error})")),
                        };
                        if got != status {
                            Some(format!("{path}: {got}, expected {status}"))
                        } else if status != 302 && !body.contains("</html>") {
                            Some(format!("{path}: an incomplete page"))
                        } else {
                            None
                        }
                    }
                };
                outcome
            }
        })
        .buffer_unordered(16)
        .filter_map(|failure| async move { failure })
        .collect()
        .await;

    assert!(
        failures.is_empty(),
        "{} of {total} requests failed, first: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(app.server_panics().is_empty(), "{:?}", app.server_panics());
}

#[tokio::test]
async fn the_mentors_home_is_rendered_on_the_server_with_the_mentees_and_newest_logs() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    app.sync(
        &mentor,
        &[item(
            w,
            log_input(w, w.pair_a1, 1, "Read the school newsletter together."),
        )],
    )
    .await;

    let (status, html) = page(&app, &mentor, "/mentor", None).await;

    assert_eq!(status, StatusCode::OK);
    // The mentees' names and the newest log are in the first HTML, and the
    // boot data hands them to the browser.
    assert!(html.contains(r#"data-testid="pair-card""#), "{html}");
    assert!(html.contains("mentee@a.test"), "{html}");
    assert!(
        html.contains("Read the school newsletter together."),
        "{html}"
    );
    assert!(html.contains(r#"id="pb-boot""#));
    assert!(!html.contains("class=\"loading\""), "{html}");
}

#[tokio::test]
async fn a_shell_page_for_offline_use_holds_nobodys_data_even_with_a_session() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    let html = mentor
        .get(app.url("/mentor"))
        .header("accept", "text/html")
        .header("x-pb-shell", "1")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    assert!(html.contains(r#""shell":true"#), "{html}");
    assert!(!html.contains("mentee@a.test"), "{html}");
    assert!(!html.contains("mentor@a.test"), "{html}");
}

#[tokio::test]
async fn static_files_never_look_at_the_session() {
    let app = spawn_app().await;
    let ended = format!("pb_session={}", "a".repeat(64));

    for path in [
        "/sw.js",
        "/healthz",
        "/manifest.webmanifest",
        "/pkg/nothing.wasm",
    ] {
        let response = client()
            .get(app.url(path))
            .header("cookie", &ended)
            .send()
            .await
            .unwrap();

        // A page would clear the ended session's cookie; a static file
        // never reads it.
        assert!(
            response.headers().get("set-cookie").is_none(),
            "{path}: {:?}",
            response.headers()
        );
    }
    let page = client()
        .get(app.url("/login"))
        .header("cookie", &ended)
        .send()
        .await
        .unwrap();
    assert!(page.headers().get("set-cookie").is_some());
}

#[tokio::test]
async fn each_languages_texts_are_served_under_a_hashed_name() {
    let app = spawn_app().await;
    let (_, html) = page(&app, &client(), "/login", Some("ro")).await;
    let start = html.find("/i18n/ro.").expect("the page names its texts");
    let url = &html[start..start + html[start..].find(".json").unwrap() + 5];

    let response = client().get(app.url(url)).send().await.unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let texts: Vec<String> = response.json().await.unwrap();
    assert_eq!(
        texts.len(),
        app::i18n::Msg::CORE.len(),
        "a login page needs the core texts only"
    );
    assert!(texts.contains(&"Parolă".to_string()));
    let missing = client()
        .get(app.url("/i18n/ro.0000.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_programme_page_is_rendered_whole_on_the_server_with_the_office_texts_and_styles() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let id = app.world.programme_a;

    for (path, expected) in [
        ("/programmes".to_string(), "Pilot A"),
        (format!("/programmes/{id}"), "Where the programme stands"),
        (format!("/programmes/{id}/recruitment"), "Recruitment"),
        (
            format!("/programmes/{id}/candidates/new?kind=mentee"),
            "Mentoring registration form",
        ),
        (
            format!("/programmes/{id}/training"),
            "I listen to a parent without judging.",
        ),
        (
            format!("/programmes/{id}/matching"),
            "Administrative matching",
        ),
    ] {
        let (status, html) = page(&app, &manager, &path, None).await;

        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(expected), "{path} shows {expected:?}");
        assert!(
            html.contains("/i18n/en.office."),
            "{path} loads the office texts"
        );
        assert!(
            html.contains("/style/office."),
            "{path} links the office styles"
        );
    }
}

#[tokio::test]
async fn a_mentors_page_loads_neither_the_office_texts_nor_its_styles() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    let (status, html) = page(&app, &mentor, "/mentor", None).await;

    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("rel=\"stylesheet\" href=\"/style/office."));
    let start = html.find("window.__pbTexts").expect("the start script");
    assert!(html[start..].starts_with("window.__pbTexts = [text(\"/i18n/en.core."));
    assert!(
        html[start..].contains("text(\"\")]"),
        "no office texts fetched"
    );
}

#[tokio::test]
async fn the_office_stylesheet_is_served_under_its_hash_and_cached_for_good() {
    let app = spawn_app().await;
    let url = app::boot::office_stylesheet::url();

    let response = client().get(app.url(url)).send().await.unwrap();
    let wrong = client()
        .get(app.url("/style/office.000000.css"))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert!(response.text().await.unwrap().contains(".board"));
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_mentor_or_a_stranger_gets_no_programme_page() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let path = format!("/programmes/{}/recruitment", app.world.programme_a);

    let (mentor_status, mentor_html) = page(&app, &mentor, &path, None).await;
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let stranger = no_redirects
        .get(app.url(&path))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();

    assert_eq!(mentor_status, StatusCode::FORBIDDEN);
    assert!(!mentor_html.contains("registration form"));
    assert!(stranger.status().is_redirection(), "{}", stranger.status());
    assert_eq!(stranger.headers()["location"], "/login");
}

#[tokio::test]
async fn an_invitation_page_opens_without_an_account() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let invitation: app::model::NewInvitation = json(
        app.post_json(
            &coordinator,
            "/api/invitations/create",
            serde_json::json!({ "programme": app.world.programme_a, "role": "manager", "candidate": null, "name": "Dana" }),
        )
        .await,
    )
    .await;

    let (status, html) = page(&app, &client(), &invitation.path, None).await;
    let (gone, _) = page(
        &app,
        &client(),
        &format!("/invite/{}", "0".repeat(64)),
        None,
    )
    .await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Pilot A"));
    assert!(html.contains("privacy"), "the privacy notice");
    assert_eq!(gone, StatusCode::NOT_FOUND);
}
