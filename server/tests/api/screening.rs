//! Mentor screening: the checks a programme requires before a mentor meets
//! a family, recorded per mentor candidate, with expiry; matching waits for
//! them.

use crate::helpers::*;
use crate::recruitment::{accept, confirm, matchable, matching_page, mentor_form, register};
use app::api::screening::ScreeningOfCandidate;
use app::model::*;
use chrono::{Days, Months};
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn add_requirement(
    app: &TestApp,
    client: &Client,
    kind: CheckKind,
    months: &str,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/screening/add_requirement",
        json!({ "programme": app.world.programme_a, "input": {
            "kind": kind.key(), "label": "", "validity_months": months
        }}),
    )
    .await
}

async fn requirement(app: &TestApp, kind: CheckKind, months: &str) -> ScreeningRequirementId {
    let coordinator = app.as_user("coordinator@a.test").await;
    let response = add_requirement(app, &coordinator, kind, months).await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

async fn record(
    app: &TestApp,
    client: &Client,
    candidate: CandidateId,
    requirement: ScreeningRequirementId,
    state: CheckState,
    date: chrono::NaiveDate,
    waived_reason: &str,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/screening/record",
        json!({ "candidate": candidate, "requirement": requirement, "input": {
            "state": state.key(), "date": date.to_string(), "note": "",
            "reference_number": "CR-2026-114", "waived_reason": waived_reason
        }}),
    )
    .await
}

