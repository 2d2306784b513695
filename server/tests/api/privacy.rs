//! The data controller's duties: consent records, a person's export,
//! erasure, the retention job and the audit trail's search, on both
//! engines.

use crate::helpers::*;
use app::model::*;
use app::store::Db;
use chrono::{Days, NaiveDate};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn user_id(app: &TestApp, email: &str) -> UserId {
    app::store::users::find_user_by_email(&app.db, email)
        .await
        .unwrap()
        .expect("a test person")
        .id
}

async fn page_of(app: &TestApp, client: &reqwest::Client, person: PersonRef) -> PersonPage {
    json(
        app.post_json(
            client,
            "/api/privacy/person",
            json!({ "person": person.to_string() }),
        )
        .await,
    )
    .await
}

async fn audit(app: &TestApp, client: &reqwest::Client, query: Value) -> AuditPage {
    json(
        app.post_json(client, "/api/privacy/audit", json!({ "query": query }))
            .await,
    )
    .await
}

/// Ends `pair` on `ended_on` (the app ends pairs through the journey; here
/// only the date matters).
async fn end_pair(app: &TestApp, pair: PairId, ended_on: NaiveDate) {
    let sql =
        "UPDATE pairs SET status = 'ended', started_on = $3, confirmed_on = $3, ended_on = $2 \
               WHERE id = $1";
    let started_on = ended_on - Days::new(180);
    match &app.db {
        Db::Sqlite(pool) => sqlx::query(sql)
            .bind(pair)
            .bind(ended_on)
            .bind(started_on)
            .execute(pool)
            .await
            .map(|_| ()),
        Db::Postgres(pool) => sqlx::query(sql)
            .bind(pair)
            .bind(ended_on)
            .bind(started_on)
            .execute(pool)
            .await
            .map(|_| ()),
    }
    .unwrap();
}

/// The texts of one pair's logs, as stored.
async fn log_texts(app: &TestApp, pair: PairId) -> Vec<(String, Option<String>)> {
    let sql = "SELECT description, challenge_text FROM meeting_logs WHERE pair_id = $1 ORDER BY id";
    match &app.db {
        Db::Sqlite(pool) => sqlx::query_as(sql).bind(pair).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as(sql).bind(pair).fetch_all(pool).await,
    }
    .unwrap()
}

fn with_challenge(w: &World, pair: PairId, text: &str) -> MeetingLogInput {
    MeetingLogInput {
        challenge: "yes".into(),
        challenge_text: "Her son skips school on Mondays.".into(),
        ..log_input(w, pair, 2, text)
    }
}

#[tokio::test]
async fn a_manager_records_a_consent_and_its_withdrawal_and_both_stay_with_who_recorded_them() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let mentee = PersonRef::User(user_id(&app, "mentee@a.test").await);
    let today = app.world.today.to_string();

    let given = app
        .post_json(
            &manager,
            "/api/privacy/record_consent",
            json!({ "person": mentee.to_string(), "input": {
                "purpose": "email", "change": "given", "how": "paper", "on_date": today } }),
        )
        .await;
    let withdrawn = app
        .post_json(
            &manager,
            "/api/privacy/record_consent",
            json!({ "person": mentee.to_string(), "input": {
                "purpose": "email", "change": "withdrawn", "how": "spoken", "on_date": today } }),
        )
        .await;

    assert_eq!(given.status(), StatusCode::OK);
    assert_eq!(withdrawn.status(), StatusCode::OK);
    let page = page_of(&app, &manager, mentee).await;
    assert_eq!(page.consents.len(), 2);
    assert!(page.consents[0].given && !page.consents[1].given);
    assert_eq!(page.consents[1].how, Some(ConsentHow::Spoken));
    assert_eq!(page.consents[1].recorded_by, "manager@a.test");
    assert!(!page.consents[1].by_self);
    assert_eq!(
        current_consents(&page.consents),
        vec![(ConsentPurpose::Email, false)]
    );
    assert!(!page.coordinates, "a manager may not export or erase");
    let coordinator = app.as_user("coordinator@a.test").await;
    let trail = audit(&app, &coordinator, json!({ "object": mentee.to_string() })).await;
    let actions: Vec<AuditAction> = trail.rows.iter().map(|r| r.action).collect();
    // Newest first: the manager's read of the page, then the two records.
    assert_eq!(
        actions,
        vec![
            AuditAction::ReadPerson,
            AuditAction::ConsentWithdrawn,
            AuditAction::ConsentRecorded
        ]
    );
}

