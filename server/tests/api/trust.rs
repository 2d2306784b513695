//! Trust: the headers on every kind of response, writes only from the
//! site itself, shorter sessions for the office, access that rests on the
//! programme's memberships, and the audit trail of denials and reads.

use crate::helpers::*;
use app::api::context::Settings;
use app::model::*;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[tokio::test]
async fn a_page_carries_a_strict_policy_whose_nonce_is_on_each_of_its_scripts_and_is_never_stored()
{
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;

    let response = manager.get(app.url("/manager")).send().await.unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header(&response, "cache-control").as_deref(),
        Some("no-store")
    );
    let policy = header(&response, "content-security-policy").expect("a policy");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(policy.contains("'strict-dynamic'") && policy.contains("frame-ancestors 'none'"));
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    assert!(nonce.len() >= 16, "{nonce}");
    let html = response.text().await.unwrap();
    // Every script that runs carries the nonce (the boot data is JSON).
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(!scripts.is_empty());
    for script in scripts {
        let tag = script.split('>').next().unwrap_or_default();
        assert!(
            tag.contains("application/json") || tag.contains(&format!("nonce=\"{nonce}\"")),
            "a script without the nonce: <script{tag}>"
        );
    }
    // Another request, another nonce.
    let again = manager.get(app.url("/manager")).send().await.unwrap();
    let policy_again = header(&again, "content-security-policy").unwrap();
    assert!(!policy_again.contains(&nonce));
}

