//! Correcting the office's records: a training, a check-in and a group
//! meeting corrected and removed, a line of the school plan removed, a
//! pair's manager and planned end changed with a reason; each by who may
//! only, each in the audit trail, nothing half done.

use crate::helpers::*;
use crate::recruitment::{matching_page, problems};
use app::api::training::TrainingData;
use app::model::*;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

async fn trail(app: &TestApp, object: &str) -> Vec<String> {
    app::store::audit::of_object(&app.db, "record", object)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

async fn remove(app: &TestApp, client: &Client, record: OfficeRecord) -> reqwest::Response {
    app.post_json(client, "/api/office/remove", json!({ "record": record }))
        .await
}

async fn training_page(app: &TestApp, client: &Client) -> TrainingData {
    let programme = app.world.programme_a.to_string();
    json(
        app.post(client, "/api/training/page", &[("programme", &programme)])
            .await,
    )
    .await
}

async fn save_training(
    app: &TestApp,
    client: &Client,
    id: Option<TrainingId>,
    input: Value,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/training/save",
        json!({ "programme": app.world.programme_a, "training": id, "input": input }),
    )
    .await
}

async fn user_id(app: &TestApp, email: &str) -> UserId {
    app::store::users::find_user_by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn a_training_is_corrected_and_removed_with_its_attendance_by_its_manager_only() {
    let app = spawn_app().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let mentor: CandidateId = json(
        app.post_json(
            &manager,
            "/api/recruitment/save",
            json!({ "programme": w.programme_a, "id": null, "input": RegistrationInput {
                kind: "mentor".into(), name: "Ana Pop".into(), consent: "yes".into(),
                consent_on: w.today.to_string(), consent_how: "paper".into(),
                ..RegistrationInput::default()
            }}),
        )
        .await,
    )
    .await;
    let held = w.today.pred_opt().unwrap();
    let id: TrainingId = json(
        save_training(
            &app,
            &manager,
            None,
            json!({ "held_on": held.to_string(), "format": "online", "topic": "Roles" }),
        )
        .await,
    )
    .await;
    let attended = app
        .post_json(
            &manager,
            "/api/training/attendance",
            json!({ "training": id, "attended": [mentor] }),
        )
        .await;
    assert_eq!(attended.status(), StatusCode::OK);
    let other_manager = app.as_user("manager@b.test").await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let wrong = save_training(
        &app,
        &manager,
        Some(id),
        json!({ "held_on": "not a date", "format": "online", "topic": "" }),
    )
    .await;
    let elsewhere = save_training(
        &app,
        &other_manager,
        Some(id),
        json!({ "held_on": held.to_string(), "format": "online", "topic": "Theirs" }),
    )
    .await;
    let corrected = save_training(
        &app,
        &manager,
        Some(id),
        json!({ "held_on": (held - chrono::Days::new(1)).to_string(), "format": "face_to_face", "topic": "Roles and boundaries" }),
    )
    .await;
    let page = training_page(&app, &manager).await;
    let not_theirs = remove(&app, &other_manager, OfficeRecord::Training(id)).await;
    let not_the_coordinators = remove(&app, &coordinator, OfficeRecord::Training(id)).await;
    let removed = remove(&app, &manager, OfficeRecord::Training(id)).await;
    let twice = remove(&app, &manager, OfficeRecord::Training(id)).await;
    let after = training_page(&app, &manager).await;

    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = problems(json(wrong).await);
    assert_eq!(errors.problem(Field::HeldOn), Some(Problem::NotADate));
    assert_eq!(errors.problem(Field::Topic), Some(Problem::Required));
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    assert_eq!(corrected.status(), StatusCode::OK);
    assert_eq!(page.trainings.len(), 1);
    let training = &page.trainings[0];
    assert_eq!(training.session.topic, "Roles and boundaries");
    assert_eq!(training.session.format, TrainingFormat::FaceToFace);
    assert_eq!(training.session.held_on, held - chrono::Days::new(1));
    assert_eq!(training.attended, vec![mentor], "who attended stays");
    assert_eq!(not_theirs.status(), StatusCode::FORBIDDEN);
    assert_eq!(not_the_coordinators.status(), StatusCode::FORBIDDEN);
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(
        twice.status(),
        StatusCode::FORBIDDEN,
        "nothing is left to remove"
    );
    assert!(after.trainings.is_empty());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM training_attendance").await,
        0
    );
    assert_eq!(
        trail(&app, &format!("training/{id}")).await,
        ["changed_record", "removed_record"]
    );
}

