//! Programmes (coordinators), the school engagement plan, and invitations:
//! made, opened, accepted once.

use crate::helpers::*;
use app::api::programmes::*;
use app::api::AppError;
use app::model::*;
use reqwest::StatusCode;
use serde_json::json;

fn programme_input(name: &str) -> ProgrammeInput {
    ProgrammeInput {
        name: name.into(),
        typology: "peer".into(),
        format: "blended".into(),
        duration_months: "8".into(),
        meetings: "fortnightly".into(),
        max_mentees: "3".into(),
        child_age_limit: "12".into(),
        starts_on: "2027-02-01".into(),
        country: "Romania".into(),
        language: "Romanian".into(),
        quiet_days: "21".into(),
    }
}

async fn organisation_a(app: &TestApp) -> OrganisationId {
    let coordinator = app.as_user("coordinator@a.test").await;
    let orgs: Vec<(OrganisationId, String)> = json(
        app.post(&coordinator, "/api/programmes/organisations", &[])
            .await,
    )
    .await;
    assert_eq!(orgs.len(), 1);
    orgs[0].0
}

async fn create(
    app: &TestApp,
    client: &reqwest::Client,
    organisation: OrganisationId,
    input: &ProgrammeInput,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/programmes/create",
        json!({ "organisation": organisation, "input": input }),
    )
    .await
}

async fn page(app: &TestApp, client: &reqwest::Client, id: ProgrammeId) -> ProgrammePage {
    json(
        app.post(client, "/api/programmes/get", &[("id", &id.to_string())])
            .await,
    )
    .await
}

