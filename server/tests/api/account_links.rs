//! Accounts that look after themselves: a forgotten password reset by an
//! emailed link or by a manager's link, a new email address confirmed by a
//! link sent to it, invitations withdrawn, one's own data downloaded and
//! consents withdrawn, and the first run in the browser.

use crate::helpers::*;
use crate::recruitment::problems;
use app::api::AppError;
use app::model::*;
use app::store::users;
use reqwest::{Client, StatusCode};
use serde_json::json;

const NEW_PASSWORD: &str = "a brand new password for me";

/// The token of the first link to `path` (`/reset/`, `/confirm-email/`) in
/// a text.
fn token_in(text: &str, path: &str) -> String {
    let start = text
        .find(path)
        .unwrap_or_else(|| panic!("no {path} in {text:?}"))
        + path.len();
    text[start..start + 64].to_string()
}

async fn whoami(app: &TestApp, client: &Client) -> Option<Identity> {
    json(app.post(client, "/api/auth/whoami", &[]).await).await
}

async fn login_status(app: &TestApp, email: &str, password: &str) -> StatusCode {
    app.post(
        &client(),
        "/api/auth/login",
        &[("email", email), ("password", password)],
    )
    .await
    .status()
}

async fn forgot(app: &TestApp, email: &str) -> reqwest::Response {
    app.post_json(&client(), "/api/account/forgot", json!({ "email": email }))
        .await
}

async fn reset(app: &TestApp, client: &Client, token: &str) -> reqwest::Response {
    app.post_json(
        client,
        "/api/account/reset",
        json!({ "token": token, "input": { "new": NEW_PASSWORD, "again": NEW_PASSWORD } }),
    )
    .await
}

async fn audited(app: &TestApp, action: &str) -> Vec<AuditRow> {
    let coordinator = app.as_user("coordinator@a.test").await;
    let page: AuditPage = json(
        app.post_json(
            &coordinator,
            "/api/privacy/audit",
            json!({ "query": { "action": action } }),
        )
        .await,
    )
    .await;
    page.rows
}

#[tokio::test]
async fn a_forgotten_password_is_set_once_with_the_emailed_link_and_every_old_session_ends() {
    let (app, sink) = spawn_app_with_mail().await;
    let old_session = app.as_user("mentee@a.test").await;

    let asked = forgot(&app, " Mentee@A.test ").await;
    let mail = sink.wait_for(1).await;
    let token = token_in(&mail[0].body, "/reset/");
    let details: ResetDetails = json(
        app.post_json(
            &client(),
            "/api/account/reset_open",
            json!({ "token": token }),
        )
        .await,
    )
    .await;
    let browser = client();
    let set = reset(&app, &browser, &token).await;
    let again = reset(&app, &client(), &token).await;

    assert_eq!(asked.status(), StatusCode::OK);
    assert_eq!(mail[0].to, vec!["mentee@a.test".to_string()]);
    assert_eq!(details.email, "mentee@a.test");
    assert_eq!(set.status(), StatusCode::OK);
    assert_eq!(
        whoami(&app, &browser).await.map(|i| i.email),
        Some("mentee@a.test".to_string()),
        "logged in by the reset"
    );
    assert_eq!(
        whoami(&app, &old_session).await,
        None,
        "the old session ended"
    );
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "a link works once");
    assert_eq!(
        login_status(&app, "mentee@a.test", PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login_status(&app, "mentee@a.test", NEW_PASSWORD).await,
        StatusCode::OK
    );
    assert_eq!(audited(&app, "password_reset").await.len(), 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM account_links WHERE used_at IS NULL")
            .await,
        0
    );
}

#[tokio::test]
async fn a_forgotten_password_for_an_unknown_address_gets_the_same_answer_and_sends_nothing() {
    let (app, sink) = spawn_app_with_mail().await;

    let unknown = forgot(&app, "nobody@nowhere.test").await;
    let no_login = forgot(&app, "mentee2@a.test").await;
    let known = forgot(&app, "mentor@a.test").await;
    let (unknown, no_login, known) = (
        (unknown.status(), unknown.text().await.unwrap()),
        (no_login.status(), no_login.text().await.unwrap()),
        (known.status(), known.text().await.unwrap()),
    );
    let mails = sink.wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    assert_eq!(unknown, known);
    assert_eq!(no_login, known);
    assert_eq!(sink.received().len(), 1, "one email, to the known account");
    assert_eq!(mails[0].to, vec!["mentor@a.test".to_string()]);
    assert!(
        !mails[0].body.contains("mentor@a.test"),
        "the email names nobody"
    );
}

