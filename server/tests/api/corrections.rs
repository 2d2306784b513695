//! Corrections of meeting logs: each change is the log's next revision under
//! the same id, sent like the first; nothing is overwritten or deleted, the
//! manager reads the history, and a withdrawn log no longer counts.

use crate::goals::{goal_input, goal_item};
use crate::helpers::*;
use app::model::*;
use reqwest::{Client, StatusCode};

/// Revision `revision` of the log `id`, as the phone sends it.
fn revision_of(w: &World, id: uuid::Uuid, revision: u32, log: MeetingLogInput) -> SyncItem {
    SyncItem {
        id,
        revision,
        ..item(w, log)
    }
}

async fn send(app: &TestApp, client: &Client, items: &[SyncItem]) -> Vec<SyncOutcome> {
    app.sync_ok(client, items).await
}

async fn manager_logs(app: &TestApp) -> Vec<MeetingLogView> {
    let manager = app.as_user("manager@a.test").await;
    json::<LogPage>(app.post(&manager, "/api/manager/logs", &[]).await)
        .await
        .logs
}

async fn history(app: &TestApp, client: &Client, id: uuid::Uuid) -> Vec<MeetingLogRevision> {
    let response = app
        .post(client, "/api/logs/history", &[("log", &id.to_string())])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

fn rejected(problem: Problem) -> SyncOutcome {
    rejected_whole(problem)
}

#[tokio::test]
async fn a_correction_replaces_the_log_and_the_manager_reads_every_version() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let first = item(w, log_input(w, w.pair_a1, 2, "Met at the school gate."));
    send(&app, &mentor, std::slice::from_ref(&first)).await;
    let corrected = MeetingLogInput {
        minutes: "45".into(),
        ..log_input(w, w.pair_a1, 2, "Met at the library, not at the gate.")
    };

    let outcome = send(&app, &mentor, &[revision_of(w, first.id, 2, corrected)]).await;

    assert_eq!(outcome, vec![SyncOutcome::Stored]);
    let logs = manager_logs(&app).await;
    assert_eq!(logs.len(), 1, "still one meeting");
    assert_eq!(logs[0].revision, 2);
    assert_eq!(logs[0].description, "Met at the library, not at the gate.");
    assert_eq!(logs[0].duration_minutes, 105);
    let manager = app.as_user("manager@a.test").await;
    let versions = history(&app, &manager, first.id).await;
    assert_eq!(
        versions
            .iter()
            .map(|v| (
                v.revision,
                v.log.description.as_str(),
                v.author_name.as_str()
            ))
            .collect::<Vec<_>>(),
        vec![
            (1, "Met at the school gate.", "mentor@a.test"),
            (2, "Met at the library, not at the gate.", "mentor@a.test"),
        ]
    );
    assert_eq!(app.stored_logs().await, 1);
}

#[tokio::test]
async fn a_correction_sent_twice_is_stored_once_and_a_different_one_of_the_same_revision_conflicts()
{
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let first = item(w, log_input(w, w.pair_a1, 2, "First."));
    send(&app, &mentor, std::slice::from_ref(&first)).await;
    let fix = revision_of(
        w,
        first.id,
        2,
        log_input(w, w.pair_a1, 2, "Fixed on the phone."),
    );
    let other = revision_of(
        w,
        first.id,
        2,
        log_input(w, w.pair_a1, 2, "Fixed on the tablet."),
    );

    let outcomes = send(&app, &mentor, &[fix.clone(), fix, other]).await;

    assert_eq!(
        outcomes,
        vec![
            SyncOutcome::Stored,
            SyncOutcome::AlreadyStored,
            SyncOutcome::Conflict
        ]
    );
    let logs = manager_logs(&app).await;
    assert_eq!(logs[0].description, "Fixed on the phone.");
}

#[tokio::test]
async fn a_correction_that_skips_a_revision_or_is_out_of_range_is_rejected_and_nothing_changes() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let first = item(w, log_input(w, w.pair_a1, 2, "First."));
    send(&app, &mentor, std::slice::from_ref(&first)).await;
    let log = || log_input(w, w.pair_a1, 2, "Changed.");

    let outcomes = send(
        &app,
        &mentor,
        &[
            revision_of(w, first.id, 3, log()),
            revision_of(w, MeetingLogId::new().as_uuid(), 2, log()),
            revision_of(w, first.id, 0, log()),
            revision_of(w, first.id, MAX_REVISIONS + 1, log()),
        ],
    )
    .await;

    assert_eq!(
        outcomes,
        vec![
            rejected(Problem::MissingRevision),
            rejected(Problem::MissingRevision),
            rejected(Problem::OutOfRange),
            rejected(Problem::OutOfRange),
        ]
    );
    let logs = manager_logs(&app).await;
    assert_eq!(
        (logs[0].revision, logs[0].description.as_str()),
        (1, "First.")
    );
    assert_eq!(app.stored_logs().await, 1);
}

