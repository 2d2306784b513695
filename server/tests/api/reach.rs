//! How to reach a person: a phone number and the way they prefer, kept
//! with their registration (with their consent). The programme's managers
//! and the pair's mentor see it; the organisation's coordinator, another
//! mentor and the mentee's others do not. Exported and erased with them.

use crate::helpers::*;
use crate::recruitment::{
    board, candidate, confirm, join, matchable, mentee_form, problems, register, save, Matchable,
};
use app::api::AppError;
use app::model::*;
use reqwest::{Client, StatusCode};
use serde_json::json;

fn reachable(phone: &str, way: &str) -> RegistrationInput {
    RegistrationInput {
        languages: "Romanian".into(),
        area: "Centre".into(),
        phone: phone.into(),
        contact_way: way.into(),
        ..mentee_form("Rodica")
    }
}

async fn pairs_of(app: &TestApp, mentor: &Client) -> Vec<PairSummary> {
    json(app.post(mentor, "/api/mentor/pairs", &[]).await).await
}

/// Radu mentors Rodica, and both have accepted their invitations: the
/// mentor's client.
async fn pair_with_accounts(app: &TestApp, manager: &Client, m: &Matchable) -> Client {
    confirm(app, manager, &[(m.mentee_ro, m.mentor_ro)]).await;
    let (_, mentor) = join(
        app,
        manager,
        Role::Mentor,
        m.mentor_ro,
        "Radu",
        "radu@a.test",
    )
    .await;
    join(
        app,
        manager,
        Role::Mentee,
        m.mentee_ro,
        "Rodica",
        "rodica@a.test",
    )
    .await;
    mentor
}

#[tokio::test]
async fn the_pairs_mentor_sees_how_to_reach_the_mentee_and_the_coordinator_does_not() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;
    let saved = save(
        &app,
        &manager,
        Some(m.mentee_ro),
        &reachable(" +40 721 234 567 ", "whatsapp"),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let mentor = pair_with_accounts(&app, &manager, &m).await;
    let other_mentor = app.as_user("mentor@a.test").await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let pairs = pairs_of(&app, &mentor).await;
    let others = pairs_of(&app, &other_mentor).await;
    let for_manager = candidate(&app, &manager, m.mentee_ro).await.candidate;
    let for_coordinator = candidate(&app, &coordinator, m.mentee_ro).await.candidate;
    let on_board = board(&app, &coordinator).await;

    assert_eq!(pairs.len(), 1);
    assert_eq!(
        pairs[0].mentee_phone, "+40 721 234 567",
        "as typed, trimmed"
    );
    assert_eq!(pairs[0].mentee_contact_way, Some(ContactWay::WhatsApp));
    assert_eq!(
        pairs[0].mentee_email, "",
        "the email only when it is the way"
    );
    assert!(others.iter().all(|p| p.mentee_name != "Rodica"));
    assert!(others.iter().all(|p| p.mentee_phone.is_empty()));
    assert_eq!(for_manager.profile.phone, "+40 721 234 567");
    assert_eq!(for_manager.profile.contact_way, Some(ContactWay::WhatsApp));
    assert_eq!(
        (
            for_coordinator.profile.phone.as_str(),
            for_coordinator.profile.contact_way
        ),
        ("", None)
    );
    assert!(on_board
        .candidates
        .iter()
        .all(|c| c.profile.phone.is_empty() && c.profile.contact_way.is_none()));
}

#[tokio::test]
async fn a_mentee_who_prefers_email_is_reached_at_their_accounts_email() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;
    let mentor = pair_with_accounts(&app, &manager, &m).await;
    let before = pairs_of(&app, &mentor).await;

    let saved = save(&app, &manager, Some(m.mentee_ro), &reachable("", "email")).await;

    assert_eq!(saved.status(), StatusCode::OK, "email needs no phone");
    assert_eq!(before[0].mentee_contact_way, None);
    let after = pairs_of(&app, &mentor).await;
    assert_eq!(after[0].mentee_contact_way, Some(ContactWay::Email));
    assert_eq!(after[0].mentee_email, "rodica@a.test");
    assert_eq!(after[0].mentee_phone, "");
}

#[tokio::test]
async fn a_number_that_is_not_one_or_a_way_without_a_number_is_refused_and_nothing_changes() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let id = register(&app, &manager, &reachable("0721 234 567", "call")).await;

    let not_a_phone = save(&app, &manager, Some(id), &reachable("call me", "sms")).await;
    let without = save(&app, &manager, Some(id), &reachable("", "sms")).await;
    let no_consent = save(
        &app,
        &manager,
        None,
        &RegistrationInput {
            kind: "mentee".into(),
            name: "Florin".into(),
            phone: "0721 234 567".into(),
            ..RegistrationInput::default()
        },
    )
    .await;

    for (response, problem) in [
        (not_a_phone, Problem::NotAPhone),
        (without, Problem::Required),
        (no_consent, Problem::ProfileWithoutConsent),
    ] {
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let error: AppError = json(response).await;
        assert_eq!(problems(error).problem(Field::Phone), Some(problem));
    }
    let kept = candidate(&app, &manager, id).await.candidate.profile;
    assert_eq!(
        (kept.phone.as_str(), kept.contact_way),
        ("0721 234 567", Some(ContactWay::Call))
    );
}

#[tokio::test]
async fn the_phone_is_in_the_persons_export_and_gone_once_they_are_erased() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let id = register(&app, &manager, &reachable("0721 234 567", "sms")).await;
    let person = PersonRef::Candidate(id).to_string().replace(':', "%3A");
    let export = |client: Client| {
        let url = app.url(&format!(
            "/api/privacy/export?person={person}&download=false"
        ));
        async move {
            let export: PersonExport = json(client.get(url).send().await.unwrap()).await;
            let registration = export
                .sections
                .iter()
                .find(|s| s.name == "registrations")
                .expect("a section of registrations")
                .records[0]
                .clone();
            // (A column that is NULL is left out.)
            (
                registration.get("phone").cloned(),
                registration.get("contact_way").cloned(),
            )
        }
    };

    let exported = export(coordinator.clone()).await;
    let erased = app
        .post_json(
            &coordinator,
            "/api/privacy/erase",
            json!({ "person": PersonRef::Candidate(id).to_string() }),
        )
        .await;

    assert_eq!(
        exported,
        (Some("0721 234 567".to_string()), Some("sms".to_string()))
    );
    assert_eq!(erased.status(), StatusCode::OK);
    let after = export(coordinator.clone()).await;
    assert_eq!(after, (Some(String::new()), None));
}
