//! Property test of the sync path: batches of meeting logs, valid or not,
//! for the mentor's pairs and others', new, sent again, or changed under an
//! id already stored, through the real server. Each item is answered once,
//! in order; a refusal always names its reason; what is stored is exactly
//! what was answered "stored" (never part of a batch, never a second copy).
//!
//! A few batches in every test run; `PB_PROPTEST_SYNC_BATCHES` sets more
//! (`make bench-props`).

use crate::helpers::*;
use app::model::*;
use app::store::Db;
use chrono::Days;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use reqwest::StatusCode;

fn batches() -> usize {
    std::env::var("PB_PROPTEST_SYNC_BATCHES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

/// What a phone (or a broken one) sends for one log.
#[derive(Clone, Debug)]
enum Send {
    /// A log made on the phone: `pair` indexes the pairs below.
    New {
        pair: usize,
        days_ago: i64,
        minutes: String,
        description: String,
        challenge: Option<String>,
        hash_right: bool,
        revision: u32,
    },
    /// The n-th item sent before, again as it was.
    Again(usize),
    /// The n-th item sent before, changed under the same id and revision.
    Changed(usize),
}

fn send() -> impl Strategy<Value = Send> {
    let text = prop_oneof![
        4 => "[A-Za-zăâîșț ,.]{1,60}",
        1 => "\\PC{0,80}",
        1 => Just(String::new()),
        1 => "[\\x00-\\x1f]{1,2}[a-z]{1,5}",
        1 => "[a-z ]{10}".prop_map(|s| s.repeat(600)),
    ];
    prop_oneof![
        6 => (
            0usize..5,
            -2i64..400,
            prop_oneof![4 => (1u32..300).prop_map(|m| m.to_string()), 1 => "\\PC{0,4}"],
            text.clone(),
            proptest::option::of(text),
            proptest::bool::weighted(0.85),
            prop_oneof![9 => Just(1u32), 1 => 0u32..5],
        )
            .prop_map(|(pair, days_ago, minutes, description, challenge, hash_right, revision)| Send::New {
                pair,
                days_ago,
                minutes,
                description,
                challenge,
                hash_right,
                revision,
            }),
        1 => (0usize..1000).prop_map(Send::Again),
        1 => (0usize..1000).prop_map(Send::Changed),
    ]
}

fn hash_of(world: &World, log: &MeetingLogInput) -> String {
    let ctx = ValidationContext {
        latest_date: world.today + Days::new(1),
        pair: Some(PairDates {
            started_on: chrono::NaiveDate::MIN,
            ended_on: None,
        }),
    };
    log.validate(&ctx)
        .map(|l| l.content_hash())
        .unwrap_or_else(|_| "unchecked".into())
}

async fn stored_hash(db: &Db, id: MeetingLogId) -> Option<String> {
    let sql = "SELECT content_hash FROM meeting_logs WHERE id = $1";
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).bind(id).fetch_optional(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).bind(id).fetch_optional(pool).await,
    }
    .unwrap()
}

#[tokio::test]
async fn any_batch_is_answered_item_by_item_and_stores_exactly_what_it_answers_stored() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    // Two of the mentor's pairs, another mentor's, another programme's, none.
    let pairs = [
        w.pair_a1.to_string(),
        w.pair_a2.to_string(),
        w.pair_a3.to_string(),
        w.pair_b.to_string(),
        "not-a-pair".to_string(),
    ];
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = proptest::collection::vec(send(), 1..10);
    let mut sent: Vec<SyncItem> = Vec::new();
    let mut cases = 0usize;
    for batch_number in 0..batches() {
        let sends = strategy.new_tree(&mut runner).unwrap().current();
        let items: Vec<SyncItem> = sends
            .into_iter()
            .filter_map(|s| match s {
                Send::New {
                    pair,
                    days_ago,
                    minutes,
                    description,
                    challenge,
                    hash_right,
                    revision,
                } => {
                    let log = MeetingLogInput {
                        pair_id: pairs[pair].clone(),
                        date: (w.today - chrono::Duration::days(days_ago)).to_string(),
                        form: "face_to_face".into(),
                        hours: "0".into(),
                        minutes,
                        description,
                        went_well_next_steps: String::new(),
                        challenge: if challenge.is_some() { "yes" } else { "no" }.into(),
                        challenge_text: challenge.unwrap_or_default(),
                        goals: Vec::new(),
                        withdrawn_reason: String::new(),
                    };
                    let content_hash = if hash_right {
                        hash_of(w, &log)
                    } else {
                        "0".repeat(64)
                    };
                    Some(SyncItem {
                        kind: Kind::MeetingLog,
                        id: MeetingLogId::new().as_uuid(),
                        revision,
                        content_hash,
                        input: Payload::of(&log),
                    })
                }
                Send::Again(n) if !sent.is_empty() => Some(sent[n % sent.len()].clone()),
                Send::Changed(n) if !sent.is_empty() => {
                    let mut item = sent[n % sent.len()].clone();
                    let mut log: MeetingLogInput = item.input.read().expect("a log");
                    log.description = format!("{} (changed)", log.description.trim());
                    item.content_hash = hash_of(w, &log);
                    item.input = Payload::of(&log);
                    Some(item)
                }
                _ => None,
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        cases += items.len();
        let before = app.stored_logs().await;

        let response = app.sync(&mentor, &items).await;

        if response.status() == StatusCode::PAYLOAD_TOO_LARGE {
            // A batch past the body limit is refused whole: nothing stored.
            assert_eq!(app.stored_logs().await, before, "batch {batch_number}");
            continue;
        }
        assert_eq!(response.status(), StatusCode::OK, "batch {batch_number}");
        let results: Vec<SyncAnswer> = json(response).await;
        assert_eq!(results.len(), items.len(), "one answer per item");
        let mut stored = 0;
        for (item, result) in items.iter().zip(&results) {
            assert_eq!(result.id, item.id, "answers in the order sent");
            match &result.outcome {
                SyncOutcome::Rejected { errors } => {
                    assert!(!errors.is_empty(), "a refusal names its reason: {item:?}")
                }
                SyncOutcome::Stored => {
                    stored += 1;
                    assert_eq!(
                        stored_hash(&app.db, MeetingLogId::from_uuid(item.id))
                            .await
                            .as_deref(),
                        Some(item.content_hash.as_str()),
                        "what is stored is what was sent"
                    );
                    sent.push(item.clone());
                }
                SyncOutcome::AlreadyStored | SyncOutcome::Conflict => {
                    assert!(stored_hash(&app.db, MeetingLogId::from_uuid(item.id))
                        .await
                        .is_some());
                }
            }
        }
        assert_eq!(
            app.stored_logs().await,
            before + stored,
            "batch {batch_number}: exactly the items answered stored were stored"
        );
    }
    assert!(app.server_panics().is_empty(), "{:?}", app.server_panics());
    eprintln!(
        "property sync batches: {} batches, {cases} items",
        batches()
    );
}
