//! The pair's journey after matching: both sides answer after getting to
//! know each other, the manager confirms; the manager closes a pair, the
//! mentee goes on with a new mentor or is proposed as a mentor.

use crate::helpers::*;
use crate::recruitment::{
    candidate, confirm, join, matchable, matching_page, move_to, problems, Matchable,
};
use app::api::matching::MatchingData;
use app::model::*;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

async fn answer(
    app: &TestApp,
    client: &Client,
    pair: PairId,
    side: &str,
    input: Value,
) -> reqwest::Response {
    app.post_json(
        client,
        "/api/journey/answer",
        json!({ "pair": pair, "side": side, "input": input }),
    )
    .await
}

async fn confirm_pair(app: &TestApp, client: &Client, pair: PairId) -> reqwest::Response {
    app.post_json(client, "/api/journey/confirm", json!({ "pair": pair }))
        .await
}

async fn close(app: &TestApp, client: &Client, pair: PairId, input: Value) -> reqwest::Response {
    app.post_json(
        client,
        "/api/journey/close",
        json!({ "pair": pair, "input": input }),
    )
    .await
}

fn row(page: &MatchingData, pair: PairId) -> PairRow {
    page.pairs.iter().find(|p| p.id == pair).cloned().unwrap()
}

/// A pair of the matchable candidates, getting to know each other.
async fn new_pair(app: &TestApp, manager: &Client) -> (Matchable, PairId) {
    let m = matchable(app, manager).await;
    let ids: Vec<PairId> = json(confirm(app, manager, &[(m.mentee_ro, m.mentor_ro)]).await).await;
    (m, ids[0])
}

/// A pair both sides and the manager confirmed.
async fn active_pair(app: &TestApp, manager: &Client) -> (Matchable, PairId) {
    let (m, pair) = new_pair(app, manager).await;
    for side in ["mentor", "mentee"] {
        let answered = answer(app, manager, pair, side, json!({ "go_on": "yes" })).await;
        assert_eq!(answered.status(), StatusCode::OK);
    }
    assert_eq!(
        confirm_pair(app, manager, pair).await.status(),
        StatusCode::OK
    );
    (m, pair)
}

#[tokio::test]
async fn both_sides_say_they_go_on_and_the_manager_confirms_the_pair_which_becomes_active() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (m, pair) = new_pair(&app, &manager).await;
    let (_, mentor) = join(
        &app,
        &manager,
        Role::Mentor,
        m.mentor_ro,
        "Radu",
        "radu@a.test",
    )
    .await;
    let (_, mentee) = join(
        &app,
        &manager,
        Role::Mentee,
        m.mentee_ro,
        "Rodica",
        "rodica@a.test",
    )
    .await;

    let too_early = confirm_pair(&app, &manager, pair).await;
    let waiting: Vec<GettingToKnow> =
        json(app.post(&mentor, "/api/journey/waiting", &[]).await).await;
    let by_mentor = answer(&app, &mentor, pair, "mentor", json!({ "go_on": "yes" })).await;
    let by_mentee = answer(&app, &mentee, pair, "mentee", json!({ "go_on": "yes" })).await;
    let before = row(&matching_page(&app, &manager).await, pair);
    let confirmed = confirm_pair(&app, &manager, pair).await;
    let late = answer(
        &app,
        &mentor,
        pair,
        "mentor",
        json!({ "go_on": "no", "reason": "Too late" }),
    )
    .await;

    assert_eq!(
        problems(json(too_early).await).problem(Field::Pair),
        Some(Problem::NotBothYes)
    );
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].other_name, "Rodica");
    assert_eq!(waiting[0].side, Side::Mentor);
    assert_eq!(waiting[0].answer, None);
    assert_eq!(by_mentor.status(), StatusCode::OK);
    assert_eq!(by_mentee.status(), StatusCode::OK);
    assert_eq!(
        before.journey.answers.len(),
        2,
        "the manager sees both answers"
    );
    assert!(before.journey.answers.iter().all(|a| a.go_on));
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert_eq!(
        row(&matching_page(&app, &manager).await, pair).status,
        PairStatus::Active
    );
    assert_eq!(
        problems(json(late).await).problem(Field::Pair),
        Some(Problem::NotGettingToKnow)
    );
    let pairs: Vec<PairSummary> = json(app.post(&mentor, "/api/mentor/pairs", &[]).await).await;
    assert_eq!(pairs[0].status, PairStatus::Active);
}

