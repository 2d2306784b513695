//! Recruitment with the registration form (Tool 1), mentor training and
//! self-assessment, and matching: from candidates to pairs getting to know
//! each other.

use crate::helpers::*;
use app::api::matching::*;
use app::api::recruitment::*;
use app::api::training::*;
use app::api::AppError;
use app::model::*;
use reqwest::{Client, StatusCode};
use serde_json::json;

pub(crate) fn mentee_form(name: &str) -> RegistrationInput {
    RegistrationInput {
        kind: "mentee".into(),
        name: name.into(),
        consent: "yes".into(),
        consent_on: "2026-01-10".into(),
        consent_how: "paper".into(),
        gender: "female".into(),
        age: "34".into(),
        role_with_child: "mother".into(),
        child_age: "8".into(),
        background: "Roma".into(),
        employment: "unemployed".into(),
        languages: "Romanian, Romani".into(),
        area: "Mănăștur".into(),
        availability: vec!["weekends".into()],
        school: "School No. 5".into(),
        class_name: "2B".into(),
        heard_from: "The class tutor".into(),
        ..RegistrationInput::default()
    }
}

pub(crate) fn mentor_form(name: &str, languages: &str, area: &str) -> RegistrationInput {
    RegistrationInput {
        kind: "mentor".into(),
        name: name.into(),
        consent: "yes".into(),
        consent_on: "2026-01-10".into(),
        consent_how: "spoken".into(),
        languages: languages.into(),
        area: area.into(),
        availability: vec!["weekends".into()],
        is_parent: "yes".into(),
        max_mentees: "1".into(),
        ..RegistrationInput::default()
    }
}

pub(crate) async fn save(
    app: &TestApp,
    client: &Client,
    id: Option<CandidateId>,
    input: &RegistrationInput,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/recruitment/save",
        json!({ "programme": app.world.programme_a, "id": id, "input": input }),
    )
    .await
}

pub(crate) async fn register(
    app: &TestApp,
    client: &Client,
    input: &RegistrationInput,
) -> CandidateId {
    let response = save(app, client, None, input).await;
    assert_eq!(response.status(), StatusCode::OK, "{:?}", input.name);
    json(response).await
}

pub(crate) async fn move_to(
    app: &TestApp,
    client: &Client,
    id: CandidateId,
    to: Stage,
    reason: &str,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/recruitment/move",
        json!({ "id": id, "input": { "to": to.key(), "reason": reason } }),
    )
    .await
}

pub(crate) async fn accept(app: &TestApp, client: &Client, id: CandidateId) {
    for stage in [Stage::Interest, Stage::PreMatching, Stage::Accepted] {
        let response = move_to(app, client, id, stage, "").await;
        assert_eq!(response.status(), StatusCode::OK, "to {stage:?}");
    }
}

pub(crate) async fn candidate(app: &TestApp, client: &Client, id: CandidateId) -> CandidateData {
    json(
        app.post(
            client,
            "/api/recruitment/candidate",
            &[("id", &id.to_string())],
        )
        .await,
    )
    .await
}

pub(crate) async fn board(app: &TestApp, client: &Client) -> RecruitmentData {
    json(
        app.post(
            client,
            "/api/recruitment/board",
            &[("programme", &app.world.programme_a.to_string())],
        )
        .await,
    )
    .await
}

pub(crate) fn problems(error: AppError) -> FieldErrors {
    match error {
        AppError::Invalid { errors } => errors,
        other => panic!("field errors expected, got {other:?}"),
    }
}

#[tokio::test]
async fn a_manager_registers_a_mentee_with_the_registration_form() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;

    let id = register(&app, &manager, &mentee_form("Ioana Marin")).await;

    let page = candidate(&app, &manager, id).await;
    let c = &page.candidate;
    assert_eq!(
        (c.kind, c.stage),
        (CandidateKind::Mentee, Stage::Disclosure)
    );
    assert_eq!(c.name, "Ioana Marin");
    let consent = c.consent.as_ref().expect("consent recorded");
    assert_eq!(consent.how, ConsentHow::Paper);
    assert_eq!(c.consent_recorded_by.as_deref(), Some("manager@a.test"));
    assert_eq!(c.profile.child_age, Some(8));
    assert_eq!(c.profile.role_with_child, Some(RoleWithChild::Mother));
    assert_eq!(c.profile.languages, vec!["Romanian", "Romani"]);
    assert_eq!(c.profile.class_name, "2B");
    assert_eq!(page.moves.len(), 1);
    assert_eq!(page.moves[0].to, Stage::Disclosure);
    assert_eq!(page.moves[0].by_name, "manager@a.test");
}

