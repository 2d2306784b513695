//! Trainings and group meetings have a start, a length and a place, and
//! each is a calendar file for the programme's office (never for anyone
//! else).

use crate::helpers::*;
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn ics(app: &TestApp, client: &Client, kind: &str, id: &str) -> reqwest::Response {
    client
        .get(app.url(&format!("/api/calendar/event?kind={kind}&id={id}")))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_training_with_its_time_length_and_place_is_a_calendar_file_for_its_office_only() {
    let app = spawn_app().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let save = async |input: serde_json::Value| {
        app.post_json(
            &manager,
            "/api/training/save",
            json!({ "programme": w.programme_a, "input": input }),
        )
        .await
    };
    let wrong = save(json!({
        "held_on": "2027-01-10", "format": "face_to_face", "topic": "Roles",
        "starts_at": "5 pm", "minutes": "5", "place": ""
    }))
    .await;
    let saved = save(json!({
        "held_on": "2027-01-10", "format": "face_to_face", "topic": "Roles, boundaries",
        "starts_at": "17:30", "minutes": "90", "place": "The school library"
    }))
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let id: String = json(saved).await;

    let file = ics(&app, &manager, "training", &id).await;
    let status = file.status();
    let content_type = file.headers()["content-type"].to_str().unwrap().to_string();
    let text = file.text().await.unwrap();
    let coordinator = ics(
        &app,
        &app.as_user("coordinator@a.test").await,
        "training",
        &id,
    )
    .await;
    let other = ics(&app, &app.as_user("manager@b.test").await, "training", &id).await;
    let mentor = ics(&app, &app.as_user("mentor@a.test").await, "training", &id).await;
    let anonymous = ics(&app, &client(), "training", &id).await;
    let unknown = ics(
        &app,
        &manager,
        "training",
        &uuid::Uuid::new_v4().to_string(),
    )
    .await;
    let no_kind = ics(&app, &manager, "party", &id).await;

    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let app::api::AppError::Invalid { errors } = json(wrong).await else {
        panic!("field errors expected")
    };
    assert_eq!(
        errors.problem(app::model::Field::StartsAt),
        Some(app::model::Problem::NotATime)
    );
    assert_eq!(
        errors.problem(app::model::Field::Length),
        Some(app::model::Problem::OutOfRange)
    );
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/calendar"), "{content_type}");
    assert!(
        text.contains("\r\nDTSTART:20270110T173000\r\nDTEND:20270110T190000\r\n"),
        "{text}"
    );
    assert!(
        text.contains("\r\nSUMMARY:Mentor training: Roles\\, boundaries\r\n"),
        "{text}"
    );
    assert!(
        text.contains("\r\nLOCATION:The school library\r\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("\r\nUID:training-{id}@parent-bridge\r\n")),
        "{text}"
    );
    assert_eq!(coordinator.status(), StatusCode::OK);
    assert_eq!(other.status(), StatusCode::FORBIDDEN);
    assert_eq!(mentor.status(), StatusCode::FORBIDDEN);
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(no_kind.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_group_meeting_keeps_its_schedule_when_corrected_and_without_a_time_is_a_whole_day() {
    let app = spawn_app().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let meeting = |id: Option<&str>, schedule: serde_json::Value| {
        let mut input = json!({ "held_on": "2027-02-03", "attendees": [] });
        input
            .as_object_mut()
            .unwrap()
            .extend(schedule.as_object().unwrap().clone());
        json!({ "programme": w.programme_a, "meeting": id, "input": input })
    };
    let id: String = json(
        app.post_json(
            &manager,
            "/api/supervision/meeting",
            meeting(None, json!({ "place": "Community centre" })),
        )
        .await,
    )
    .await;
    let whole_day = ics(&app, &manager, "group_meeting", &id)
        .await
        .text()
        .await
        .unwrap();
    let corrected = app
        .post_json(
            &manager,
            "/api/supervision/meeting",
            meeting(
                Some(&id),
                json!({ "starts_at": "09:00", "minutes": "60", "place": "School hall" }),
            ),
        )
        .await;
    assert_eq!(corrected.status(), StatusCode::OK);
    let page: app::model::Supervision = json(
        app.post_json(
            &manager,
            "/api/supervision/get",
            json!({ "programme": w.programme_a }),
        )
        .await,
    )
    .await;
    let timed = ics(&app, &manager, "group_meeting", &id)
        .await
        .text()
        .await
        .unwrap();

    assert!(
        whole_day.contains("\r\nDTSTART;VALUE=DATE:20270203\r\nDTEND;VALUE=DATE:20270204\r\n"),
        "{whole_day}"
    );
    assert!(whole_day.contains("\r\nLOCATION:Community centre\r\n"));
    let schedule = &page.meetings[0].schedule;
    assert_eq!(schedule.starts_at, chrono::NaiveTime::from_hms_opt(9, 0, 0));
    assert_eq!(schedule.minutes, Some(60));
    assert_eq!(schedule.place, "School hall");
    assert!(
        timed.contains("\r\nDTSTART:20270203T090000\r\nDTEND:20270203T100000\r\n"),
        "{timed}"
    );
    assert!(timed.contains("\r\nSUMMARY:Group meeting of the mentors\r\n"));
}
