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
    json::<LogPage>(response).await.logs
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

async fn my_page(app: &TestApp, client: &reqwest::Client, query: &[(&str, &str)]) -> LogPage {
    let response = app.post(client, "/api/mentor/logs", query).await;
    assert_eq!(response.status(), StatusCode::OK, "{query:?}");
    json(response).await
}

#[tokio::test]
async fn the_mentors_list_pages_past_what_the_phone_keeps_every_log_once_newest_first() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    // 130 logs of two mentees on 9 dates (many share one), and another
    // mentor's log that is never listed.
    let items: Vec<SyncItem> = (0..130)
        .map(|n| {
            let pair = if n % 3 == 0 { w.pair_a2 } else { w.pair_a1 };
            item(w, log_input(w, pair, n % 9, &format!("Meeting {n}")))
        })
        .collect();
    app.sync_ok(&mentor, &items[..100]).await;
    app.sync_ok(&mentor, &items[100..]).await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    app.sync_ok(&mentor2, &[item(w, log_input(w, w.pair_a3, 1, "Not mine"))])
        .await;

    let mut pages = vec![my_page(&app, &mentor, &[]).await];
    while let Some(after) = pages.last().unwrap().next.clone() {
        pages.push(my_page(&app, &mentor, &[("after", &after)]).await);
    }
    let first_of_a2 = my_page(&app, &mentor, &[("pair", &w.pair_a2.to_string())]).await;
    let bad_cursor = app
        .post(&mentor, "/api/mentor/logs", &[("after", "yesterday")])
        .await;

    let sizes: Vec<usize> = pages.iter().map(|p| p.logs.len()).collect();
    assert_eq!(
        sizes,
        vec![CACHED_LOGS, 30],
        "the phone's page, then the rest"
    );
    let logs: Vec<&MeetingLogView> = pages.iter().flat_map(|p| &p.logs).collect();
    let ids: std::collections::HashSet<MeetingLogId> = logs.iter().map(|l| l.id).collect();
    assert_eq!(ids.len(), 130, "every log once, none of another mentor");
    let order: Vec<_> = logs.iter().map(|l| (l.date, l.created_at, l.id)).collect();
    let mut newest_first = order.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, newest_first);
    assert_eq!(first_of_a2.logs.len(), 44, "one mentee's logs: 44 of 130");
    assert!(first_of_a2.logs.iter().all(|l| l.pair_id == w.pair_a2));
    assert_eq!(first_of_a2.next, None);
    assert_eq!(bad_cursor.status(), StatusCode::UNPROCESSABLE_ENTITY);
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

#[tokio::test]
async fn the_mentee_sees_when_and_how_they_met_but_never_what_the_mentor_wrote() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let call = MeetingLogInput {
        form: "telephone".into(),
        hours: "0".into(),
        minutes: "20".into(),
        ..log_input(w, w.pair_a1, 1, "Her husband lost his job.")
    };
    let twice = log_input(w, w.pair_a1, 2, "Logged twice by mistake.");
    let logs = [
        item(w, log_input(w, w.pair_a1, 5, "We met at the school gate.")),
        item(w, call),
        item(w, twice.clone()),
        item(w, log_input(w, w.pair_a2, 1, "Another mentee's meeting.")),
    ];
    app.sync_ok(&mentor, &logs).await;
    let withdrawal = MeetingLogInput {
        withdrawn_reason: "The same meeting was logged twice.".into(),
        ..twice
    };
    app.sync_ok(
        &mentor,
        &[record_item::<MeetingLog>(logs[2].id, 2, &withdrawal)],
    )
    .await;
    let mentee = app.as_user("mentee@a.test").await;

    let response = app.post(&mentee, "/api/mentee/home", &[]).await;

    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    for written in [
        "husband",
        "school gate",
        "Next: visit",
        "twice",
        "Another mentee",
    ] {
        assert!(!text.contains(written), "{written:?} in {text}");
    }
    let pairs: Vec<MenteePair> = serde_json::from_str(&text).unwrap();
    assert_eq!(pairs.len(), 1);
    let seen: Vec<(chrono::NaiveDate, MeetingForm, u32)> = pairs[0]
        .meetings
        .iter()
        .map(|m| (m.date, m.form, m.duration_minutes))
        .collect();
    let day = |days_ago: u64| w.today - chrono::Days::new(days_ago);
    assert_eq!(
        seen,
        vec![
            (day(1), MeetingForm::Telephone, 20),
            (day(5), MeetingForm::FaceToFace, 75),
        ],
        "newest first, the withdrawn log left out"
    );
}