#[tokio::test]
async fn a_no_needs_a_reason_and_keeps_the_pair_from_being_confirmed() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (_, pair) = new_pair(&app, &manager).await;

    let no_reason = answer(
        &app,
        &manager,
        pair,
        "mentee",
        json!({ "go_on": "no", "reason": " " }),
    )
    .await;
    let unknown = answer(
        &app,
        &manager,
        pair,
        "mentee",
        json!({ "go_on": "perhaps" }),
    )
    .await;
    let stored_after_refusals = row(&matching_page(&app, &manager).await, pair);
    let mentee_no = answer(
        &app,
        &manager,
        pair,
        "mentee",
        json!({ "go_on": "no", "reason": "Our times never fit." }),
    )
    .await;
    answer(&app, &manager, pair, "mentor", json!({ "go_on": "yes" })).await;
    let refused = confirm_pair(&app, &manager, pair).await;

    assert_eq!(
        problems(json(no_reason).await).problem(Field::Reason),
        Some(Problem::Required)
    );
    assert_eq!(
        problems(json(unknown).await).problem(Field::GoOn),
        Some(Problem::UnknownChoice)
    );
    assert!(
        stored_after_refusals.journey.answers.is_empty(),
        "nothing stored"
    );
    assert_eq!(mentee_no.status(), StatusCode::OK);
    assert_eq!(
        problems(json(refused).await).problem(Field::Pair),
        Some(Problem::NotBothYes)
    );
    let after = row(&matching_page(&app, &manager).await, pair);
    assert_eq!(after.status, PairStatus::GettingToKnow);
    let mentee_answer = after
        .journey
        .answers
        .iter()
        .find(|a| a.side == Side::Mentee)
        .unwrap();
    assert_eq!(
        mentee_answer.reason.as_deref(),
        Some("Our times never fit.")
    );
    assert_eq!(
        mentee_answer.recorded_by, "manager@a.test",
        "recorded on the mentee's behalf"
    );
}

#[tokio::test]
async fn nobody_answers_for_a_pair_that_is_not_theirs() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (m, pair) = new_pair(&app, &manager).await;
    let (_, mentor) = join(
        &app,
        &manager,
        Role::Mentor,
        m.mentor_ro,
        "Radu",
        "radu@a.test",
    )
    .await;

    let for_the_mentee = answer(&app, &mentor, pair, "mentee", json!({ "go_on": "yes" })).await;
    let other_mentor = answer(
        &app,
        &app.as_user("mentor@a.test").await,
        pair,
        "mentor",
        json!({ "go_on": "yes" }),
    )
    .await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let by_coordinator = answer(
        &app,
        &coordinator,
        pair,
        "mentee",
        json!({ "go_on": "yes" }),
    )
    .await;
    let confirmed_by_coordinator = confirm_pair(&app, &coordinator, pair).await;
    let other_manager = answer(
        &app,
        &app.as_user("manager@b.test").await,
        pair,
        "mentee",
        json!({ "go_on": "yes" }),
    )
    .await;

    for response in [
        for_the_mentee,
        other_mentor,
        by_coordinator,
        confirmed_by_coordinator,
        other_manager,
    ] {
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    assert!(row(&matching_page(&app, &manager).await, pair)
        .journey
        .answers
        .is_empty());
}

