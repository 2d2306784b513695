//! The one sync every phone writes through: per-item answers for every
//! kind of record, in one request or several.

use crate::concerns::concern_input;
use crate::goals::goal_input;
use crate::helpers::*;
use crate::reports::report_input;
use app::model::*;
use reqwest::StatusCode;
use serde_json::json;

async fn sync_ok(app: &TestApp, client: &reqwest::Client, items: &[SyncItem]) -> Vec<SyncOutcome> {
    app.sync_ok(client, items).await
}

async fn manager_view(app: &TestApp) -> Vec<MeetingLogView> {
    let manager = app.as_user("manager@a.test").await;
    json::<LogPage>(app.post(&manager, "/api/manager/logs", &[]).await)
        .await
        .logs
}

#[tokio::test]
async fn replaying_the_same_batch_stores_nothing_new() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let batch: Vec<SyncItem> = (0..3)
        .map(|n| item(w, log_input(w, w.pair_a1, n, &format!("Meeting {n}"))))
        .collect();
    let first = sync_ok(&app, &mentor, &batch).await;
    assert!(first.iter().all(|r| *r == SyncOutcome::Stored));

    let replay = sync_ok(&app, &mentor, &batch).await;

    assert_eq!(replay.len(), 3);
    assert!(
        replay.iter().all(|r| *r == SyncOutcome::AlreadyStored),
        "{replay:?}"
    );
    assert_eq!(app.stored_logs().await, 3);
}

#[tokio::test]
async fn the_same_id_with_different_content_is_a_conflict_and_the_stored_log_is_unchanged() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let original = item(w, log_input(w, w.pair_a1, 1, "What really happened."));
    sync_ok(&app, &mentor, std::slice::from_ref(&original)).await;
    let edited = SyncItem {
        id: original.id,
        ..item(w, log_input(w, w.pair_a1, 1, "Something else."))
    };

    let results = sync_ok(&app, &mentor, &[edited]).await;

    assert_eq!(results, vec![SyncOutcome::Conflict]);
    let stored = manager_view(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].description, "What really happened.");
}

#[tokio::test]
async fn a_mixed_batch_stores_the_valid_items_and_rejects_the_invalid_ones_with_reasons() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let good_one = item(w, log_input(w, w.pair_a1, 3, "Good one"));
    let no_description = item(
        w,
        MeetingLogInput {
            description: String::new(),
            ..log_input(w, w.pair_a1, 2, "")
        },
    );
    let good_two = item(w, log_input(w, w.pair_a2, 1, "Good two"));
    let not_mine = item(w, log_input(w, w.pair_a3, 1, "Someone else's pair"));

    let results = sync_ok(
        &app,
        &mentor,
        &[
            good_one.clone(),
            no_description.clone(),
            good_two.clone(),
            not_mine.clone(),
        ],
    )
    .await;

    assert_eq!(
        results,
        vec![
            SyncOutcome::Stored,
            rejected(FieldErrors::one(Field::Description, Problem::Required)),
            SyncOutcome::Stored,
            rejected(FieldErrors::one(Field::Pair, Problem::NotYourPair)),
        ]
    );
    let mut stored: Vec<String> = manager_view(&app)
        .await
        .into_iter()
        .map(|l| l.description)
        .collect();
    stored.sort();
    assert_eq!(stored, vec!["Good one", "Good two"]);
}

#[tokio::test]
async fn a_mentor_cannot_sync_into_another_mentors_pair() {
    let app = spawn_app().await;
    let outsider = app.as_user("mentor@b.test").await;
    let w = &app.world;
    let intruding = item(w, log_input(w, w.pair_a1, 1, "Not my mentee"));

    let results = sync_ok(&app, &outsider, std::slice::from_ref(&intruding)).await;

    assert_eq!(
        results[0],
        rejected(FieldErrors::one(Field::Pair, Problem::NotYourPair))
    );
    assert_eq!(app.stored_logs().await, 0);
}