#[tokio::test]
async fn a_consent_record_with_problems_names_them_all_and_stores_nothing() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let mentee = PersonRef::User(user_id(&app, "mentee@a.test").await);
    let tomorrow = (app.world.today + Days::new(1)).to_string();

    let response = app
        .post_json(
            &manager,
            "/api/privacy/record_consent",
            json!({ "person": mentee.to_string(), "input": {
                "purpose": "marketing", "change": "", "how": "paper", "on_date": tomorrow } }),
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = json(response).await;
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .expect("the problems")
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["purpose", "consent_change", "consent_on"]);
    assert!(page_of(&app, &manager, mentee).await.consents.is_empty());
}

#[tokio::test]
async fn a_registration_with_consent_leaves_a_consent_record_and_taking_it_back_another() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let input = RegistrationInput {
        kind: "mentee".into(),
        name: "Maria Ionescu".into(),
        consent: "yes".into(),
        consent_on: app.world.today.to_string(),
        consent_how: "paper".into(),
        ..RegistrationInput::default()
    };
    let candidate: CandidateId = json(
        app.post_json(
            &manager,
            "/api/recruitment/save",
            json!({ "programme": app.world.programme_a, "id": null, "input": input }),
        )
        .await,
    )
    .await;
    let without = RegistrationInput {
        consent: String::new(),
        consent_on: String::new(),
        consent_how: String::new(),
        ..input
    };

    let taken_back = app
        .post_json(
            &manager,
            "/api/recruitment/save",
            json!({ "programme": app.world.programme_a, "id": candidate, "input": without }),
        )
        .await;

    assert_eq!(taken_back.status(), StatusCode::OK);
    let page = page_of(&app, &manager, PersonRef::Candidate(candidate)).await;
    let records: Vec<(ConsentPurpose, bool, Option<ConsentHow>)> = page
        .consents
        .iter()
        .map(|c| (c.purpose, c.given, c.how))
        .collect();
    assert_eq!(
        records,
        vec![
            (ConsentPurpose::Programme, true, Some(ConsentHow::Paper)),
            (ConsentPurpose::Programme, false, None)
        ]
    );
}

#[tokio::test]
async fn the_office_lists_only_its_own_programmes_people_and_outsiders_are_refused() {
    let app = spawn_app().await;
    let manager_a = app.as_user("manager@a.test").await;
    let manager_b = app.as_user("manager@b.test").await;
    let mentee = PersonRef::User(user_id(&app, "mentee@a.test").await);

    let mine: Vec<PersonSummary> = json(
        app.post_json(
            &manager_a,
            "/api/privacy/people",
            json!({ "search": "MENTEE" }),
        )
        .await,
    )
    .await;
    let theirs: Vec<PersonSummary> = json(
        app.post_json(&manager_b, "/api/privacy/people", json!({ "search": "" }))
            .await,
    )
    .await;
    let refused = app
        .post_json(
            &manager_b,
            "/api/privacy/person",
            json!({ "person": mentee.to_string() }),
        )
        .await;

    let names: Vec<&str> = mine.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["mentee2@a.test", "mentee3@a.test", "mentee@a.test"]
    );
    assert_eq!(
        mine[2].places,
        vec![("mentee".to_string(), "Pilot A".to_string())]
    );
    assert!(theirs.iter().all(|p| !p.name.ends_with("@a.test")));
    assert!(theirs.iter().any(|p| p.name == "mentee@b.test"));
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_coordinator_exports_everything_about_a_mentee_as_a_file_and_the_export_is_audited() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    app.sync(
        &mentor,
        &[item(
            w,
            with_challenge(w, w.pair_a1, "We read the school's letter"),
        )],
    )
    .await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let mentee = PersonRef::User(user_id(&app, "mentee@a.test").await);

    let response = coordinator
        .get(app.url(&format!(
            "/api/privacy/export?person={}&download=true",
            mentee.to_string().replace(':', "%3A")
        )))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    let disposition = response
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"parent-bridge-user-"),
        "{disposition}"
    );
    let export: PersonExport = json(response).await;
    let section = |name: &str| {
        export
            .sections
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("a section {name}"))
            .records
            .clone()
    };
    assert_eq!(section("account")[0]["email"], "mentee@a.test");
    assert_eq!(section("roles")[0]["role"], "mentee");
    assert_eq!(section("pairs").len(), 1);
    let logs = section("meeting_logs");
    assert_eq!(logs[0]["description"], "We read the school's letter");
    assert_eq!(
        logs[0]["challenge_text"],
        "Her son skips school on Mondays."
    );
    let trail = audit(&app, &coordinator, json!({ "action": "exported" })).await;
    assert_eq!(trail.rows.len(), 1);
    assert_eq!(trail.rows[0].object_id, mentee.to_string());
    assert_eq!(
        trail.rows[0].who.as_ref().map(|w| w.1.as_str()),
        Some("coordinator@a.test")
    );
}