#[tokio::test]
async fn a_closure_with_bad_fields_gets_every_problem_and_the_pair_stays_active() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (_, getting_to_know) = new_pair(&app, &manager).await;
    let tomorrow = (app.world.today + chrono::Days::new(1)).to_string();

    let bad = close(
        &app,
        &manager,
        app.world.pair_a1,
        json!({ "outcome": "dropped_out", "drop_reason": "", "ended_on": tomorrow }),
    )
    .await;
    let other = close(
        &app,
        &manager,
        app.world.pair_a1,
        json!({ "outcome": "dropped_out", "drop_reason": "other", "ended_on": app.world.today.to_string() }),
    )
    .await;
    let too_early = close(
        &app,
        &manager,
        getting_to_know,
        json!({ "outcome": "completed", "ended_on": app.world.today.to_string() }),
    )
    .await;

    let errors = problems(json(bad).await);
    assert_eq!(errors.problem(Field::DropReason), Some(Problem::Required));
    assert_eq!(errors.problem(Field::EndedOn), Some(Problem::DateInFuture));
    assert_eq!(
        problems(json(other).await).problem(Field::Reason),
        Some(Problem::Required)
    );
    assert_eq!(
        problems(json(too_early).await).problem(Field::Pair),
        Some(Problem::NotYet)
    );
    let access = app::store::pairs::find(&app.db, app.world.pair_a1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(access.status, PairStatus::Active, "nothing closed");
}

#[tokio::test]
async fn a_mentee_who_drops_out_and_goes_on_is_matched_again_with_the_history_linked() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (m, pair) = active_pair(&app, &manager).await;

    let closed = close(
        &app,
        &manager,
        pair,
        json!({ "outcome": "dropped_out", "drop_reason": "mentor_withdrew",
                "details": "The mentor moved abroad.", "ended_on": app.world.today.to_string(),
                "continues": "yes" }),
    )
    .await;
    let twice = close(
        &app,
        &manager,
        pair,
        json!({ "outcome": "completed", "ended_on": app.world.today.to_string() }),
    )
    .await;
    let page = matching_page(&app, &manager).await;
    let ids: Vec<PairId> = json(confirm(&app, &manager, &[(m.mentee_ro, m.mentor_hu)]).await).await;

    assert_eq!(closed.status(), StatusCode::OK);
    assert_eq!(
        problems(json(twice).await).problem(Field::Pair),
        Some(Problem::PairEnded)
    );
    let ended = row(&page, pair);
    assert_eq!(ended.status, PairStatus::Ended);
    assert_eq!(ended.journey.end_kind, Some(EndKind::DroppedOut));
    assert_eq!(ended.journey.drop_reason, Some(DropReason::MentorWithdrew));
    assert_eq!(
        ended.journey.end_details.as_deref(),
        Some("The mentor moved abroad.")
    );
    assert!(ended.journey.continues);
    assert!(
        page.mentees.iter().any(|(p, _)| p.id == m.mentee_ro),
        "waiting for a new mentor"
    );
    let new_pair = row(&matching_page(&app, &manager).await, ids[0]);
    assert_eq!(new_pair.journey.previous, Some(pair));
}

#[tokio::test]
async fn a_mentee_who_completed_is_not_waiting_and_can_be_proposed_once_as_a_mentor() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;
    let (m, pair) = active_pair(&app, &manager).await;
    let propose = async |pair: PairId| {
        app.post_json(
            &manager,
            "/api/journey/propose-mentor",
            json!({ "pair": pair }),
        )
        .await
    };

    let before_closure = propose(pair).await;
    close(
        &app,
        &manager,
        pair,
        json!({ "outcome": "completed", "ended_on": app.world.today.to_string() }),
    )
    .await;
    let page = matching_page(&app, &manager).await;
    let proposed: CandidateId = json(propose(pair).await).await;
    let again = propose(pair).await;

    assert_eq!(
        problems(json(before_closure).await).problem(Field::Pair),
        Some(Problem::NotYet)
    );
    assert!(
        !page.mentees.iter().any(|(p, _)| p.id == m.mentee_ro),
        "done, not waiting"
    );
    assert_eq!(
        problems(json(again).await).problem(Field::Pair),
        Some(Problem::AlreadyUsed)
    );
    let mentee = candidate(&app, &manager, m.mentee_ro).await.candidate;
    let mentor = candidate(&app, &manager, proposed).await.candidate;
    assert_eq!(mentor.kind, CandidateKind::Mentor);
    assert_eq!(mentor.stage, Stage::Interest);
    assert_eq!(mentor.name, mentee.name);
    assert_eq!(
        mentor.user_id, mentee.user_id,
        "the same person, one account"
    );
    assert!(mentor.profile.is_parent, "a parent: a peer mentor");
    assert!(
        row(&matching_page(&app, &manager).await, pair)
            .journey
            .proposed_as_mentor
    );

    // Accepted as a mentor, the same account can be matched as a mentor.
    for stage in [Stage::PreMatching, Stage::Accepted] {
        let moved = move_to(&app, &manager, proposed, stage, "").await;
        assert_eq!(moved.status(), StatusCode::OK);
    }
    let page = matching_page(&app, &manager).await;
    assert!(page.mentors.iter().any(|p| p.id == proposed));
    let memberships = app::store::users::memberships(&app.db, mentee.user_id.unwrap())
        .await
        .unwrap();
    assert!(memberships.iter().any(|m| m.role == Role::Mentor));
    assert!(memberships.iter().any(|m| m.role == Role::Mentee));
}

