//! The mid-term and final reports (Tools 3 and 4): sent from an outbox with
//! the meeting logs' protocol, answered by both sides, read by whom they are
//! for.

use crate::helpers::*;
use app::model::*;
use chrono::Days;
use reqwest::{Client, StatusCode};
use serde_json::json;

/// A complete report for `pair`, dated yesterday: every statement agreed,
/// every YES / NO answered "no" with its reason, every text given.
pub(crate) fn report_input(
    w: &World,
    pair: PairId,
    kind: ReportKind,
    respondent: Respondent,
) -> ReportInput {
    let answers = items(kind, respondent)
        .into_iter()
        .map(|item| {
            let (choice, text) = match item.scale {
                Scale::Agreement => ("agree", ""),
                Scale::YesNo => ("no", "Not yet."),
                Scale::Text => ("", "She helped me talk to the teacher."),
            };
            let answer = AnswerInput {
                choice: choice.into(),
                text: text.into(),
            };
            (item.question.key().to_string(), answer)
        })
        .collect();
    ReportInput {
        pair_id: pair.to_string(),
        kind: kind.key().into(),
        respondent: respondent.key().into(),
        date: (w.today - Days::new(1)).format("%Y-%m-%d").to_string(),
        months: "2".into(),
        weeks: "0".into(),
        answers,
        on_paper: false,
    }
}

/// The item a phone would send: a new id and the hash as the phone makes it.
pub(crate) fn report_item(_w: &World, report: ReportInput) -> SyncItem {
    record_item::<Report>(ReportId::new().as_uuid(), 1, &report)
}

async fn send(app: &TestApp, client: &Client, items: &[SyncItem]) -> reqwest::Response {
    app.sync(client, items).await
}

pub(crate) async fn send_ok(
    app: &TestApp,
    client: &Client,
    items: &[SyncItem],
) -> Vec<SyncOutcome> {
    app.sync_ok(client, items).await
}

async fn mirror(app: &TestApp, client: &Client, pair: PairId) -> reqwest::Response {
    app.post_json(client, "/api/reports/mirror", json!({ "pair": pair }))
        .await
}

async fn mine(app: &TestApp, client: &Client) -> Vec<ReportView> {
    json(app.post(client, "/api/reports/mine", &[]).await).await
}

async fn stored_reports(app: &TestApp) -> i64 {
    app::store::reports::count(&app.db).await.unwrap()
}

/// What a refusal names: each question and its problem (the report as a
/// whole as `Question::Report`).
fn rejected(outcome: &SyncOutcome) -> Vec<(Question, Problem)> {
    match outcome {
        SyncOutcome::Rejected { errors } => ReportErrors::from(errors)
            .iter()
            .map(|e| (e.question, e.problem))
            .collect(),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[tokio::test]
async fn both_sides_mid_term_reports_reach_the_managers_mirror_view_side_by_side() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let mentee = app.as_user("mentee@a.test").await;
    let w = &app.world;
    let mut from_mentee = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentee);
    from_mentee.answers.insert(
        Question::SVoice.key().into(),
        AnswerInput {
            choice: "could_be_improved".into(),
            text: "I still do not speak at the school council.".into(),
        },
    );

    let mentor_sent = send_ok(
        &app,
        &mentor,
        &[report_item(
            w,
            report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
        )],
    )
    .await;
    let mentee_sent = send_ok(&app, &mentee, &[report_item(w, from_mentee)]).await;

    assert_eq!(mentor_sent, vec![SyncOutcome::Stored]);
    assert_eq!(mentee_sent, vec![SyncOutcome::Stored]);
    let manager = app.as_user("manager@a.test").await;
    let response = mirror(&app, &manager, w.pair_a1).await;
    assert_eq!(response.status(), StatusCode::OK);
    let view: Mirror = json(response).await;
    assert_eq!(view.reports.len(), 2);
    assert_eq!(view.mentee_name, "mentee@a.test");
    let rows = view.rows(ReportKind::Midterm);
    let voice = rows
        .iter()
        .find(|r| r.question == Question::SVoice)
        .unwrap();
    assert!(voice.differs);
    assert_eq!(voice.mentor.unwrap().choice, Some(Choice::Agree));
    assert_eq!(voice.mentee.unwrap().choice, Some(Choice::CouldBeImproved));
    assert!(
        !rows
            .iter()
            .find(|r| r.question == Question::SWellbeing)
            .unwrap()
            .differs
    );
}

