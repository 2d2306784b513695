use crate::helpers::*;
use app::model::*;
use reqwest::StatusCode;
use serde_json::json;

async fn sync_ok(app: &TestApp, client: &reqwest::Client, items: &[SyncItem]) -> Vec<SyncResult> {
    let response = app.sync(client, items).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

async fn manager_view(app: &TestApp) -> Vec<MeetingLogView> {
    let manager = app.as_user("manager@a.test").await;
    json(app.post(&manager, "/api/manager/logs", &[]).await).await
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
    assert!(first.iter().all(|r| r.outcome == SyncOutcome::Stored));

    let replay = sync_ok(&app, &mentor, &batch).await;

    assert_eq!(replay.len(), 3);
    assert!(
        replay
            .iter()
            .all(|r| r.outcome == SyncOutcome::AlreadyStored),
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

    assert_eq!(
        results,
        vec![SyncResult {
            id: original.id,
            outcome: SyncOutcome::Conflict
        }]
    );
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

    assert_eq!(results.len(), 4);
    assert_eq!(
        results[0],
        SyncResult {
            id: good_one.id,
            outcome: SyncOutcome::Stored
        }
    );
    assert_eq!(
        results[1],
        SyncResult {
            id: no_description.id,
            outcome: SyncOutcome::Rejected {
                errors: FieldErrors::one(Field::Description, Problem::Required)
            }
        }
    );
    assert_eq!(
        results[2],
        SyncResult {
            id: good_two.id,
            outcome: SyncOutcome::Stored
        }
    );
    assert_eq!(
        results[3],
        SyncResult {
            id: not_mine.id,
            outcome: SyncOutcome::Rejected {
                errors: FieldErrors::one(Field::Pair, Problem::NotYourPair)
            }
        }
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
        results[0].outcome,
        SyncOutcome::Rejected {
            errors: FieldErrors::one(Field::Pair, Problem::NotYourPair)
        }
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

    assert_eq!(results[0].outcome, SyncOutcome::Conflict);
    assert_eq!(app.stored_logs().await, 1);
}

#[tokio::test]
async fn an_item_whose_content_does_not_match_its_hash_is_rejected_as_damaged() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let mut damaged = item(w, log_input(w, w.pair_a1, 1, "Original"));
    damaged.log.description = "Changed on the way".into();

    let results = sync_ok(&app, &mentor, &[damaged]).await;

    assert_eq!(
        results[0].outcome,
        SyncOutcome::Rejected {
            errors: FieldErrors::one(Field::Log, Problem::ContentDamaged)
        }
    );
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
            "/api/mentor/sync",
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
        let results: Vec<SyncResult> = json(answer).await;
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

    assert_eq!(results[0].outcome, SyncOutcome::Stored);
    assert_eq!(
        results[1].outcome,
        SyncOutcome::Rejected {
            errors: FieldErrors::one(Field::Description, Problem::ControlCharacter)
        }
    );
    assert_eq!(results[2].outcome, SyncOutcome::Stored);
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

    assert_eq!(results[0].outcome, SyncOutcome::Stored);
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