#[tokio::test]
async fn a_coordinator_creates_a_programme_with_the_models_parameters() {
    let app = spawn_app().await;
    let org = organisation_a(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let response = create(&app, &coordinator, org, &programme_input("Autumn cohort")).await;

    assert_eq!(response.status(), StatusCode::OK);
    let id: ProgrammeId = json(response).await;
    let page = page(&app, &coordinator, id).await;
    let s = &page.card.view.settings;
    assert_eq!(s.name, "Autumn cohort");
    assert_eq!(
        (s.typology, s.format, s.meetings),
        (
            Typology::Peer,
            ProgrammeFormat::Blended,
            MeetingFrequency::Fortnightly
        )
    );
    assert_eq!(
        (s.duration_months, s.max_mentees, s.child_age_limit),
        (8, 3, 12)
    );
    assert_eq!(s.country, "Romania");
    assert!(page.card.coordinates);
    // Nothing done yet: step 1 asks for a mentor manager, the rest waits.
    assert_eq!(
        page.card.map[0],
        (Step::Launch, StepState::Now(NextAction::InviteManager))
    );
    assert!(page.card.map[1..]
        .iter()
        .all(|(_, state)| *state == StepState::NotYet));
    let list: Vec<ProgrammeCard> =
        json(app.post(&coordinator, "/api/programmes/list", &[]).await).await;
    assert!(list.iter().any(|c| c.view.id == id));
}

#[tokio::test]
async fn a_programme_with_bad_parameters_is_refused_field_by_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let org = organisation_a(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let bad = ProgrammeInput {
        name: " ".into(),
        duration_months: "12".into(),
        max_mentees: "0".into(),
        typology: "sometimes".into(),
        starts_on: "01/02/2027".into(),
        ..programme_input("x")
    };

    let response = create(&app, &coordinator, org, &bad).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid { errors } = json(response).await else {
        panic!("field errors expected")
    };
    for field in [
        Field::Name,
        Field::DurationMonths,
        Field::MaxMentees,
        Field::Typology,
        Field::StartsOn,
    ] {
        assert!(errors.problem(field).is_some(), "{field:?}: {errors:?}");
    }
    let list: Vec<ProgrammeCard> =
        json(app.post(&coordinator, "/api/programmes/list", &[]).await).await;
    assert_eq!(list.len(), 1, "only Pilot A");
}

#[tokio::test]
async fn a_programme_name_is_unique_in_its_organisation() {
    let app = spawn_app().await;
    let org = organisation_a(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let response = create(&app, &coordinator, org, &programme_input("Pilot A")).await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid { errors } = json(response).await else {
        panic!("field errors expected")
    };
    assert_eq!(errors.problem(Field::Name), Some(Problem::AlreadyUsed));
}

#[tokio::test]
async fn only_a_coordinator_of_the_organisation_creates_or_edits_its_programmes() {
    let app = spawn_app().await;
    let org = organisation_a(&app).await;
    let manager = app.as_user("manager@a.test").await;
    let other = app.as_user("coordinator@b.test").await;
    let input = programme_input("Not theirs");

    let by_manager = create(&app, &manager, org, &input).await;
    let by_other = create(&app, &other, org, &input).await;
    let edit_by_manager = app
        .post_json(
            &manager,
            "/api/programmes/update",
            json!({ "id": app.world.programme_a, "input": input }),
        )
        .await;
    let edit_by_other = app
        .post_json(
            &other,
            "/api/programmes/update",
            json!({ "id": app.world.programme_a, "input": input }),
        )
        .await;

    assert_eq!(by_manager.status(), StatusCode::FORBIDDEN);
    assert_eq!(by_other.status(), StatusCode::FORBIDDEN);
    assert_eq!(edit_by_manager.status(), StatusCode::FORBIDDEN);
    assert_eq!(edit_by_other.status(), StatusCode::FORBIDDEN);
    let coordinator = app.as_user("coordinator@a.test").await;
    let page = page(&app, &coordinator, app.world.programme_a).await;
    assert_eq!(page.card.view.settings.name, "Pilot A");
}

#[tokio::test]
async fn a_coordinator_edits_a_programme() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let input = ProgrammeInput {
        duration_months: "9".into(),
        ..programme_input("Pilot A, renamed")
    };

    let response = app
        .post_json(
            &coordinator,
            "/api/programmes/update",
            json!({ "id": app.world.programme_a, "input": input }),
        )
        .await;

    assert_eq!(response.status(), StatusCode::OK);
    let page = page(&app, &coordinator, app.world.programme_a).await;
    assert_eq!(page.card.view.settings.name, "Pilot A, renamed");
    assert_eq!(page.card.view.settings.duration_months, 9);
}

#[tokio::test]
async fn the_engagement_plan_keeps_each_measure_and_asks_why_one_is_not_chosen() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let programme = app.world.programme_a;
    let save = async |input: MeasureInput| {
        app.post_json(
            &manager,
            "/api/programmes/measure",
            json!({ "programme": programme, "input": input }),
        )
        .await
    };

    let planned = save(MeasureInput {
        measure: 7,
        state: "planned".into(),
        owner: "Class tutors".into(),
        due_on: "2027-03-01".into(),
        ..MeasureInput::default()
    })
    .await;
    let without_reason = save(MeasureInput {
        measure: 9,
        state: "not_chosen".into(),
        ..MeasureInput::default()
    })
    .await;
    let out_of_range = save(MeasureInput {
        measure: 16,
        state: "planned".into(),
        ..MeasureInput::default()
    })
    .await;

    assert_eq!(planned.status(), StatusCode::OK);
    assert_eq!(without_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid { errors } = json(without_reason).await else {
        panic!("field errors expected")
    };
    assert_eq!(errors.problem(Field::Reason), Some(Problem::Required));
    assert_eq!(out_of_range.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = page(&app, &manager, programme).await;
    assert_eq!(page.plan.len(), 1);
    assert_eq!(page.plan[0].measure, 7);
    assert_eq!(page.plan[0].state, MeasureState::Planned);
    assert_eq!(page.plan[0].owner, "Class tutors");
}

#[tokio::test]
async fn mentors_mentees_and_other_programmes_see_no_programme() {
    let app = spawn_app().await;
    let id = app.world.programme_a.to_string();
    for email in [
        "mentor@a.test",
        "mentee@a.test",
        "manager@b.test",
        "coordinator@b.test",
    ] {
        let client = app.as_user(email).await;

        let response = app
            .post(&client, "/api/programmes/get", &[("id", &id)])
            .await;

        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{email}");
    }
}

async fn invite(
    app: &TestApp,
    client: &reqwest::Client,
    role: Role,
    name: Option<&str>,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/invitations/create",
        json!({ "programme": app.world.programme_a, "role": role, "candidate": null, "name": name }),
    )
    .await
}

fn token(invitation: &NewInvitation) -> String {
    invitation
        .path
        .strip_prefix("/invite/")
        .expect("an invitation path")
        .to_string()
}

fn acceptance(name: &str, email: &str) -> AcceptInput {
    AcceptInput {
        name: name.into(),
        email: email.into(),
        password: PASSWORD.into(),
        language: "ro".into(),
        privacy_notice: "yes".into(),
    }
}

async fn accept(
    app: &TestApp,
    client: &reqwest::Client,
    token: &str,
    input: &AcceptInput,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/invitations/accept",
        json!({ "token": token, "input": input }),
    )
    .await
}