#[tokio::test]
async fn a_withdrawn_log_keeps_its_history_no_longer_counts_and_can_not_be_changed_again() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let goal = GoalId::new();
    let outcome = app
        .sync_ok(
            &mentor,
            &[goal_item(
                goal,
                1,
                goal_input(w, w.pair_a1, "Talk to the teacher"),
            )],
        )
        .await;
    assert_eq!(outcome[0], SyncOutcome::Stored);
    let worked = MeetingLogInput {
        goals: vec![GoalWorkInput {
            goal_id: goal.to_string(),
            progress: "reached".into(),
        }],
        ..log_input(w, w.pair_a1, 2, "Logged twice by mistake.")
    };
    let kept = item(w, log_input(w, w.pair_a1, 3, "The real meeting."));
    let twice = item(w, worked.clone());
    send(&app, &mentor, &[kept, twice.clone()]).await;
    let withdrawal = MeetingLogInput {
        withdrawn_reason: "The same meeting was logged twice.".into(),
        ..worked.clone()
    };

    let outcomes = send(&app, &mentor, &[revision_of(w, twice.id, 2, withdrawal)]).await;

    assert_eq!(outcomes, vec![SyncOutcome::Stored]);
    let logs = manager_logs(&app).await;
    let withdrawn = logs.iter().find(|l| l.id.as_uuid() == twice.id).unwrap();
    assert_eq!(
        withdrawn.withdrawn_reason.as_deref(),
        Some("The same meeting was logged twice.")
    );
    // Counts leave it out; the goal's progress no longer comes from it.
    let coordinator = app.as_user("coordinator@a.test").await;
    let stats: Vec<ProgrammeStats> = json(
        app.post(&coordinator, "/api/coordinator/overview", &[])
            .await,
    )
    .await;
    let programme = stats
        .iter()
        .find(|s| s.programme_id == w.programme_a)
        .unwrap();
    assert_eq!((programme.meetings, programme.meeting_minutes), (1, 75));
    let goals: Vec<GoalView> = json(app.post(&mentor, "/api/goals/mine", &[]).await).await;
    assert_eq!(goals[0].progress, GoalProgress::NotStarted);
    // A withdrawn log stays withdrawn.
    let again = revision_of(w, twice.id, 3, log_input(w, w.pair_a1, 2, "Back again."));
    assert_eq!(
        send(&app, &mentor, &[again]).await,
        vec![rejected(Problem::Withdrawn)]
    );
    let manager = app.as_user("manager@a.test").await;
    assert_eq!(history(&app, &manager, twice.id).await.len(), 2);
}

#[tokio::test]
async fn a_correction_names_the_goals_worked_on_anew() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let goal = GoalId::new();
    app.sync_ok(
        &mentor,
        &[goal_item(
            goal,
            1,
            goal_input(w, w.pair_a1, "Read the letters"),
        )],
    )
    .await;
    let work = |progress: &str| MeetingLogInput {
        goals: vec![GoalWorkInput {
            goal_id: goal.to_string(),
            progress: progress.into(),
        }],
        ..log_input(w, w.pair_a1, 2, "Read the letters together.")
    };
    let first = item(w, work("reached"));
    send(&app, &mentor, std::slice::from_ref(&first)).await;

    send(
        &app,
        &mentor,
        &[revision_of(w, first.id, 2, work("under_way"))],
    )
    .await;

    let goals: Vec<GoalView> = json(app.post(&mentor, "/api/goals/mine", &[]).await).await;
    assert_eq!(goals[0].progress, GoalProgress::UnderWay);
    let logs = json::<LogPage>(app.post(&mentor, "/api/mentor/logs", &[]).await)
        .await
        .logs;
    assert_eq!(
        logs[0].goals,
        vec![GoalWorkInput {
            goal_id: goal.to_string(),
            progress: "under_way".into()
        }]
    );
}

#[tokio::test]
async fn no_one_else_can_correct_a_log_or_move_it_to_another_pair() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let first = item(w, log_input(w, w.pair_a1, 2, "Mine."));
    send(&app, &mentor, std::slice::from_ref(&first)).await;
    let mentor_b = app.as_user("mentor@b.test").await;
    let mentor2 = app.as_user("mentor2@a.test").await;

    let by_b = send(
        &app,
        &mentor_b,
        &[revision_of(
            w,
            first.id,
            2,
            log_input(w, w.pair_b, 2, "Taken over."),
        )],
    )
    .await;
    let by_colleague = send(
        &app,
        &mentor2,
        &[revision_of(
            w,
            first.id,
            2,
            log_input(w, w.pair_a3, 2, "Taken over."),
        )],
    )
    .await;
    let moved = send(
        &app,
        &mentor,
        &[revision_of(
            w,
            first.id,
            2,
            log_input(w, w.pair_a2, 2, "Moved."),
        )],
    )
    .await;

    // Into their own pair: the id is another pair's log.
    assert_eq!(by_b, vec![SyncOutcome::Conflict]);
    assert_eq!(by_colleague, vec![SyncOutcome::Conflict]);
    assert_eq!(moved, vec![SyncOutcome::Conflict]);
    let logs = manager_logs(&app).await;
    assert_eq!(
        (logs[0].revision, logs[0].description.as_str()),
        (1, "Mine.")
    );
    let denied = app
        .post(
            &mentor2,
            "/api/logs/history",
            &[("log", &first.id.to_string())],
        )
        .await;
    assert_eq!(denied.status(), StatusCode::FORBIDDEN);
}