#[tokio::test]
async fn a_mentee_asks_to_end_and_their_manager_sees_it_first_until_the_pair_is_closed() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentee = app.as_user("mentee@a.test").await;
    let manager = app.as_user("manager@a.test").await;
    let ask = async |client: &Client, pair: PairId, reason: &str| {
        app.post_json(
            client,
            "/api/mentee/ask-to-end",
            json!({ "pair": pair, "reason": reason }),
        )
        .await
    };
    let alerts = async || -> Vec<(PairId, AlertKind)> {
        let board: Dashboard = json(
            app.post_json(&manager, "/api/manager/dashboard", json!({ "query": {} }))
                .await,
        )
        .await;
        board
            .alerts
            .iter()
            .map(|line| (line.pair_id, line.alert.kind))
            .collect()
    };

    let not_theirs = ask(&mentee, w.pair_a3, "").await;
    let not_a_mentee = ask(&app.as_user("mentor@a.test").await, w.pair_a1, "").await;
    let control = ask(&mentee, w.pair_a1, "bad\u{7}").await;
    let before = alerts().await;
    let asked = ask(&mentee, w.pair_a1, "We moved to another town.").await;
    let again = ask(&mentee, w.pair_a1, "We moved away in May.").await;
    let after = alerts().await;
    let home: Vec<MenteePair> = json(app.post(&mentee, "/api/mentee/home", &[]).await).await;
    let row = row(&matching_page(&app, &manager).await, w.pair_a1);
    let closed = close(
        &app,
        &manager,
        w.pair_a1,
        json!({ "outcome": "dropped_out", "drop_reason": "mentee_withdrew", "ended_on": w.today.to_string() }),
    )
    .await;
    let after_close = alerts().await;
    let once_ended = ask(&mentee, w.pair_a1, "").await;

    assert_eq!(not_theirs.status(), StatusCode::FORBIDDEN);
    assert_eq!(not_a_mentee.status(), StatusCode::FORBIDDEN);
    assert_eq!(control.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!before.contains(&(w.pair_a1, AlertKind::EndAsked)));
    assert_eq!(asked.status(), StatusCode::OK);
    assert_eq!(again.status(), StatusCode::OK);
    let first_of_pair = after.iter().find(|(pair, _)| *pair == w.pair_a1);
    assert_eq!(first_of_pair, Some(&(w.pair_a1, AlertKind::EndAsked)));
    let pair = home.iter().find(|p| p.id == w.pair_a1).unwrap();
    assert_eq!(pair.end_asked_on, Some(w.today));
    assert_eq!(
        row.journey.end_asked,
        Some((w.today, "We moved away in May.".to_string())),
        "the first day stays, the latest reason shows"
    );
    assert_eq!(closed.status(), StatusCode::OK);
    assert!(!after_close.iter().any(|(pair, _)| *pair == w.pair_a1));
    assert_eq!(once_ended.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
