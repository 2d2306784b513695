//! Two-step login: an authenticator's code after the password, recovery
//! codes, an organisation that requires it, and the ways around it that
//! must not exist (a reset link, a code used twice, guessing).

use crate::helpers::*;
use crate::recruitment::problems;
use app::api::AppError;
use app::model::two_step::{code_at, step_of, Confirmed, Enrolment, SecondStep, TwoStepState};
use app::model::*;
use reqwest::{Client, StatusCode};
use serde_json::json;

/// RFC 4648 base32, as the app shows the key (groups of four).
fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut buffer, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in text.bytes().filter(|c| *c != b' ') {
        let value = ALPHABET.iter().position(|a| *a == c).expect("base32") as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// The authenticator's code `steps_ahead` steps from now.
fn code(secret: &[u8], steps_ahead: i64) -> String {
    code_at(
        secret,
        step_of(chrono::Utc::now().timestamp()) + steps_ahead,
    )
}

/// Turns two-step login on for the person logged in on `client`: their
/// authenticator's secret and their recovery codes.
async fn turn_on(app: &TestApp, client: &Client) -> (Vec<u8>, Vec<String>) {
    let enrolment: Enrolment = json(
        app.post_json(
            client,
            "/api/two_step/begin",
            json!({ "input": { "current": PASSWORD } }),
        )
        .await,
    )
    .await;
    assert!(enrolment.uri.starts_with("otpauth://totp/Parent%20Bridge:"));
    assert!(enrolment.qr_svg.contains("<svg"));
    let secret = base32_decode(&enrolment.secret);
    let confirmed: Confirmed = json(
        app.post_json(
            client,
            "/api/two_step/confirm",
            json!({ "input": { "code": code(&secret, 0) } }),
        )
        .await,
    )
    .await;
    assert_eq!(confirmed.identity, None, "logged in already");
    (secret, confirmed.recovery_codes)
}

async fn second_step(app: &TestApp, client: &Client, code: &str) -> reqwest::Response {
    app.post(client, "/api/auth/second_step", &[("code", code)])
        .await
}

async fn whoami(app: &TestApp, client: &Client) -> Option<Identity> {
    json(app.post_json(client, "/api/auth/whoami", json!({})).await).await
}

async fn state(app: &TestApp, client: &Client) -> TwoStepState {
    json(
        app.post_json(client, "/api/two_step/state", json!({}))
            .await,
    )
    .await
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    let (n,): (i64,) = match &app.db {
        app::store::Db::Sqlite(pool) => {
            sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE action = $1")
                .bind(action)
                .fetch_one(pool)
                .await
                .unwrap()
        }
        app::store::Db::Postgres(pool) => {
            sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE action = $1")
                .bind(action)
                .fetch_one(pool)
                .await
                .unwrap()
        }
    };
    n
}

#[tokio::test]
async fn with_two_step_login_on_the_password_alone_logs_nobody_in_and_each_code_works_once() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (secret, codes) = turn_on(&app, &manager).await;
    let (browser, thief) = (client(), client());

    let after_password = app.login(&browser, "manager@a.test").await;
    let status = after_password.status();
    let error: AppError = json(after_password).await;
    let wrong = second_step(&app, &browser, "000000").await;
    let wrong_status = wrong.status();
    let wrong_error: AppError = json(wrong).await;
    // The code of the step after the one confirmed (the confirmation used
    // this step's).
    let next = code(&secret, 1);
    let right = second_step(&app, &browser, &next).await;
    app.login(&thief, "manager@a.test").await;
    let again = second_step(&app, &thief, &next).await;

    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        error,
        AppError::SecondStep {
            step: SecondStep::Code
        }
    );
    assert_eq!(codes.len(), 10);
    assert_eq!(wrong_status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(wrong_error).problem(Field::LoginCode),
        Some(Problem::WrongCode)
    );
    assert_eq!(right.status(), StatusCode::OK);
    assert_eq!(
        whoami(&app, &browser).await.map(|i| i.email),
        Some("manager@a.test".into())
    );
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a code is used once"
    );
    assert_eq!(whoami(&app, &thief).await, None);
    assert!(state(&app, &manager).await.on);
    assert_eq!(audited(&app, "two_step_on").await, 1);
}

#[tokio::test]
async fn a_recovery_code_logs_in_once_whatever_its_case_and_dashes() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (_, codes) = turn_on(&app, &manager).await;
    let (first, second) = (client(), client());
    let typed = codes[3].to_lowercase().replace('-', " ");

    app.login(&first, "manager@a.test").await;
    let used = second_step(&app, &first, &typed).await;
    app.login(&second, "manager@a.test").await;
    let reused = second_step(&app, &second, &codes[3]).await;

    assert_eq!(used.status(), StatusCode::OK);
    assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(state(&app, &manager).await.recovery_left, 9);
    assert_eq!(audited(&app, "recovery_code_used").await, 1);
}