#[tokio::test]
async fn another_mentor_cannot_claim_a_stored_log_by_replaying_its_id() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    let w = &app.world;
    let mine = item(w, log_input(w, w.pair_a1, 1, "Mine"));
    sync_ok(&app, &mentor, std::slice::from_ref(&mine)).await;
    let theirs = SyncItem {
        id: mine.id,
        ..item(w, log_input(w, w.pair_a3, 1, "Mine"))
    };

    let results = sync_ok(&app, &mentor2, &[theirs]).await;

    assert_eq!(results[0], SyncOutcome::Conflict);
    assert_eq!(app.stored_logs().await, 1);
}

#[tokio::test]
async fn an_item_whose_content_does_not_match_its_hash_is_rejected_as_damaged() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let mut damaged = item(w, log_input(w, w.pair_a1, 1, "Original"));
    damaged.input = Payload::of(&log_input(w, w.pair_a1, 1, "Changed on the way"));

    let results = sync_ok(&app, &mentor, &[damaged]).await;

    assert_eq!(results[0], rejected_whole(Problem::ContentDamaged));
    assert_eq!(app.stored_logs().await, 0);
}

#[tokio::test]
async fn a_batch_over_the_limit_is_refused_whole() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let batch: Vec<SyncItem> = (0..=MAX_SYNC_BATCH)
        .map(|_| item(w, log_input(w, w.pair_a1, 1, "x")))
        .collect();

    let response = app.sync(&mentor, &batch).await;

    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.stored_logs().await, 0);
}

#[tokio::test]
async fn a_malformed_payload_is_a_clear_bad_request() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    let response = app
        .post_json(
            &mentor,
            "/api/sync",
            json!({ "items": [{ "id": "not-a-uuid" }] }),
        )
        .await;

    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = json(response).await;
    assert_eq!(body["error"], "bad_request");
    assert_eq!(app.stored_logs().await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn batches_sent_at_the_same_moment_are_all_stored_none_refused_by_a_busy_database() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let batches: Vec<Vec<SyncItem>> = (0..24)
        .map(|b| {
            (0..5)
                .map(|n| {
                    let text = format!("Meeting {b}.{n}");
                    item(w, log_input(w, w.pair_a1, 1 + (b % 10) as u64, &text))
                })
                .collect()
        })
        .collect();

    let answers =
        futures::future::join_all(batches.iter().map(|batch| app.sync(&mentor, batch))).await;

    for answer in answers {
        assert_eq!(answer.status(), StatusCode::OK);
        let results: Vec<SyncAnswer> = json(answer).await;
        assert!(
            results.iter().all(|r| r.outcome == SyncOutcome::Stored),
            "{results:?}"
        );
    }
    assert_eq!(app.stored_logs().await, 24 * 5);
    assert!(app.server_panics().is_empty());
}

#[tokio::test]
async fn an_empty_batch_is_fine() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;

    assert!(sync_ok(&app, &mentor, &[]).await.is_empty());
}

#[tokio::test]
async fn a_nul_in_a_text_is_rejected_with_a_field_error_and_the_rest_of_the_batch_is_stored() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let before = item(w, log_input(w, w.pair_a1, 3, "Before"));
    let with_nul = item(w, log_input(w, w.pair_a1, 2, "Pasted\u{0}text"));
    let after = item(w, log_input(w, w.pair_a1, 1, "After"));

    let results = sync_ok(
        &app,
        &mentor,
        &[before.clone(), with_nul.clone(), after.clone()],
    )
    .await;

    assert_eq!(results[0], SyncOutcome::Stored);
    assert_eq!(
        results[1],
        rejected(FieldErrors::one(
            Field::Description,
            Problem::ControlCharacter
        ))
    );
    assert_eq!(results[2], SyncOutcome::Stored);
    assert_eq!(app.stored_logs().await, 2);
}

