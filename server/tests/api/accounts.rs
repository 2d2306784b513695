//! Accounts and the findings of the second security review (ASVS 4.0.3
//! level 2): each test here failed before its fix.

use crate::helpers::*;
use crate::recruitment::problems;
use app::api::AppError;
use app::model::*;
use app::store::{recruitment, users};
use chrono::Datelike;
use reqwest::{Client, StatusCode};
use serde_json::json;

/// A candidate of `programme_a` for the account of `email` (a mentee
/// proposed as mentor keeps their account), and an invitation for them.
async fn invitation_for_account(app: &TestApp, email: &str) -> (UserId, String) {
    let user = users::find_user_by_email(&app.db, email)
        .await
        .unwrap()
        .expect("a seeded account")
        .id;
    let manager = app.as_user("manager@a.test").await;
    let mut tx = app.db.begin().await.unwrap();
    let candidate = recruitment::create(
        &mut tx,
        app.world.programme_a,
        &Registration {
            kind: CandidateKind::Mentor,
            name: email.to_string(),
            consent: None,
            profile: Profile::default(),
        },
        Stage::Interest,
        Some(user),
        user,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let invitation: NewInvitation = json(
        app.post_json(
            &manager,
            "/api/invitations/create",
            json!({ "programme": app.world.programme_a, "role": "mentor",
                    "candidate": candidate, "name": null }),
        )
        .await,
    )
    .await;
    let token = invitation.path.trim_start_matches("/invite/").to_string();
    (user, token)
}

async fn accept(app: &TestApp, client: &Client, token: &str, email: &str) -> reqwest::Response {
    app.post_json(
        client,
        "/api/invitations/accept",
        json!({ "token": token, "input": {
            "name": "Someone Else", "email": email, "password": "another long password",
            "language": "en", "privacy_notice": "yes"
        }}),
    )
    .await
}

#[tokio::test]
async fn an_invitation_never_replaces_the_login_of_an_account_that_has_one() {
    let app = spawn_app().await;
    let (mentee, token) = invitation_for_account(&app, "mentee@a.test").await;

    let logged_out = accept(&app, &client(), &token, "intruder@x.test").await;
    let other_account = accept(&app, &app.as_user("manager@a.test").await, &token, "").await;

    assert_eq!(logged_out.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json::<AppError>(logged_out).await).problem(Field::Email),
        Some(Problem::HasAccount)
    );
    assert_eq!(
        problems(json::<AppError>(other_account).await).problem(Field::Email),
        Some(Problem::HasAccount),
        "a manager logged in does not take the candidate's place"
    );
    let row = users::find_user(&app.db, mentee).await.unwrap().unwrap();
    assert_eq!(row.email, "mentee@a.test", "the email is the person's own");
    assert_eq!(
        app.login(&client(), "mentee@a.test").await.status(),
        StatusCode::OK,
        "the person's own password still works"
    );
    let intruder = client();
    let refused = app
        .post(
            &intruder,
            "/api/auth/login",
            &[
                ("email", "intruder@x.test"),
                ("password", "another long password"),
            ],
        )
        .await;
    assert_ne!(refused.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_account_an_invitation_is_for_accepts_it_logged_in() {
    let app = spawn_app().await;
    let (mentee, token) = invitation_for_account(&app, "mentee@a.test").await;
    let client = app.as_user("mentee@a.test").await;

    let accepted = accept(&app, &client, &token, "").await;

    assert_eq!(accepted.status(), StatusCode::OK);
    let identity: Identity = json(accepted).await;
    assert_eq!(identity.user_id, mentee);
    assert!(identity.has(Role::Mentor), "the mentee is a mentor now too");
}

#[tokio::test]
async fn an_invitation_gives_a_login_to_a_candidates_account_that_has_none() {
    let app = spawn_app().await;
    let (mentee, token) = invitation_for_account(&app, "mentee2@a.test").await;

    let accepted = accept(&app, &client(), &token, "new.mentor@a.test").await;

    assert_eq!(accepted.status(), StatusCode::OK);
    let row = users::find_user(&app.db, mentee).await.unwrap().unwrap();
    assert_eq!(row.email, "new.mentor@a.test");
    assert!(row.password_hash.is_some());
}

/// Mentor B, who mentors in programme B (pair B, a log only B's office may
/// read), is made a mentor of programme A too: a person of two
/// organisations.
async fn person_of_two_organisations(app: &TestApp) -> (UserId, &'static str) {
    const ONLY_B: &str = "Only organisation B knows this";
    let w = &app.world;
    let mentor_b = app.as_user("mentor@b.test").await;
    app.sync_ok(&mentor_b, &[item(w, log_input(w, w.pair_b, 3, ONLY_B))])
        .await;
    let id = users::find_user_by_email(&app.db, "mentor@b.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.add_membership(id, w.programme_a, Role::Mentor).await;
    (id, ONLY_B)
}

#[tokio::test]
async fn a_coordinator_exports_only_what_their_organisation_holds_of_a_person_of_two() {
    let app = spawn_app().await;
    let (person, only_b) = person_of_two_organisations(&app).await;
    let coordinator_a = app.as_user("coordinator@a.test").await;

    let export: PersonExport = json(
        coordinator_a
            .get(app.url(&format!(
                "/api/privacy/export?person=user%3A{person}&download=false"
            )))
            .send()
            .await
            .unwrap(),
    )
    .await;

    let text = serde_json::to_string(&export).unwrap();
    assert!(!text.contains(only_b), "B's log stays B's: {text}");
    assert!(
        !text.contains("Pilot B"),
        "nothing of B's programme: {text}"
    );
    let section = |name: &str| {
        export
            .sections
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.records.len())
    };
    assert_eq!(section("roles"), Some(1), "the role in A only");
    assert_eq!(section("pairs"), Some(0));
    assert_eq!(section("account"), Some(1), "the person's own account");
    assert_eq!(
        section("activity"),
        None,
        "their logins are B's business too"
    );
}

#[tokio::test]
async fn a_coordinator_erases_a_person_of_two_organisations_from_their_own_only() {
    let app = spawn_app().await;
    let w = &app.world;
    let (person, only_b) = person_of_two_organisations(&app).await;
    let coordinator_a = app.as_user("coordinator@a.test").await;

    let erased = app
        .post_json(
            &coordinator_a,
            "/api/privacy/erase",
            json!({ "person": format!("user:{person}") }),
        )
        .await;

    assert_eq!(erased.status(), StatusCode::OK);
    assert_eq!(json::<Erasure>(erased).await, Erasure::FromOrganisation);
    assert_eq!(
        app.login(&client(), "mentor@b.test").await.status(),
        StatusCode::OK,
        "the account is B's to keep"
    );
    let mentor_b = app.as_user("mentor@b.test").await;
    let logs: serde_json::Value = json(app.post(&mentor_b, "/api/mentor/logs", &[]).await).await;
    assert!(
        serde_json::to_string(&logs).unwrap().contains(only_b),
        "B's records stay"
    );
    let page_a = app
        .post_json(
            &coordinator_a,
            "/api/privacy/person",
            json!({ "person": format!("user:{person}") }),
        )
        .await;
    assert_eq!(page_a.status(), StatusCode::FORBIDDEN, "no longer A's");
    let page_b: PersonPage = json(
        app.post_json(
            &app.as_user("coordinator@b.test").await,
            "/api/privacy/person",
            json!({ "person": format!("user:{person}") }),
        )
        .await,
    )
    .await;
    assert!(!page_b.summary.erased);
    let sync_a = app
        .sync_ok(
            &mentor_b,
            &[item(w, log_input(w, w.pair_b, 2, "Still B's mentor"))],
        )
        .await;
    assert_eq!(sync_a, vec![SyncOutcome::Stored], "still B's mentor");
}

/// The sessions' password times moved `minutes` into the past.
async fn password_typed_minutes_ago(app: &TestApp, minutes: i64) {
    app.execute(
        "UPDATE sessions SET password_at = $1",
        chrono::Utc::now() - chrono::Duration::minutes(minutes),
    )
    .await;
}

async fn stored_storage_key(app: &TestApp, email: &str) -> Option<String> {
    let sql = "SELECT storage_key FROM users WHERE email = $1";
    match &app.db {
        app::store::Db::Sqlite(pool) => sqlx::query_scalar(sql).bind(email).fetch_one(pool).await,
        app::store::Db::Postgres(pool) => sqlx::query_scalar(sql).bind(email).fetch_one(pool).await,
    }
    .unwrap()
}

#[tokio::test]
async fn a_lost_phones_old_session_does_not_get_the_storage_key_a_fresh_password_login_does() {
    let app = spawn_app().await;
    let phone = app.as_user("mentor@a.test").await;
    password_typed_minutes_ago(&app, 11).await;

    let old = app.post(&phone, "/api/auth/storage_key", &[]).await;
    let fresh = app
        .post(
            &app.as_user("mentor@a.test").await,
            "/api/auth/storage_key",
            &[],
        )
        .await;

    assert_eq!(
        old.status(),
        StatusCode::FORBIDDEN,
        "the PIN is asked instead"
    );
    assert_eq!(fresh.status(), StatusCode::OK);
    let still_logged_in = app.post(&phone, "/api/mentor/pairs", &[]).await;
    assert_eq!(
        still_logged_in.status(),
        StatusCode::OK,
        "only the key is refused"
    );
}

#[tokio::test]
async fn a_session_started_without_the_password_does_not_get_the_storage_key() {
    let app = spawn_app().await;
    let (_, token) = invitation_for_account(&app, "mentee@a.test").await;
    let mentee = app.as_user("mentee@a.test").await;
    // Accepting logged in starts a new session, without a password.
    assert_eq!(
        accept(&app, &mentee, &token, "").await.status(),
        StatusCode::OK
    );

    let refused = app.post(&mentee, "/api/auth/storage_key", &[]).await;

    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_database_keeps_storage_keys_only_wrapped_under_the_server_secret() {
    let app = spawn_app().await;
    let phone = app.as_user("mentor@a.test").await;
    let legacy = "ab".repeat(32);
    app.execute(
        &format!("UPDATE users SET storage_key = '{legacy}' WHERE email = 'mentor2@a.test' AND $1 IS NOT NULL"),
        chrono::Utc::now(),
    )
    .await;

    let key: String = json(app.post(&phone, "/api/auth/storage_key", &[]).await).await;
    let legacy_read: String = json(
        app.post(
            &app.as_user("mentor2@a.test").await,
            "/api/auth/storage_key",
            &[],
        )
        .await,
    )
    .await;

    let stored = stored_storage_key(&app, "mentor@a.test").await.unwrap();
    assert!(stored.starts_with("w1:"), "{stored}");
    assert!(!stored.contains(&key));
    assert_eq!(
        legacy_read, legacy,
        "a phone's key from before stays the same key"
    );
    let rewrapped = stored_storage_key(&app, "mentor2@a.test").await.unwrap();
    assert!(
        rewrapped.starts_with("w1:") && !rewrapped.contains(&legacy),
        "{rewrapped}"
    );
}

#[tokio::test]
async fn every_key_kept_in_clear_is_wrapped_at_start() {
    let app = spawn_app().await;
    let secret = app::store::secret::ServerSecret::default();
    let legacy = "cd".repeat(32);
    app.execute(
        &format!("UPDATE users SET storage_key = '{legacy}' WHERE email LIKE 'mentor%' AND $1 IS NOT NULL"),
        chrono::Utc::now(),
    )
    .await;

    let wrapped = users::wrap_storage_keys(&app.db, &secret).await.unwrap();
    let again = users::wrap_storage_keys(&app.db, &secret).await.unwrap();

    assert_eq!((wrapped, again), (3, 0));
    let mentor = users::find_user_by_email(&app.db, "mentor@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let stored = stored_storage_key(&app, "mentor@a.test").await.unwrap();
    assert_eq!(secret.unwrap(mentor, &stored), Some(legacy));
}

#[tokio::test]
async fn a_manager_signs_a_mentor_who_lost_their_phone_out_of_every_device() {
    let app = spawn_app().await;
    let (phone, laptop) = (
        app.as_user("mentor@a.test").await,
        app.as_user("mentor@a.test").await,
    );
    let mentor = users::find_user_by_email(&app.db, "mentor@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let body = json!({ "person": mentor });

    let other_manager = app
        .post_json(
            &app.as_user("manager@b.test").await,
            "/api/account/sign_out_person",
            body.clone(),
        )
        .await;
    let other_mentor = app
        .post_json(
            &app.as_user("mentor2@a.test").await,
            "/api/account/sign_out_person",
            body.clone(),
        )
        .await;
    let manager = app.as_user("manager@a.test").await;
    let signed_out = app
        .post_json(&manager, "/api/account/sign_out_person", body.clone())
        .await;

    assert_eq!(other_manager.status(), StatusCode::FORBIDDEN);
    assert_eq!(other_mentor.status(), StatusCode::FORBIDDEN);
    assert_eq!(signed_out.status(), StatusCode::OK);
    assert_eq!(json::<u64>(signed_out).await, 2);
    for client in [&phone, &laptop] {
        let key = app.post(client, "/api/auth/storage_key", &[]).await;
        assert_eq!(key.status(), StatusCode::UNAUTHORIZED);
    }
    let trail: AuditPage = json(
        app.post_json(
            &app.as_user("coordinator@a.test").await,
            "/api/privacy/audit",
            json!({ "query": { "action": "sessions_ended" } }),
        )
        .await,
    )
    .await;
    assert_eq!(trail.rows.len(), 1);
    assert_eq!(trail.rows[0].object_id, mentor.to_string());
}

#[tokio::test]
async fn a_person_lists_their_sessions_by_device_and_signs_out_of_the_others() {
    let app = spawn_app().await;
    let phone = reqwest::Client::builder()
        .cookie_store(true)
        .user_agent("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36")
        .build()
        .unwrap();
    assert_eq!(
        app.login(&phone, "mentor@a.test").await.status(),
        StatusCode::OK
    );
    let laptop = app.as_user("mentor@a.test").await;

    let listed: Vec<SessionView> = json(
        app.post_json(&laptop, "/api/account/sessions", json!({}))
            .await,
    )
    .await;
    let ended = app
        .post_json(&laptop, "/api/account/sign_out", json!({ "id": "" }))
        .await;

    assert_eq!(listed.len(), 2);
    assert!(listed[0].current, "this device first");
    assert_eq!(listed[1].device, "Android, Chrome");
    assert_eq!(json::<u64>(ended).await, 1);
    let phone_now = app.post(&phone, "/api/mentor/pairs", &[]).await;
    assert_eq!(phone_now.status(), StatusCode::UNAUTHORIZED);
    let laptop_now = app.post(&laptop, "/api/mentor/pairs", &[]).await;
    assert_eq!(laptop_now.status(), StatusCode::OK);
    let unknown = app
        .post_json(
            &laptop,
            "/api/account/sign_out",
            json!({ "id": "0123456789abcdef" }),
        )
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_new_password_needs_the_current_one_and_ends_every_other_session() {
    let app = spawn_app().await;
    let (here, elsewhere) = (
        app.as_user("mentor@a.test").await,
        app.as_user("mentor@a.test").await,
    );
    let change = |current: &str| json!({ "input": { "current": current, "new": "a brand new password", "again": "a brand new password" } });

    let wrong = app
        .post_json(&here, "/api/account/password", change("not my password"))
        .await;
    let changed = app
        .post_json(&here, "/api/account/password", change(PASSWORD))
        .await;

    assert_eq!(
        problems(json::<AppError>(wrong).await).problem(Field::CurrentPassword),
        Some(Problem::WrongPassword)
    );
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(
        app.post(&elsewhere, "/api/mentor/pairs", &[])
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.post(&here, "/api/mentor/pairs", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.login(&client(), "mentor@a.test").await.status(),
        StatusCode::UNAUTHORIZED,
        "the old password no longer works"
    );
    let new_login = app
        .post(
            &client(),
            "/api/auth/login",
            &[
                ("email", "mentor@a.test"),
                ("password", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(new_login.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_people_search_with_a_nul_in_it_is_answered_not_failed() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;

    let found = app
        .post_json(
            &manager,
            "/api/privacy/people",
            json!({ "search": "mentee\u{0}@a" }),
        )
        .await;

    assert_eq!(found.status(), StatusCode::OK);
    let people: Vec<PersonSummary> = json(found).await;
    assert!(people
        .iter()
        .any(|p| p.email.as_deref() == Some("mentee@a.test")));
}

#[tokio::test]
async fn a_managers_read_of_a_logs_history_is_in_the_audit_trail() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let log = log_input(w, w.pair_a1, 2, "A visit to the school");
    let id = uuid::Uuid::new_v4();
    app.sync_ok(&mentor, &[record_item::<MeetingLog>(id, 1, &log)])
        .await;
    let manager = app.as_user("manager@a.test").await;

    let own = app
        .post(&mentor, "/api/logs/history", &[("log", &id.to_string())])
        .await;
    let read = app
        .post(&manager, "/api/logs/history", &[("log", &id.to_string())])
        .await;

    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(read.status(), StatusCode::OK);
    let trail: AuditPage = json(
        app.post_json(
            &app.as_user("coordinator@a.test").await,
            "/api/privacy/audit",
            json!({ "query": { "action": "read_logs" } }),
        )
        .await,
    )
    .await;
    assert_eq!(
        trail.rows.len(),
        1,
        "the manager's read, not the mentor's own"
    );
    assert_eq!(trail.rows[0].object_id, w.pair_a1.to_string());
}

#[tokio::test]
async fn a_person_who_withdrew_their_consent_to_email_gets_no_digest_and_one_who_gave_it_again_does(
) {
    let (app, _sink) = spawn_app_with_mail().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let consent = |email: &str, change: &str| {
        let email = email.to_string();
        let change = change.to_string();
        let app = &app;
        let manager = &manager;
        async move {
            let id = users::find_user_by_email(&app.db, &email)
                .await
                .unwrap()
                .unwrap()
                .id;
            let recorded = app
                .post_json(
                    manager,
                    "/api/privacy/record_consent",
                    json!({ "person": format!("user:{id}"), "input": {
                        "purpose": "email", "change": change, "how": "paper",
                        "on_date": w.today.to_string()
                    }}),
                )
                .await;
            assert_eq!(
                recorded.status(),
                StatusCode::OK,
                "{}",
                recorded.text().await.unwrap()
            );
            // (Each record a moment after the one before: they are ordered
            // by when they were made.)
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    };
    consent("mentor@a.test", "withdrawn").await;
    consent("mentor2@a.test", "withdrawn").await;
    consent("mentor2@a.test", "given").await;

    let queued = server::mail::queue_digests(&app.db, "https://mentoring.example.org", w.today)
        .await
        .unwrap();

    let sql = "SELECT to_address FROM emails";
    let to: Vec<String> = match &app.db {
        app::store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        app::store::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
    }
    .unwrap();
    assert_eq!(queued as usize, to.len());
    assert!(!to.iter().any(|t| t == "mentor@a.test"), "{to:?}");
    assert!(to.iter().any(|t| t == "mentor2@a.test"), "{to:?}");
}

#[tokio::test]
async fn a_person_chooses_the_language_of_their_emails_and_a_weekly_digest_or_none() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let mentor = app.as_user("mentor@a.test").await;
    let origin = "https://mentoring.example.org";
    // A day on which every mentor and manager has something to act on.
    let day = app.world.today;
    let monday = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
    let tuesday = monday + chrono::Duration::days(1);

    let bad = app
        .post_json(
            &manager,
            "/api/account/set_preferences",
            json!({ "input": { "language": "xx", "digest": "hourly" } }),
        )
        .await;
    let weekly = app
        .post_json(
            &manager,
            "/api/account/set_preferences",
            json!({ "input": { "language": "ro", "digest": "weekly" } }),
        )
        .await;
    let off = app
        .post_json(
            &mentor,
            "/api/account/set_preferences",
            json!({ "input": { "language": "en", "digest": "off" } }),
        )
        .await;
    let kept: AccountPreferences = json(
        app.post_json(&manager, "/api/account/preferences", json!({}))
            .await,
    )
    .await;
    let on_tuesday = server::mail::queue_digests(&app.db, origin, tuesday)
        .await
        .unwrap();
    // Emails of one moment keep their order.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let on_monday = server::mail::queue_digests(&app.db, origin, monday)
        .await
        .unwrap();

    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = problems(json::<AppError>(bad).await);
    assert_eq!(
        errors.problem(Field::Language),
        Some(Problem::UnknownChoice)
    );
    assert_eq!(errors.problem(Field::Digest), Some(Problem::UnknownChoice));
    assert_eq!(weekly.status(), StatusCode::OK);
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(
        kept,
        AccountPreferences {
            language: Lang::Ro,
            digest: DigestFrequency::Weekly
        }
    );
    let to = |digests: &[(String, String)]| -> Vec<String> {
        digests.iter().map(|(to, _)| to.clone()).collect()
    };
    let queued = queued_emails(&app).await;
    let (tuesday_mails, monday_mails) = queued.split_at(on_tuesday);
    assert!(
        !to(tuesday_mails).contains(&"manager@a.test".to_string()),
        "weekly: not on a Tuesday"
    );
    assert!(
        to(monday_mails).contains(&"manager@a.test".to_string()),
        "weekly: on Mondays"
    );
    assert!(!to(&queued).contains(&"mentor@a.test".to_string()), "never");
    assert!(on_monday > 0);
    let subject = &monday_mails
        .iter()
        .find(|(to, _)| to == "manager@a.test")
        .unwrap()
        .1;
    assert!(
        subject.contains("lucruri au nevoie"),
        "in Romanian: {subject}"
    );
}

/// The emails queued so far, oldest first: to whom, and their subject.
async fn queued_emails(app: &TestApp) -> Vec<(String, String)> {
    let sql = "SELECT to_address, subject FROM emails ORDER BY created_at, id";
    match &app.db {
        app::store::Db::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
        app::store::Db::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await.unwrap(),
    }
}