#[tokio::test]
async fn server_function_answers_are_never_stored_and_run_nothing() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    let answer = app.post(&mentor, "/api/mentor/pairs", &[]).await;
    let refusal = app.post(&client(), "/api/mentor/pairs", &[]).await;

    for response in [&answer, &refusal] {
        assert_eq!(
            header(response, "cache-control").as_deref(),
            Some("no-store")
        );
        assert_eq!(
            header(response, "content-security-policy").as_deref(),
            Some(app::csp::STATIC_POLICY)
        );
        assert_eq!(
            header(response, "x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(header(response, "x-frame-options").as_deref(), Some("DENY"));
    }
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(refusal.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_service_worker_may_fetch_only_the_site_and_an_unknown_page_is_not_stored() {
    let app = spawn_app().await;

    let worker = client().get(app.url("/sw.js")).send().await.unwrap();
    let manifest = client()
        .get(app.url("/manifest.webmanifest"))
        .send()
        .await
        .unwrap();
    let missing = client().get(app.url("/no/such/page")).send().await.unwrap();

    assert_eq!(worker.status(), StatusCode::OK);
    assert_eq!(
        header(&worker, "cache-control").as_deref(),
        Some("no-cache")
    );
    // The worker runs under its script's policy: it must reach the site's
    // files (a policy of `default-src 'none'` keeps every page offline-less).
    assert_eq!(
        header(&worker, "content-security-policy").as_deref(),
        Some(app::csp::WORKER_POLICY)
    );
    assert_eq!(
        header(&manifest, "content-security-policy").as_deref(),
        Some(app::csp::STATIC_POLICY)
    );
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        header(&missing, "cache-control").as_deref(),
        Some("no-store")
    );
    assert!(header(&missing, "content-security-policy").is_some_and(|p| p.contains("'nonce-")));
}

#[tokio::test]
async fn over_https_the_browser_is_told_to_use_nothing_else() {
    let https = spawn_app_served_at(Settings::default(), "https://mentoring.example.org").await;
    let plain = spawn_app().await;

    let told = client().get(https.url("/login")).send().await.unwrap();
    let not_told = client().get(plain.url("/login")).send().await.unwrap();

    assert_eq!(
        header(&told, "strict-transport-security").as_deref(),
        Some("max-age=31536000; includeSubDomains")
    );
    assert_eq!(header(&not_told, "strict-transport-security"), None);
}

#[tokio::test]
async fn a_write_that_does_not_say_it_comes_from_the_site_is_refused() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    let silent = mentor
        .post(app.url("/api/mentor/pairs"))
        .send()
        .await
        .unwrap();
    let same_site = mentor
        .post(app.url("/api/mentor/pairs"))
        .header("sec-fetch-site", "same-site")
        .send()
        .await
        .unwrap();
    let fetch_metadata_only = mentor
        .post(app.url("/api/mentor/pairs"))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();

    assert_eq!(silent.status(), StatusCode::FORBIDDEN);
    assert_eq!(same_site.status(), StatusCode::FORBIDDEN);
    let body: Value = json(silent).await;
    assert_eq!(body["error"], "forbidden");
    assert_eq!(fetch_metadata_only.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_managers_session_ends_after_thirty_idle_minutes_a_mentors_does_not() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let mentor = app.as_user("mentor@a.test").await;
    let idle = chrono::Utc::now() - chrono::Duration::minutes(31);
    app.execute("UPDATE sessions SET last_seen_at = $1", idle)
        .await;

    let manager_call = app.post(&manager, "/api/manager/logs", &[]).await;
    let mentor_call = app.post(&mentor, "/api/mentor/pairs", &[]).await;

    assert_eq!(manager_call.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(mentor_call.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_coordinators_session_ends_twelve_hours_after_login_even_in_use() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let mentor = app.as_user("mentor@a.test").await;
    let morning = chrono::Utc::now() - chrono::Duration::hours(13);
    app.execute("UPDATE sessions SET created_at = $1", morning)
        .await;

    let coordinator_call = app.post(&coordinator, "/api/auth/whoami", &[]).await;
    let mentor_call = app.post(&mentor, "/api/mentor/pairs", &[]).await;

    let who: Option<Identity> = json(coordinator_call).await;
    assert_eq!(who, None);
    assert_eq!(mentor_call.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_mentor_whose_membership_ended_no_longer_reaches_their_pairs() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    // The mentor also mentors in programme B, so they keep a session role.
    let mentor_id = app::store::users::find_user_by_email(&app.db, "mentor@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.remove_membership(mentor_id, w.programme_a, Role::Mentor)
        .await;
    app.add_membership(mentor_id, w.programme_b, Role::Mentor)
        .await;
    let mentor = {
        drop(mentor);
        app.as_user("mentor@a.test").await
    };

    let pairs: Vec<PairSummary> = json(app.post(&mentor, "/api/mentor/pairs", &[]).await).await;
    let synced = app
        .sync_ok(
            &mentor,
            &[item(w, log_input(w, w.pair_a1, 1, "After the end."))],
        )
        .await;
    let go_on = app
        .post_json(
            &mentor,
            "/api/journey/answer",
            json!({ "pair": w.pair_a1, "side": "mentor", "input": { "go_on": "yes", "reason": "" } }),
        )
        .await;

    assert!(pairs.iter().all(|p| p.id != w.pair_a1), "{pairs:?}");
    assert!(
        matches!(synced[0], SyncOutcome::Rejected { .. }),
        "{synced:?}"
    );
    assert_eq!(app.stored_logs().await, 0);
    assert_eq!(go_on.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_denial_and_every_read_of_a_pairs_logs_and_reports_is_in_the_audit_trail() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let manager = app.as_user("manager@a.test").await;

    let denied = app.post(&mentor, "/api/manager/logs", &[]).await;
    app.sync(
        &mentor,
        &[item(w, log_input(w, w.pair_a1, 1, "Met at the library."))],
    )
    .await;
    let read = app
        .post(
            &manager,
            "/api/manager/logs",
            &[("query[pair]", &w.pair_a1.to_string())],
        )
        .await;
    let mirror = app
        .post_json(
            &manager,
            "/api/reports/mirror",
            json!({ "pair": w.pair_a1 }),
        )
        .await;

    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
    assert_eq!(read.status(), StatusCode::OK);
    assert_eq!(mirror.status(), StatusCode::OK);
    let denials = app::store::audit::of_object(&app.db, "request", "manager/logs")
        .await
        .unwrap();
    assert_eq!(denials.len(), 1);
    assert_eq!(denials[0].action, "denied");
    let reads = app::store::audit::of_object(&app.db, "pair", &w.pair_a1.to_string())
        .await
        .unwrap();
    let actions: Vec<&str> = reads.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["read_logs", "read_reports"]);
}