#[tokio::test]
async fn a_report_sent_again_is_acknowledged_and_stored_once() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let item = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Final, Respondent::Mentor),
    );
    send_ok(&app, &mentor, std::slice::from_ref(&item)).await;

    let again = send_ok(&app, &mentor, std::slice::from_ref(&item)).await;

    assert_eq!(again, vec![SyncOutcome::AlreadyStored]);
    assert_eq!(stored_reports(&app).await, 1);
}

#[tokio::test]
async fn a_different_report_under_a_sent_id_is_a_conflict_and_the_sent_one_is_kept() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let first = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
    );
    send_ok(&app, &mentor, std::slice::from_ref(&first)).await;
    let mut changed = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor);
    changed.months = "3".into();
    let second = SyncItem {
        id: first.id,
        ..report_item(w, changed)
    };

    let outcome = send_ok(&app, &mentor, &[second]).await;

    assert_eq!(outcome, vec![SyncOutcome::Conflict]);
    let kept = mine(&app, &mentor).await;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].months, 2);
}

#[tokio::test]
async fn a_second_report_of_the_same_kind_from_the_same_side_is_refused() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let input = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor);
    send_ok(&app, &mentor, &[report_item(w, input.clone())]).await;

    let outcome = send_ok(&app, &mentor, &[report_item(w, input)]).await;

    assert_eq!(
        rejected(&outcome[0]),
        vec![(Question::Report, Problem::AlreadyUsed)]
    );
    assert_eq!(stored_reports(&app).await, 1);
}

#[tokio::test]
async fn an_invalid_report_is_refused_with_every_reason_while_the_valid_one_beside_it_is_stored() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let mut invalid = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor);
    invalid.answers.remove(Question::Change.key());
    invalid.answers.insert(
        Question::SDialogue.key().into(),
        AnswerInput {
            choice: "disagree".into(),
            text: String::new(),
        },
    );
    invalid.date = (w.today + Days::new(5)).format("%Y-%m-%d").to_string();
    let valid = report_input(w, w.pair_a2, ReportKind::Midterm, Respondent::Mentor);

    let outcome = send_ok(
        &app,
        &mentor,
        &[report_item(w, invalid), report_item(w, valid)],
    )
    .await;

    assert_eq!(
        rejected(&outcome[0]),
        vec![
            (Question::Date, Problem::DateInFuture),
            (Question::Change, Problem::Required),
            (Question::SDialogue, Problem::Required),
        ]
    );
    assert_eq!(outcome[1], SyncOutcome::Stored);
    assert_eq!(stored_reports(&app).await, 1);
}

#[tokio::test]
async fn a_report_whose_content_does_not_match_its_hash_is_refused() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let mut item = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
    );
    let mut changed = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor);
    changed.months = "4".into();
    item.input = Payload::of(&changed);

    let outcome = send_ok(&app, &mentor, &[item]).await;

    assert_eq!(
        rejected(&outcome[0]),
        vec![(Question::Report, Problem::ContentDamaged)]
    );
    assert_eq!(stored_reports(&app).await, 0);
}

#[tokio::test]
async fn the_mentor_hands_over_the_phone_and_afterwards_knows_only_that_the_mentee_answered() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let handed_over = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentee),
    );

    let outcome = send_ok(&app, &mentor, &[handed_over]).await;

    assert_eq!(outcome, vec![SyncOutcome::Stored]);
    assert!(mine(&app, &mentor).await.is_empty());
    let due: Vec<ReportDue> = json(app.post(&mentor, "/api/reports/due", &[]).await).await;
    let mentee_midterm = due
        .iter()
        .find(|d| {
            d.pair_id == w.pair_a1
                && d.kind == ReportKind::Midterm
                && d.respondent == Respondent::Mentee
        })
        .unwrap();
    assert_eq!(mentee_midterm.answered_on, Some(w.today - Days::new(1)));
    let manager = app.as_user("manager@a.test").await;
    let view: Mirror = json(mirror(&app, &manager, w.pair_a1).await).await;
    assert_eq!(view.reports[0].respondent, Respondent::Mentee);
    let mentee = app.as_user("mentee@a.test").await;
    let theirs = mine(&app, &mentee).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].respondent, Respondent::Mentee);
}

