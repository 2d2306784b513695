//! The mentee's goals: made and changed on the phone as revisions through
//! the outbox, progress from the meeting logs, read by the pair and its
//! manager.

use crate::helpers::*;
use app::model::*;
use chrono::Days;
use reqwest::{Client, StatusCode};
use serde_json::json;

pub(crate) fn goal_input(w: &World, pair: PairId, what: &str) -> GoalInput {
    GoalInput {
        pair_id: pair.to_string(),
        what: what.into(),
        why: "So that Ana knows how her son is doing.".into(),
        first_steps: "Ask the office for the teacher's hours.".into(),
        target_date: (w.today + Days::new(60)).format("%Y-%m-%d").to_string(),
        withdrawn_reason: String::new(),
    }
}

/// The item a phone would send for this revision of the goal.
pub(crate) fn goal_item(id: GoalId, revision: u32, goal: GoalInput) -> SyncItem {
    record_item::<Goal>(id.as_uuid(), revision, &goal)
}

async fn send_ok(app: &TestApp, client: &Client, items: &[SyncItem]) -> Vec<SyncOutcome> {
    app.sync_ok(client, items).await
}

async fn mine(app: &TestApp, client: &Client) -> Vec<GoalView> {
    json(app.post(client, "/api/goals/mine", &[]).await).await
}

async fn of_pair(app: &TestApp, client: &Client, pair: PairId) -> PairGoals {
    let response = app
        .post_json(client, "/api/goals/of_pair", json!({ "pair": pair }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

async fn stored_goals(app: &TestApp) -> i64 {
    app::store::goals::count(&app.db).await.unwrap()
}

/// What a refusal names: each field and its problem (the goal as a whole
/// as `Field::Goal`).
fn problems(outcome: &SyncOutcome) -> Vec<(Field, Problem)> {
    match outcome {
        SyncOutcome::Rejected { errors } => errors
            .iter()
            .map(|e| (Field::from_key(&e.at).unwrap_or(Field::Goal), e.problem))
            .collect(),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[tokio::test]
async fn a_goal_changed_and_withdrawn_keeps_every_version_for_the_manager() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let id = GoalId::new();
    let first = goal_input(w, w.pair_a1, "Talk to the teacher each month");
    let changed = GoalInput {
        what: "Talk to the teacher every two weeks".into(),
        ..first.clone()
    };
    let withdrawn = GoalInput {
        withdrawn_reason: "The teacher left the school.".into(),
        ..changed.clone()
    };

    let outcomes = send_ok(
        &app,
        &mentor,
        &[
            goal_item(id, 1, first),
            goal_item(id, 2, changed),
            goal_item(id, 3, withdrawn),
        ],
    )
    .await;

    assert_eq!(outcomes, vec![SyncOutcome::Stored; 3]);
    let manager = app.as_user("manager@a.test").await;
    let view = of_pair(&app, &manager, w.pair_a1).await;
    assert_eq!(view.goals.len(), 1);
    assert_eq!(view.goals[0].revision, 3);
    assert_eq!(view.goals[0].what, "Talk to the teacher every two weeks");
    assert_eq!(
        view.goals[0].withdrawn_reason.as_deref(),
        Some("The teacher left the school.")
    );
    let history: Vec<(u32, &str)> = view
        .revisions
        .iter()
        .map(|r| (r.revision, r.what.as_str()))
        .collect();
    assert_eq!(
        history,
        vec![
            (1, "Talk to the teacher each month"),
            (2, "Talk to the teacher every two weeks"),
            (3, "Talk to the teacher every two weeks"),
        ]
    );
    assert!(view
        .revisions
        .iter()
        .all(|r| r.author_name == "mentor@a.test"));
    let mentee = app.as_user("mentee@a.test").await;
    assert_eq!(
        mine(&app, &mentee).await.len(),
        1,
        "the mentee reads the pair's goals"
    );
    assert_eq!(mine(&app, &mentor).await.len(), 1);
    let other_mentor = app.as_user("mentor2@a.test").await;
    assert!(mine(&app, &other_mentor).await.is_empty());
}

#[tokio::test]
async fn a_goal_revision_sent_again_is_acknowledged_and_stored_once() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let item = goal_item(GoalId::new(), 1, goal_input(w, w.pair_a1, "Read together"));
    send_ok(&app, &mentor, std::slice::from_ref(&item)).await;

    let again = send_ok(&app, &mentor, std::slice::from_ref(&item)).await;

    assert_eq!(again, vec![SyncOutcome::AlreadyStored]);
    assert_eq!(stored_goals(&app).await, 1);
}

#[tokio::test]
async fn two_different_changes_of_the_same_revision_are_a_conflict_and_the_first_is_kept() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let id = GoalId::new();
    let base = goal_input(w, w.pair_a1, "Read together");
    send_ok(&app, &mentor, &[goal_item(id, 1, base.clone())]).await;
    let from_phone = GoalInput {
        what: "Read together daily".into(),
        ..base.clone()
    };
    let from_tablet = GoalInput {
        what: "Read together weekly".into(),
        ..base
    };
    send_ok(&app, &mentor, &[goal_item(id, 2, from_phone)]).await;

    let outcome = send_ok(&app, &mentor, &[goal_item(id, 2, from_tablet)]).await;

    assert_eq!(outcome, vec![SyncOutcome::Conflict]);
    let goals = mine(&app, &mentor).await;
    assert_eq!(
        (goals[0].revision, goals[0].what.as_str()),
        (2, "Read together daily")
    );
}

#[tokio::test]
async fn a_change_without_its_previous_revision_or_of_a_withdrawn_goal_is_refused() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let (id, unknown) = (GoalId::new(), GoalId::new());
    let base = goal_input(w, w.pair_a1, "Join the parents' council");
    let withdrawn = GoalInput {
        withdrawn_reason: "Not this year.".into(),
        ..base.clone()
    };
    send_ok(
        &app,
        &mentor,
        &[goal_item(id, 1, base.clone()), goal_item(id, 2, withdrawn)],
    )
    .await;

    let outcomes = send_ok(
        &app,
        &mentor,
        &[
            goal_item(id, 3, base.clone()),
            goal_item(unknown, 2, base.clone()),
            goal_item(GoalId::new(), 0, base),
        ],
    )
    .await;

    assert_eq!(
        problems(&outcomes[0]),
        vec![(Field::Goal, Problem::Withdrawn)]
    );
    assert_eq!(
        problems(&outcomes[1]),
        vec![(Field::Goal, Problem::MissingRevision)]
    );
    assert_eq!(
        problems(&outcomes[2]),
        vec![(Field::Goal, Problem::OutOfRange)]
    );
    assert_eq!(stored_goals(&app).await, 1);
    assert_eq!(mine(&app, &mentor).await[0].revision, 2);
}

#[tokio::test]
async fn an_invalid_goal_or_another_mentors_pair_is_refused_with_every_reason() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let invalid = GoalInput {
        what: " ".into(),
        target_date: "next spring".into(),
        ..goal_input(w, w.pair_a1, "")
    };
    let before_start = GoalInput {
        target_date: "2000-01-01".into(),
        ..goal_input(w, w.pair_a1, "Too early")
    };
    let mut damaged = goal_item(GoalId::new(), 1, goal_input(w, w.pair_a1, "Read"));
    damaged.input = Payload::of(&goal_input(w, w.pair_a1, "Read, changed on the way"));

    let outcomes = send_ok(
        &app,
        &mentor,
        &[
            goal_item(GoalId::new(), 1, invalid),
            goal_item(GoalId::new(), 1, before_start),
            goal_item(GoalId::new(), 1, goal_input(w, w.pair_a3, "Not my pair")),
            damaged,
        ],
    )
    .await;

    assert_eq!(
        problems(&outcomes[0]),
        vec![
            (Field::What, Problem::Required),
            (Field::TargetDate, Problem::NotADate)
        ]
    );
    assert_eq!(
        problems(&outcomes[1]),
        vec![(Field::TargetDate, Problem::DateBeforePairStart)]
    );
    assert_eq!(
        problems(&outcomes[2]),
        vec![(Field::Pair, Problem::NotYourPair)]
    );
    assert_eq!(
        problems(&outcomes[3]),
        vec![(Field::Goal, Problem::ContentDamaged)]
    );
    assert_eq!(stored_goals(&app).await, 0);
}

