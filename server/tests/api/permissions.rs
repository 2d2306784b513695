//! The deny matrix: every server function, called as each role and as a
//! person of another programme, against DESIGN.md's "who may see what".

use crate::helpers::*;
use app::model::*;
use reqwest::StatusCode;
use serde_json::json;

const OK: StatusCode = StatusCode::OK;
const DENIED: StatusCode = StatusCode::FORBIDDEN;
const ANONYMOUS: StatusCode = StatusCode::UNAUTHORIZED;

/// Who calls: `None` is nobody logged in.
const CALLERS: [Option<&str>; 9] = [
    None,
    Some("coordinator@a.test"),
    Some("manager@a.test"),
    Some("mentor@a.test"),
    Some("mentor2@a.test"),
    Some("mentee@a.test"),
    Some("coordinator@b.test"),
    Some("manager@b.test"),
    Some("mentor@b.test"),
];

async fn call(app: &TestApp, client: &reqwest::Client, call: &str) -> StatusCode {
    let w = &app.world;
    let pair_a1 = w.pair_a1.to_string();
    let pair_b = w.pair_b.to_string();
    let response = match call {
        "whoami" => app.post(client, "/api/auth/whoami", &[]).await,
        "mentor_pairs" => app.post(client, "/api/mentor/pairs", &[]).await,
        "mentor_logs" => app.post(client, "/api/mentor/logs", &[]).await,
        "mentor_logs(pair_b)" => {
            app.post(client, "/api/mentor/logs", &[("pair", &pair_b)])
                .await
        }
        "mentor_logs(pair_a1)" => {
            app.post(client, "/api/mentor/logs", &[("pair", &pair_a1)])
                .await
        }
        "sync" => app.sync(client, &[]).await,
        "manager_logs" => app.post(client, "/api/manager/logs", &[]).await,
        "coordinator_overview" => app.post(client, "/api/coordinator/overview", &[]).await,
        "mentee_home" => app.post(client, "/api/mentee/home", &[]).await,
        other => panic!("unknown call {other}"),
    };
    response.status()
}

#[tokio::test]
async fn every_server_function_checks_the_role_and_the_object() {
    let app = spawn_app().await;
    // Expected status per caller, in the order of CALLERS:
    // anonymous, coord A, manager A, mentor A, mentor2 A, mentee A, coord B, manager B, mentor B
    #[rustfmt::skip]
    let matrix: &[(&str, [StatusCode; 9])] = &[
        ("whoami",               [OK,        OK,     OK,     OK,     OK,     OK,     OK,     OK,     OK]),
        ("mentor_pairs",         [ANONYMOUS, DENIED, DENIED, OK,     OK,     DENIED, DENIED, DENIED, OK]),
        ("mentor_logs",          [ANONYMOUS, DENIED, DENIED, OK,     OK,     DENIED, DENIED, DENIED, OK]),
        // Pair A1 is mentor A's: no other mentor, of this programme or
        // another, may read its logs; likewise pair B is mentor B's.
        ("mentor_logs(pair_a1)", [ANONYMOUS, DENIED, DENIED, OK,     DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("mentor_logs(pair_b)",  [ANONYMOUS, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK]),
        ("sync",                 [ANONYMOUS, DENIED, DENIED, OK,     OK,     DENIED, DENIED, DENIED, OK]),
        ("manager_logs",         [ANONYMOUS, DENIED, OK,     DENIED, DENIED, DENIED, DENIED, OK,     DENIED]),
        ("coordinator_overview", [ANONYMOUS, OK,     DENIED, DENIED, DENIED, DENIED, OK,     DENIED, DENIED]),
        ("mentee_home",          [ANONYMOUS, DENIED, DENIED, DENIED, DENIED, OK,     DENIED, DENIED, DENIED]),
    ];
    let mut clients = Vec::new();
    for caller in CALLERS {
        clients.push(match caller {
            None => client(),
            Some(email) => app.as_user(email).await,
        });
    }
    let mut wrong = Vec::new();
    for (function, expected) in matrix {
        for ((caller, client), expected) in CALLERS.iter().zip(&clients).zip(expected) {
            let actual = call(&app, client, function).await;
            if actual != *expected {
                wrong.push(format!(
                    "{function} as {caller:?}: expected {expected}, got {actual}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn a_manager_of_another_programme_sees_none_of_its_logs() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    app.sync(&mentor, &[item(w, log_input(w, w.pair_a1, 1, "Private"))])
        .await;
    let outsider = app.as_user("manager@b.test").await;

    let logs: Vec<MeetingLogView> = json(app.post(&outsider, "/api/manager/logs", &[]).await).await;

    assert!(logs.is_empty());
}

#[tokio::test]
async fn another_mentor_sees_none_of_a_mentors_logs() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    app.sync(&mentor, &[item(w, log_input(w, w.pair_a1, 1, "Private"))])
        .await;
    let mentor2 = app.as_user("mentor2@a.test").await;

    let logs: Vec<MeetingLogView> = json(app.post(&mentor2, "/api/mentor/logs", &[]).await).await;
    let pairs: Vec<PairSummary> = json(app.post(&mentor2, "/api/mentor/pairs", &[]).await).await;

    assert!(logs.is_empty());
    assert_eq!(
        pairs.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![w.pair_a3]
    );
}

#[tokio::test]
async fn a_coordinator_sees_counts_of_their_own_programme_only() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let with_challenge = MeetingLogInput {
        challenge: "yes".into(),
        challenge_text: "Hard week.".into(),
        ..log_input(w, w.pair_a1, 1, "One")
    };
    app.sync(
        &mentor,
        &[
            item(w, with_challenge),
            item(w, log_input(w, w.pair_a2, 2, "Two")),
        ],
    )
    .await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let other = app.as_user("coordinator@b.test").await;

    let mine: Vec<ProgrammeStats> = json(
        app.post(&coordinator, "/api/coordinator/overview", &[])
            .await,
    )
    .await;
    let theirs: Vec<ProgrammeStats> =
        json(app.post(&other, "/api/coordinator/overview", &[]).await).await;

    assert_eq!(mine.len(), 1);
    let stats = &mine[0];
    assert_eq!(stats.programme_id, w.programme_a);
    assert_eq!(
        (stats.active_pairs, stats.mentors, stats.mentees),
        (3, 2, 3)
    );
    assert_eq!(
        (
            stats.meetings,
            stats.meeting_minutes,
            stats.meetings_with_challenge
        ),
        (2, 150, 1)
    );
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].meetings, 0);
}

#[tokio::test]
async fn a_mentee_sees_their_mentor_and_not_the_logs() {
    let app = spawn_app().await;
    let mentee = app.as_user("mentee@a.test").await;

    let pairs: Vec<MenteePair> = json(app.post(&mentee, "/api/mentee/home", &[]).await).await;
    let logs = app.post(&mentee, "/api/mentor/logs", &[]).await;
    let sync = app
        .post_json(&mentee, "/api/mentor/sync", json!({ "items": [] }))
        .await;

    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].mentor_name, "mentor@a.test");
    assert_eq!(logs.status(), DENIED);
    assert_eq!(sync.status(), DENIED);
}