#[tokio::test]
async fn a_check_in_is_corrected_and_removed_and_a_group_meeting_goes_with_its_agenda_unless_discussed(
) {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let challenge = |description: &str, text: &str| {
        item(
            w,
            MeetingLogInput {
                challenge: "yes".into(),
                challenge_text: text.into(),
                ..log_input(w, w.pair_a1, 3, description)
            },
        )
    };
    let (first, second) = (
        challenge("We read the letter.", "The letter was hard to read."),
        challenge("We went to school.", "The teacher had no time."),
    );
    app.sync_ok(&mentor, &[first.clone(), second.clone()]).await;
    let manager = app.as_user("manager@a.test").await;
    let other_manager = app.as_user("manager@b.test").await;
    let mentor_id = user_id(&app, "mentor@a.test").await;
    let mentor2_id = user_id(&app, "mentor2@a.test").await;
    let check_in = |id: Option<CheckInId>, mentor: UserId, notes: &str| {
        json!({ "programme": w.programme_a, "check_in": id, "input": {
            "mentor": mentor, "held_on": w.today.to_string(), "notes": notes
        }})
    };
    let logged = app
        .post_json(
            &manager,
            "/api/supervision/check-in",
            check_in(None, mentor_id, "Called Elena."),
        )
        .await;
    assert_eq!(logged.status(), StatusCode::OK);
    let page = async |client: &Client| -> Supervision {
        json(
            app.post_json(
                client,
                "/api/supervision/get",
                json!({ "programme": w.programme_a }),
            )
            .await,
        )
        .await
    };
    let id = page(&manager).await.check_ins[0].id;
    let meeting = async |held: &str| -> GroupMeetingId {
        json(
            app.post_json(
                &manager,
                "/api/supervision/meeting",
                json!({ "programme": w.programme_a, "meeting": null, "input": { "held_on": held, "attendees": [mentor_id] } }),
            )
            .await,
        )
        .await
    };
    let (kept, removable) = (
        meeting(&w.today.to_string()).await,
        meeting(&w.today.to_string()).await,
    );
    for (on, log) in [(kept, &first), (removable, &second)] {
        let added = app
            .post_json(
                &manager,
                "/api/supervision/agenda",
                json!({ "meeting": on, "input": { "challenges": [log.id] } }),
            )
            .await;
        assert_eq!(added.status(), StatusCode::OK);
    }
    let item = page(&manager)
        .await
        .meetings
        .iter()
        .find(|m| m.id == kept)
        .unwrap()
        .agenda[0]
        .id;
    let discussed = app
        .post_json(
            &manager,
            "/api/supervision/discussed",
            json!({ "item": item, "input": { "outcome": "Read it together." } }),
        )
        .await;
    assert_eq!(discussed.status(), StatusCode::OK);

    let empty_notes = app
        .post_json(
            &manager,
            "/api/supervision/check-in",
            check_in(Some(id), mentor_id, ""),
        )
        .await;
    let elsewhere = app
        .post_json(
            &other_manager,
            "/api/supervision/check-in",
            check_in(Some(id), mentor_id, "Theirs."),
        )
        .await;
    let corrected = app
        .post_json(
            &manager,
            "/api/supervision/check-in",
            check_in(Some(id), mentor2_id, "Called Maria, not Elena."),
        )
        .await;
    let after_correction = page(&manager).await;
    let check_in_removed = remove(&app, &manager, OfficeRecord::CheckIn(id)).await;
    let discussed_refused = remove(&app, &manager, OfficeRecord::GroupMeeting(kept)).await;
    let not_theirs = remove(&app, &other_manager, OfficeRecord::GroupMeeting(removable)).await;
    let meeting_removed = remove(&app, &manager, OfficeRecord::GroupMeeting(removable)).await;
    let after = page(&manager).await;

    assert_eq!(empty_notes.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    assert_eq!(corrected.status(), StatusCode::OK);
    assert_eq!(after_correction.check_ins.len(), 1);
    assert_eq!(after_correction.check_ins[0].mentor_id, mentor2_id);
    assert_eq!(
        after_correction.check_ins[0].notes,
        "Called Maria, not Elena."
    );
    assert_eq!(check_in_removed.status(), StatusCode::OK);
    assert!(after.check_ins.is_empty());
    assert_eq!(discussed_refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json(discussed_refused).await).problem(Field::Challenge),
        Some(Problem::HasDiscussedItems)
    );
    assert_eq!(not_theirs.status(), StatusCode::FORBIDDEN);
    assert_eq!(meeting_removed.status(), StatusCode::OK);
    let meetings: Vec<GroupMeetingId> = after.meetings.iter().map(|m| m.id).collect();
    assert_eq!(meetings, vec![kept], "the discussed meeting stays whole");
    assert_eq!(after.meetings[0].agenda.len(), 1);
    let proposed: Vec<&str> = after
        .proposed
        .iter()
        .map(|p| p.challenge.as_str())
        .collect();
    assert_eq!(
        proposed,
        ["The teacher had no time."],
        "its challenge is proposed again"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM group_meeting_attendees")
            .await,
        1
    );
    assert_eq!(
        trail(&app, &format!("check_in/{id}")).await,
        ["changed_record", "removed_record"]
    );
    assert_eq!(
        trail(&app, &format!("group_meeting/{removable}")).await,
        ["removed_record"]
    );
    assert!(trail(&app, &format!("group_meeting/{kept}"))
        .await
        .is_empty());
}

