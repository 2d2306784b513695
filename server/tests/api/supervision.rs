//! Supervision: check-ins with the mentors, and group meetings whose
//! agenda comes from the challenges in the meeting logs; the mentor who
//! raised a challenge reads what came of it.

use crate::helpers::*;
use app::model::*;
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn page(app: &TestApp, client: &Client) -> Supervision {
    let response = app
        .post_json(
            client,
            "/api/supervision/get",
            json!({ "programme": app.world.programme_a }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

async fn user_id(app: &TestApp, email: &str) -> UserId {
    app::store::users::find_user_by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

fn invalid(body: app::api::AppError) -> FieldErrors {
    match body {
        app::api::AppError::Invalid { errors } => errors,
        other => panic!("field errors expected, got {other:?}"),
    }
}

#[tokio::test]
async fn a_check_in_is_logged_with_its_mentor_and_the_new_mentors_without_one_are_named() {
    let app = spawn_app().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let mentor = user_id(&app, "mentor@a.test").await;
    let outsider = user_id(&app, "mentor@b.test").await;
    let before = page(&app, &manager).await;

    let bad = app
        .post_json(
            &manager,
            "/api/supervision/check-in",
            json!({ "programme": w.programme_a, "input": { "mentor": "", "held_on": "2999-01-01", "notes": "" } }),
        )
        .await;
    let not_ours = app
        .post_json(
            &manager,
            "/api/supervision/check-in",
            json!({ "programme": w.programme_a, "input": {
                "mentor": outsider, "held_on": w.today.to_string(), "notes": "Called."
            }}),
        )
        .await;
    let logged = app
        .post_json(
            &manager,
            "/api/supervision/check-in",
            json!({ "programme": w.programme_a, "input": {
                "mentor": mentor, "held_on": w.today.to_string(),
                "notes": "Called Elena: the first visits went well.", "follow_up": "Send the homework leaflet."
            }}),
        )
        .await;
    let after = page(&app, &manager).await;

    let waiting = |p: &Supervision| -> Vec<String> {
        p.mentors
            .iter()
            .filter(|m| m.needs_check_in(p.today))
            .map(|m| m.name.clone())
            .collect()
    };
    assert_eq!(waiting(&before), vec!["mentor2@a.test", "mentor@a.test"]);
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = invalid(json(bad).await);
    assert_eq!(errors.problem(Field::Mentor), Some(Problem::Required));
    assert_eq!(errors.problem(Field::HeldOn), Some(Problem::DateInFuture));
    assert_eq!(errors.problem(Field::Notes), Some(Problem::Required));
    assert_eq!(not_ours.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(logged.status(), StatusCode::OK);
    assert_eq!(waiting(&after), vec!["mentor2@a.test"]);
    assert_eq!(after.check_ins.len(), 1);
    assert_eq!(after.check_ins[0].follow_up, "Send the homework leaflet.");
    assert_eq!(after.check_ins[0].recorded_by, "manager@a.test");
}

#[tokio::test]
async fn a_group_meetings_agenda_comes_from_the_challenges_without_the_mentees_names_and_the_mentor_reads_the_outcome(
) {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let challenge = MeetingLogInput {
        challenge: "yes".into(),
        challenge_text: "She does not dare to speak to the class teacher.".into(),
        ..log_input(w, w.pair_a1, 3, "We talked about the school.")
    };
    let log = item(w, challenge);
    app.sync(&mentor, std::slice::from_ref(&log)).await;
    let manager = app.as_user("manager@a.test").await;
    let attendee = user_id(&app, "mentor@a.test").await;
    let outsider = user_id(&app, "mentor@b.test").await;

    let proposed = page(&app, &manager).await;
    let refused = app
        .post_json(
            &manager,
            "/api/supervision/meeting",
            json!({ "programme": w.programme_a, "meeting": null, "input": {
                "held_on": w.today.to_string(), "attendees": [outsider]
            }}),
        )
        .await;
    let meeting: GroupMeetingId = json(
        app.post_json(
            &manager,
            "/api/supervision/meeting",
            json!({ "programme": w.programme_a, "meeting": null, "input": {
                "held_on": w.today.to_string(), "attendees": [attendee], "notes": "Monthly meeting."
            }}),
        )
        .await,
    )
    .await;
    let added = app
        .post_json(
            &manager,
            "/api/supervision/agenda",
            json!({ "meeting": meeting, "input": { "challenges": [log.id], "topic": "Homework routines" } }),
        )
        .await;
    let twice = app
        .post_json(
            &manager,
            "/api/supervision/agenda",
            json!({ "meeting": meeting, "input": { "challenges": [log.id] } }),
        )
        .await;
    let planned = page(&app, &manager).await;
    let item_id = planned.meetings[0].agenda[0].id;
    let manager_board: Dashboard = json(
        app.post_json(&manager, "/api/manager/dashboard", json!({ "query": {} }))
            .await,
    )
    .await;
    let discussed = app
        .post_json(
            &manager,
            "/api/supervision/discussed",
            json!({ "item": item_id, "input": { "outcome": "Go to the teacher's hour together next week." } }),
        )
        .await;
    let after: Dashboard = json(
        app.post_json(&manager, "/api/manager/dashboard", json!({ "query": {} }))
            .await,
    )
    .await;
    let theirs: Vec<DiscussedChallenge> =
        json(app.post(&mentor, "/api/supervision/mine", &[]).await).await;
    let notices: Vec<Notification> =
        json(app.post(&mentor, "/api/notifications/mine", &[]).await).await;
    let others: Vec<DiscussedChallenge> = json(
        app.post(
            &app.as_user("mentor2@a.test").await,
            "/api/supervision/mine",
            &[],
        )
        .await,
    )
    .await;

    assert_eq!(proposed.proposed.len(), 1);
    assert_eq!(
        proposed.proposed[0].challenge,
        "She does not dare to speak to the class teacher."
    );
    assert_eq!(proposed.proposed[0].raised_by, "mentor@a.test");
    let text = serde_json::to_string(&proposed.proposed).unwrap();
    assert!(
        !text.contains("mentee@a.test"),
        "no mentee's name in the proposals: {text}"
    );
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json::<usize>(added).await, 2);
    assert_eq!(twice.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(planned.proposed.is_empty());
    assert_eq!(planned.meetings[0].attendees, vec![attendee]);
    let topics: Vec<_> = planned.meetings[0]
        .agenda
        .iter()
        .map(|i| (i.topic.as_str(), i.raised_by.as_deref()))
        .collect();
    assert_eq!(
        topics,
        vec![
            (
                "She does not dare to speak to the class teacher.",
                Some("mentor@a.test")
            ),
            ("Homework routines", None)
        ]
    );
    let kinds = |board: &Dashboard| -> Vec<AlertKind> {
        board
            .rows
            .iter()
            .find(|r| r.pair.id == w.pair_a1)
            .unwrap()
            .alerts
            .iter()
            .map(|a| a.kind)
            .collect()
    };
    assert_eq!(kinds(&manager_board), vec![AlertKind::ChallengeOpen]);
    assert_eq!(discussed.status(), StatusCode::OK);
    assert!(kinds(&after).is_empty());
    assert_eq!(theirs.len(), 1);
    assert_eq!(
        theirs[0].outcome,
        "Go to the teacher's hour together next week."
    );
    assert!(notices.iter().any(|n| n.unread
        && matches!(&n.notice, Notice::ChallengeDiscussed { outcome, .. } if outcome.starts_with("Go to"))));
    assert!(others.is_empty());
}
