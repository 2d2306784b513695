//! Safeguarding concerns: sent from the phone's outbox with the meeting
//! logs' protocol, read only by the programme's managers and its
//! organisation's coordinators (each read recorded), acknowledged by a
//! manager, told at once by email without a detail.

use crate::helpers::*;
use app::model::*;
use reqwest::{Client, StatusCode};
use serde_json::json;

pub(crate) const WHAT_HAPPENED: &str =
    "Ioana's boy had bruises on his arms and said he is afraid to go home.";

pub(crate) fn concern_input(pair: PairId, happened: &str) -> ConcernInput {
    ConcernInput {
        pair_id: pair.to_string(),
        about: "child".into(),
        happened: happened.into(),
        done: "I stayed with them and called the manager.".into(),
        log_id: String::new(),
    }
}

/// The item a phone would send for `concern`.
pub(crate) fn concern_item(concern: ConcernInput) -> SyncItem {
    record_item::<Concern>(ConcernId::new().as_uuid(), 1, &concern)
}

pub(crate) async fn send_concerns(
    app: &TestApp,
    client: &Client,
    items: &[SyncItem],
) -> Vec<SyncOutcome> {
    app.sync_ok(client, items).await
}

pub(crate) async fn of_pair(app: &TestApp, client: &Client, pair: PairId) -> reqwest::Response {
    app.post_json(client, "/api/concerns/of_pair", json!({ "pair": pair }))
        .await
}

async fn audit_reads(app: &TestApp, concern: ConcernId) -> usize {
    app::store::audit::of_object(&app.db, "concern", &concern.to_string())
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_concern_is_stored_once_a_different_one_under_its_id_conflicts_and_a_bad_one_is_refused_with_reasons(
) {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let good = concern_item(concern_input(w.pair_a1, WHAT_HAPPENED));
    let other = SyncItem {
        id: good.id,
        ..concern_item(concern_input(w.pair_a1, "Something else"))
    };
    let empty = concern_item(ConcernInput {
        happened: " ".into(),
        about: "nobody".into(),
        ..concern_input(w.pair_a1, "")
    });
    let not_mine = concern_item(concern_input(w.pair_a3, WHAT_HAPPENED));
    let damaged = SyncItem {
        content_hash: "0".repeat(64),
        ..concern_item(concern_input(w.pair_a2, WHAT_HAPPENED))
    };

    let first = send_concerns(&app, &mentor, &[good.clone(), empty, not_mine, damaged]).await;
    let again = send_concerns(&app, &mentor, &[good.clone(), other]).await;

    assert_eq!(first[0], SyncOutcome::Stored);
    let SyncOutcome::Rejected { errors } = &first[1] else {
        panic!("expected a refusal, got {:?}", first[1]);
    };
    assert_eq!(
        errors.fields().problem(Field::Happened),
        Some(Problem::Required)
    );
    assert_eq!(
        errors.fields().problem(Field::ConcernAbout),
        Some(Problem::UnknownChoice)
    );
    assert_eq!(
        first[2],
        rejected(FieldErrors::one(Field::Pair, Problem::NotYourPair))
    );
    assert_eq!(first[3], rejected_whole(Problem::ContentDamaged));
    assert_eq!(
        again,
        vec![SyncOutcome::AlreadyStored, SyncOutcome::Conflict]
    );
    let manager = app.as_user("manager@a.test").await;
    let page: PairConcerns = json(of_pair(&app, &manager, w.pair_a1).await).await;
    assert_eq!(page.concerns.len(), 1);
    assert_eq!(page.concerns[0].happened, WHAT_HAPPENED);
}

#[tokio::test]
async fn only_the_programmes_managers_and_coordinators_read_a_concern_and_every_read_is_recorded() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let item = concern_item(concern_input(w.pair_a1, WHAT_HAPPENED));
    send_concerns(&app, &mentor, std::slice::from_ref(&item)).await;

    let mut statuses = Vec::new();
    for email in [
        "manager@a.test",
        "coordinator@a.test",
        "mentor@a.test",
        "mentor2@a.test",
        "mentee@a.test",
        "manager@b.test",
        "coordinator@b.test",
    ] {
        let client = app.as_user(email).await;
        let response = of_pair(&app, &client, w.pair_a1).await;
        let status = response.status();
        let body = response.text().await.unwrap();
        // Refused means refused: not a word of the concern.
        if status != StatusCode::OK {
            assert!(!body.contains("bruises"), "{email} read it: {body}");
        }
        statuses.push(status);
    }

    use StatusCode as S;
    assert_eq!(
        statuses,
        vec![
            S::OK,
            S::OK,
            S::FORBIDDEN,
            S::FORBIDDEN,
            S::FORBIDDEN,
            S::FORBIDDEN,
            S::FORBIDDEN
        ]
    );
    assert_eq!(audit_reads(&app, ConcernId::from_uuid(item.id)).await, 2);
    let mine: Vec<MyConcern> = json(app.post(&mentor, "/api/concerns/mine", &[]).await).await;
    assert_eq!(mine.len(), 1);
    assert!(mine[0].acknowledged_at.is_none());
}