#[tokio::test]
async fn a_line_of_the_school_plan_is_removed_by_the_programmes_coordinator_or_manager() {
    let app = spawn_app().await;
    let programme = app.world.programme_a;
    let manager = app.as_user("manager@a.test").await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let saved = app
        .post_json(
            &manager,
            "/api/programmes/measure",
            json!({ "programme": programme, "input": { "measure": 7, "state": "planned", "owner": "Tutors" } }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let page = async || -> app::api::programmes::ProgrammePage {
        json(
            app.post(
                &manager,
                "/api/programmes/get",
                &[("id", &programme.to_string())],
            )
            .await,
        )
        .await
    };

    let other = remove(
        &app,
        &app.as_user("manager@b.test").await,
        OfficeRecord::Measure(programme, 7),
    )
    .await;
    let mentor = remove(
        &app,
        &app.as_user("mentor@a.test").await,
        OfficeRecord::Measure(programme, 7),
    )
    .await;
    let out_of_range = remove(&app, &coordinator, OfficeRecord::Measure(programme, 16)).await;
    let removed = remove(&app, &coordinator, OfficeRecord::Measure(programme, 7)).await;
    let twice = remove(&app, &coordinator, OfficeRecord::Measure(programme, 7)).await;

    assert_eq!(other.status(), StatusCode::FORBIDDEN);
    assert_eq!(mentor.status(), StatusCode::FORBIDDEN);
    assert_eq!(out_of_range.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(twice.status(), StatusCode::NOT_FOUND);
    assert!(page().await.plan.is_empty());
    assert_eq!(
        trail(&app, &format!("measure/{programme}/7")).await,
        ["removed_record"]
    );
}

#[tokio::test]
async fn a_pairs_manager_and_planned_end_change_with_a_reason_that_its_history_keeps_until_erased()
{
    let app = spawn_app().await;
    let w = &app.world;
    let pair = w.pair_a1;
    let second = app
        .add_user("manager2@a.test", &[(w.programme_a, Role::Manager)])
        .await;
    let first = user_id(&app, "manager@a.test").await;
    let outsider = user_id(&app, "manager@b.test").await;
    let manager = app.as_user("manager@a.test").await;
    let before = crate::recruitment::matching_page(&app, &manager).await;
    let row = |page: &app::api::matching::MatchingData| {
        page.pairs.iter().find(|p| p.id == pair).cloned().unwrap()
    };
    let planned = row(&before).planned_end_on.unwrap();
    let started = row(&before).started_on;
    let change = async |client: &Client, manager: UserId, end: String, reason: &str| {
        app.post_json(
            client,
            "/api/office/pair",
            json!({ "pair": pair, "input": { "manager": manager, "planned_end_on": end, "reason": reason } }),
        )
        .await
    };
    let later = (planned + chrono::Days::new(60)).to_string();

    let nothing = change(&manager, first, planned.to_string(), "No change.").await;
    let wrong = change(
        &manager,
        first,
        (started - chrono::Days::new(1)).to_string(),
        "",
    )
    .await;
    let not_of_the_programme = change(&manager, outsider, later.clone(), "Swap.").await;
    let coordinator = change(
        &app.as_user("coordinator@a.test").await,
        second,
        later.clone(),
        "Mine.",
    )
    .await;
    let other = change(
        &app.as_user("manager@b.test").await,
        outsider,
        later.clone(),
        "Mine.",
    )
    .await;
    let mentor = change(
        &app.as_user("mentor@a.test").await,
        first,
        later.clone(),
        "Longer please.",
    )
    .await;
    let unchanged = row(&matching_page(&app, &manager).await);
    let changed = change(
        &manager,
        second,
        later.clone(),
        "Ioana is on leave; the family moved in May.",
    )
    .await;
    let after = row(&matching_page(&app, &manager).await);

    assert_eq!(nothing.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json(nothing).await).problem(Field::PlannedEnd),
        Some(Problem::NothingChanged)
    );
    let errors = problems(json(wrong).await);
    assert_eq!(
        errors.problem(Field::PlannedEnd),
        Some(Problem::EndBeforeStart)
    );
    assert_eq!(errors.problem(Field::Reason), Some(Problem::Required));
    assert_eq!(
        not_of_the_programme.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        problems(json(not_of_the_programme).await).problem(Field::Manager),
        Some(Problem::UnknownChoice)
    );
    for refused in [coordinator, other, mentor] {
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        (unchanged.manager.0, unchanged.planned_end_on),
        (first, Some(planned))
    );
    assert!(unchanged.changes.is_empty());
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(after.manager, (second, "manager2@a.test".to_string()));
    assert_eq!(after.planned_end_on, Some(planned + chrono::Days::new(60)));
    assert_eq!(after.changes.len(), 1);
    let history = &after.changes[0];
    assert_eq!(
        history.manager,
        Some(("manager@a.test".to_string(), "manager2@a.test".to_string()))
    );
    assert_eq!(
        history.planned_end,
        Some((Some(planned), planned + chrono::Days::new(60)))
    );
    assert_eq!(history.changed_by, "manager@a.test");
    assert_eq!(
        history.reason,
        "Ioana is on leave; the family moved in May."
    );
    assert_eq!(
        trail(&app, &format!("pair/{pair}")).await,
        ["changed_record"]
    );

    // The reason may name the family: it goes with the pair's mentee.
    let mentee = PersonRef::User(user_id(&app, "mentee@a.test").await);
    let erased = app
        .post_json(
            &app.as_user("coordinator@a.test").await,
            "/api/privacy/erase",
            json!({ "person": mentee.to_string() }),
        )
        .await;
    assert_eq!(erased.status(), StatusCode::OK);
    let kept = row(&matching_page(&app, &manager).await);
    assert_eq!(kept.changes[0].reason, "—");
    assert_eq!(
        kept.changes[0].planned_end, history.planned_end,
        "the dates stay"
    );
}

#[tokio::test]
async fn an_ended_pair_keeps_its_manager_and_planned_end() {
    let app = spawn_app().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let closed = app
        .post_json(
            &manager,
            "/api/journey/close",
            json!({ "pair": w.pair_a2, "input": { "outcome": "completed", "ended_on": w.today.to_string() } }),
        )
        .await;
    assert_eq!(closed.status(), StatusCode::OK);
    let first = user_id(&app, "manager@a.test").await;

    let moved = app
        .post_json(
            &manager,
            "/api/office/pair",
            json!({ "pair": w.pair_a2, "input": {
                "manager": first, "planned_end_on": (w.today + chrono::Days::new(30)).to_string(), "reason": "Longer."
            }}),
        )
        .await;

    assert_eq!(moved.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json(moved).await).problem(Field::Pair),
        Some(Problem::PairEnded)
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM pair_changes").await, 0);
}