async fn screening(app: &TestApp, client: &Client, candidate: CandidateId) -> ScreeningOfCandidate {
    let response = app
        .post_json(
            client,
            "/api/screening/of_candidate",
            json!({ "candidate": candidate }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

#[tokio::test]
async fn matching_is_refused_while_a_required_check_is_missing_and_allowed_once_passed_or_waived() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;
    let interview = requirement(&app, CheckKind::Interview, "").await;
    let background = requirement(&app, CheckKind::BackgroundCheck, "12").await;
    let today = app.world.today;
    record(
        &app,
        &manager,
        m.mentor_ro,
        interview,
        CheckState::Passed,
        today,
        "",
    )
    .await;

    let refused = confirm(&app, &manager, &[(m.mentee_ro, m.mentor_ro)]).await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .text()
        .await
        .unwrap()
        .contains("screening_incomplete"));
    let page = matching_page(&app, &manager).await;
    let (_, missing) = page
        .not_ready
        .iter()
        .find(|(id, _)| *id == m.mentor_ro)
        .unwrap();
    assert_eq!(
        missing.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![background]
    );
    assert_eq!(app.stored_pairs().await, 4, "nothing was matched");

    let waived = record(
        &app,
        &manager,
        m.mentor_ro,
        background,
        CheckState::Waived,
        today,
        "Checked by the school as its own teacher this year",
    )
    .await;
    assert_eq!(waived.status(), StatusCode::OK);
    let allowed = confirm(&app, &manager, &[(m.mentee_ro, m.mentor_ro)]).await;
    assert_eq!(allowed.status(), StatusCode::OK);
    assert_eq!(app.stored_pairs().await, 5);
}

#[tokio::test]
async fn a_check_expires_its_validity_after_it_passed_is_flagged_30_days_ahead_and_then_blocks_matching(
) {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;
    let background = requirement(&app, CheckKind::BackgroundCheck, "12").await;
    let today = app.world.today;
    let expiring_on = today - Months::new(12) + Days::new(20);
    record(
        &app,
        &manager,
        m.mentor_hu,
        background,
        CheckState::Passed,
        expiring_on,
        "",
    )
    .await;
    let expired_on = today - Months::new(12) - Days::new(1);
    record(
        &app,
        &manager,
        m.mentor_ro,
        background,
        CheckState::Passed,
        expired_on,
        "",
    )
    .await;

    let hu = screening(&app, &manager, m.mentor_hu).await;
    let ro = screening(&app, &manager, m.mentor_ro).await;
    let notices: Vec<Notification> =
        json(app.post(&manager, "/api/notifications/mine", &[]).await).await;

    // Both are in the manager's reminders, expired first, each read of a
    // mentor's checks in the audit trail.
    let reminded: Vec<CandidateId> = notices
        .iter()
        .filter_map(|n| match &n.notice {
            Notice::Screening { alert } => Some(alert.candidate),
            _ => None,
        })
        .collect();
    assert_eq!(reminded, vec![m.mentor_ro, m.mentor_hu]);
    let reads = app::store::audit::of_object(&app.db, "candidate", &m.mentor_hu.to_string())
        .await
        .unwrap();
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].action, "read_screening");
    assert_eq!(
        hu.items[0].status,
        CheckStatus::Expiring {
            expires_on: expiring_on + Months::new(12)
        }
    );
    assert_eq!(
        ro.items[0].status,
        CheckStatus::Expired {
            expired_on: expired_on + Months::new(12)
        }
    );
    assert_eq!(
        hu.items[0].check.as_ref().unwrap().reference_number,
        "CR-2026-114"
    );
    assert_eq!(
        confirm(&app, &manager, &[(m.mentee_ro, m.mentor_ro)])
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        confirm(&app, &manager, &[(m.mentee_hu, m.mentor_hu)])
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn bad_check_input_gets_field_errors_and_nothing_is_stored() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let mentor = register(&app, &manager, &mentor_form("Radu", "Romanian", "Centre")).await;
    accept(&app, &manager, mentor).await;
    let background = requirement(&app, CheckKind::BackgroundCheck, "12").await;
    let today = app.world.today;

    let no_reason = record(
        &app,
        &manager,
        mentor,
        background,
        CheckState::Waived,
        today,
        " ",
    )
    .await;
    let future = record(
        &app,
        &manager,
        mentor,
        background,
        CheckState::Passed,
        today + Days::new(2),
        "",
    )
    .await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let bad_requirement = add_requirement(&app, &coordinator, CheckKind::Other, "x").await;

    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.text().await.unwrap().contains("waived_reason"));
    assert_eq!(future.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(future.text().await.unwrap().contains("date_in_future"));
    assert_eq!(bad_requirement.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad_requirement.text().await.unwrap();
    assert!(
        body.contains("check_label") && body.contains("validity_months"),
        "{body}"
    );
    assert_eq!(screening(&app, &manager, mentor).await.items[0].check, None);
}

#[tokio::test]
async fn only_the_coordinator_sets_the_checks_only_managers_record_them_and_the_mentor_reads_their_own(
) {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let candidate = register(
        &app,
        &manager,
        &mentor_form("Mentor A", "Romanian", "Centre"),
    )
    .await;
    let user = app::store::users::find_user_by_email(&app.db, "mentor@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut tx = app.db.begin().await.unwrap();
    app::store::recruitment::link_user(&mut tx, candidate, user)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let interview = requirement(&app, CheckKind::Interview, "").await;
    let mentor = app.as_user("mentor@a.test").await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let other_manager = app.as_user("manager@b.test").await;

    let by_manager = add_requirement(&app, &manager, CheckKind::Training, "").await;
    let by_coordinator = record(
        &app,
        &coordinator,
        candidate,
        interview,
        CheckState::Passed,
        app.world.today,
        "",
    )
    .await;
    let by_outsider = app
        .post_json(
            &other_manager,
            "/api/screening/of_candidate",
            json!({ "candidate": candidate }),
        )
        .await;
    let by_mentor = app
        .post_json(
            &mentor,
            "/api/screening/of_candidate",
            json!({ "candidate": candidate }),
        )
        .await;
    record(
        &app,
        &manager,
        candidate,
        interview,
        CheckState::Requested,
        app.world.today,
        "",
    )
    .await;
    let mine: Vec<(String, Vec<ScreeningItem>)> =
        json(app.post(&mentor, "/api/screening/mine", &[]).await).await;

    assert_eq!(by_manager.status(), StatusCode::FORBIDDEN);
    assert_eq!(by_coordinator.status(), StatusCode::FORBIDDEN);
    assert_eq!(by_outsider.status(), StatusCode::FORBIDDEN);
    assert_eq!(by_mentor.status(), StatusCode::FORBIDDEN);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].1[0].status, CheckStatus::Missing);
    assert_eq!(
        mine[0].1[0].check.as_ref().map(|c| c.state),
        Some(CheckState::Requested)
    );
}