#[tokio::test]
async fn after_five_wrong_codes_the_password_is_asked_again() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (secret, _) = turn_on(&app, &manager).await;
    let browser = client();
    app.login(&browser, "manager@a.test").await;

    for _ in 0..two_step::CHALLENGE_TRIES {
        second_step(&app, &browser, "000000").await;
    }
    let right_too_late = second_step(&app, &browser, &code(&secret, 1)).await;

    assert_eq!(right_too_late.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        json::<AppError>(right_too_late).await,
        AppError::Unauthenticated
    );
    assert_eq!(whoami(&app, &browser).await, None);
}

#[tokio::test]
async fn a_second_step_is_refused_after_its_minutes() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (secret, _) = turn_on(&app, &manager).await;
    let browser = client();
    app.login(&browser, "manager@a.test").await;
    app.execute(
        "UPDATE login_challenges SET created_at = $1",
        chrono::Utc::now() - chrono::Duration::minutes(two_step::CHALLENGE_MINUTES + 1),
    )
    .await;

    let late = second_step(&app, &browser, &code(&secret, 1)).await;

    assert_eq!(late.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_authenticators_secret_is_kept_wrapped_under_the_server_secret() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;

    let (secret, _) = turn_on(&app, &manager).await;

    let stored: Vec<(String,)> = match &app.db {
        app::store::Db::Sqlite(pool) => sqlx::query_as("SELECT secret FROM two_step")
            .fetch_all(pool)
            .await
            .unwrap(),
        app::store::Db::Postgres(pool) => sqlx::query_as("SELECT secret FROM two_step")
            .fetch_all(pool)
            .await
            .unwrap(),
    };
    assert_eq!(stored.len(), 1);
    assert!(stored[0].0.starts_with("w1:"));
    assert!(!stored[0].0.contains(&hex::encode(&secret)));
}

#[tokio::test]
async fn turning_two_step_login_off_needs_the_password_and_then_the_password_is_enough() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    turn_on(&app, &manager).await;

    let wrong = app
        .post_json(
            &manager,
            "/api/two_step/off",
            json!({ "input": { "current": "not the password" } }),
        )
        .await;
    let off = app
        .post_json(
            &manager,
            "/api/two_step/off",
            json!({ "input": { "current": PASSWORD } }),
        )
        .await;

    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(off.status(), StatusCode::OK);
    assert_eq!(
        app.login(&client(), "manager@a.test").await.status(),
        StatusCode::OK
    );
    assert_eq!(audited(&app, "two_step_off").await, 1);
}

#[tokio::test]
async fn turning_it_on_signs_out_the_persons_other_sessions() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let elsewhere = app.as_user("manager@a.test").await;

    turn_on(&app, &manager).await;

    assert!(whoami(&app, &manager).await.is_some());
    assert_eq!(whoami(&app, &elsewhere).await, None);
}

#[tokio::test]
async fn new_recovery_codes_replace_the_old_ones() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (_, old) = turn_on(&app, &manager).await;

    let new: Vec<String> = json(
        app.post_json(
            &manager,
            "/api/two_step/recovery_codes",
            json!({ "input": { "current": PASSWORD } }),
        )
        .await,
    )
    .await;
    let browser = client();
    app.login(&browser, "manager@a.test").await;
    let with_old = second_step(&app, &browser, &old[0]).await;
    let with_new = second_step(&app, &browser, &new[0]).await;

    assert_eq!(new.len(), 10);
    assert_eq!(with_old.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(with_new.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_organisation_that_requires_it_has_its_office_set_it_up_at_the_next_login() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let require = async |client: &Client| {
        app.post_json(
            client,
            "/api/two_step/require",
            json!({ "organisation": app.world.organisation_a, "on": true }),
        )
        .await
    };
    let before_own = require(&coordinator).await;
    turn_on(&app, &coordinator).await;
    let required = require(&coordinator).await;
    let browser = client();

    let login = app.login(&browser, "manager@a.test").await;
    let login_status = login.status();
    let login_error: AppError = json(login).await;
    let mentor = app.login(&client(), "mentor@a.test").await;
    let enrolment: Enrolment = json(
        app.post_json(
            &browser,
            "/api/two_step/begin",
            json!({ "input": { "current": "" } }),
        )
        .await,
    )
    .await;
    let secret = base32_decode(&enrolment.secret);
    let confirmed: Confirmed = json(
        app.post_json(
            &browser,
            "/api/two_step/confirm",
            json!({ "input": { "code": code(&secret, 0) } }),
        )
        .await,
    )
    .await;
    let off = app
        .post_json(
            &browser,
            "/api/two_step/off",
            json!({ "input": { "current": PASSWORD } }),
        )
        .await;
    let next_login: AppError = json(app.login(&client(), "manager@a.test").await).await;

    assert_eq!(before_own.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json::<AppError>(before_own).await).problem(Field::LoginCode),
        Some(Problem::TwoStepFirst)
    );
    assert_eq!(required.status(), StatusCode::OK);
    assert_eq!(login_status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        login_error,
        AppError::SecondStep {
            step: SecondStep::Setup
        }
    );
    assert_eq!(mentor.status(), StatusCode::OK, "mentors are not asked");
    assert_eq!(
        confirmed.identity.map(|i| i.email),
        Some("manager@a.test".into())
    );
    assert_eq!(confirmed.recovery_codes.len(), 10);
    assert!(whoami(&app, &browser).await.is_some());
    assert_eq!(off.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json::<AppError>(off).await).problem(Field::CurrentPassword),
        Some(Problem::TwoStepRequired)
    );
    assert_eq!(
        next_login,
        AppError::SecondStep {
            step: SecondStep::Code
        }
    );
    assert_eq!(audited(&app, "two_step_required_changed").await, 1);
}