#[tokio::test]
async fn a_coordinator_invites_a_manager_who_accepts_once_and_manages_the_programme() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let response = invite(&app, &coordinator, Role::Manager, Some("Dana Ilie")).await;

    assert_eq!(response.status(), StatusCode::OK);
    let invitation: NewInvitation = json(response).await;
    assert!(invitation.qr_svg.starts_with("<?xml") || invitation.qr_svg.contains("<svg"));
    let days = (invitation.expires_at - chrono::Utc::now()).num_hours();
    assert!(
        (167..=168).contains(&days),
        "valid 7 days, not {days} hours"
    );
    let token = token(&invitation);
    let visitor = client();
    let details: InvitationDetails = json(
        app.post(&visitor, "/api/invitations/open", &[("token", &token)])
            .await,
    )
    .await;
    assert_eq!(details.programme_name, "Pilot A");
    assert_eq!(details.role, Role::Manager);
    assert_eq!(details.name.as_deref(), Some("Dana Ilie"));

    let accepted = accept(
        &app,
        &visitor,
        &token,
        &acceptance("Dana Ilie", "dana@a.test"),
    )
    .await;

    assert_eq!(accepted.status(), StatusCode::OK);
    let identity: Identity = json(accepted).await;
    assert_eq!(identity.display_name, "Dana Ilie");
    assert!(identity.roles.contains(&Role::Manager));
    // Logged in already, with the language chosen.
    let board = app
        .post(
            &visitor,
            "/api/recruitment/board",
            &[("programme", &app.world.programme_a.to_string())],
        )
        .await;
    assert_eq!(board.status(), StatusCode::OK);
    let again = accept(
        &app,
        &client(),
        &token,
        &acceptance("Someone", "else@a.test"),
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "single use");
    let reopened = app
        .post(&client(), "/api/invitations/open", &[("token", &token)])
        .await;
    assert_eq!(reopened.status(), StatusCode::NOT_FOUND);
    // And the new manager logs in with the password they chose.
    app.as_user("dana@a.test").await;
}