#[tokio::test]
async fn the_mentor_sees_each_pairs_reports_due_at_half_way_and_at_the_planned_end() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let started_on = w.today - Days::new(60);
    let planned_end = started_on + chrono::Months::new(6);

    let due: Vec<ReportDue> = json(app.post(&mentor, "/api/reports/due", &[]).await).await;

    assert_eq!(due.len(), 8, "two pairs, four reports each");
    assert!(due.iter().all(|d| d.answered_on.is_none()));
    let halfway = started_on + Days::new(((planned_end - started_on).num_days() / 2) as u64);
    for d in &due {
        match d.kind {
            ReportKind::Midterm => assert_eq!(d.due_on, halfway),
            ReportKind::Final => assert_eq!(d.due_on, planned_end),
        }
    }
}

#[tokio::test]
async fn the_mentors_pairs_carry_their_next_report_due_for_the_home_page() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let both = [Respondent::Mentor, Respondent::Mentee]
        .map(|side| report_item(w, report_input(w, w.pair_a1, ReportKind::Midterm, side)));
    send_ok(&app, &mentor, &both).await;

    let pairs: Vec<PairSummary> = json(app.post(&mentor, "/api/mentor/pairs", &[]).await).await;

    let a1 = pairs.iter().find(|p| p.id == w.pair_a1).unwrap();
    let started_on = w.today - Days::new(60);
    let planned_end = started_on + chrono::Months::new(6);
    assert_eq!(
        (a1.next_report, a1.next_report_on),
        (Some(ReportKind::Final), Some(planned_end))
    );
    let a2 = pairs.iter().find(|p| p.id == w.pair_a2).unwrap();
    assert_eq!(a2.next_report, Some(ReportKind::Midterm));
}

#[tokio::test]
async fn nobody_answers_for_a_pair_that_is_not_theirs_nor_as_the_other_side() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let mentee = app.as_user("mentee@a.test").await;
    let manager = app.as_user("manager@a.test").await;
    let not_yours = vec![(Question::Pair, Problem::NotYourPair)];

    let other_mentors_pair = send_ok(
        &app,
        &mentor,
        &[report_item(
            w,
            report_input(w, w.pair_a3, ReportKind::Midterm, Respondent::Mentor),
        )],
    )
    .await;
    let mentee_as_mentor = send_ok(
        &app,
        &mentee,
        &[report_item(
            w,
            report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
        )],
    )
    .await;
    let mentee_other_pair = send_ok(
        &app,
        &mentee,
        &[report_item(
            w,
            report_input(w, w.pair_a2, ReportKind::Midterm, Respondent::Mentee),
        )],
    )
    .await;

    for outcome in [other_mentors_pair, mentee_as_mentor, mentee_other_pair] {
        assert_eq!(rejected(&outcome[0]), not_yours);
    }
    let item = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
    );
    // A manager types in only a paper answer (see below).
    let by_manager = send_ok(&app, &manager, &[item]).await;
    assert_eq!(
        rejected(&by_manager[0]),
        not_yours,
        "a manager answers no report"
    );
    assert_eq!(stored_reports(&app).await, 0);
    let anonymous = client();
    let item = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
    );
    assert_eq!(
        send(&app, &anonymous, &[item]).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_mirror_view_is_for_the_pairs_manager_only() {
    let app = spawn_app().await;
    let w = &app.world;
    for email in [
        "mentor@a.test",
        "mentee@a.test",
        "coordinator@a.test",
        "manager@b.test",
    ] {
        let client = app.as_user(email).await;

        let response = mirror(&app, &client, w.pair_a1).await;

        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{email}");
    }
}

#[tokio::test]
async fn a_batch_larger_than_the_limit_is_refused_whole() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let batch: Vec<SyncItem> = (0..=MAX_SYNC_BATCH)
        .map(|_| {
            report_item(
                w,
                report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
            )
        })
        .collect();

    let response = send(&app, &mentor, &batch).await;

    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(stored_reports(&app).await, 0);
}

async fn html(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let response = client
        .get(app.url(path))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn the_mirror_page_is_rendered_with_both_answers_and_the_difference_named_and_a_mentor_gets_none_of_it(
) {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let mut from_mentee = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentee);
    from_mentee.answers.insert(
        Question::SVoice.key().into(),
        AnswerInput {
            choice: "disagree".into(),
            text: "Nobody at the school asks me.".into(),
        },
    );
    let mentor_report = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor);
    send_ok(
        &app,
        &mentor,
        &[report_item(w, mentor_report), report_item(w, from_mentee)],
    )
    .await;
    let path = format!("/pairs/{}/reports", w.pair_a1);

    let manager = app.as_user("manager@a.test").await;
    let (status, page) = html(&app, &manager, &path).await;
    let (mentor_status, mentor_page) = html(&app, &mentor, &path).await;

    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Reports of mentor@a.test and mentee@a.test"));
    assert!(page.contains("This mentoring process gives a voice of power to parents"));
    assert!(page.contains("Nobody at the school asks me."));
    assert_eq!(page.matches("Answers differ").count(), 1);
    assert!(
        page.contains("Neither side has answered this report yet."),
        "the final"
    );
    assert_ne!(mentor_status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(!mentor_page.contains("Nobody at the school asks me."));
}