#[tokio::test]
async fn a_new_programme_starts_with_the_suggested_checks() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let organisation = app::store::programmes::find(&app.db, app.world.programme_a)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let input = ProgrammeInput {
        name: "Autumn cohort".into(),
        country: "Romania".into(),
        language: "Romanian".into(),
        ..ProgrammeInput::defaults(app.world.today)
    };

    let created = app
        .post_json(
            &coordinator,
            "/api/programmes/create",
            json!({ "organisation": organisation, "input": input }),
        )
        .await;

    assert_eq!(created.status(), StatusCode::OK);
    let programme: ProgrammeId = json(created).await;
    let required: Vec<RequirementView> = json(
        app.post_json(
            &coordinator,
            "/api/screening/requirements",
            json!({ "programme": programme }),
        )
        .await,
    )
    .await;
    assert_eq!(
        required
            .iter()
            .map(|r| (r.kind, r.expires()))
            .collect::<Vec<_>>(),
        vec![
            (CheckKind::Interview, None),
            (CheckKind::References, None),
            (CheckKind::BackgroundCheck, Some(36)),
            (CheckKind::Confidentiality, None),
            (CheckKind::CodeOfConduct, None),
            (CheckKind::Training, None),
        ]
    );
}

async fn save_referee(
    app: &TestApp,
    client: &Client,
    candidate: CandidateId,
    id: Option<RefereeId>,
    input: serde_json::Value,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/screening/save_referee",
        json!({ "candidate": candidate, "id": id, "input": input }),
    )
    .await
}

#[tokio::test]
async fn a_manager_records_who_gives_a_reference_then_their_answer_and_the_mentor_never_reads_it() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let candidate = register(
        &app,
        &manager,
        &mentor_form("Mentor A", "Romanian", "Centre"),
    )
    .await;
    let user = app::store::users::find_user_by_email(&app.db, "mentor@a.test")
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut tx = app.db.begin().await.unwrap();
    app::store::recruitment::link_user(&mut tx, candidate, user)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let references = requirement(&app, CheckKind::References, "").await;
    let today = app.world.today;
    let added = save_referee(
        &app,
        &manager,
        candidate,
        None,
        json!({ "name": "Ana Pop", "contact": "0722 000 111" }),
    )
    .await;
    assert_eq!(added.status(), StatusCode::OK);
    let id: RefereeId = json(added).await;
    app.post_json(
        &manager,
        "/api/screening/record",
        json!({ "candidate": candidate, "requirement": references, "input": {
            "state": "passed", "date": today.to_string(), "note": "Both referees spoke warmly of her"
        }}),
    )
    .await;

    let answered = save_referee(
        &app,
        &manager,
        candidate,
        Some(id),
        json!({ "name": "Ana Pop", "contact": "0722 000 111",
                "asked_on": today.to_string(), "answer": "Knows her from the parents' council; warmly recommends her." }),
    )
    .await;
    let no_date = save_referee(
        &app,
        &manager,
        candidate,
        None,
        json!({ "name": "", "contact": "x", "answer": "Yes" }),
    )
    .await;
    let not_theirs = save_referee(
        &app,
        &manager,
        candidate,
        Some(RefereeId::new()),
        json!({ "name": "Ion", "contact": "x" }),
    )
    .await;

    assert_eq!(answered.status(), StatusCode::OK);
    assert_eq!(json::<RefereeId>(answered).await, id);
    assert_eq!(no_date.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = no_date.text().await.unwrap();
    assert!(
        body.contains("referee_name") && body.contains("asked_on"),
        "{body}"
    );
    assert_eq!(not_theirs.status(), StatusCode::NOT_FOUND);
    let read = screening(&app, &manager, candidate).await;
    assert_eq!(read.referees.len(), 1, "a refused reference stored nothing");
    assert_eq!(read.referees[0].asked_on, Some(today));
    assert_eq!(
        read.referees[0].answer,
        "Knows her from the parents' council; warmly recommends her."
    );
    let mentor = app.as_user("mentor@a.test").await;
    let mine = app
        .post(&mentor, "/api/screening/mine", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(mine.contains("passed"), "{mine}");
    assert!(
        !mine.contains("warmly") && !mine.contains("Ana Pop"),
        "{mine}"
    );
}
