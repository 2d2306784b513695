//! The manager's home: every pair of their programmes with the alerts that
//! say what needs doing, each rule on dates fixed relative to today.

use crate::concerns::{concern_input, concern_item, send_concerns, WHAT_HAPPENED};
use crate::helpers::*;
use app::model::*;
use chrono::{Days, NaiveDate};
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn dashboard(app: &TestApp, client: &Client, query: DashboardQuery) -> Dashboard {
    let response = app
        .post_json(client, "/api/manager/dashboard", json!({ "query": query }))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

fn kinds_of(board: &Dashboard, pair: PairId) -> Vec<AlertKind> {
    board
        .rows
        .iter()
        .find(|r| r.pair.id == pair)
        .map(|r| r.alerts.iter().map(|a| a.kind).collect())
        .unwrap_or_else(|| panic!("pair {pair} is not on the dashboard"))
}

/// A new mentee of programme A and their pair with `mentor`.
pub(crate) async fn add_pair(
    app: &TestApp,
    mentor: &str,
    started_on: NaiveDate,
    confirmed_on: Option<NaiveDate>,
    planned_end_on: NaiveDate,
) -> PairId {
    use app::store::{pairs, users};
    let w = &app.world;
    let mentor = users::find_user_by_email(&app.db, mentor)
        .await
        .unwrap()
        .unwrap()
        .id;
    let manager = users::find_user_by_email(&app.db, "manager@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut tx = app.db.begin().await.unwrap();
    let mentee = users::create_user(
        &mut tx,
        &format!("{}@mentee.test", uuid::Uuid::new_v4()),
        "Extra mentee",
        None,
    )
    .await
    .unwrap();
    users::add_membership(&mut tx, mentee, w.programme_a, Role::Mentee)
        .await
        .unwrap();
    let pair = pairs::create(
        &mut tx,
        &pairs::NewPair {
            programme: w.programme_a,
            mentor,
            mentee,
            manager,
            started_on,
            confirmed_on,
            planned_end_on,
            mentor_candidate: None,
            mentee_candidate: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    pair
}

#[tokio::test]
async fn the_manager_sees_every_pair_of_their_programmes_with_a_concern_first_and_nothing_of_another_programme(
) {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    app.sync(&mentor, &[item(w, log_input(w, w.pair_a1, 1, "Yesterday"))])
        .await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    send_concerns(
        &app,
        &mentor2,
        &[concern_item(concern_input(w.pair_a3, WHAT_HAPPENED))],
    )
    .await;
    let manager = app.as_user("manager@a.test").await;
    let other = app.as_user("manager@b.test").await;

    let board = dashboard(&app, &manager, DashboardQuery::default()).await;
    let theirs = dashboard(&app, &other, DashboardQuery::default()).await;

    assert_eq!(board.total, 3);
    // Pairs matched 60 days ago that never met: 60 days without a meeting.
    assert!(kinds_of(&board, w.pair_a1).is_empty());
    assert_eq!(kinds_of(&board, w.pair_a2), vec![AlertKind::NoMeeting]);
    assert_eq!(
        kinds_of(&board, w.pair_a3),
        vec![AlertKind::Concern, AlertKind::NoMeeting]
    );
    assert_eq!(board.alerts[0].alert.kind, AlertKind::Concern);
    assert_eq!(board.alerts[0].pair_id, w.pair_a3);
    assert_eq!(
        board.alerts[0].link(),
        format!("/pairs/{}/concerns", w.pair_a3)
    );
    assert_eq!(board.alert_total, 3);
    assert_eq!(
        board.rows[0].pair.id, w.pair_a3,
        "the pair that needs the manager most comes first"
    );
    let a1 = board.rows.iter().find(|r| r.pair.id == w.pair_a1).unwrap();
    assert_eq!((a1.pair.meetings, a1.pair.minutes), (1, 75));
    assert_eq!(a1.pair.last_meeting_on, Some(w.today - Days::new(1)));
    // The dashboard never carries what a concern says.
    let text = app
        .post_json(&manager, "/api/manager/dashboard", json!({ "query": {} }))
        .await
        .text()
        .await
        .unwrap();
    assert!(!text.contains("bruises"));
    assert_eq!(theirs.total, 1);
    assert_eq!(theirs.rows[0].pair.id, w.pair_b);
}

#[tokio::test]
async fn no_meeting_is_an_alert_after_the_programmes_own_number_of_days() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    app.sync(
        &mentor,
        &[item(w, log_input(w, w.pair_a1, 20, "Three weeks ago"))],
    )
    .await;
    let manager = app.as_user("manager@a.test").await;

    let with_14 = dashboard(&app, &manager, DashboardQuery::default()).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let mut input = ProgrammeInput::from_settings(
        &app::store::programmes::find(&app.db, w.programme_a)
            .await
            .unwrap()
            .unwrap()
            .settings,
    );
    input.country = "Romania".into();
    input.language = "Romanian".into();
    input.quiet_days = "21".into();
    let updated = app
        .post_json(
            &coordinator,
            "/api/programmes/update",
            json!({ "id": w.programme_a, "input": input }),
        )
        .await;
    input.quiet_days = "3".into();
    let refused = app
        .post_json(
            &coordinator,
            "/api/programmes/update",
            json!({ "id": w.programme_a, "input": input }),
        )
        .await;
    let with_21 = dashboard(&app, &manager, DashboardQuery::default()).await;

    assert_eq!(kinds_of(&with_14, w.pair_a1), vec![AlertKind::NoMeeting]);
    assert_eq!(
        with_14
            .alerts
            .iter()
            .find(|l| l.pair_id == w.pair_a1)
            .unwrap()
            .alert
            .number,
        20
    );
    assert_eq!(updated.status(), StatusCode::OK);
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(kinds_of(&with_21, w.pair_a1).is_empty());
    assert_eq!(kinds_of(&with_21, w.pair_a2), vec![AlertKind::NoMeeting]);
}

#[tokio::test]
async fn a_pair_not_confirmed_after_three_weeks_and_one_past_its_end_with_its_reports_overdue_are_alerts(
) {
    let app = spawn_app().await;
    let today = app.world.today;
    let waiting = add_pair(
        &app,
        "mentor2@a.test",
        today - Days::new(21),
        None,
        today + Days::new(160),
    )
    .await;
    let fresh = add_pair(
        &app,
        "mentor2@a.test",
        today - Days::new(20),
        None,
        today + Days::new(160),
    )
    .await;
    let long = add_pair(
        &app,
        "mentor2@a.test",
        today - Days::new(200),
        Some(today - Days::new(190)),
        today - Days::new(10),
    )
    .await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    let w = &app.world;
    app.sync(&mentor2, &[item(w, log_input(w, long, 1, "Still meeting"))])
        .await;
    let manager = app.as_user("manager@a.test").await;

    let board = dashboard(&app, &manager, DashboardQuery::default()).await;

    assert_eq!(kinds_of(&board, waiting), vec![AlertKind::NotConfirmed]);
    assert!(kinds_of(&board, fresh).is_empty());
    assert_eq!(
        kinds_of(&board, long),
        vec![
            AlertKind::ReportOverdue,
            AlertKind::ReportOverdue,
            AlertKind::PastPlannedEnd
        ]
    );
    let overdue: Vec<_> = board
        .rows
        .iter()
        .find(|r| r.pair.id == long)
        .unwrap()
        .alerts
        .iter()
        .filter_map(|a| a.report.clone())
        .collect();
    assert_eq!(
        overdue,
        vec![
            (
                ReportKind::Midterm,
                vec![Respondent::Mentor, Respondent::Mentee]
            ),
            (
                ReportKind::Final,
                vec![Respondent::Mentor, Respondent::Mentee]
            ),
        ]
    );
}

#[tokio::test]
async fn the_pairs_are_filtered_sorted_and_cut_into_pages_by_the_query() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    app.sync(&mentor, &[item(w, log_input(w, w.pair_a1, 2, "Recent"))])
        .await;
    let manager = app.as_user("manager@a.test").await;

    let alerts_only = dashboard(
        &app,
        &manager,
        DashboardQuery {
            alerts_only: true,
            ..Default::default()
        },
    )
    .await;
    let by_name = dashboard(
        &app,
        &manager,
        DashboardQuery {
            search: "MENTEE3".into(),
            ..Default::default()
        },
    )
    .await;
    let ended = dashboard(
        &app,
        &manager,
        DashboardQuery {
            status: "ended".into(),
            ..Default::default()
        },
    )
    .await;

    assert_eq!((alerts_only.matching, alerts_only.total), (2, 3));
    assert!(alerts_only.rows.iter().all(|r| r.pair.id != w.pair_a1));
    assert_eq!(by_name.rows.len(), 1);
    assert_eq!(by_name.rows[0].pair.id, w.pair_a3);
    assert_eq!((ended.matching, ended.pages), (0, 1));
}

#[tokio::test]
async fn the_managers_home_is_rendered_on_the_server_with_the_alerts_and_the_pairs() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;

    let response = manager.get(app.url("/manager")).send().await.unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains("no meeting logged for 60 days"), "{html}");
    assert_eq!(html.matches("data-testid=\"pair-row\"").count(), 3);
    assert!(html.contains("mentee3@a.test"));
}