/// Revision `revision` of the report `id`, as a phone sends a correction.
fn correction(w: &World, id: uuid::Uuid, revision: u32, report: ReportInput) -> SyncItem {
    SyncItem {
        id,
        revision,
        ..report_item(w, report)
    }
}

#[tokio::test]
async fn a_mentor_corrects_their_report_and_the_manager_reads_the_correction_and_the_earlier_answers(
) {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let first = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
    );
    send_ok(&app, &mentor, std::slice::from_ref(&first)).await;
    let mut changed = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor);
    changed.months = "3".into();
    let fix = correction(w, first.id, 2, changed);

    let outcomes = send_ok(&app, &mentor, &[fix.clone(), fix]).await;

    assert_eq!(
        outcomes,
        vec![SyncOutcome::Stored, SyncOutcome::AlreadyStored]
    );
    assert_eq!(stored_reports(&app).await, 1);
    let manager = app.as_user("manager@a.test").await;
    let view: Mirror = json(mirror(&app, &manager, w.pair_a1).await).await;
    assert_eq!((view.reports[0].revision, view.reports[0].months), (2, 3));
    assert_eq!(
        view.earlier
            .iter()
            .map(|v| (v.report.revision, v.report.months, v.author_name.as_str()))
            .collect::<Vec<_>>(),
        vec![(1, 2, "mentor@a.test")]
    );
    // A replay of the first version is still only a replay.
    assert_eq!(
        send_ok(&app, &mentor, &[first]).await,
        vec![SyncOutcome::AlreadyStored]
    );
    assert_eq!(mine(&app, &mentor).await[0].months, 3);
}

#[tokio::test]
async fn two_different_corrections_of_one_revision_conflict_and_a_skipped_revision_is_refused() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let first = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
    );
    send_ok(&app, &mentor, std::slice::from_ref(&first)).await;
    let with_months = |months: &str| {
        let mut input = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor);
        input.months = months.into();
        input
    };

    let outcomes = send_ok(
        &app,
        &mentor,
        &[
            correction(w, first.id, 2, with_months("3")),
            correction(w, first.id, 2, with_months("4")),
            correction(w, first.id, 4, with_months("5")),
            correction(w, first.id, 0, with_months("5")),
        ],
    )
    .await;

    assert_eq!(outcomes[0], SyncOutcome::Stored);
    assert_eq!(outcomes[1], SyncOutcome::Conflict);
    assert_eq!(
        rejected(&outcomes[2]),
        vec![(Question::Report, Problem::MissingRevision)]
    );
    assert_eq!(
        rejected(&outcomes[3]),
        vec![(Question::Report, Problem::OutOfRange)]
    );
    assert_eq!(mine(&app, &mentor).await[0].months, 3);
}

#[tokio::test]
async fn only_whoever_answers_a_report_may_correct_it_and_a_correction_stays_the_same_report() {
    let app = spawn_app().await;
    let mentor = app.as_user("mentor@a.test").await;
    let mentee = app.as_user("mentee@a.test").await;
    let w = &app.world;
    // The mentee answered on the mentor's phone (mentee mode).
    let theirs = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentee),
    );
    let own = report_item(
        w,
        report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
    );
    send_ok(&app, &mentor, &[theirs.clone(), own.clone()]).await;
    let mentee_changed = || {
        let mut input = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentee);
        input.weeks = "3".into();
        input
    };

    let by_mentor = send_ok(
        &app,
        &mentor,
        &[correction(w, theirs.id, 2, mentee_changed())],
    )
    .await;
    let by_mentee_of_mentors = send_ok(
        &app,
        &mentee,
        &[correction(
            w,
            own.id,
            2,
            report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
        )],
    )
    .await;
    let as_final = send_ok(
        &app,
        &mentor,
        &[correction(
            w,
            own.id,
            2,
            report_input(w, w.pair_a1, ReportKind::Final, Respondent::Mentor),
        )],
    )
    .await;
    let by_mentee = send_ok(
        &app,
        &mentee,
        &[correction(w, theirs.id, 2, mentee_changed())],
    )
    .await;

    assert_eq!(
        rejected(&by_mentor[0]),
        vec![(Question::Pair, Problem::NotYourPair)]
    );
    assert_eq!(
        rejected(&by_mentee_of_mentors[0]),
        vec![(Question::Pair, Problem::NotYourPair)]
    );
    assert_eq!(as_final, vec![SyncOutcome::Conflict]);
    assert_eq!(by_mentee, vec![SyncOutcome::Stored]);
    let manager = app.as_user("manager@a.test").await;
    let view: Mirror = json(mirror(&app, &manager, w.pair_a1).await).await;
    let mentee_report = view
        .report(ReportKind::Midterm, Respondent::Mentee)
        .unwrap();
    assert_eq!((mentee_report.revision, mentee_report.weeks), (2, 3));
    assert_eq!(view.report(ReportKind::Final, Respondent::Mentor), None);
}