#[tokio::test]
async fn an_erased_mentee_can_not_log_in_and_leaves_every_count_but_nothing_that_names_them() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    app.sync(
        &mentor,
        &[item(
            w,
            with_challenge(w, w.pair_a1, "We read the school's letter"),
        )],
    )
    .await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let mentee = PersonRef::User(user_id(&app, "mentee@a.test").await);
    let logs_before = app.stored_logs().await;

    let erased = app
        .post_json(
            &coordinator,
            "/api/privacy/erase",
            json!({ "person": mentee.to_string() }),
        )
        .await;

    assert_eq!(erased.status(), StatusCode::OK);
    assert_eq!(app.stored_logs().await, logs_before);
    assert_eq!(
        log_texts(&app, w.pair_a1).await,
        vec![("—".to_string(), Some("—".to_string()))]
    );
    let login = app.login(&client(), "mentee@a.test").await;
    assert_eq!(login.status(), StatusCode::UNAUTHORIZED);
    let page = page_of(&app, &coordinator, mentee).await;
    assert!(page.summary.erased);
    assert_eq!(page.summary.email, None);
    assert_ne!(page.summary.name, "mentee@a.test");
    let export: PersonExport = json(
        coordinator
            .get(app.url(&format!(
                "/api/privacy/export?person={}&download=false",
                mentee.to_string().replace(':', "%3A")
            )))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let text = serde_json::to_string(&export).unwrap();
    assert!(
        !text.contains("mentee@a.test") && !text.contains("Mondays"),
        "{text}"
    );
    let again = app
        .post_json(
            &coordinator,
            "/api/privacy/erase",
            json!({ "person": mentee.to_string() }),
        )
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    let trail = audit(&app, &coordinator, json!({ "action": "erased" })).await;
    assert_eq!(trail.rows.len(), 1);
    // The coordinator's overview still counts the pair and its meeting.
    let stats: Vec<ProgrammeStats> = json(
        app.post(&coordinator, "/api/coordinator/overview", &[])
            .await,
    )
    .await;
    assert_eq!((stats[0].active_pairs, stats[0].meetings), (3, 1));
}

#[tokio::test]
async fn nobody_erases_themselves_and_a_manager_erases_nobody() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let manager = app.as_user("manager@a.test").await;
    let me = PersonRef::User(user_id(&app, "coordinator@a.test").await);
    let mentee = PersonRef::User(user_id(&app, "mentee@a.test").await);

    let myself = app
        .post_json(
            &coordinator,
            "/api/privacy/erase",
            json!({ "person": me.to_string() }),
        )
        .await;
    let by_manager = app
        .post_json(
            &manager,
            "/api/privacy/erase",
            json!({ "person": mentee.to_string() }),
        )
        .await;

    assert_eq!(myself.status(), StatusCode::FORBIDDEN);
    assert_eq!(by_manager.status(), StatusCode::FORBIDDEN);
    assert!(!page_of(&app, &coordinator, mentee).await.summary.erased);
}

