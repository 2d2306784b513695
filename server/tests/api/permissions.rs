//! The deny matrix: every server function, called as each role and as a
//! person of another programme, against DESIGN.md's "who may see what".

use crate::helpers::*;
use app::model::*;
use reqwest::StatusCode;
use serde_json::json;

const OK: StatusCode = StatusCode::OK;
const DENIED: StatusCode = StatusCode::FORBIDDEN;
const ANONYMOUS: StatusCode = StatusCode::UNAUTHORIZED;
const NOT_FOUND: StatusCode = StatusCode::NOT_FOUND;
/// Allowed, and the input checked: it breaks a rule.
const REFUSED: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
/// Allowed, but there is nothing to act on.
const BAD: StatusCode = StatusCode::BAD_REQUEST;

/// Who calls: `None` is nobody logged in. The last two: a mentee of the
/// other programme, and one account holding two roles in two programmes
/// (a mentor in A, with no pair, and the manager of B).
const CALLERS: [Option<&str>; 11] = [
    None,
    Some("coordinator@a.test"),
    Some("manager@a.test"),
    Some("mentor@a.test"),
    Some("mentor2@a.test"),
    Some("mentee@a.test"),
    Some("coordinator@b.test"),
    Some("manager@b.test"),
    Some("mentor@b.test"),
    Some("mentee@b.test"),
    Some(DUAL),
];

/// Mentor in programme A (no pair), manager of programme B.
const DUAL: &str = "dual@ab.test";