#[tokio::test]
async fn a_manager_acknowledges_a_concern_once_records_what_was_done_and_the_mentor_sees_it_acknowledged(
) {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let item = concern_item(concern_input(w.pair_a1, WHAT_HAPPENED));
    send_concerns(&app, &mentor, std::slice::from_ref(&item)).await;
    let manager = app.as_user("manager@a.test").await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let acknowledge = async |client: &Client| {
        app.post_json(
            client,
            "/api/concerns/acknowledge",
            json!({ "concern": item.id }),
        )
        .await
    };

    let by_coordinator = acknowledge(&coordinator).await;
    let first = acknowledge(&manager).await;
    let second = acknowledge(&manager).await;
    let bad_action = app
        .post_json(
            &manager,
            "/api/concerns/action",
            json!({ "concern": item.id, "input": { "kind": "other", "details": "", "taken_on": "2999-01-01" } }),
        )
        .await;
    let action = app
        .post_json(
            &manager,
            "/api/concerns/action",
            json!({ "concern": item.id, "input": {
                "kind": "child_protection", "details": "Called the county's child protection line.",
                "taken_on": w.today.to_string()
            }}),
        )
        .await;

    assert_eq!(by_coordinator.status(), StatusCode::FORBIDDEN);
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(second.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_action.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let app::api::AppError::Invalid { errors } = json(bad_action).await else {
        panic!("field errors expected");
    };
    assert_eq!(errors.problem(Field::Details), Some(Problem::Required));
    assert_eq!(errors.problem(Field::TakenOn), Some(Problem::DateInFuture));
    assert_eq!(action.status(), StatusCode::OK);
    let page: PairConcerns = json(of_pair(&app, &manager, w.pair_a1).await).await;
    let concern = &page.concerns[0];
    assert_eq!(concern.acknowledged_by.as_deref(), Some("manager@a.test"));
    assert_eq!(concern.actions.len(), 1);
    assert_eq!(concern.actions[0].kind, ConcernActionKind::ChildProtection);
    let mine: Vec<MyConcern> = json(app.post(&mentor, "/api/concerns/mine", &[]).await).await;
    assert!(mine[0].acknowledged_at.is_some());
    // What the mentor reads of their own: never the manager's actions.
    let text = app
        .post(&mentor, "/api/concerns/mine", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(!text.contains("child protection line"));
    let notices: Vec<Notification> =
        json(app.post(&mentor, "/api/notifications/mine", &[]).await).await;
    assert!(notices.iter().any(
        |n| matches!(n.notice, Notice::ConcernAcknowledged { concern } if concern.as_uuid() == item.id)
    ));
}

#[tokio::test]
async fn a_new_concern_is_emailed_at_once_to_the_programmes_managers_and_coordinators_in_their_language_without_a_detail(
) {
    let (app, sink) = spawn_app_with_mail().await;
    let w = &app.world;
    app.execute(
        "UPDATE users SET language = 'ro' WHERE email = 'coordinator@a.test' AND created_at <> $1",
        chrono::Utc::now(),
    )
    .await;
    let mentor = app.as_user("mentor@a.test").await;
    let item = concern_item(concern_input(w.pair_a1, WHAT_HAPPENED));

    send_concerns(&app, &mentor, std::slice::from_ref(&item)).await;
    // Sent again: nothing new, no email again.
    send_concerns(&app, &mentor, std::slice::from_ref(&item)).await;
    let mails = sink.wait_for(2).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;

    let mut to: Vec<String> = sink.received().iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(to, vec!["coordinator@a.test", "manager@a.test"]);
    let english = mails.iter().find(|m| m.to == ["manager@a.test"]).unwrap();
    let romanian = mails
        .iter()
        .find(|m| m.to == ["coordinator@a.test"])
        .unwrap();
    assert_eq!(
        english.subject,
        "Parent Bridge: a safeguarding concern was raised"
    );
    assert!(
        romanian.subject.contains("îngrijorare"),
        "{}",
        romanian.subject
    );
    for mail in &mails {
        assert!(mail
            .body
            .contains(&format!("/pairs/{}/concerns", w.pair_a1)));
        for secret in [
            "bruises",
            "Ioana",
            "mentee@a.test",
            "mentor@a.test",
            "afraid",
        ] {
            assert!(
                !mail.raw.contains(secret) && !mail.body.contains(secret),
                "{secret} in {mail:?}"
            );
        }
    }
}

#[tokio::test]
async fn without_email_configured_nothing_is_queued_and_the_concern_is_still_stored() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;

    let outcome = send_concerns(
        &app,
        &mentor,
        &[concern_item(concern_input(w.pair_a1, WHAT_HAPPENED))],
    )
    .await;

    assert_eq!(outcome, vec![SyncOutcome::Stored]);
    let queued: i64 = match &app.db {
        app::store::Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM emails")
                .fetch_one(pool)
                .await
        }
        app::store::Db::Postgres(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM emails")
                .fetch_one(pool)
                .await
        }
    }
    .unwrap();
    assert_eq!(queued, 0);
}