#[tokio::test]
async fn an_account_gets_at_most_three_reset_emails_an_hour_whatever_is_asked() {
    let (app, _sink) = spawn_app_with_mail().await;

    for _ in 0..5 {
        assert_eq!(forgot(&app, "mentor@a.test").await.status(), StatusCode::OK);
    }

    assert_eq!(
        app.count("SELECT COUNT(*) FROM emails").await,
        RESET_EMAILS_PER_HOUR
    );
}

#[tokio::test]
async fn a_reset_asked_for_with_something_that_is_no_address_is_refused() {
    let app = spawn_app().await;

    let response = forgot(&app, "not an address").await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json::<AppError>(response).await).problem(Field::Email),
        Some(Problem::NotAnEmail)
    );
}

#[tokio::test]
async fn a_manager_makes_a_reset_link_for_a_mentee_who_reads_no_email_and_it_is_audited() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let mentee = users::find_user_by_email(&app.db, "mentee@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;

    let link: OneTimeLink = json(
        app.post_json(
            &manager,
            "/api/account/reset_link",
            json!({ "person": mentee }),
        )
        .await,
    )
    .await;
    let phone = client();
    let set = reset(&app, &phone, link.path.trim_start_matches("/reset/")).await;

    assert!(link.qr_svg.contains("<svg"), "a QR code to hand it over");
    assert_eq!(set.status(), StatusCode::OK);
    assert_eq!(whoami(&app, &phone).await.map(|i| i.user_id), Some(mentee));
    let made = audited(&app, "reset_link_made").await;
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].object_id, mentee.to_string());
}

#[tokio::test]
async fn an_expired_reset_link_does_not_open() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let mentee = users::find_user_by_email(&app.db, "mentee@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let link: OneTimeLink = json(
        app.post_json(
            &manager,
            "/api/account/reset_link",
            json!({ "person": mentee }),
        )
        .await,
    )
    .await;
    app.execute(
        "UPDATE account_links SET expires_at = $1",
        chrono::Utc::now() - chrono::Duration::minutes(1),
    )
    .await;

    let token = link.path.trim_start_matches("/reset/");
    let opened = app
        .post_json(
            &client(),
            "/api/account/reset_open",
            json!({ "token": token }),
        )
        .await;
    let set = reset(&app, &client(), token).await;

    assert_eq!(opened.status(), StatusCode::NOT_FOUND);
    assert_eq!(set.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        login_status(&app, "mentee@a.test", PASSWORD).await,
        StatusCode::OK,
        "the password stays"
    );
}

async fn change_email(
    app: &TestApp,
    client: &Client,
    current: &str,
    email: &str,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/account/email",
        json!({ "input": { "current": current, "email": email } }),
    )
    .await
}

