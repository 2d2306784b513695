//! The office's log search: words (any case, with or without accents, the
//! start of a word), every filter, pages that follow each other without
//! repeating or skipping a log, the problems of a bad search named, and
//! nothing of another programme found. Run on SQLite (FTS5) and PostgreSQL
//! (text search) alike.

use crate::helpers::*;
use crate::recruitment::problems;
use app::api::AppError;
use app::model::*;
use reqwest::{Client, StatusCode};
use std::collections::HashSet;

async fn search(app: &TestApp, client: &Client, query: &[(&str, &str)]) -> LogPage {
    let fields: Vec<(String, &str)> = query
        .iter()
        .map(|(k, v)| (format!("query[{k}]"), *v))
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let response = app.post(client, "/api/manager/logs", &fields).await;
    assert_eq!(response.status(), StatusCode::OK, "search {query:?}");
    json(response).await
}

async fn found(app: &TestApp, client: &Client, query: &[(&str, &str)]) -> Vec<String> {
    search(app, client, query)
        .await
        .logs
        .into_iter()
        .map(|l| l.description)
        .collect()
}

fn with_challenge(
    w: &World,
    pair: PairId,
    days_ago: u64,
    description: &str,
    challenge: &str,
) -> MeetingLogInput {
    MeetingLogInput {
        challenge: "yes".into(),
        challenge_text: challenge.into(),
        ..log_input(w, pair, days_ago, description)
    }
}

#[tokio::test]
async fn a_manager_finds_logs_by_words_in_any_case_with_or_without_accents_and_by_their_start() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    app.sync_ok(
        &mentor,
        &[
            item(
                w,
                log_input(w, w.pair_a1, 3, "Am vorbit despre școală și despre teme."),
            ),
            item(
                w,
                log_input(w, w.pair_a1, 2, "Visited the LIBRARY together."),
            ),
            item(
                w,
                with_challenge(
                    w,
                    w.pair_a2,
                    1,
                    "A short call.",
                    "The teacher ignores the child.",
                ),
            ),
        ],
    )
    .await;
    let manager = app.as_user("manager@a.test").await;

    let no_accents = found(&app, &manager, &[("words", "SCOALA")]).await;
    let start_of_word = found(&app, &manager, &[("words", "libr")]).await;
    let in_the_challenge = found(&app, &manager, &[("words", "teacher")]).await;
    let in_what_went_well = found(&app, &manager, &[("words", "visit school")]).await;
    let every_word = found(&app, &manager, &[("words", "școală, teme!")]).await;
    let not_every_word = found(&app, &manager, &[("words", "scoala library")]).await;
    let syntax_is_just_words = found(&app, &manager, &[("words", "\"lib* OR (NEAR) -:*&|")]).await;

    assert_eq!(no_accents, vec!["Am vorbit despre școală și despre teme."]);
    assert_eq!(start_of_word, vec!["Visited the LIBRARY together."]);
    assert_eq!(in_the_challenge, vec!["A short call."]);
    // "Next: visit the school together." is every log's next steps.
    assert_eq!(in_what_went_well.len(), 3);
    assert_eq!(every_word, vec!["Am vorbit despre școală și despre teme."]);
    assert!(not_every_word.is_empty());
    // Quotes, stars, OR, NEAR and tsquery operators are not syntax: the
    // words "lib", "or" and "near" are looked for, and no log has "near".
    assert!(syntax_is_just_words.is_empty());
}

#[tokio::test]
async fn each_filter_narrows_the_search_to_what_it_names() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let mentor2 = app.as_user("mentor2@a.test").await;
    app.sync_ok(
        &mentor,
        &[
            item(w, log_input(w, w.pair_a1, 30, "Old one of a1")),
            item(
                w,
                MeetingLogInput {
                    form: "telephone".into(),
                    ..log_input(w, w.pair_a1, 10, "Phone call of a1")
                },
            ),
            item(
                w,
                with_challenge(w, w.pair_a2, 5, "Challenge of a2", "No time."),
            ),
        ],
    )
    .await;
    app.sync_ok(
        &mentor2,
        &[item(w, log_input(w, w.pair_a3, 1, "New one of a3"))],
    )
    .await;
    let manager = app.as_user("manager@a.test").await;
    let choices: Vec<PairChoice> =
        json(app.post(&manager, "/api/manager/log-pairs", &[]).await).await;
    let of = |pair: PairId| choices.iter().find(|c| c.id == pair).unwrap().clone();
    let (a1, a3) = (of(w.pair_a1), of(w.pair_a3));
    let day = |days_ago: u64| (w.today - chrono::Days::new(days_ago)).to_string();

    let by_pair = found(&app, &manager, &[("pair", &a1.id.to_string())]).await;
    let by_mentor = found(&app, &manager, &[("mentor", &a3.mentor_id.to_string())]).await;
    let by_mentee = found(&app, &manager, &[("mentee", &a1.mentee_id.to_string())]).await;
    let from = found(&app, &manager, &[("from", &day(10))]).await;
    let to = found(&app, &manager, &[("to", &day(10))]).await;
    let between = found(&app, &manager, &[("from", &day(10)), ("to", &day(5))]).await;
    let by_form = found(&app, &manager, &[("form", "telephone")]).await;
    let challenges = found(&app, &manager, &[("challenge", "yes")]).await;
    let combined = found(
        &app,
        &manager,
        &[("mentor", &a1.mentor_id.to_string()), ("words", "call")],
    )
    .await;

    assert_eq!(choices.len(), 3, "the pairs of programme A only");
    assert_eq!(by_pair, vec!["Phone call of a1", "Old one of a1"]);
    assert_eq!(by_mentor, vec!["New one of a3"]);
    assert_eq!(by_mentee, vec!["Phone call of a1", "Old one of a1"]);
    assert_eq!(
        from,
        vec!["New one of a3", "Challenge of a2", "Phone call of a1"]
    );
    assert_eq!(to, vec!["Phone call of a1", "Old one of a1"]);
    assert_eq!(between, vec!["Challenge of a2", "Phone call of a1"]);
    assert_eq!(by_form, vec!["Phone call of a1"]);
    assert_eq!(challenges, vec!["Challenge of a2"]);
    assert_eq!(combined, vec!["Phone call of a1"]);
}