#[tokio::test]
async fn an_expired_or_unknown_invitation_is_not_found() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let invitation: NewInvitation =
        json(invite(&app, &coordinator, Role::Manager, None).await).await;
    app.execute(
        "UPDATE invitations SET expires_at = $1",
        chrono::Utc::now() - chrono::Duration::minutes(1),
    )
    .await;

    let expired = accept(
        &app,
        &client(),
        &token(&invitation),
        &acceptance("Late", "late@a.test"),
    )
    .await;
    let unknown = accept(
        &app,
        &client(),
        &"ab".repeat(32),
        &acceptance("Nobody", "nobody@a.test"),
    )
    .await;
    let malformed = app
        .post(
            &client(),
            "/api/invitations/open",
            &[("token", "../../etc")],
        )
        .await;

    assert_eq!(expired.status(), StatusCode::NOT_FOUND);
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(malformed.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.login(&client(), "late@a.test").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn an_acceptance_with_bad_fields_is_refused_whole_and_the_link_stays_valid() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let invitation: NewInvitation =
        json(invite(&app, &coordinator, Role::Manager, None).await).await;
    let token = token(&invitation);
    let bad = AcceptInput {
        name: String::new(),
        email: "not an email".into(),
        password: "short".into(),
        language: "xx".into(),
        privacy_notice: String::new(),
    };
    let taken = acceptance("Copy", "manager@a.test");

    let refused = accept(&app, &client(), &token, &bad).await;
    let duplicate = accept(&app, &client(), &token, &taken).await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid { errors } = json(refused).await else {
        panic!("field errors expected")
    };
    for field in [
        Field::Name,
        Field::Email,
        Field::Password,
        Field::Language,
        Field::PrivacyNotice,
    ] {
        assert!(errors.problem(field).is_some(), "{field:?}: {errors:?}");
    }
    assert_eq!(duplicate.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let AppError::Invalid { errors } = json(duplicate).await else {
        panic!("field errors expected")
    };
    assert_eq!(errors.problem(Field::Email), Some(Problem::AlreadyUsed));
    let ok = accept(
        &app,
        &client(),
        &token,
        &acceptance("Right", "right@a.test"),
    )
    .await;
    assert_eq!(ok.status(), StatusCode::OK, "the link was not used up");
}

#[tokio::test]
async fn each_role_invites_only_whom_the_model_says() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let manager = app.as_user("manager@a.test").await;
    let mentor = app.as_user("mentor@a.test").await;
    let outsider = app.as_user("manager@b.test").await;

    let cases = [
        (&coordinator, Role::Manager, StatusCode::OK),
        (&coordinator, Role::Mentor, StatusCode::FORBIDDEN),
        (&coordinator, Role::Coordinator, StatusCode::FORBIDDEN),
        (&manager, Role::Mentor, StatusCode::OK),
        (&manager, Role::Mentee, StatusCode::OK),
        (&manager, Role::Manager, StatusCode::FORBIDDEN),
        (&mentor, Role::Mentee, StatusCode::FORBIDDEN),
        (&outsider, Role::Mentor, StatusCode::FORBIDDEN),
    ];
    for (client, role, expected) in cases {
        let response = invite(&app, client, role, None).await;

        assert_eq!(response.status(), expected, "{role:?}");
    }
    let listed: Vec<InvitationView> = json(
        app.post(
            &manager,
            "/api/invitations/list",
            &[("programme", &app.world.programme_a.to_string())],
        )
        .await,
    )
    .await;
    assert_eq!(
        listed.len(),
        2,
        "the manager sees the mentor and mentee ones"
    );
    assert!(listed.iter().all(|i| i.role != Role::Manager));
}

#[tokio::test]
async fn a_mentor_who_joins_by_link_becomes_a_candidate_with_consent_given_in_the_app() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let invitation: NewInvitation =
        json(invite(&app, &manager, Role::Mentor, Some("Rita Pop")).await).await;

    let response = accept(
        &app,
        &client(),
        &token(&invitation),
        &acceptance("Rita Pop", "rita@a.test"),
    )
    .await;

    assert_eq!(response.status(), StatusCode::OK);
    let board: app::api::recruitment::RecruitmentData = json(
        app.post(
            &manager,
            "/api/recruitment/board",
            &[("programme", &app.world.programme_a.to_string())],
        )
        .await,
    )
    .await;
    let rita = board
        .candidates
        .iter()
        .find(|c| c.name == "Rita Pop")
        .expect("a candidate");
    assert_eq!(rita.kind, CandidateKind::Mentor);
    assert_eq!(rita.stage, Stage::Interest);
    assert_eq!(
        rita.consent.as_ref().map(|c| c.how),
        Some(ConsentHow::InApp)
    );
    assert!(rita.user_id.is_some());
}