#[tokio::test]
async fn a_manager_types_in_a_mentees_paper_report_once_marked_as_from_paper_and_nobody_else_may() {
    let app = spawn_app().await;
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let paper = |respondent| ReportInput {
        on_paper: true,
        ..report_input(w, w.pair_a1, ReportKind::Midterm, respondent)
    };
    let typed_in = report_item(w, paper(Respondent::Mentee));

    let refused = send_ok(
        &app,
        &manager,
        &[
            // Not on paper: a manager answers for nobody.
            report_item(
                w,
                report_input(w, w.pair_a1, ReportKind::Final, Respondent::Mentee),
            ),
            // A correction is its answerer's, never typed in.
            record_item::<Report>(ReportId::new().as_uuid(), 2, &paper(Respondent::Mentor)),
            // A paper dated after today.
            report_item(
                w,
                ReportInput {
                    date: (w.today + Days::new(2)).to_string(),
                    ..paper(Respondent::Mentor)
                },
            ),
        ],
    )
    .await;
    let stored = send_ok(&app, &manager, std::slice::from_ref(&typed_in)).await;
    let again = send_ok(&app, &manager, std::slice::from_ref(&typed_in)).await;
    let second = send_ok(&app, &manager, &[report_item(w, paper(Respondent::Mentee))]).await;
    let other_manager = send_ok(
        &app,
        &app.as_user("manager@b.test").await,
        &[report_item(w, paper(Respondent::Mentor))],
    )
    .await;
    let mentor = send_ok(
        &app,
        &app.as_user("mentor@a.test").await,
        &[report_item(w, paper(Respondent::Mentor))],
    )
    .await;
    let coordinator = send(&app, &app.as_user("coordinator@a.test").await, &[]).await;
    let seen: Mirror = json(mirror(&app, &manager, w.pair_a1).await).await;
    let the_mentees = mine(&app, &app.as_user("mentee@a.test").await).await;

    for outcome in &refused {
        assert_eq!(rejected(outcome).len(), 1, "{outcome:?}");
    }
    assert_eq!(
        rejected(&refused[0]),
        [(Question::Pair, Problem::NotYourPair)]
    );
    assert_eq!(
        rejected(&refused[1]),
        [(Question::Pair, Problem::NotYourPair)]
    );
    assert_eq!(
        rejected(&refused[2]),
        [(Question::Date, Problem::DateInFuture)]
    );
    assert_eq!(stored, [SyncOutcome::Stored]);
    assert_eq!(again, [SyncOutcome::AlreadyStored]);
    assert_eq!(
        rejected(&second[0]),
        [(Question::Report, Problem::AlreadyUsed)]
    );
    assert_eq!(
        rejected(&other_manager[0]),
        [(Question::Pair, Problem::NotYourPair)]
    );
    assert_eq!(
        rejected(&mentor[0]),
        [(Question::Pair, Problem::NotYourPair)]
    );
    assert_eq!(coordinator.status(), StatusCode::FORBIDDEN);
    assert_eq!(stored_reports(&app).await, 1);
    let report = seen
        .report(ReportKind::Midterm, Respondent::Mentee)
        .unwrap();
    assert_eq!(report.on_paper_by.as_deref(), Some("manager@a.test"));
    assert_eq!(report.date, w.today - Days::new(1), "the paper's date");
    assert_eq!(the_mentees.len(), 1, "the mentee reads their paper answer");
    assert_eq!(the_mentees[0].id.as_uuid(), typed_in.id);
}