#[tokio::test]
async fn a_batch_larger_than_the_body_limit_is_refused_413_before_it_is_read() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    // 50 logs with three texts of 5,000 non-ASCII characters each: about
    // 1.5 MB, over the sync limit.
    let long = "ă".repeat(MAX_TEXT_CHARS);
    let batch: Vec<SyncItem> = (0..50)
        .map(|_| {
            let mut log = log_input(w, w.pair_a1, 1, &long);
            log.went_well_next_steps = long.clone();
            log.challenge = "yes".into();
            log.challenge_text = long.clone();
            item(w, log)
        })
        .collect();
    assert!(serde_json::to_vec(&batch).unwrap().len() > MAX_SYNC_BODY_BYTES);

    let response = app.sync(&mentor, &batch).await;

    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = json(response).await;
    assert_eq!(body["error"], "too_large");
    assert_eq!(body["limit_bytes"], MAX_SYNC_BODY_BYTES as u64);
    assert_eq!(app.stored_logs().await, 0);
}

#[tokio::test]
async fn the_largest_valid_log_fits_in_a_sync_request_on_its_own() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    // Four-byte characters: the most bytes a valid log can hold.
    let long = "😀".repeat(MAX_TEXT_CHARS);
    let mut log = log_input(w, w.pair_a1, 1, &long);
    log.went_well_next_steps = long.clone();
    log.challenge = "yes".into();
    log.challenge_text = long;
    let biggest = item(w, log);

    let results = sync_ok(&app, &mentor, &[biggest]).await;

    assert_eq!(results[0], SyncOutcome::Stored);
    assert_eq!(app.stored_logs().await, 1);
}

#[tokio::test]
async fn other_server_functions_refuse_bodies_over_their_own_limit() {
    let app = spawn_app().await;
    let big = "x".repeat(MAX_API_BODY_BYTES + 1);

    let response = app
        .post(
            &client(),
            "/api/auth/login",
            &[("email", &big), ("password", "x")],
        )
        .await;

    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// One record of each kind for the mentor's pair `pair`: a concern, a
/// goal, a log and the mentor's mid-term report.
fn one_of_each(w: &World, pair: PairId, text: &str) -> Vec<SyncItem> {
    vec![
        record_item::<Concern>(ConcernId::new().as_uuid(), 1, &concern_input(pair, text)),
        record_item::<Goal>(GoalId::new().as_uuid(), 1, &goal_input(w, pair, text)),
        item(w, log_input(w, pair, 1, text)),
        record_item::<Report>(
            ReportId::new().as_uuid(),
            1,
            &report_input(w, pair, ReportKind::Midterm, Respondent::Mentor),
        ),
    ]
}

/// How many rows each kind has: concerns, goals, logs, reports.
async fn stored(app: &TestApp) -> [i64; 4] {
    let count = |table: &str| {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let db = &app.db;
        async move {
            match db {
                app::store::Db::Sqlite(pool) => sqlx::query_scalar(&sql).fetch_one(pool).await,
                app::store::Db::Postgres(pool) => sqlx::query_scalar(&sql).fetch_one(pool).await,
            }
            .unwrap()
        }
    };
    [
        count("concerns").await,
        count("goals").await,
        count("meeting_logs").await,
        count("reports").await,
    ]
}

#[tokio::test]
async fn every_kind_is_stored_once_through_the_one_sync_and_a_resend_is_already_stored() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let batch = one_of_each(w, w.pair_a1, "We talked about homework.");

    let first = sync_ok(&app, &mentor, &batch).await;
    let again = sync_ok(&app, &mentor, &batch).await;

    assert_eq!(first, vec![SyncOutcome::Stored; 4]);
    assert_eq!(again, vec![SyncOutcome::AlreadyStored; 4]);
    assert_eq!(stored(&app).await, [1, 1, 1, 1]);
}