#[tokio::test]
async fn nothing_beyond_the_name_is_stored_before_consent() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let without_consent = RegistrationInput {
        consent: String::new(),
        consent_on: String::new(),
        consent_how: String::new(),
        ..mentee_form("Ana Munteanu")
    };

    let refused = save(&app, &manager, None, &without_consent).await;
    let name_only = RegistrationInput {
        kind: "mentee".into(),
        name: "Ana Munteanu".into(),
        ..RegistrationInput::default()
    };
    let id = register(&app, &manager, &name_only).await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = problems(json(refused).await);
    assert_eq!(
        errors.problem(Field::Age),
        Some(Problem::ProfileWithoutConsent)
    );
    assert_eq!(
        errors.problem(Field::Area),
        Some(Problem::ProfileWithoutConsent)
    );
    let c = candidate(&app, &manager, id).await.candidate;
    assert_eq!(c.consent, None);
    assert_eq!(c.profile, Profile::default());
    assert_eq!(board(&app, &manager).await.candidates.len(), 1);
}

#[tokio::test]
async fn a_registration_with_bad_fields_gets_every_problem_and_stores_nothing() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let bad = RegistrationInput {
        name: String::new(),
        consent_on: "2999-01-01".into(),
        age: "three".into(),
        child_age: "40".into(),
        availability: vec!["midnight".into()],
        ..mentee_form("x")
    };

    let response = save(&app, &manager, None, &bad).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = problems(json(response).await);
    for field in [
        Field::Name,
        Field::ConsentOn,
        Field::Age,
        Field::ChildAge,
        Field::Availability,
    ] {
        assert!(errors.problem(field).is_some(), "{field:?}: {errors:?}");
    }
    assert!(board(&app, &manager).await.candidates.is_empty());
}

#[tokio::test]
async fn every_move_is_stamped_and_dropping_out_needs_a_reason() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let id = register(&app, &manager, &mentee_form("Petru Cojocaru")).await;

    let forward = move_to(&app, &manager, id, Stage::Referral, "").await;
    let backward = move_to(&app, &manager, id, Stage::Disclosure, "").await;
    let drop_without_reason = move_to(&app, &manager, id, Stage::Dropped, " ").await;
    let dropped = move_to(&app, &manager, id, Stage::Dropped, "Moved away.").await;

    assert_eq!(forward.status(), StatusCode::OK);
    assert_eq!(backward.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json(drop_without_reason).await).problem(Field::Reason),
        Some(Problem::Required)
    );
    assert_eq!(dropped.status(), StatusCode::OK);
    let page = candidate(&app, &manager, id).await;
    assert_eq!(page.candidate.stage, Stage::Dropped);
    assert_eq!(page.candidate.drop_reason.as_deref(), Some("Moved away."));
    let stages: Vec<(Option<Stage>, Stage)> = page.moves.iter().map(|m| (m.from, m.to)).collect();
    assert_eq!(
        stages,
        vec![
            (None, Stage::Disclosure),
            (Some(Stage::Disclosure), Stage::Referral),
            (Some(Stage::Referral), Stage::Dropped),
        ]
    );
    assert!(page.moves.iter().all(|m| m.by_name == "manager@a.test"));
}