#[tokio::test]
async fn a_pair_past_its_programmes_retention_is_anonymised_with_its_mentee_and_others_are_kept() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    app.sync(
        &mentor,
        &[item(w, with_challenge(w, w.pair_a2, "Homework plan"))],
    )
    .await;
    app.sync(
        &mentor2,
        &[item(w, with_challenge(w, w.pair_a3, "School visit"))],
    )
    .await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let saved = app
        .post_json(
            &coordinator,
            "/api/privacy/set_retention",
            json!({ "programme": w.programme_a, "input": { "months": "12" } }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    // Pair A3 ended 13 months ago, pair A2 11 months ago.
    end_pair(&app, w.pair_a3, w.today - chrono::Months::new(13)).await;
    end_pair(&app, w.pair_a2, w.today - chrono::Months::new(11)).await;

    let done = app::store::privacy::anonymise_expired(&app.db, w.today)
        .await
        .unwrap();
    let again = app::store::privacy::anonymise_expired(&app.db, w.today)
        .await
        .unwrap();

    assert_eq!((done.pairs, done.mentees), (1, 1));
    assert_eq!(done.programmes, vec![w.programme_a]);
    assert_eq!(again.pairs, 0, "a pair is anonymised once");
    assert_eq!(
        log_texts(&app, w.pair_a3).await,
        vec![("—".to_string(), Some("—".to_string()))]
    );
    assert_eq!(log_texts(&app, w.pair_a2).await[0].0, "Homework plan");
    let mentee3 = PersonRef::User(user_id_erased(&app, w.pair_a3).await);
    assert!(page_of(&app, &coordinator, mentee3).await.summary.erased);
    let mentor2_still = app.login(&client(), "mentor2@a.test").await;
    assert_eq!(
        mentor2_still.status(),
        StatusCode::OK,
        "mentors keep their accounts"
    );
}

/// The mentee of `pair` (by the pair: an erased person has no email).
async fn user_id_erased(app: &TestApp, pair: PairId) -> UserId {
    let sql = "SELECT mentee_id FROM pairs WHERE id = $1";
    match &app.db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).bind(pair).fetch_one(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).bind(pair).fetch_one(pool).await,
    }
    .unwrap()
}