#[tokio::test]
async fn a_new_email_address_is_used_only_once_the_link_sent_to_it_is_opened() {
    let (app, sink) = spawn_app_with_mail().await;
    let mentor = app.as_user("mentor@a.test").await;
    let other_device = app.as_user("mentor@a.test").await;

    let asked = change_email(&app, &mentor, PASSWORD, "Mentor.New@A.test").await;
    let mail = sink.wait_for(1).await;
    let before = login_status(&app, "mentor@a.test", PASSWORD).await;
    let token = token_in(&mail[0].body, "/confirm-email/");
    let shown: String = json(
        app.post_json(
            &client(),
            "/api/account/email_open",
            json!({ "token": token }),
        )
        .await,
    )
    .await;
    let confirmed = app
        .post_json(
            &mentor,
            "/api/account/email_confirm",
            json!({ "token": token }),
        )
        .await;
    let mails = sink.wait_for(2).await;

    assert_eq!(asked.status(), StatusCode::OK);
    assert_eq!(mail[0].to, vec!["mentor.new@a.test".to_string()]);
    assert_eq!(
        before,
        StatusCode::OK,
        "nothing changes before the link is opened"
    );
    assert_eq!(shown, "mentor.new@a.test");
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert_eq!(
        login_status(&app, "mentor@a.test", PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login_status(&app, "mentor.new@a.test", PASSWORD).await,
        StatusCode::OK
    );
    assert!(whoami(&app, &mentor).await.is_some(), "this session stays");
    assert_eq!(whoami(&app, &other_device).await, None, "every other ends");
    assert_eq!(
        mails[1].to,
        vec!["mentor@a.test".to_string()],
        "the old address is told"
    );
    assert_eq!(audited(&app, "email_changed").await.len(), 1);
}

#[tokio::test]
async fn a_new_email_needs_the_current_password_and_an_address_nobody_uses() {
    let (app, _sink) = spawn_app_with_mail().await;
    let mentor = app.as_user("mentor@a.test").await;

    let wrong = change_email(&app, &mentor, "not my password", "new@a.test").await;
    let taken = change_email(&app, &mentor, PASSWORD, "manager@a.test").await;

    assert_eq!(
        problems(json::<AppError>(wrong).await).problem(Field::CurrentPassword),
        Some(Problem::WrongPassword)
    );
    assert_eq!(
        problems(json::<AppError>(taken).await).problem(Field::Email),
        Some(Problem::AlreadyUsed)
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM account_links").await, 0);
}

#[tokio::test]
async fn a_new_email_is_refused_plainly_by_a_server_that_sends_no_email() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    let response = change_email(&app, &mentor, PASSWORD, "new@a.test").await;

    assert_eq!(
        problems(json::<AppError>(response).await).problem(Field::Email),
        Some(Problem::MailOff)
    );
}

#[tokio::test]
async fn an_address_taken_between_the_request_and_the_link_is_refused_and_nothing_changes() {
    let (app, sink) = spawn_app_with_mail().await;
    let mentor = app.as_user("mentor@a.test").await;
    change_email(&app, &mentor, PASSWORD, "wanted@a.test").await;
    let token = token_in(&sink.wait_for(1).await[0].body, "/confirm-email/");
    app.add_user("wanted@a.test", &[]).await;

    let confirmed = app
        .post_json(
            &client(),
            "/api/account/email_confirm",
            json!({ "token": token }),
        )
        .await;

    assert_eq!(
        problems(json::<AppError>(confirmed).await).problem(Field::Email),
        Some(Problem::AlreadyUsed)
    );
    assert_eq!(
        login_status(&app, "mentor@a.test", PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_withdrawn_invitation_no_longer_opens_and_is_listed_as_withdrawn() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let programme = app.world.programme_a;
    let made: NewInvitation = json(
        app.post_json(
            &manager,
            "/api/invitations/create",
            json!({ "programme": programme, "role": "mentee", "candidate": null, "name": "Ana" }),
        )
        .await,
    )
    .await;
    let token = made.path.trim_start_matches("/invite/").to_string();

    let withdrawn = app
        .post_json(
            &manager,
            "/api/invitations/withdraw",
            json!({ "id": made.id }),
        )
        .await;
    let twice = app
        .post_json(
            &manager,
            "/api/invitations/withdraw",
            json!({ "id": made.id }),
        )
        .await;
    let opened = app
        .post(&client(), "/api/invitations/open", &[("token", &token)])
        .await;
    let list: Vec<InvitationView> = json(
        app.post(
            &manager,
            "/api/invitations/list",
            &[("programme", &programme.to_string())],
        )
        .await,
    )
    .await;

    assert_eq!(withdrawn.status(), StatusCode::OK);
    assert_eq!(twice.status(), StatusCode::NOT_FOUND);
    assert_eq!(opened.status(), StatusCode::NOT_FOUND);
    assert!(list
        .iter()
        .any(|i| i.id == made.id && i.withdrawn && !i.used));
    assert_eq!(audited(&app, "invitation_withdrawn").await.len(), 1);
}

fn setup_input(code: &str) -> serde_json::Value {
    json!({ "input": {
        "code": code, "organisation": "Școala Gimnazială 5", "programme": "Părinți 2027",
        "name": "Ana Pop", "email": "ana@scoala5.test", "password": "a long enough password",
        "language": "ro"
    }})
}

#[tokio::test]
async fn the_first_visitor_with_the_setup_code_sets_up_the_organisation_and_coordinates_it() {
    let app = spawn_empty_app().await;
    let code = app.setup_code.clone().expect("a code on an empty server");
    let browser = client();

    let needed: bool = json(app.post(&client(), "/api/setup/needed", &[]).await).await;
    let set_up = app
        .post_json(
            &browser,
            "/api/setup/create",
            setup_input(&code.to_lowercase()),
        )
        .await;
    let needed_after: bool = json(app.post(&client(), "/api/setup/needed", &[]).await).await;
    let twice = app
        .post_json(&client(), "/api/setup/create", setup_input(&code))
        .await;

    assert!(needed);
    assert_eq!(
        set_up.status(),
        StatusCode::OK,
        "{}",
        set_up.text().await.unwrap()
    );
    let me = whoami(&app, &browser).await.expect("logged in");
    assert_eq!(me.roles, vec![Role::Coordinator]);
    let programmes: Vec<serde_json::Value> =
        json(app.post(&browser, "/api/programmes/list", &[]).await).await;
    assert_eq!(programmes.len(), 1);
    assert!(!needed_after);
    assert_eq!(twice.status(), StatusCode::NOT_FOUND, "once");
    assert_eq!(
        login_status(&app, "ana@scoala5.test", "a long enough password").await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_wrong_setup_code_sets_nothing_up() {
    let app = spawn_empty_app().await;

    let response = app
        .post_json(
            &client(),
            "/api/setup/create",
            setup_input("AAAA-AAAA-AAAA-AAAA"),
        )
        .await;

    assert_eq!(
        problems(json::<AppError>(response).await).problem(Field::SetupCode),
        Some(Problem::WrongSetupCode)
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM organisations").await, 0);
    let needed: bool = json(app.post(&client(), "/api/setup/needed", &[]).await).await;
    assert!(needed, "the right code still works");
}

#[tokio::test]
async fn a_server_an_organisation_uses_offers_no_setup() {
    let app = spawn_app().await;

    let needed: bool = json(app.post(&client(), "/api/setup/needed", &[]).await).await;
    let response = app
        .post_json(
            &client(),
            "/api/setup/create",
            setup_input("AAAA-AAAA-AAAA-AAAA"),
        )
        .await;

    assert!(app.setup_code.is_none());
    assert!(!needed);
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_person_downloads_their_own_data_and_withdraws_a_consent_both_audited() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let me = users::find_user_by_email(&app.db, "mentor@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;

    let export = mentor
        .get(app.url("/api/privacy/my_data?download=true"))
        .send()
        .await
        .unwrap();
    let disposition = export
        .headers()
        .get("content-disposition")
        .map(|v| v.to_str().unwrap().to_string());
    let data: PersonExport = json(export).await;
    let withdrawn = app
        .post_json(
            &mentor,
            "/api/privacy/my_consent",
            json!({ "purpose": "email", "given": false }),
        )
        .await;
    let consents: Vec<ConsentView> = json(
        app.post_json(&mentor, "/api/privacy/my_consents", json!({}))
            .await,
    )
    .await;

    assert_eq!(data.person, PersonRef::User(me));
    assert!(!data.sections.is_empty());
    assert!(disposition.is_some_and(|d| d.starts_with("attachment")));
    assert_eq!(withdrawn.status(), StatusCode::OK);
    assert_eq!(
        current_consents(&consents),
        vec![(ConsentPurpose::Email, false)]
    );
    assert!(consents[0].by_self);
    assert_eq!(audited(&app, "exported").await.len(), 1);
    assert_eq!(audited(&app, "consent_withdrawn").await.len(), 1);
}

#[tokio::test]
async fn a_mentee_removed_from_the_programme_loses_access_and_their_records_stay_the_offices() {
    let app = spawn_app().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let mentee_session = app.as_user("mentee@a.test").await;
    let mentee = users::find_user_by_email(&app.db, "mentee@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let page: PersonPage = json(
        app.post_json(
            &manager,
            "/api/privacy/person",
            json!({ "person": format!("user:{mentee}") }),
        )
        .await,
    )
    .await;

    let removed = app
        .post_json(
            &manager,
            "/api/account/remove_membership",
            json!({ "person": mentee, "programme": w.programme_a, "role": "mentee" }),
        )
        .await;
    let still_readable = app
        .post_json(
            &manager,
            "/api/privacy/person",
            json!({ "person": format!("user:{mentee}") }),
        )
        .await;

    assert!(page
        .memberships
        .iter()
        .any(|m| m.role == Role::Mentee && m.removable));
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(
        whoami(&app, &mentee_session).await,
        None,
        "no role left: signed out"
    );
    assert_eq!(
        login_status(&app, "mentee@a.test", PASSWORD).await,
        StatusCode::OK,
        "the account stays"
    );
    assert_eq!(
        app.post(&app.as_user("mentee@a.test").await, "/api/mentee/home", &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        still_readable.status(),
        StatusCode::OK,
        "their pair stays the office's"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM pairs").await, 4);
    assert_eq!(audited(&app, "removed_from_programme").await.len(), 1);
}