/// What only some callers may ever read of programme A: the mentees'
/// names, the log's words, the concern's words. Each, with who may.
fn secrets_of_a() -> [(&'static str, &'static [Option<&'static str>]); 4] {
    const PAIR_A1: &[Option<&str>] = &[
        Some("coordinator@a.test"),
        Some("manager@a.test"),
        Some("mentor@a.test"),
        Some("mentee@a.test"),
    ];
    const AUTHOR_AND_OFFICE: &[Option<&str>] = &[
        Some("coordinator@a.test"),
        Some("manager@a.test"),
        Some("mentor@a.test"),
    ];
    const PAIR_A3: &[Option<&str>] = &[
        Some("coordinator@a.test"),
        Some("manager@a.test"),
        Some("mentor2@a.test"),
    ];
    [
        ("mentee@a.test", PAIR_A1),
        ("mentee3@a.test", PAIR_A3),
        (LOG_TEXT, AUTHOR_AND_OFFICE),
        (crate::concerns::WHAT_HAPPENED, AUTHOR_AND_OFFICE),
    ]
}

/// The words of the log of pair A1 the calls name.
const LOG_TEXT: &str = "A meeting about the school's letters";

/// The objects of programme A the calls name, made by its manager first.
struct Objects {
    log: MeetingLogId,
    /// A required check, met by the mentor candidate (so matching works).
    requirement: ScreeningRequirementId,
    /// A required check to retire.
    spare_requirement: ScreeningRequirementId,
    organisation: OrganisationId,
    candidate: CandidateId,
    mentor_candidate: CandidateId,
    training: TrainingId,
    /// A training to remove (in the matrix).
    spare_training: TrainingId,
    scores: Vec<(SelfAssessmentItemId, String)>,
    /// Raised by the mentor of pair A1.
    concern: ConcernId,
    group_meeting: GroupMeetingId,
    agenda_item: AgendaItemId,
    /// The mentee of pair A1, and of pair A3 (erased last).
    mentee_a: UserId,
    mentee3_a: UserId,
    /// The account of [`DUAL`].
    dual: UserId,
    manager_a: UserId,
    programme_a: ProgrammeId,
    /// An invitation for a mentor of A, made by A's manager (withdrawn in
    /// the matrix).
    invitation: InvitationId,
}

async fn objects(app: &TestApp) -> Objects {
    let programme = app.world.programme_a;
    let manager = app.as_user("manager@a.test").await;
    let register = async |kind: &str| -> CandidateId {
        let input = RegistrationInput {
            kind: kind.into(),
            name: format!("A {kind}"),
            consent: "yes".into(),
            consent_on: app.world.today.to_string(),
            consent_how: "paper".into(),
            ..RegistrationInput::default()
        };
        json(
            app.post_json(
                &manager,
                "/api/recruitment/save",
                json!({ "programme": programme, "id": null, "input": input }),
            )
            .await,
        )
        .await
    };
    let candidate = register("mentee").await;
    let mentor_candidate = register("mentor").await;
    let accepted = app
        .post_json(
            &manager,
            "/api/recruitment/move",
            json!({ "id": mentor_candidate, "input": { "to": "accepted", "reason": "" } }),
        )
        .await;
    assert_eq!(accepted.status(), OK);
    let training: TrainingId = json(
        app.post_json(
            &manager,
            "/api/training/save",
            json!({ "programme": programme, "input": {
                "held_on": app.world.today.to_string(), "format": "online", "topic": "Roles"
            }}),
        )
        .await,
    )
    .await;
    let spare_training: TrainingId = json(
        app.post_json(
            &manager,
            "/api/training/save",
            json!({ "programme": programme, "input": {
                "held_on": app.world.today.to_string(), "format": "online", "topic": "Spare"
            }}),
        )
        .await,
    )
    .await;
    let page: app::api::training::TrainingData = json(
        app.post(
            &manager,
            "/api/training/page",
            &[("programme", &programme.to_string())],
        )
        .await,
    )
    .await;
    let organisation = app::store::programmes::find(&app.db, programme)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    // A log of pair A1, sent by its mentor.
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let log = item(w, log_input(w, w.pair_a1, 1, LOG_TEXT));
    assert_eq!(
        app.sync(&mentor, std::slice::from_ref(&log)).await.status(),
        OK
    );
    // Screening: a required check the mentor candidate passed, and one to
    // retire.
    let coordinator = app.as_user("coordinator@a.test").await;
    let mut requirements = Vec::new();
    for kind in ["interview", "training"] {
        let added = app
            .post_json(
                &coordinator,
                "/api/screening/add_requirement",
                json!({ "programme": programme, "input": { "kind": kind } }),
            )
            .await;
        assert_eq!(added.status(), OK);
        requirements.push(json::<ScreeningRequirementId>(added).await);
    }
    let passed = app
        .post_json(
            &manager,
            "/api/screening/record",
            json!({ "candidate": mentor_candidate, "requirement": requirements[0], "input": {
                "state": "passed", "date": app.world.today.to_string()
            }}),
        )
        .await;
    assert_eq!(passed.status(), OK);
    // A concern of pair A1, and a group meeting with one topic.
    let concern = crate::concerns::concern_item(crate::concerns::concern_input(
        w.pair_a1,
        crate::concerns::WHAT_HAPPENED,
    ));
    crate::concerns::send_concerns(app, &mentor, std::slice::from_ref(&concern)).await;
    let group_meeting: GroupMeetingId = json(
        app.post_json(
            &manager,
            "/api/supervision/meeting",
            json!({ "programme": programme, "meeting": null, "input": { "held_on": w.today.to_string() } }),
        )
        .await,
    )
    .await;
    let added = app
        .post_json(
            &manager,
            "/api/supervision/agenda",
            json!({ "meeting": group_meeting, "input": { "topic": "Homework" } }),
        )
        .await;
    assert_eq!(added.status(), OK);
    let supervision: Supervision = json(
        app.post_json(
            &manager,
            "/api/supervision/get",
            json!({ "programme": programme }),
        )
        .await,
    )
    .await;
    let agenda_item = supervision.meetings[0].agenda[0].id;
    let user = async |email: &str| {
        app::store::users::find_user_by_email(&app.db, email)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let dual = app
        .add_user(
            DUAL,
            &[
                (app.world.programme_a, Role::Mentor),
                (app.world.programme_b, Role::Manager),
            ],
        )
        .await;
    let invitation: NewInvitation = json(
        app.post_json(
            &manager,
            "/api/invitations/create",
            json!({ "programme": programme, "role": "mentor", "candidate": null, "name": null }),
        )
        .await,
    )
    .await;
    Objects {
        dual,
        invitation: invitation.id,
        manager_a: user("manager@a.test").await,
        programme_a: programme,
        mentee_a: user("mentee@a.test").await,
        mentee3_a: user("mentee3@a.test").await,
        concern: ConcernId::from_uuid(concern.id),
        group_meeting,
        agenda_item,
        log: MeetingLogId::from_uuid(log.id),
        requirement: requirements[0],
        spare_requirement: requirements[1],
        organisation,
        candidate,
        mentor_candidate,
        training,
        spare_training,
        scores: page.items.iter().map(|i| (i.id, "3".to_string())).collect(),
    }
}

async fn call(
    app: &TestApp,
    client: &reqwest::Client,
    call: &str,
    o: &Objects,
) -> (StatusCode, String) {
    let w = &app.world;
    let pair_a1 = w.pair_a1.to_string();
    let pair_b = w.pair_b.to_string();
    let programme = w.programme_a;
    let programme_form = [("programme", programme.to_string())];
    let programme_form: Vec<(&str, &str)> = programme_form
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    let programme_input = ProgrammeInput {
        name: format!("New {}", uuid::Uuid::new_v4()),
        country: "Romania".into(),
        language: "Romanian".into(),
        ..ProgrammeInput::defaults(w.today)
    };
    let response = match call {
        "whoami" => app.post(client, "/api/auth/whoami", &[]).await,
        "storage_key" => app.post(client, "/api/auth/storage_key", &[]).await,
        "mentor_pairs" => app.post(client, "/api/mentor/pairs", &[]).await,
        "mentor_logs" => app.post(client, "/api/mentor/logs", &[]).await,
        "mentor_logs(pair_b)" => {
            app.post(client, "/api/mentor/logs", &[("pair", &pair_b)])
                .await
        }
        "mentor_logs(pair_a1)" => {
            app.post(client, "/api/mentor/logs", &[("pair", &pair_a1)])
                .await
        }
        "sync" => app.sync(client, &[]).await,
        "manager_logs" => app.post(client, "/api/manager/logs", &[]).await,
        "manager_log_pairs" => app.post(client, "/api/manager/log-pairs", &[]).await,
        "manager_logs(pair_a1)" => {
            app.post(client, "/api/manager/logs", &[("query[pair]", &pair_a1)])
                .await
        }
        "manager_dashboard" => {
            app.post_json(client, "/api/manager/dashboard", json!({ "query": {} }))
                .await
        }
        "supervision(a)" => {
            app.post_json(client, "/api/supervision/get", json!({ "programme": programme }))
                .await
        }
        // Empty, so an allowed caller is refused and nothing is stored.
        "add_check_in(a)" => {
            app.post_json(
                client,
                "/api/supervision/check-in",
                json!({ "programme": programme, "input": {} }),
            )
            .await
        }
        "save_group_meeting(a)" => {
            app.post_json(
                client,
                "/api/supervision/meeting",
                json!({ "programme": programme, "meeting": null, "input": {} }),
            )
            .await
        }
        "add_to_agenda(meeting of a)" => {
            app.post_json(
                client,
                "/api/supervision/agenda",
                json!({ "meeting": o.group_meeting, "input": {} }),
            )
            .await
        }
        "mark_discussed(item of a)" => {
            app.post_json(
                client,
                "/api/supervision/discussed",
                json!({ "item": o.agenda_item, "input": {} }),
            )
            .await
        }
        "my_discussed_challenges" => app.post(client, "/api/supervision/mine", &[]).await,
        "concerns_of_pair(pair_a1)" => {
            app.post_json(client, "/api/concerns/of_pair", json!({ "pair": w.pair_a1 }))
                .await
        }
        "add_concern_action(concern of pair_a1)" => {
            app.post_json(
                client,
                "/api/concerns/action",
                json!({ "concern": o.concern, "input": {} }),
            )
            .await
        }
        // The first allowed caller acknowledges it; it is then refused to all.
        "acknowledge_concern(concern of pair_a1)" => {
            app.post_json(client, "/api/concerns/acknowledge", json!({ "concern": o.concern }))
                .await
        }
        "my_concerns" => app.post(client, "/api/concerns/mine", &[]).await,
        "my_notifications" => app.post(client, "/api/notifications/mine", &[]).await,
        "coordinator_overview" => app.post(client, "/api/coordinator/overview", &[]).await,
        "mentee_home" => app.post(client, "/api/mentee/home", &[]).await,
        "programmes" => app.post(client, "/api/programmes/list", &[]).await,
        "programme(a)" => {
            app.post(client, "/api/programmes/get", &[("id", &programme.to_string())])
                .await
        }
        "coordinated_organisations" => app.post(client, "/api/programmes/organisations", &[]).await,
        "create_programme(org a)" => {
            app.post_json(
                client,
                "/api/programmes/create",
                json!({ "organisation": o.organisation, "input": programme_input }),
            )
            .await
        }
        "update_programme(a)" => {
            let input = ProgrammeInput {
                name: "Pilot A".into(),
                ..programme_input
            };
            app.post_json(
                client,
                "/api/programmes/update",
                json!({ "id": programme, "input": input }),
            )
            .await
        }
        "save_measure(a)" => {
            app.post_json(
                client,
                "/api/programmes/measure",
                json!({ "programme": programme, "input": { "measure": 1, "state": "planned" } }),
            )
            .await
        }
        "invite_manager(a)" | "invite_mentor(a)" => {
            let role = if call == "invite_manager(a)" { "manager" } else { "mentor" };
            app.post_json(
                client,
                "/api/invitations/create",
                json!({ "programme": programme, "role": role, "candidate": null, "name": null }),
            )
            .await
        }
        "invitations(a)" => app.post(client, "/api/invitations/list", &programme_form).await,
        "open_invitation(unknown)" => {
            app.post(client, "/api/invitations/open", &[("token", &"0".repeat(64))])
                .await
        }
        "accept_invitation(unknown)" => {
            app.post_json(
                client,
                "/api/invitations/accept",
                json!({ "token": "0".repeat(64), "input": { "privacy_notice": "yes" } }),
            )
            .await
        }
        "recruitment_board(a)" => app.post(client, "/api/recruitment/board", &programme_form).await,
        "candidate(a)" => {
            app.post(client, "/api/recruitment/candidate", &[("id", &o.candidate.to_string())])
                .await
        }
        "save_candidate(a)" => {
            app.post_json(
                client,
                "/api/recruitment/save",
                json!({ "programme": programme, "id": o.candidate, "input": { "kind": "mentee", "name": "Renamed" } }),
            )
            .await
        }
        "move_candidate(a)" => {
            app.post_json(
                client,
                "/api/recruitment/move",
                json!({ "id": o.candidate, "input": { "to": "referral", "reason": "" } }),
            )
            .await
        }
        "training_page(a)" => app.post(client, "/api/training/page", &programme_form).await,
        "create_training(a)" => {
            app.post_json(
                client,
                "/api/training/save",
                json!({ "programme": programme, "input": {
                    "held_on": w.today.to_string(), "format": "online", "topic": "More"
                }}),
            )
            .await
        }
        // Empty, so the programme's manager is refused and nothing changes.
        "correct_training(a)" => {
            app.post_json(
                client,
                "/api/training/save",
                json!({ "programme": programme, "training": o.training, "input": {} }),
            )
            .await
        }
        "remove_record(training of a)" => {
            app.post_json(
                client,
                "/api/office/remove",
                json!({ "record": OfficeRecord::Training(o.spare_training) }),
            )
            .await
        }
        // A control character, so the pair's mentee is refused and
        // nothing is stored.
        "ask_to_end(pair_a1)" => {
            app.post_json(
                client,
                "/api/mentee/ask-to-end",
                json!({ "pair": w.pair_a1, "reason": "\u{7}" }),
            )
            .await
        }
        "change_pair(pair_a1)" => {
            app.post_json(
                client,
                "/api/office/pair",
                json!({ "pair": w.pair_a1, "input": {} }),
            )
            .await
        }
        "attendance(a)" => {
            app.post_json(
                client,
                "/api/training/attendance",
                json!({ "training": o.training, "attended": [o.mentor_candidate] }),
            )
            .await
        }
        "self_assessment(a)" => {
            app.post_json(
                client,
                "/api/training/self_assessment",
                json!({ "candidate": o.mentor_candidate, "input": { "moment": "before", "scores": o.scores } }),
            )
            .await
        }
        "save_item(a)" => {
            app.post_json(
                client,
                "/api/training/item",
                json!({ "programme": programme, "item": null, "text": "One more" }),
            )
            .await
        }
        "matching_page(a)" => app.post(client, "/api/matching/page", &programme_form).await,
        "preferences(a)" => {
            app.post_json(
                client,
                "/api/matching/preferences",
                json!({ "programme": programme, "chooser": o.mentor_candidate, "ranked": [] }),
            )
            .await
        }
        "propose(a)" => app.post(client, "/api/matching/propose", &programme_form).await,
        "confirm(a)" => {
            app.post_json(
                client,
                "/api/matching/confirm",
                json!({ "programme": programme, "matches": [] }),
            )
            .await
        }
        "end_getting_to_know(pair_a1)" => {
            app.post_json(
                client,
                "/api/matching/end",
                json!({ "pair": w.pair_a1, "reason": "A reason" }),
            )
            .await
        }
        "my_getting_to_know" => app.post(client, "/api/journey/waiting", &[]).await,
        "answer(pair_a1, mentor)" | "answer(pair_a1, mentee)" => {
            let side = if call.contains("mentor") { "mentor" } else { "mentee" };
            app.post_json(
                client,
                "/api/journey/answer",
                json!({ "pair": w.pair_a1, "side": side, "input": { "go_on": "yes", "reason": "" } }),
            )
            .await
        }
        "confirm_pair(pair_a1)" | "confirm_pair(pair_b)" => {
            let pair = if call.contains("pair_b") { w.pair_b } else { w.pair_a1 };
            app.post_json(client, "/api/journey/confirm", json!({ "pair": pair }))
                .await
        }
        // Empty, so an allowed caller is refused and nothing closes.
        "close_pair(pair_a1)" => {
            app.post_json(
                client,
                "/api/journey/close",
                json!({ "pair": w.pair_a1, "input": {} }),
            )
            .await
        }
        "propose_as_mentor(pair_a1)" => {
            app.post_json(
                client,
                "/api/journey/propose-mentor",
                json!({ "pair": w.pair_a1 }),
            )
            .await
        }
        "reports_due" => app.post(client, "/api/reports/due", &[]).await,
        "my_reports" => app.post(client, "/api/reports/mine", &[]).await,
        "pair_mirror(pair_a1)" => {
            app.post_json(client, "/api/reports/mirror", json!({ "pair": w.pair_a1 }))
                .await
        }
        "my_goals" => app.post(client, "/api/goals/mine", &[]).await,
        "screening_requirements(a)" => {
            app.post_json(client, "/api/screening/requirements", json!({ "programme": programme }))
                .await
        }
        // Empty, so an allowed caller is refused and nothing is added.
        "add_requirement(a)" => {
            app.post_json(
                client,
                "/api/screening/add_requirement",
                json!({ "programme": programme, "input": {} }),
            )
            .await
        }
        // The first allowed caller retires it; it is then gone for all.
        "retire_requirement(a)" => {
            app.post_json(
                client,
                "/api/screening/retire_requirement",
                json!({ "id": o.spare_requirement }),
            )
            .await
        }
        "screening_of(mentor candidate)" => {
            app.post_json(
                client,
                "/api/screening/of_candidate",
                json!({ "candidate": o.mentor_candidate }),
            )
            .await
        }
        // Empty, so an allowed caller is refused and nothing is recorded.
        "record_check(mentor candidate)" => {
            app.post_json(
                client,
                "/api/screening/record",
                json!({ "candidate": o.mentor_candidate, "requirement": o.requirement, "input": {} }),
            )
            .await
        }
        // Empty, so an allowed caller is refused and nothing is stored.
        "save_referee(mentor candidate)" => {
            app.post_json(
                client,
                "/api/screening/save_referee",
                json!({ "candidate": o.mentor_candidate, "id": null, "input": {} }),
            )
            .await
        }
        "my_screening" => app.post(client, "/api/screening/mine", &[]).await,
        "log_history(log of pair_a1)" => {
            app.post(client, "/api/logs/history", &[("log", &o.log.to_string())])
                .await
        }
        "goals_of_pair(pair_a1)" => {
            app.post_json(client, "/api/goals/of_pair", json!({ "pair": w.pair_a1 }))
                .await
        }
        "people" => app.post_json(client, "/api/privacy/people", json!({ "search": "" })).await,
        "person(mentee a)" => {
            app.post_json(client, "/api/privacy/person", json!({ "person": format!("user:{}", o.mentee_a) }))
                .await
        }
        "record_consent(mentee a, no purpose)" => {
            app.post_json(
                client,
                "/api/privacy/record_consent",
                json!({ "person": format!("user:{}", o.mentee_a), "input": { "change": "given" } }),
            )
            .await
        }
        "export(mentee a)" => client
            .get(app.url(&format!("/api/privacy/export?person=user%3A{}&download=false", o.mentee_a)))
            .send()
            .await
            .unwrap(),
        "my_sessions" => app.post_json(client, "/api/account/sessions", json!({})).await,
        "sign_out(unknown session)" => {
            app.post_json(client, "/api/account/sign_out", json!({ "id": "0123456789abcdef" }))
                .await
        }
        "change_password(wrong current)" => {
            app.post_json(
                client,
                "/api/account/password",
                json!({ "input": { "current": "not the password", "new": "a brand new password", "again": "a brand new password" } }),
            )
            .await
        }
        "sign_out_person(mentee3 a)" => {
            app.post_json(client, "/api/account/sign_out_person", json!({ "person": o.mentee3_a }))
                .await
        }
        "reset_link(mentee a)" | "reset_link(mentee3 a)" | "reset_link(manager a)" => {
            let person = match call {
                "reset_link(mentee a)" => o.mentee_a,
                "reset_link(mentee3 a)" => o.mentee3_a,
                _ => o.manager_a,
            };
            app.post_json(client, "/api/account/reset_link", json!({ "person": person }))
                .await
        }
        "forgot_password" => {
            app.post_json(client, "/api/account/forgot", json!({ "email": "mentee@a.test" }))
                .await
        }
        "reset_open(unknown)" | "email_open(unknown)" | "email_confirm(unknown)" => {
            let endpoint = match call {
                "reset_open(unknown)" => "reset_open",
                "email_open(unknown)" => "email_open",
                _ => "email_confirm",
            };
            app.post_json(client, &format!("/api/account/{endpoint}"), json!({ "token": "0".repeat(64) }))
                .await
        }
        "reset(unknown)" => {
            app.post_json(
                client,
                "/api/account/reset",
                json!({ "token": "0".repeat(64), "input": { "new": "a brand new password", "again": "a brand new password" } }),
            )
            .await
        }
        "change_email(mail off)" => {
            app.post_json(
                client,
                "/api/account/email",
                json!({ "input": { "current": "not the password", "email": "new@a.test" } }),
            )
            .await
        }
        "withdraw_invitation(mentor a)" => {
            app.post_json(client, "/api/invitations/withdraw", json!({ "id": o.invitation }))
                .await
        }
        "withdraw_invitation(unknown)" => {
            app.post_json(client, "/api/invitations/withdraw", json!({ "id": InvitationId::new() }))
                .await
        }
        "remove_membership(mentee3 a)" => {
            app.post_json(
                client,
                "/api/account/remove_membership",
                json!({ "person": o.mentee3_a, "programme": o.programme_a, "role": "mentee" }),
            )
            .await
        }
        "my_consents" => app.post_json(client, "/api/privacy/my_consents", json!({})).await,
        "my_consent(email, withdrawn)" => {
            app.post_json(client, "/api/privacy/my_consent", json!({ "purpose": "email", "given": false }))
                .await
        }
        "my_data" => client
            .get(app.url("/api/privacy/my_data?download=false"))
            .send()
            .await
            .unwrap(),
        "person(dual)" => {
            app.post_json(client, "/api/privacy/person", json!({ "person": format!("user:{}", o.dual) }))
                .await
        }
        "export(dual)" => client
            .get(app.url(&format!(
                "/api/privacy/export?person=user%3A{}&download=false",
                o.dual
            )))
            .send()
            .await
            .unwrap(),
        "erase(dual)" => {
            app.post_json(client, "/api/privacy/erase", json!({ "person": format!("user:{}", o.dual) }))
                .await
        }
        "erase(mentee3 a)" => {
            app.post_json(client, "/api/privacy/erase", json!({ "person": format!("user:{}", o.mentee3_a) }))
                .await
        }
        "retention" => app.post_json(client, "/api/privacy/retention", json!({})).await,
        "programme_report(a)" => {
            app.post_json(
                client,
                "/api/programme-report/get",
                json!({ "programme": programme, "from": "", "to": "" }),
            )
            .await
        }
        "report_xlsx(a)" => client
            .get(app.url(&format!("/api/programme-report/xlsx?programme={programme}&from=&to=")))
            .send()
            .await
            .unwrap(),
        "mark_quote(a, unknown report)" => {
            app.post_json(
                client,
                "/api/programme-report/quote",
                json!({ "programme": programme, "report": ReportId::new(), "question": "s_voice", "publishable": true }),
            )
            .await
        }
        "set_public_impact(a)" => {
            app.post_json(
                client,
                "/api/programme-report/public",
                json!({ "organisation": app.world.organisation_a, "on": false }),
            )
            .await
        }
        "compare_programmes" => {
            app.post_json(client, "/api/programme-report/compare", json!({ "year": "", "country": "" }))
                .await
        }
        "report_pdf(a)" => client
            .get(app.url(&format!("/api/programme-report/pdf?programme={programme}&from=&to=")))
            .send()
            .await
            .unwrap(),
        "report_docx(a)" => client
            .get(app.url(&format!("/api/programme-report/docx?programme={programme}&from=&to=")))
            .send()
            .await
            .unwrap(),
        "report_csv(a)" => client
            .get(app.url(&format!("/api/programme-report/csv?programme={programme}&from=&to=")))
            .send()
            .await
            .unwrap(),
        "save_narrative(a, too long)" => {
            app.post_json(
                client,
                "/api/programme-report/narrative",
                json!({
                    "programme": programme,
                    "section": "introduction",
                    "text": "a".repeat(NARRATIVE_MAX_CHARS + 1),
                }),
            )
            .await
        }
        "set_retention(a, 0 months)" => {
            app.post_json(
                client,
                "/api/privacy/set_retention",
                json!({ "programme": programme, "input": { "months": "0" } }),
            )
            .await
        }
        "audit_search" => app.post_json(client, "/api/privacy/audit", json!({ "query": {} })).await,
        "two_step_state" => app.post_json(client, "/api/two_step/state", json!({})).await,
        "begin_two_step(wrong password)" => {
            app.post_json(client, "/api/two_step/begin", json!({ "input": { "current": "not the password" } }))
                .await
        }
        "confirm_two_step(nothing waiting)" => {
            app.post_json(client, "/api/two_step/confirm", json!({ "input": { "code": "123456" } }))
                .await
        }
        "recovery_codes(wrong password)" => {
            app.post_json(client, "/api/two_step/recovery_codes", json!({ "input": { "current": "not the password" } }))
                .await
        }
        "two_step_off(wrong password)" => {
            app.post_json(client, "/api/two_step/off", json!({ "input": { "current": "not the password" } }))
                .await
        }
        "second_step(no login waiting)" => {
            app.post(client, "/api/auth/second_step", &[("code", "123456")]).await
        }
        "require_two_step(org a)" => {
            app.post_json(client, "/api/two_step/require", json!({ "organisation": o.organisation, "on": true }))
                .await
        }
        other => panic!("unknown call {other}"),
    };
    let status = response.status();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn every_server_function_checks_the_role_and_the_object() {
    let app = spawn_app().await;
    // Expected status per caller, in the order of CALLERS:
    // anonymous, coord A, manager A, mentor A, mentor2 A, mentee A, coord B, manager B, mentor B,
    // mentee B, mentor A + manager B
    #[rustfmt::skip]
    let matrix: &[(&str, [StatusCode; 11])] = &[
        ("whoami",               [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK]),
        ("storage_key",          [ANONYMOUS, DENIED, DENIED, OK, OK, OK, DENIED, DENIED, OK, OK, OK]),
        ("mentor_pairs",         [ANONYMOUS, DENIED, DENIED, OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK]),
        ("mentor_logs",          [ANONYMOUS, DENIED, DENIED, OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK]),
        // Pair A1 is mentor A's: no other mentor, of this programme or
        // another, may read its logs; likewise pair B is mentor B's.
        ("mentor_logs(pair_a1)", [ANONYMOUS, DENIED, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("mentor_logs(pair_b)",  [ANONYMOUS, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED]),
        // Empty: whether the caller may send anything at all (a mentor, a
        // mentee or a manager; each item's pair is checked on its own, see
        // `sync.rs`).
        // (A manager sends a report answered on paper.)
        ("sync",                 [ANONYMOUS, DENIED, OK, OK, OK, OK, DENIED, OK, OK, OK, OK]),
        ("manager_logs",         [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK]),
        ("manager_log_pairs",    [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK]),
        ("coordinator_overview", [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, DENIED, DENIED]),
        ("ask_to_end(pair_a1)",  [ANONYMOUS, DENIED, DENIED, DENIED, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("mentee_home",          [ANONYMOUS, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK, DENIED]),
        // Programmes: their coordinator and managers; mentors and mentees
        // see none of the programme's office data.
        ("programmes",           [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, OK, OK, DENIED, DENIED, OK]),
        ("programme(a)",         [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("coordinated_organisations", [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, DENIED, DENIED]),
        ("create_programme(org a)", [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("update_programme(a)",  [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("save_measure(a)",      [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Invitations: a coordinator invites managers, a manager mentors
        // and mentees; an unknown link is not found for anyone.
        ("invite_manager(a)",    [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("invite_mentor(a)",     [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("invitations(a)",       [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("open_invitation(unknown)",   [NOT_FOUND; 11]),
        // Withdrawn by who may make it (once: then it is not open).
        ("withdraw_invitation(mentor a)", [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("withdraw_invitation(unknown)", [ANONYMOUS, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND]),
        ("accept_invitation(unknown)", [NOT_FOUND; 11]),
        // Recruitment, training, matching: the programme's managers act,
        // its coordinator reads (and edits the questionnaire).
        ("recruitment_board(a)", [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("candidate(a)",         [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("save_candidate(a)",    [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("move_candidate(a)",    [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("training_page(a)",     [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("create_training(a)",   [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("correct_training(a)",  [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Removed once by its manager; then there is nothing for anyone.
        ("remove_record(training of a)", [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("change_pair(pair_a1)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("attendance(a)",        [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("self_assessment(a)",   [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("save_item(a)",         [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("matching_page(a)",     [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("preferences(a)",       [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("propose(a)",           [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("confirm(a)",           [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Pair A1 is active, not getting to know: its manager is allowed
        // and told so.
        ("end_getting_to_know(pair_a1)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // The pair's journey: each person answers for themselves, the
        // pair's manager for either side; the manager confirms, closes and
        // proposes. Pair A1 is active: the allowed callers are told why not.
        ("my_getting_to_know",   [ANONYMOUS, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK]),
        ("answer(pair_a1, mentor)", [ANONYMOUS, DENIED, REFUSED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("answer(pair_a1, mentee)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("confirm_pair(pair_a1)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("confirm_pair(pair_b)", [ANONYMOUS, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, REFUSED, DENIED, DENIED, REFUSED]),
        ("close_pair(pair_a1)",  [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("propose_as_mentor(pair_a1)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Reports: mentors and mentees send them; a mentor sees what is
        // due; everyone reads their own answers; only the pair's manager
        // reads both sides (the coordinator gets aggregates, later).
        ("reports_due",          [ANONYMOUS, DENIED, DENIED, OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK]),
        ("my_reports",           [ANONYMOUS, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK]),
        ("pair_mirror(pair_a1)", [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("my_goals",             [ANONYMOUS, DENIED, DENIED, OK, OK, OK, DENIED, DENIED, OK, OK, OK]),
        ("goals_of_pair(pair_a1)", [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // A log's versions: its mentor and the programme's manager only (a
        // coordinator reads counts, never a log).
        ("log_history(log of pair_a1)", [ANONYMOUS, DENIED, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Screening: the programme's coordinator sets the checks, its
        // managers record them, both read them; a mentor reads their own.
        ("screening_requirements(a)", [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("add_requirement(a)",   [ANONYMOUS, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("retire_requirement(a)", [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("screening_of(mentor candidate)", [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("record_check(mentor candidate)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("save_referee(mentor candidate)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("my_screening",         [ANONYMOUS, DENIED, DENIED, OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK]),
        // The manager's follow-up: their home and logs of their own
        // programmes; supervision by the programme's managers (its
        // coordinator reads it); a mentor reads what came of their
        // challenges.
        ("manager_logs(pair_a1)", [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("manager_dashboard",    [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK]),
        ("supervision(a)",       [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("add_check_in(a)",      [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("save_group_meeting(a)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("add_to_agenda(meeting of a)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("mark_discussed(item of a)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("my_discussed_challenges", [ANONYMOUS, DENIED, DENIED, OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK]),
        // Safeguarding concerns: mentors send them; the programme's
        // managers and its organisation's coordinators read them; only a
        // manager acknowledges and acts; the author reads their own.
        ("concerns_of_pair(pair_a1)", [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("add_concern_action(concern of pair_a1)", [ANONYMOUS, DENIED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("acknowledge_concern(concern of pair_a1)", [ANONYMOUS, DENIED, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("my_concerns",          [ANONYMOUS, DENIED, DENIED, OK, OK, DENIED, DENIED, DENIED, OK, DENIED, OK]),
        ("my_notifications",     [ANONYMOUS, DENIED, OK, OK, OK, DENIED, DENIED, OK, OK, DENIED, OK]),
        // People and their data: the office lists its own programmes'
        // people and records consents; only a coordinator exports, erases,
        // sets the retention and searches the audit trail.
        ("people",               [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, OK, OK, DENIED, DENIED, OK]),
        ("person(mentee a)",     [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("record_consent(mentee a, no purpose)", [ANONYMOUS, REFUSED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("export(mentee a)",     [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // One's own account: every person, for themselves; a mentor's or
        // mentee's manager (or coordinator) signs them out of every device.
        ("my_sessions",          [ANONYMOUS, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK]),
        ("sign_out(unknown session)", [ANONYMOUS, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND]),
        ("change_password(wrong current)", [ANONYMOUS, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED]),
        ("sign_out_person(mentee3 a)", [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // One's own data and consents: every person, for themselves.
        ("my_consents",          [ANONYMOUS, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK]),
        ("my_consent(email, withdrawn)", [ANONYMOUS, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK]),
        ("my_data",              [ANONYMOUS, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK]),
        // A reset link: the same people, for a person with a login (mentee
        // 3 has none: an invitation is what they need); a manager's by
        // their coordinator only.
        ("reset_link(mentee a)",  [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("reset_link(mentee3 a)", [ANONYMOUS, REFUSED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("reset_link(manager a)", [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Anyone may ask for a reset email (the answer never says whether
        // the account exists); an unknown link is not found for anyone.
        ("forgot_password",       [OK; 11]),
        ("reset_open(unknown)",   [NOT_FOUND; 11]),
        ("reset(unknown)",        [NOT_FOUND; 11]),
        ("email_open(unknown)",   [NOT_FOUND; 11]),
        ("email_confirm(unknown)", [NOT_FOUND; 11]),
        // A new email needs a server that sends email (this one does not).
        ("change_email(mail off)", [ANONYMOUS, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED]),
        // A person of two organisations: each organisation's office sees
        // them, each coordinator exports what their organisation holds.
        ("person(dual)",         [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, OK, OK, DENIED, DENIED, OK]),
        ("export(dual)",         [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, DENIED, DENIED]),
        ("retention",            [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, OK, OK, DENIED, DENIED, OK]),
        ("set_retention(a, 0 months)", [ANONYMOUS, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("audit_search",         [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, DENIED, DENIED]),
        // Two-step login: every person, for themselves, their password
        // typed again; a login's second step only on the browser whose
        // password was right; requiring it, the organisation's coordinator
        // (who must have it on first).
        ("two_step_state",       [ANONYMOUS, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK]),
        ("begin_two_step(wrong password)", [ANONYMOUS, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED]),
        ("confirm_two_step(nothing waiting)", [ANONYMOUS, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD]),
        ("recovery_codes(wrong password)", [ANONYMOUS, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED]),
        ("two_step_off(wrong password)", [ANONYMOUS, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED, REFUSED]),
        ("second_step(no login waiting)", [ANONYMOUS; 11]),
        ("require_two_step(org a)", [ANONYMOUS, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // The programme report: the organisation's coordinators and the
        // programme's managers read it, download it and write it.
        ("programme_report(a)",  [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("report_csv(a)",        [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("report_xlsx(a)",       [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("report_pdf(a)",        [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("set_public_impact(a)", [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("compare_programmes",   [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, DENIED, DENIED]),
        // Allowed, but there is no such report.
        ("mark_quote(a, unknown report)", [ANONYMOUS, NOT_FOUND, NOT_FOUND, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("report_docx(a)",       [ANONYMOUS, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        ("save_narrative(a, too long)", [ANONYMOUS, REFUSED, REFUSED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Mentee 3 removed from A by A's coordinator (once: then not found
        // for their manager); their pair keeps them A's to erase below.
        ("remove_membership(mentee3 a)", [ANONYMOUS, OK, NOT_FOUND, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Last: it erases mentee 3 of programme A (once; then not found).
        ("erase(mentee3 a)",     [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED]),
        // Very last: A's coordinator erases the person of two organisations
        // from A only (they no longer belong to A: A's manager is refused);
        // B's coordinator can still erase them, and then they are gone
        // (their own session ended).
        ("erase(dual)",          [ANONYMOUS, OK, DENIED, DENIED, DENIED, DENIED, OK, DENIED, DENIED, DENIED, ANONYMOUS]),
    ];
    let objects = objects(&app).await;
    let mut clients = Vec::new();
    for caller in CALLERS {
        clients.push(match caller {
            None => client(),
            Some(email) => app.as_user(email).await,
        });
    }
    let mut wrong = Vec::new();
    for (function, expected) in matrix {
        for ((caller, client), expected) in CALLERS.iter().zip(&clients).zip(expected) {
            let (actual, body) = call(&app, client, function, &objects).await;
            if actual != *expected {
                wrong.push(format!(
                    "{function} as {caller:?}: expected {expected}, got {actual}"
                ));
            }
            // A refusal says only that, in the app's words.
            let said = match actual {
                DENIED => Some(r#"{"error":"forbidden"}"#),
                ANONYMOUS => Some(r#"{"error":"unauthenticated"}"#),
                _ => None,
            };
            if let Some(said) = said.filter(|said| body != *said) {
                wrong.push(format!(
                    "{function} as {caller:?}: answered {body:?}, not {said:?}"
                ));
            }
            // Nothing of programme A reaches who may not read it, whatever
            // the status.
            for (secret, readers) in secrets_of_a() {
                if body.contains(secret) && !readers.contains(caller) {
                    wrong.push(format!(
                        "{function} as {caller:?}: the answer holds {secret:?}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test]
async fn a_manager_of_another_programme_sees_none_of_its_logs() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    app.sync(&mentor, &[item(w, log_input(w, w.pair_a1, 1, "Private"))])
        .await;
    let outsider = app.as_user("manager@b.test").await;

    let logs = json::<LogPage>(app.post(&outsider, "/api/manager/logs", &[]).await)
        .await
        .logs;

    assert!(logs.is_empty());
}

#[tokio::test]
async fn another_mentor_sees_none_of_a_mentors_logs() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    app.sync(&mentor, &[item(w, log_input(w, w.pair_a1, 1, "Private"))])
        .await;
    let mentor2 = app.as_user("mentor2@a.test").await;

    let logs = json::<LogPage>(app.post(&mentor2, "/api/mentor/logs", &[]).await)
        .await
        .logs;
    let pairs: Vec<PairSummary> = json(app.post(&mentor2, "/api/mentor/pairs", &[]).await).await;

    assert!(logs.is_empty());
    assert_eq!(
        pairs.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![w.pair_a3]
    );
}

#[tokio::test]
async fn a_coordinator_sees_counts_of_their_own_programme_only() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let with_challenge = MeetingLogInput {
        challenge: "yes".into(),
        challenge_text: "Hard week.".into(),
        ..log_input(w, w.pair_a1, 1, "One")
    };
    app.sync(
        &mentor,
        &[
            item(w, with_challenge),
            item(w, log_input(w, w.pair_a2, 2, "Two")),
        ],
    )
    .await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let other = app.as_user("coordinator@b.test").await;

    let mine: Vec<ProgrammeStats> = json(
        app.post(&coordinator, "/api/coordinator/overview", &[])
            .await,
    )
    .await;
    let theirs: Vec<ProgrammeStats> =
        json(app.post(&other, "/api/coordinator/overview", &[]).await).await;

    assert_eq!(mine.len(), 1);
    let stats = &mine[0];
    assert_eq!(stats.programme_id, w.programme_a);
    assert_eq!(
        (stats.active_pairs, stats.mentors, stats.mentees),
        (3, 2, 3)
    );
    assert_eq!(
        (
            stats.meetings,
            stats.meeting_minutes,
            stats.meetings_with_challenge
        ),
        (2, 150, 1)
    );
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].meetings, 0);
}

#[tokio::test]
async fn a_mentee_sees_their_mentor_and_not_the_logs() {
    let app = spawn_app().await;
    let mentee = app.as_user("mentee@a.test").await;

    let pairs: Vec<MenteePair> = json(app.post(&mentee, "/api/mentee/home", &[]).await).await;
    let logs = app.post(&mentee, "/api/mentor/logs", &[]).await;
    let w = &app.world;
    let sync = app
        .sync_ok(
            &mentee,
            &[item(w, log_input(w, w.pair_a1, 1, "By the mentee"))],
        )
        .await;

    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].mentor_name, "mentor@a.test");
    assert_eq!(logs.status(), DENIED);
    assert_eq!(
        sync,
        vec![rejected(Reasons::at("pair", Problem::NotYourPair))]
    );
    assert_eq!(app.stored_logs().await, 0);
}