#[tokio::test]
async fn a_mixed_batch_refuses_its_one_bad_item_and_stores_every_other_kind() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    // A report of its own for each batch (a pair has one of each kind
    // from each side).
    let reports = [
        (w.pair_a1, ReportKind::Midterm),
        (w.pair_a1, ReportKind::Final),
        (w.pair_a2, ReportKind::Midterm),
        (w.pair_a2, ReportKind::Final),
    ];
    for bad in 0..4 {
        let mut batch = one_of_each(w, w.pair_a1, &format!("Batch {bad}"));
        let (pair, kind) = reports[bad];
        batch[3] = record_item::<Report>(
            ReportId::new().as_uuid(),
            1,
            &report_input(w, pair, kind, Respondent::Mentor),
        );
        // The bad one names a pair that is not the mentor's.
        let foreign = one_of_each(w, w.pair_a3, &format!("Foreign {bad}"));
        batch[bad] = foreign[bad].clone();

        let results = sync_ok(&app, &mentor, &batch).await;

        for (kind, outcome) in results.iter().enumerate() {
            if kind == bad {
                assert_eq!(
                    *outcome,
                    rejected(Reasons::at("pair", Problem::NotYourPair)),
                    "kind {kind}"
                );
            } else {
                assert_eq!(*outcome, SyncOutcome::Stored, "kind {kind} of batch {bad}");
            }
        }
    }
    // Four batches of four, one refused each.
    assert_eq!(stored(&app).await, [3, 3, 3, 3]);
}

#[tokio::test]
async fn answers_come_back_in_the_order_sent_whatever_the_kinds() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let mut batch = one_of_each(w, w.pair_a1, "Mixed");
    batch.reverse();
    batch.push(item(w, log_input(w, w.pair_a2, 2, "Another log")));

    // `sync_ok` checks each answer names its item, in order.
    let results = sync_ok(&app, &mentor, &batch).await;

    assert_eq!(results, vec![SyncOutcome::Stored; 5]);
}

#[tokio::test]
async fn a_log_may_name_a_goal_sent_in_the_same_request() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let goal = GoalId::new();
    let mut log = log_input(w, w.pair_a1, 1, "We started on the reading goal.");
    log.goals = vec![GoalWorkInput {
        goal_id: goal.to_string(),
        progress: "under_way".into(),
    }];
    // The log first: the server still takes the goal before it.
    let batch = vec![
        item(w, log),
        record_item::<Goal>(
            goal.as_uuid(),
            1,
            &goal_input(w, w.pair_a1, "Read together"),
        ),
    ];

    let results = sync_ok(&app, &mentor, &batch).await;

    assert_eq!(results, vec![SyncOutcome::Stored, SyncOutcome::Stored]);
}

#[tokio::test]
async fn a_different_record_under_a_known_id_is_a_conflict_for_every_kind() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let first = one_of_each(w, w.pair_a1, "First");
    sync_ok(&app, &mentor, &first).await;
    let other = one_of_each(w, w.pair_a1, "Something else");
    let mut second: Vec<SyncItem> = first
        .iter()
        .zip(other)
        .map(|(f, o)| SyncItem { id: f.id, ..o })
        .collect();
    // The report: the same answers but another date.
    let mut report = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor);
    report.date = (w.today - chrono::Days::new(3))
        .format("%Y-%m-%d")
        .to_string();
    second[3] = record_item::<Report>(first[3].id, 1, &report);

    let results = sync_ok(&app, &mentor, &second).await;

    assert_eq!(results, vec![SyncOutcome::Conflict; 4]);
    assert_eq!(stored(&app).await, [1, 1, 1, 1]);
}

#[tokio::test]
async fn a_record_whose_content_does_not_match_its_hash_is_refused_as_damaged_for_every_kind() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let damaged: Vec<SyncItem> = one_of_each(w, w.pair_a1, "Original")
        .into_iter()
        .map(|item| SyncItem {
            content_hash: "0".repeat(64),
            ..item
        })
        .collect();

    let results = sync_ok(&app, &mentor, &damaged).await;

    assert_eq!(results, vec![rejected_whole(Problem::ContentDamaged); 4]);
    assert_eq!(stored(&app).await, [0, 0, 0, 0]);
}