#[tokio::test]
async fn a_retention_period_is_set_by_the_programmes_coordinator_within_ten_years() {
    let app = spawn_app().await;
    let w = &app.world;
    let coordinator = app.as_user("coordinator@a.test").await;
    let outsider = app.as_user("coordinator@b.test").await;
    let set = async |client: &reqwest::Client, months: &str| {
        app.post_json(
            client,
            "/api/privacy/set_retention",
            json!({ "programme": w.programme_a, "input": { "months": months } }),
        )
        .await
        .status()
    };

    assert_eq!(
        set(&coordinator, "121").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(set(&outsider, "36").await, StatusCode::FORBIDDEN);
    assert_eq!(set(&coordinator, "36").await, StatusCode::OK);

    let views: Vec<RetentionView> = json(
        app.post_json(&coordinator, "/api/privacy/retention", json!({}))
            .await,
    )
    .await;
    assert_eq!(views.len(), 1);
    assert_eq!((views[0].months, views[0].coordinates), (36, true));
}

#[tokio::test]
async fn the_audit_trail_is_searched_by_who_what_and_when_and_each_coordinator_sees_their_own() {
    let app = spawn_app().await;
    app.as_user("manager@a.test").await;
    app.as_user("manager@b.test").await;
    let failed = app
        .post(
            &client(),
            "/api/auth/login",
            &[("email", "nobody@x.test"), ("password", "wrong password")],
        )
        .await;
    assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    let coordinator_a = app.as_user("coordinator@a.test").await;
    let coordinator_b = app.as_user("coordinator@b.test").await;
    let today = app.world.today.to_string();

    let logins_of_manager = audit(
        &app,
        &coordinator_a,
        json!({ "action": "logged_in", "email": "Manager@A.test", "from": today, "to": today }),
    )
    .await;
    let of_b = audit(&app, &coordinator_a, json!({ "email": "manager@b.test" })).await;
    let failures = audit(&app, &coordinator_b, json!({ "action": "login_failed" })).await;
    let yesterday = (app.world.today - Days::new(1)).to_string();
    let before_today = audit(&app, &coordinator_a, json!({ "to": yesterday })).await;
    let backwards = app
        .post_json(
            &coordinator_a,
            "/api/privacy/audit",
            json!({ "query": { "from": today, "to": yesterday } }),
        )
        .await;

    assert_eq!(logins_of_manager.rows.len(), 1);
    assert_eq!(
        logins_of_manager.rows[0].who,
        Some(("manager@a.test".to_string(), "manager@a.test".to_string()))
    );
    assert!(
        of_b.rows.is_empty(),
        "another programme's people are not shown"
    );
    assert_eq!(failures.rows.len(), 1);
    assert_eq!(failures.rows[0].who, None);
    assert!(before_today.rows.is_empty());
    assert_eq!(backwards.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_audit_trail_comes_a_page_at_a_time_newest_first() {
    let app = spawn_app().await;
    let page_size = app::model::limits::AUDIT_PAGE_SIZE;
    let mentor = user_id(&app, "mentor@a.test").await;
    for n in 0..page_size + 5 {
        app::store::audit::record(
            &app.db,
            Some(mentor),
            AuditAction::LoggedIn,
            &format!("login {n}"),
            "192.0.2.1",
        )
        .await
        .unwrap();
    }
    let coordinator = app.as_user("coordinator@a.test").await;

    let first = audit(&app, &coordinator, json!({ "email": "mentor@a.test" })).await;
    let before = first.more_before.expect("more records");
    let second = audit(
        &app,
        &coordinator,
        json!({ "email": "mentor@a.test", "before": before }),
    )
    .await;

    assert_eq!(first.rows.len(), page_size);
    assert!(first.rows.windows(2).all(|w| w[0].id > w[1].id));
    assert_eq!(second.rows.len(), 5);
    assert_eq!(second.more_before, None);
}

#[tokio::test]
async fn everyone_of_the_demo_programme_can_be_erased_and_every_ended_pair_anonymised_keeping_the_counts(
) {
    // The demo stands at every stage (discussed challenges, concerns with
    // actions, references, reports): erasure and retention meet every rule
    // of the schema there.
    let folder = tempfile::tempdir().unwrap();
    let (db, _) = fresh_db(folder.path()).await;
    db.migrate().await.unwrap();
    let today = chrono::Local::now().date_naive();
    app::store::demo::load(&db, password_hash().await, today)
        .await
        .unwrap();
    let meetings = app::store::meetings::count(&db).await.unwrap();
    let end_all =
        "UPDATE pairs SET status = 'ended', ended_on = started_on, end_kind = 'completed'";
    match &db {
        Db::Sqlite(pool) => sqlx::query(end_all).execute(pool).await.map(|_| ()),
        Db::Postgres(pool) => sqlx::query(end_all).execute(pool).await.map(|_| ()),
    }
    .unwrap();

    let retention = app::store::privacy::apply_retention(&db, today + chrono::Months::new(240))
        .await
        .unwrap();
    let people: Vec<(UserId,)> = match &db {
        Db::Sqlite(pool) => sqlx::query_as("SELECT id FROM users").fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as("SELECT id FROM users").fetch_all(pool).await,
    }
    .unwrap();
    let candidates: Vec<(CandidateId,)> = match &db {
        Db::Sqlite(pool) => {
            sqlx::query_as("SELECT id FROM candidates")
                .fetch_all(pool)
                .await
        }
        Db::Postgres(pool) => {
            sqlx::query_as("SELECT id FROM candidates")
                .fetch_all(pool)
                .await
        }
    }
    .unwrap();
    let programmes: Vec<(ProgrammeId,)> = match &db {
        Db::Sqlite(pool) => {
            sqlx::query_as("SELECT id FROM programmes")
                .fetch_all(pool)
                .await
        }
        Db::Postgres(pool) => {
            sqlx::query_as("SELECT id FROM programmes")
                .fetch_all(pool)
                .await
        }
    }
    .unwrap();
    let programmes: Vec<ProgrammeId> = programmes.into_iter().map(|(id,)| id).collect();
    let everywhere = app::store::privacy::Scope::of(&programmes);
    for person in people
        .iter()
        .map(|(id,)| PersonRef::User(*id))
        .chain(candidates.iter().map(|(id,)| PersonRef::Candidate(*id)))
    {
        let mut tx = db.begin().await.unwrap();
        app::store::privacy::erase(&mut tx, person, &everywhere)
            .await
            .unwrap_or_else(|e| panic!("{person}: {e}"));
        tx.commit().await.unwrap();
    }

    assert!(retention.pairs > 0, "the demo has ended pairs");
    assert_eq!(app::store::meetings::count(&db).await.unwrap(), meetings);
    let names: Vec<(String,)> = match &db {
        Db::Sqlite(pool) => {
            sqlx::query_as("SELECT display_name FROM users")
                .fetch_all(pool)
                .await
        }
        Db::Postgres(pool) => {
            sqlx::query_as("SELECT display_name FROM users")
                .fetch_all(pool)
                .await
        }
    }
    .unwrap();
    assert!(names.iter().all(|(n,)| n == "—"), "{names:?}");
}

#[tokio::test]
async fn a_candidate_never_matched_is_anonymised_with_their_referees_once_quiet_for_the_retention_period(
) {
    let app = spawn_app().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let coordinator = app.as_user("coordinator@a.test").await;
    app.post_json(
        &coordinator,
        "/api/privacy/set_retention",
        json!({ "programme": w.programme_a, "input": { "months": "12" } }),
    )
    .await;
    let never = crate::recruitment::register(
        &app,
        &manager,
        &crate::recruitment::mentor_form("Never Matched", "Romanian", "Centre"),
    )
    .await;
    let referee = app
        .post_json(
            &manager,
            "/api/screening/save_referee",
            json!({ "candidate": never, "id": null, "input": { "name": "Ana Referee", "contact": "0722 000 111" } }),
        )
        .await;
    assert_eq!(referee.status(), StatusCode::OK);
    // A candidate who became a mentor of a pair: kept.
    let matched = crate::recruitment::register(
        &app,
        &manager,
        &crate::recruitment::mentor_form("Matched Mentor", "Romanian", "Centre"),
    )
    .await;
    let mentor = app::store::users::find_user_by_email(&app.db, "mentor@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut tx = app.db.begin().await.unwrap();
    app::store::recruitment::link_user(&mut tx, matched, mentor)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let too_soon =
        app::store::privacy::anonymise_expired(&app.db, w.today + chrono::Months::new(5))
            .await
            .unwrap();
    let done = app::store::privacy::anonymise_expired(&app.db, w.today + chrono::Months::new(13))
        .await
        .unwrap();

    assert_eq!(too_soon.candidates, 0);
    assert_eq!(too_soon.addresses, 0, "addresses are kept 6 months");
    assert_eq!(done.candidates, 1);
    assert!(
        done.addresses > 0,
        "the audit trail's addresses are blanked"
    );
    let names: Vec<String> = {
        let sql = "SELECT name FROM candidates ORDER BY name";
        match &app.db {
            app::store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
            app::store::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        }
        .unwrap()
    };
    assert_eq!(names, vec!["Matched Mentor".to_string(), "—".to_string()]);
    let referees: Vec<String> = {
        let sql = "SELECT name FROM referees";
        match &app.db {
            app::store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
            app::store::Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_all(pool).await,
        }
        .unwrap()
    };
    assert_eq!(referees, vec!["—".to_string()]);
}