#[tokio::test]
async fn nobody_sets_up_an_authenticator_for_a_login_that_does_not_need_one() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    turn_on(&app, &manager).await;
    let browser = client();
    // The password was right, and a code is asked: not a setting up.
    app.login(&browser, "manager@a.test").await;

    let begin = app
        .post_json(
            &browser,
            "/api/two_step/begin",
            json!({ "input": { "current": "" } }),
        )
        .await;
    let nobody = app
        .post_json(
            &client(),
            "/api/two_step/begin",
            json!({ "input": { "current": "" } }),
        )
        .await;

    assert_eq!(begin.status(), StatusCode::FORBIDDEN);
    assert_eq!(nobody.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_reset_link_sets_the_password_but_still_asks_the_second_step() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (secret, _) = turn_on(&app, &manager).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let manager_id = app::store::users::find_user_by_email(&app.db, "manager@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let link: OneTimeLink = json(
        app.post_json(
            &coordinator,
            "/api/account/reset_link",
            json!({ "person": manager_id }),
        )
        .await,
    )
    .await;
    let token = link.path.rsplit('/').next().unwrap().to_string();
    let browser = client();

    let reset = app
        .post_json(
            &browser,
            "/api/account/reset",
            json!({ "token": token, "input": { "new": "a brand new long password", "again": "a brand new long password" } }),
        )
        .await;
    let status = reset.status();
    let error: AppError = json(reset).await;
    let logged_in_before = whoami(&app, &browser).await;
    let code_step = second_step(&app, &browser, &code(&secret, 1)).await;

    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        error,
        AppError::SecondStep {
            step: SecondStep::Code
        }
    );
    assert_eq!(logged_in_before, None);
    assert_eq!(code_step.status(), StatusCode::OK);
    assert!(whoami(&app, &browser).await.is_some());
}

#[tokio::test]
async fn a_manager_invited_into_an_organisation_that_requires_it_sets_it_up_before_being_logged_in()
{
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    turn_on(&app, &coordinator).await;
    let required = app
        .post_json(
            &coordinator,
            "/api/two_step/require",
            json!({ "organisation": app.world.organisation_a, "on": true }),
        )
        .await;
    assert_eq!(required.status(), StatusCode::OK);
    let invitation: NewInvitation = json(
        app.post_json(
            &coordinator,
            "/api/invitations/create",
            json!({ "programme": app.world.programme_a, "role": "manager", "candidate": null, "name": null }),
        )
        .await,
    )
    .await;
    let token = invitation.path.trim_start_matches("/invite/").to_string();
    let browser = client();

    let accepted = app
        .post_json(
            &browser,
            "/api/invitations/accept",
            json!({ "token": token, "input": {
                "name": "New Manager", "email": "new.manager@a.test", "password": "a long new password",
                "language": "en", "privacy_notice": "yes"
            }}),
        )
        .await;
    let status = accepted.status();
    let error: AppError = json(accepted).await;
    let before = whoami(&app, &browser).await;
    let enrolment: Enrolment = json(
        app.post_json(
            &browser,
            "/api/two_step/begin",
            json!({ "input": { "current": "" } }),
        )
        .await,
    )
    .await;
    let confirmed: Confirmed = json(
        app.post_json(
            &browser,
            "/api/two_step/confirm",
            json!({ "input": { "code": code(&base32_decode(&enrolment.secret), 0) } }),
        )
        .await,
    )
    .await;

    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        error,
        AppError::SecondStep {
            step: SecondStep::Setup
        }
    );
    assert_eq!(before, None, "not logged in before the second step");
    assert_eq!(
        confirmed.identity.map(|i| i.email),
        Some("new.manager@a.test".into())
    );
    assert!(whoami(&app, &browser).await.is_some());
}