#[tokio::test]
async fn an_unreadable_item_is_refused_alone_and_the_others_are_stored() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let mut batch = one_of_each(w, w.pair_a1, "Readable");
    batch[1].input = Payload::of(&json!(42));

    let results = sync_ok(&app, &mentor, &batch).await;

    assert_eq!(
        results,
        vec![
            SyncOutcome::Stored,
            rejected_whole(Problem::Unreadable),
            SyncOutcome::Stored,
            SyncOutcome::Stored,
        ]
    );
}

#[tokio::test]
async fn a_concern_is_never_a_later_revision_and_no_record_has_revision_zero() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let concern = concern_input(w.pair_a1, "Bruises");
    let batch = vec![
        record_item::<Concern>(ConcernId::new().as_uuid(), 2, &concern),
        record_item::<Goal>(GoalId::new().as_uuid(), 0, &goal_input(w, w.pair_a1, "x")),
    ];

    let results = sync_ok(&app, &mentor, &batch).await;

    assert_eq!(results, vec![rejected_whole(Problem::OutOfRange); 2]);
    assert_eq!(stored(&app).await, [0, 0, 0, 0]);
}

#[tokio::test]
async fn a_mentee_sends_their_own_report_but_no_other_kind() {
    let app = spawn_app().await;
    let mentee = app.as_user("mentee@a.test").await;
    let w = &app.world;
    let mut batch = one_of_each(w, w.pair_a1, "From the mentee");
    batch[3] = record_item::<Report>(
        ReportId::new().as_uuid(),
        1,
        &report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentee),
    );

    let results = sync_ok(&app, &mentee, &batch).await;

    let refused = rejected(Reasons::at("pair", Problem::NotYourPair));
    assert_eq!(
        results,
        vec![
            refused.clone(),
            refused.clone(),
            refused,
            SyncOutcome::Stored
        ]
    );
}

#[tokio::test]
async fn the_office_has_nothing_to_send() {
    let app = spawn_app().await;
    let w = &app.world;
    let coordinator = app.as_user("coordinator@a.test").await;
    // A manager may send only a report answered on paper (`reports.rs`):
    // each of the pair's records is refused as not theirs.
    let manager = app.as_user("manager@a.test").await;

    let response = app
        .sync(&coordinator, &one_of_each(w, w.pair_a1, "x"))
        .await;
    let outcomes = app.sync_ok(&manager, &one_of_each(w, w.pair_a1, "x")).await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    for outcome in outcomes {
        assert_eq!(
            outcome,
            SyncOutcome::Rejected {
                errors: Reasons::at("pair", Problem::NotYourPair)
            }
        );
    }
    let response = app.sync(&client(), &[]).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(stored(&app).await, [0, 0, 0, 0]);
}

#[tokio::test]
async fn nobody_but_the_pairs_mentor_sends_its_records_and_nothing_of_theirs_is_stored() {
    let app = spawn_app().await;
    let w = &app.world;
    // Another mentor of the programme, a mentor of another organisation,
    // and the pair's own mentee (who sends only their own reports).
    for email in ["mentor2@a.test", "mentor@b.test", "mentee@a.test"] {
        let caller = app.as_user(email).await;
        let mut batch = one_of_each(w, w.pair_a1, email);
        batch.pop();

        let results = sync_ok(&app, &caller, &batch).await;

        let refused = rejected(Reasons::at("pair", Problem::NotYourPair));
        assert_eq!(results, vec![refused; 3], "{email}");
    }
    // Nor the mentor's own report, by anyone but the mentor.
    for email in ["mentor2@a.test", "mentor@b.test", "mentee@a.test"] {
        let caller = app.as_user(email).await;
        let report = record_item::<Report>(
            ReportId::new().as_uuid(),
            1,
            &report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
        );

        let results = sync_ok(&app, &caller, &[report]).await;

        assert_eq!(
            results,
            vec![rejected(Reasons::at("pair", Problem::NotYourPair))],
            "{email}"
        );
    }
    assert_eq!(stored(&app).await, [0, 0, 0, 0]);
}