#[tokio::test]
async fn a_candidate_without_consent_cannot_be_accepted_and_an_accepted_one_gets_an_account() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let no_consent = register(
        &app,
        &manager,
        &RegistrationInput {
            kind: "mentee".into(),
            name: "Ana Munteanu".into(),
            ..RegistrationInput::default()
        },
    )
    .await;
    let with_consent = register(&app, &manager, &mentee_form("Larisa Nistor")).await;

    let refused = move_to(&app, &manager, no_consent, Stage::Accepted, "").await;
    let accepted = move_to(&app, &manager, with_consent, Stage::Accepted, "").await;

    assert_eq!(
        problems(json(refused).await).problem(Field::Consent),
        Some(Problem::Required)
    );
    assert_eq!(accepted.status(), StatusCode::OK);
    let c = candidate(&app, &manager, with_consent).await.candidate;
    assert!(c.user_id.is_some(), "an account without a login");
    let after_accepted = move_to(&app, &manager, with_consent, Stage::Interview, "").await;
    assert_eq!(after_accepted.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_coordinator_reads_recruitment_but_only_managers_change_it() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let id = register(&app, &manager, &mentee_form("Ioana Marin")).await;

    let read = board(&app, &coordinator).await;
    let saved = save(&app, &coordinator, None, &mentee_form("Other")).await;
    let moved = move_to(&app, &coordinator, id, Stage::Referral, "").await;

    assert_eq!(read.candidates.len(), 1);
    assert!(!read.manages);
    assert_eq!(saved.status(), StatusCode::FORBIDDEN);
    assert_eq!(moved.status(), StatusCode::FORBIDDEN);
    for email in ["mentor@a.test", "mentee@a.test", "manager@b.test"] {
        let client = app.as_user(email).await;
        let response = app
            .post(
                &client,
                "/api/recruitment/candidate",
                &[("id", &id.to_string())],
            )
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{email}");
    }
}

async fn training_page(app: &TestApp, client: &Client) -> TrainingData {
    json(
        app.post(
            client,
            "/api/training/page",
            &[("programme", &app.world.programme_a.to_string())],
        )
        .await,
    )
    .await
}

async fn new_training(app: &TestApp, client: &Client, days_ago: i64) -> reqwest::Response {
    let held_on = app.world.today - chrono::Duration::days(days_ago);
    app.post_json(
        client,
        "/api/training/save",
        json!({
            "programme": app.world.programme_a,
            "input": { "held_on": held_on.to_string(), "format": "face_to_face", "topic": "The mentor's role" }
        }),
    )
    .await
}

#[tokio::test]
async fn a_held_training_records_attendance_and_the_process_map_moves_on() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let elena = register(&app, &manager, &mentor_form("Elena", "Romanian", "Centre")).await;
    let held: TrainingId = json(new_training(&app, &manager, 3).await).await;
    let planned: TrainingId = json(new_training(&app, &manager, -7).await).await;

    let attended = app
        .post_json(
            &manager,
            "/api/training/attendance",
            json!({ "training": held, "attended": [elena, elena] }),
        )
        .await;
    let too_early = app
        .post_json(
            &manager,
            "/api/training/attendance",
            json!({ "training": planned, "attended": [elena] }),
        )
        .await;

    assert_eq!(attended.status(), StatusCode::OK);
    assert_eq!(
        problems(json(too_early).await).problem(Field::HeldOn),
        Some(Problem::NotYet)
    );
    let page = training_page(&app, &manager).await;
    assert_eq!(page.trainings.len(), 2);
    let held_view = page.trainings.iter().find(|t| t.id == held).unwrap();
    assert_eq!(held_view.attended, vec![elena]);
    let programme: app::api::programmes::ProgrammePage = json(
        app.post(
            &manager,
            "/api/programmes/get",
            &[("id", &app.world.programme_a.to_string())],
        )
        .await,
    )
    .await;
    assert_eq!(programme.card.map[1], (Step::Training, StepState::Done));
}

#[tokio::test]
async fn a_mentors_self_assessment_before_and_after_is_shown_side_by_side() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let elena = register(&app, &manager, &mentor_form("Elena", "Romanian", "Centre")).await;
    let items = training_page(&app, &manager).await.items;
    assert_eq!(items.len(), 5, "the default questionnaire");
    let answer = |moment: &str, score: u32| {
        json!({
            "candidate": elena,
            "input": {
                "moment": moment,
                "scores": items.iter().map(|i| (i.id, score.to_string())).collect::<Vec<_>>()
            }
        })
    };

    let before = app
        .post_json(
            &manager,
            "/api/training/self_assessment",
            answer("before", 2),
        )
        .await;
    let after = app
        .post_json(
            &manager,
            "/api/training/self_assessment",
            answer("after", 4),
        )
        .await;
    let out_of_scale = app
        .post_json(
            &manager,
            "/api/training/self_assessment",
            answer("after", 6),
        )
        .await;

    assert_eq!(before.status(), StatusCode::OK);
    assert_eq!(after.status(), StatusCode::OK);
    assert_eq!(out_of_scale.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = training_page(&app, &manager).await;
    let row = page
        .self_assessments
        .iter()
        .find(|r| r.candidate == elena)
        .unwrap();
    assert_eq!(row.scores, vec![(Some(2), Some(4)); 5]);
}

