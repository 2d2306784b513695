use crate::helpers::*;
use app::model::*;
use reqwest::StatusCode;

async fn my_logs(
    app: &TestApp,
    client: &reqwest::Client,
    pair: Option<PairId>,
) -> Vec<MeetingLogView> {
    let pair = pair.map(|p| p.to_string());
    let form: Vec<(&str, &str)> = pair.iter().map(|p| ("pair", p.as_str())).collect();
    let response = app.post(client, "/api/mentor/logs", &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

#[tokio::test]
async fn a_mentor_logs_a_meeting_and_sees_it_in_their_list() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let log = item(
        &app.world,
        log_input(&app.world, app.world.pair_a1, 2, "Met at the library."),
    );

    let results = app.sync_ok(&mentor, std::slice::from_ref(&log)).await;

    assert_eq!(results, vec![SyncOutcome::Stored]);
    let logs = my_logs(&app, &mentor, Some(app.world.pair_a1)).await;
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].id.as_uuid(), log.id);
    assert_eq!(logs[0].description, "Met at the library.");
    assert_eq!(logs[0].duration_minutes, 75);
    assert_eq!(logs[0].form, MeetingForm::FaceToFace);
    assert_eq!(logs[0].mentee_name, "mentee@a.test");
    assert!(
        my_logs(&app, &mentor, Some(app.world.pair_a2))
            .await
            .is_empty(),
        "per mentee"
    );
}

#[tokio::test]
async fn the_mentor_sees_their_own_pairs_only() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    let pairs: Vec<PairSummary> = json(app.post(&mentor, "/api/mentor/pairs", &[]).await).await;

    let mut ids: Vec<PairId> = pairs.iter().map(|p| p.id).collect();
    ids.sort();
    let mut expected = vec![app.world.pair_a1, app.world.pair_a2];
    expected.sort();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn the_manager_sees_every_log_of_the_programme_newest_first_with_challenges_marked() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    let older = item(
        &app.world,
        log_input(&app.world, app.world.pair_a1, 10, "Older"),
    );
    let challenge = item(
        &app.world,
        MeetingLogInput {
            challenge: "yes".into(),
            challenge_text: "The mentee fears the school.".into(),
            ..log_input(&app.world, app.world.pair_a3, 1, "Newest")
        },
    );
    let middle = item(
        &app.world,
        log_input(&app.world, app.world.pair_a2, 5, "Middle"),
    );
    app.sync(&mentor, &[older.clone(), middle.clone()]).await;
    app.sync(&mentor2, std::slice::from_ref(&challenge)).await;
    let manager = app.as_user("manager@a.test").await;

    let response = app.post(&manager, "/api/manager/logs", &[]).await;

    assert_eq!(response.status(), StatusCode::OK);
    let logs = json::<LogPage>(response).await.logs;
    let order: Vec<&str> = logs.iter().map(|l| l.description.as_str()).collect();
    assert_eq!(order, vec!["Newest", "Middle", "Older"]);
    assert_eq!(
        logs[0].challenge.as_deref(),
        Some("The mentee fears the school.")
    );
    assert_eq!(logs[0].mentor_name, "mentor2@a.test");
    assert!(logs[1].challenge.is_none());
}

/// Each rule of the meeting log, broken on its own: the server refuses the
/// log with that field's error and stores nothing.
#[tokio::test]
async fn every_validation_rule_is_enforced_by_the_server_and_nothing_is_stored() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let valid = log_input(w, w.pair_a1, 1, "Talked.");
    let tomorrow_anywhere = (w.today + chrono::Days::new(2))
        .format("%Y-%m-%d")
        .to_string();
    let before_start = (w.today - chrono::Days::new(61))
        .format("%Y-%m-%d")
        .to_string();
    let cases: Vec<(MeetingLogInput, Field, Problem)> = vec![
        (
            MeetingLogInput {
                date: tomorrow_anywhere,
                ..valid.clone()
            },
            Field::Date,
            Problem::DateInFuture,
        ),
        (
            MeetingLogInput {
                date: before_start,
                ..valid.clone()
            },
            Field::Date,
            Problem::DateBeforePairStart,
        ),
        (
            MeetingLogInput {
                date: "31/12/2026".into(),
                ..valid.clone()
            },
            Field::Date,
            Problem::NotADate,
        ),
        (
            MeetingLogInput {
                hours: "0".into(),
                minutes: "0".into(),
                ..valid.clone()
            },
            Field::Duration,
            Problem::DurationTooShort,
        ),
        (
            MeetingLogInput {
                hours: "8".into(),
                minutes: "1".into(),
                ..valid.clone()
            },
            Field::Duration,
            Problem::DurationTooLong,
        ),
        (
            MeetingLogInput {
                hours: "x".into(),
                ..valid.clone()
            },
            Field::Duration,
            Problem::NotANumber,
        ),
        (
            MeetingLogInput {
                description: "  ".into(),
                ..valid.clone()
            },
            Field::Description,
            Problem::Required,
        ),
        (
            MeetingLogInput {
                challenge: "yes".into(),
                challenge_text: "".into(),
                ..valid.clone()
            },
            Field::ChallengeText,
            Problem::Required,
        ),
        (
            MeetingLogInput {
                challenge: "".into(),
                ..valid.clone()
            },
            Field::Challenge,
            Problem::Required,
        ),
        (
            MeetingLogInput {
                form: "fax".into(),
                ..valid.clone()
            },
            Field::Form,
            Problem::UnknownChoice,
        ),
    ];
    for (input, field, problem) in cases {
        let sent = item(w, input);

        let results = app.sync_ok(&mentor, std::slice::from_ref(&sent)).await;

        match &results[0] {
            SyncOutcome::Rejected { errors } => {
                assert_eq!(
                    errors.fields().problem(field),
                    Some(problem),
                    "{field:?}: {errors:?}"
                )
            }
            other => panic!("{field:?} {problem:?} was not rejected: {other:?}"),
        }
    }
    assert_eq!(app.stored_logs().await, 0);
}