#[tokio::test]
async fn pages_follow_each_other_newest_first_without_repeating_or_skipping_a_log() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    // 120 logs on 7 dates: many share a date, so the order within a date
    // (newest written first, then by id) decides where a page ends.
    let items: Vec<SyncItem> = (0..120)
        .map(|n| item(w, log_input(w, w.pair_a1, n % 7, &format!("Meeting {n}"))))
        .collect();
    app.sync_ok(&mentor, &items[..100]).await;
    app.sync_ok(&mentor, &items[100..]).await;
    let manager = app.as_user("manager@a.test").await;

    let mut pages = vec![search(&app, &manager, &[]).await];
    while let Some(after) = pages.last().unwrap().next.clone() {
        pages.push(search(&app, &manager, &[("after", &after)]).await);
    }

    let sizes: Vec<usize> = pages.iter().map(|p| p.logs.len()).collect();
    assert_eq!(sizes, vec![LOG_PAGE_SIZE, LOG_PAGE_SIZE, 20]);
    let logs: Vec<&MeetingLogView> = pages.iter().flat_map(|p| &p.logs).collect();
    let ids: HashSet<MeetingLogId> = logs.iter().map(|l| l.id).collect();
    assert_eq!(ids.len(), 120, "every log once");
    let order: Vec<_> = logs.iter().map(|l| (l.date, l.created_at, l.id)).collect();
    let mut newest_first = order.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, newest_first);
}

#[tokio::test]
async fn a_corrected_log_is_found_by_its_new_words_only() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor = app.as_user("mentor@a.test").await;
    let first = item(w, log_input(w, w.pair_a1, 1, "We talked about homework."));
    app.sync_ok(&mentor, std::slice::from_ref(&first)).await;
    let corrected = SyncItem {
        id: first.id,
        revision: 2,
        ..item(
            w,
            log_input(w, w.pair_a1, 1, "We talked about the football match."),
        )
    };
    app.sync_ok(&mentor, &[corrected]).await;
    let manager = app.as_user("manager@a.test").await;

    let old_words = found(&app, &manager, &[("words", "homework")]).await;
    let new_words = found(&app, &manager, &[("words", "football")]).await;

    assert!(old_words.is_empty());
    assert_eq!(new_words, vec!["We talked about the football match."]);
}

#[tokio::test]
async fn a_search_with_problems_is_refused_with_each_problem_named() {
    let app = spawn_app().await;
    let manager = app.as_user("manager@a.test").await;

    let response = app
        .post(
            &manager,
            "/api/manager/logs",
            &[
                ("query[from]", "2026-03-10"),
                ("query[to]", "2026-03-01"),
                ("query[form]", "letter"),
                ("query[mentor]", "nobody"),
                ("query[after]", "not-a-cursor"),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let errors = problems(json::<AppError>(response).await);
    assert_eq!(errors.problem(Field::To), Some(Problem::EndBeforeStart));
    assert_eq!(errors.problem(Field::Form), Some(Problem::UnknownChoice));
    assert_eq!(errors.problem(Field::Mentor), Some(Problem::UnknownChoice));
    assert_eq!(errors.problem(Field::After), Some(Problem::Unreadable));
}

#[tokio::test]
async fn a_manager_finds_nothing_of_another_programme_and_may_not_name_its_pair() {
    let app = spawn_app().await;
    let w = &app.world;
    let mentor_b = app.as_user("mentor@b.test").await;
    app.sync_ok(
        &mentor_b,
        &[item(w, log_input(w, w.pair_b, 1, "Private words of B"))],
    )
    .await;
    let manager = app.as_user("manager@a.test").await;

    let by_words = found(&app, &manager, &[("words", "private")]).await;
    let everything = found(&app, &manager, &[]).await;
    let their_pair = app
        .post(
            &manager,
            "/api/manager/logs",
            &[("query[pair]", &w.pair_b.to_string())],
        )
        .await;

    assert!(by_words.is_empty());
    assert!(everything.is_empty());
    assert_eq!(their_pair.status(), StatusCode::FORBIDDEN);
}