#[tokio::test]
async fn a_goal_id_of_another_pair_is_a_conflict_and_changes_nothing() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    let w = &app.world;
    let id = GoalId::new();
    send_ok(
        &app,
        &mentor,
        &[goal_item(id, 1, goal_input(w, w.pair_a1, "Mine"))],
    )
    .await;

    let outcome = send_ok(
        &app,
        &mentor2,
        &[goal_item(id, 2, goal_input(w, w.pair_a3, "Taken over"))],
    )
    .await;

    assert_eq!(outcome, vec![SyncOutcome::Conflict]);
    assert_eq!(mine(&app, &mentor).await[0].what, "Mine");
}

#[tokio::test]
async fn the_latest_meeting_that_worked_on_a_goal_gives_its_progress() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let (goal, other_pairs_goal) = (GoalId::new(), GoalId::new());
    send_ok(
        &app,
        &mentor,
        &[goal_item(
            goal,
            1,
            goal_input(w, w.pair_a1, "Read together"),
        )],
    )
    .await;
    send_ok(
        &app,
        &mentor,
        &[goal_item(
            other_pairs_goal,
            1,
            goal_input(w, w.pair_a2, "Visit the school"),
        )],
    )
    .await;
    let worked = |days_ago, progress: &str, description: &str| MeetingLogInput {
        goals: vec![GoalWorkInput {
            goal_id: goal.to_string(),
            progress: progress.into(),
        }],
        ..log_input(w, w.pair_a1, days_ago, description)
    };
    assert_eq!(
        mine(&app, &mentor).await[0].progress,
        GoalProgress::NotStarted
    );

    let response = app
        .sync(
            &mentor,
            &[
                item(w, worked(2, "reached", "Newer")),
                item(w, worked(5, "under_way", "Older, sent later")),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);

    let goals = mine(&app, &mentor).await;
    let read = goals.iter().find(|g| g.id == goal).unwrap();
    assert_eq!(read.progress, GoalProgress::Reached);
    assert_eq!(read.progress_on, Some(w.today - Days::new(2)));
    let foreign = MeetingLogInput {
        goals: vec![GoalWorkInput {
            goal_id: other_pairs_goal.to_string(),
            progress: "reached".into(),
        }],
        ..log_input(w, w.pair_a1, 1, "Names another pair's goal")
    };
    let unknown = MeetingLogInput {
        goals: vec![GoalWorkInput {
            goal_id: GoalId::new().to_string(),
            progress: "reached".into(),
        }],
        ..log_input(w, w.pair_a1, 1, "Names a goal nobody sent")
    };
    let results: Vec<serde_json::Value> = json(
        app.sync(&mentor, &[item(w, foreign), item(w, unknown)])
            .await,
    )
    .await;
    for result in &results {
        assert_eq!(result["outcome"], "rejected");
        assert_eq!(result["errors"][0]["at"], "goals");
        assert_eq!(result["errors"][0]["problem"], "unknown_goal");
    }
    assert_eq!(app.stored_logs().await, 2);
}