#[tokio::test]
async fn only_the_coordinator_edits_the_questionnaire() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let manager = app.as_user("manager@a.test").await;
    let programme = app.world.programme_a;
    let items = training_page(&app, &coordinator).await.items;

    let added = app
        .post_json(
            &coordinator,
            "/api/training/item",
            json!({ "programme": programme, "item": null, "text": "I know the school's rules on absences." }),
        )
        .await;
    let renamed = app
        .post_json(
            &coordinator,
            "/api/training/item",
            json!({ "programme": programme, "item": items[0].id, "text": "I listen." }),
        )
        .await;
    let removed = app
        .post_json(
            &coordinator,
            "/api/training/item",
            json!({ "programme": programme, "item": items[1].id, "text": "" }),
        )
        .await;
    let by_manager = app
        .post_json(
            &manager,
            "/api/training/item",
            json!({ "programme": programme, "item": null, "text": "Sneaked in" }),
        )
        .await;

    assert_eq!(added.status(), StatusCode::OK);
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(by_manager.status(), StatusCode::FORBIDDEN);
    let texts: Vec<String> = training_page(&app, &coordinator)
        .await
        .items
        .into_iter()
        .map(|i| i.text)
        .collect();
    assert_eq!(texts.len(), 5);
    assert_eq!(texts[0], "I listen.");
    assert_eq!(texts[4], "I know the school's rules on absences.");
    assert!(!texts.contains(&items[1].text));
}

/// Two accepted mentors (one place each) and two accepted mentees.
pub(crate) struct Matchable {
    pub mentor_ro: CandidateId,
    pub mentor_hu: CandidateId,
    pub mentee_ro: CandidateId,
    pub mentee_hu: CandidateId,
}

pub(crate) async fn matchable(app: &TestApp, manager: &Client) -> Matchable {
    let mentor_ro = register(app, manager, &mentor_form("Radu", "Romanian", "Centre")).await;
    let mentor_hu = register(app, manager, &mentor_form("Hajnal", "Hungarian", "North")).await;
    let mentee_ro = register(
        app,
        manager,
        &RegistrationInput {
            languages: "Romanian".into(),
            area: "Centre".into(),
            ..mentee_form("Rodica")
        },
    )
    .await;
    let mentee_hu = register(
        app,
        manager,
        &RegistrationInput {
            languages: "Hungarian".into(),
            area: "North".into(),
            ..mentee_form("Hanna")
        },
    )
    .await;
    for id in [mentor_ro, mentor_hu, mentee_ro, mentee_hu] {
        accept(app, manager, id).await;
    }
    Matchable {
        mentor_ro,
        mentor_hu,
        mentee_ro,
        mentee_hu,
    }
}

pub(crate) async fn matching_page(app: &TestApp, client: &Client) -> MatchingData {
    json(
        app.post(
            client,
            "/api/matching/page",
            &[("programme", &app.world.programme_a.to_string())],
        )
        .await,
    )
    .await
}

async fn prefer(
    app: &TestApp,
    client: &Client,
    chooser: CandidateId,
    ranked: &[CandidateId],
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/matching/preferences",
        json!({ "programme": app.world.programme_a, "chooser": chooser, "ranked": ranked }),
    )
    .await
}

pub(crate) async fn confirm(
    app: &TestApp,
    client: &Client,
    matches: &[(CandidateId, CandidateId)],
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/matching/confirm",
        json!({ "programme": app.world.programme_a, "matches": matches }),
    )
    .await
}

#[tokio::test]
async fn administrative_matching_ranks_mentors_with_reasons() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;

    let page = matching_page(&app, &manager).await;

    assert_eq!(page.mentors.len(), 2);
    let (_, suggestions) = page
        .mentees
        .iter()
        .find(|(p, _)| p.id == m.mentee_hu)
        .expect("waiting");
    assert_eq!(suggestions[0].mentor, m.mentor_hu);
    assert!(suggestions[0].score > suggestions[1].score);
    assert!(suggestions[0]
        .reasons
        .iter()
        .any(|r| matches!(r, ScoreReason::SharedLanguage(l) if l == "Hungarian")));
    assert!(suggestions[0].reasons.contains(&ScoreReason::SameArea));
    let _ = m.mentor_ro;
}

#[tokio::test]
async fn the_proposal_satisfies_both_sides_and_confirming_makes_pairs_getting_to_know() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;
    for (chooser, ranked) in [
        (m.mentee_ro, [m.mentor_ro, m.mentor_hu]),
        (m.mentee_hu, [m.mentor_ro, m.mentor_hu]),
        (m.mentor_ro, [m.mentee_ro, m.mentee_hu]),
        (m.mentor_hu, [m.mentee_hu, m.mentee_ro]),
    ] {
        assert_eq!(
            prefer(&app, &manager, chooser, &ranked).await.status(),
            StatusCode::OK
        );
    }

    let proposal: Vec<ProposedPair> = json(
        app.post(
            &manager,
            "/api/matching/propose",
            &[("programme", &app.world.programme_a.to_string())],
        )
        .await,
    )
    .await;

    let mut got: Vec<(CandidateId, CandidateId, Option<u32>, Option<u32>)> = proposal
        .iter()
        .map(|p| (p.mentee, p.mentor, p.mentee_rank, p.mentor_rank))
        .collect();
    got.sort();
    let mut expected = vec![
        (m.mentee_ro, m.mentor_ro, Some(1), Some(1)),
        (m.mentee_hu, m.mentor_hu, Some(2), Some(1)),
    ];
    expected.sort();
    assert_eq!(got, expected);
    let matches: Vec<(CandidateId, CandidateId)> =
        proposal.iter().map(|p| (p.mentee, p.mentor)).collect();
    let confirmed = confirm(&app, &manager, &matches).await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let page = matching_page(&app, &manager).await;
    assert!(page.mentees.is_empty(), "nobody waits");
    let new_pairs: Vec<_> = page
        .pairs
        .iter()
        .filter(|p| p.status == PairStatus::GettingToKnow)
        .collect();
    assert_eq!(new_pairs.len(), 2);
    let pair = new_pairs[0];
    assert_eq!(pair.started_on, app.world.today);
    assert_eq!(
        pair.planned_end_on,
        Some(app.world.today + chrono::Months::new(6))
    );
}

#[tokio::test]
async fn a_full_mentor_or_a_matched_mentee_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;

    let over_capacity = confirm(
        &app,
        &manager,
        &[(m.mentee_ro, m.mentor_ro), (m.mentee_hu, m.mentor_ro)],
    )
    .await;
    let twice = confirm(
        &app,
        &manager,
        &[(m.mentee_ro, m.mentor_ro), (m.mentee_ro, m.mentor_hu)],
    )
    .await;

    assert_eq!(
        problems(json(over_capacity).await).problem(Field::Mentor),
        Some(Problem::MentorFull)
    );
    assert_eq!(
        problems(json(twice).await).problem(Field::Mentee),
        Some(Problem::AlreadyMatched)
    );
    assert!(matching_page(&app, &manager)
        .await
        .pairs
        .iter()
        .all(|p| p.status != PairStatus::GettingToKnow));
}

#[tokio::test]
async fn preferences_name_accepted_people_of_the_other_side_once() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;
    let not_accepted = register(&app, &manager, &mentee_form("Not yet")).await;

    let same_side = prefer(&app, &manager, m.mentee_ro, &[m.mentee_hu]).await;
    let repeated = prefer(&app, &manager, m.mentee_ro, &[m.mentor_ro, m.mentor_ro]).await;
    let unaccepted_chooser = prefer(&app, &manager, not_accepted, &[m.mentor_ro]).await;

    assert_eq!(same_side.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problems(json(repeated).await).problem(Field::Rank),
        Some(Problem::DuplicateRank)
    );
    assert_eq!(
        unaccepted_chooser.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        matching_page(&app, &manager).await.preferences,
        Preferences::default()
    );
}

#[tokio::test]
async fn the_mentor_sees_the_new_mentee_and_the_mentee_their_mentor() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    // The mentor and the mentee of the test world, recruited as candidates
    // of their own accounts by invitation.
    let m = matchable(&app, &manager).await;
    confirm(&app, &manager, &[(m.mentee_ro, m.mentor_ro)]).await;
    let mentor_account = candidate(&app, &manager, m.mentor_ro)
        .await
        .candidate
        .user_id
        .unwrap();
    let mentee_account = candidate(&app, &manager, m.mentee_ro)
        .await
        .candidate
        .user_id
        .unwrap();
    // The mentor and the mentee accept invitations made for them.
    let clients = [
        join(
            &app,
            &manager,
            Role::Mentor,
            m.mentor_ro,
            "Radu",
            "radu@a.test",
        )
        .await,
        join(
            &app,
            &manager,
            Role::Mentee,
            m.mentee_ro,
            "Rodica",
            "rodica@a.test",
        )
        .await,
    ];
    assert_eq!(
        clients[0].0, mentor_account,
        "the account made at acceptance"
    );
    assert_eq!(clients[1].0, mentee_account);

    let pairs: Vec<PairSummary> =
        json(app.post(&clients[0].1, "/api/mentor/pairs", &[]).await).await;
    let mentee_home: Vec<MenteePair> =
        json(app.post(&clients[1].1, "/api/mentee/home", &[]).await).await;

    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].mentee_name, "Rodica");
    assert_eq!(pairs[0].status, PairStatus::GettingToKnow);
    assert_eq!(mentee_home.len(), 1);
    assert_eq!(mentee_home[0].status, PairStatus::GettingToKnow);
}

#[tokio::test]
async fn a_pair_getting_to_know_ends_with_a_reason_and_the_mentee_is_matched_again() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let m = matchable(&app, &manager).await;
    let ids: Vec<PairId> = json(confirm(&app, &manager, &[(m.mentee_ro, m.mentor_ro)]).await).await;
    let pair = ids[0];

    let no_reason = app
        .post_json(
            &manager,
            "/api/matching/end",
            json!({ "pair": pair, "reason": "" }),
        )
        .await;
    let by_coordinator = app
        .post_json(
            &app.as_user("coordinator@a.test").await,
            "/api/matching/end",
            json!({ "pair": pair, "reason": "No" }),
        )
        .await;
    let ended = app
        .post_json(
            &manager,
            "/api/matching/end",
            json!({ "pair": pair, "reason": "They did not get on." }),
        )
        .await;
    let active_pair = app
        .post_json(
            &manager,
            "/api/matching/end",
            json!({ "pair": app.world.pair_a1, "reason": "Not this way" }),
        )
        .await;

    assert_eq!(
        problems(json(no_reason).await).problem(Field::Reason),
        Some(Problem::Required)
    );
    assert_eq!(by_coordinator.status(), StatusCode::FORBIDDEN);
    assert_eq!(ended.status(), StatusCode::OK);
    assert_eq!(
        problems(json(active_pair).await).problem(Field::Pair),
        Some(Problem::PairEnded),
        "only a pair getting to know ends this way"
    );
    let page = matching_page(&app, &manager).await;
    assert!(
        page.mentees.iter().any(|(p, _)| p.id == m.mentee_ro),
        "waiting again"
    );
    let again = confirm(&app, &manager, &[(m.mentee_ro, m.mentor_hu)]).await;
    assert_eq!(again.status(), StatusCode::OK);
}

/// The candidate accepts an invitation made for them by the manager: their
/// account and a client logged in as them.
pub(crate) async fn join(
    app: &TestApp,
    manager: &Client,
    role: Role,
    id: CandidateId,
    name: &str,
    email: &str,
) -> (UserId, Client) {
    let invitation: app::model::NewInvitation = json(
        app.post_json(
            manager,
            "/api/invitations/create",
            json!({ "programme": app.world.programme_a, "role": role, "candidate": id, "name": null }),
        )
        .await,
    )
    .await;
    let token = invitation.path.trim_start_matches("/invite/").to_string();
    let client = client();
    let identity: Identity = json(
        app.post_json(
            &client,
            "/api/invitations/accept",
            json!({ "token": token, "input": {
                "name": name, "email": email, "password": PASSWORD,
                "language": "en", "privacy_notice": "yes"
            }}),
        )
        .await,
    )
    .await;
    (identity.user_id, client)
}
