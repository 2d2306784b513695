//! Property tests of every form the phone sends and the office types: any
//! input (valid values, empty ones, random text of any script, control
//! characters, texts past every limit, unknown keys) is either accepted as
//! a value that passes its own rules again with the same content hash, or
//! refused with at least one reason; never a panic.
//!
//! A few hundred cases a property in every test run;
//! `PB_PROPTEST_CASES` sets more (`make bench-props` runs over a million in
//! all, with the server's sync properties).

use super::*;
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Cases per property: `PB_PROPTEST_CASES`, else 256.
fn config() -> Config {
    let cases = std::env::var("PB_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Counts the cases each property ran, printed at its end (with
/// `--nocapture`) so the benchmark command can add them up.
struct Counted(&'static str, std::cell::Cell<u64>);

impl Counted {
    fn new(name: &'static str) -> Self {
        Counted(name, std::cell::Cell::new(0))
    }
    fn one(&self) {
        self.1.set(self.1.get() + 1);
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        eprintln!("property {}: {} cases", self.0, self.1.get());
    }
}

/// A field's text: one of its valid values, or anything a person or a
/// broken phone could send.
fn text(valid: &'static [&'static str]) -> BoxedStrategy<String> {
    let valid: Vec<String> = valid.iter().map(|s| s.to_string()).collect();
    prop_oneof![
        4 => proptest::sample::select(if valid.is_empty() { vec![String::new()] } else { valid }),
        2 => "\\PC{0,40}",
        1 => Just(String::new()),
        1 => "[ \\t\\r\\n]{1,4}",
        1 => "[\\x00-\\x1f\\x7f]{1,3}[a-z]{0,5}",
        1 => any::<String>(),
        1 => "[a-zăâîșț ]{1,20}".prop_map(|s| s.repeat(300)),
    ]
    .boxed()
}

fn id_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => Just("0190c3a2-9c1b-7000-8000-00000000000a".to_string()),
        1 => Just(String::new()),
        1 => "[0-9a-f-]{0,40}",
        1 => any::<String>(),
    ]
    .boxed()
}

fn date_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (2020i32..2030, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => Just("2027-02-30".to_string()),
        1 => Just(String::new()),
        1 => "\\PC{0,12}",
    ]
    .boxed()
}

fn number_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (0u32..600).prop_map(|n| n.to_string()),
        1 => Just("-1".to_string()),
        1 => Just("99999999999999999999".to_string()),
        1 => "\\PC{0,6}",
    ]
    .boxed()
}

fn context() -> ValidationContext {
    ValidationContext {
        latest_date: NaiveDate::from_ymd_opt(2027, 6, 1).unwrap(),
        pair: Some(PairDates {
            started_on: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            ended_on: None,
        }),
    }
}

fn meeting_log() -> impl Strategy<Value = MeetingLogInput> {
    let goals = proptest::collection::vec(
        (id_text(), text(&["not_started", "under_way", "reached"]))
            .prop_map(|(goal_id, progress)| GoalWorkInput { goal_id, progress }),
        0..3,
    );
    (
        id_text(),
        date_text(),
        text(&["face_to_face", "telephone", "email", "video_call", "other"]),
        number_text(),
        number_text(),
        text(&["We talked about homework."]),
        text(&["Next: the school letter."]),
        text(&["yes", "no"]),
        text(&["Her son skips school."]),
        goals,
        text(&[""]),
    )
        .prop_map(
            |(
                pair_id,
                date,
                form,
                hours,
                minutes,
                description,
                went_well,
                challenge,
                challenge_text,
                goals,
                withdrawn,
            )| {
                MeetingLogInput {
                    pair_id,
                    date,
                    form,
                    hours,
                    minutes,
                    description,
                    went_well_next_steps: went_well,
                    challenge,
                    challenge_text,
                    goals,
                    withdrawn_reason: withdrawn,
                }
            },
        )
}

fn report() -> impl Strategy<Value = ReportInput> {
    let question_keys: Vec<String> = Question::ALL.iter().map(|q| q.key().to_string()).collect();
    let choice_keys: &'static [&'static str] =
        &["disagree", "agree", "could_be_improved", "yes", "no"];
    let answers = proptest::collection::btree_map(
        prop_oneof![
            4 => proptest::sample::select(question_keys),
            1 => "\\PC{0,10}".prop_map(String::from)
        ],
        (text(choice_keys), text(&["More time with the teacher."]))
            .prop_map(|(choice, text)| AnswerInput { choice, text }),
        0..20,
    );
    (
        id_text(),
        text(&["midterm", "final"]),
        text(&["mentor", "mentee"]),
        date_text(),
        number_text(),
        number_text(),
        answers,
    )
        .prop_map(
            |(pair_id, kind, respondent, date, months, weeks, answers)| ReportInput {
                pair_id,
                kind,
                respondent,
                date,
                months,
                weeks,
                answers,
                on_paper: false,
            },
        )
}

fn goal() -> impl Strategy<Value = GoalInput> {
    (
        id_text(),
        text(&["Read with my son every evening"]),
        text(&["He is behind in reading"]),
        text(&["Ask the teacher for books"]),
        date_text(),
        text(&[""]),
    )
        .prop_map(
            |(pair_id, what, why, first_steps, target_date, withdrawn_reason)| GoalInput {
                pair_id,
                what,
                why,
                first_steps,
                target_date,
                withdrawn_reason,
            },
        )
}

fn concern() -> impl Strategy<Value = ConcernInput> {
    (
        id_text(),
        text(&["child", "adult"]),
        text(&["The child said she is hit at home."]),
        text(&["I called the manager."]),
        prop_oneof![Just(String::new()), id_text()],
    )
        .prop_map(|(pair_id, about, happened, done, log_id)| ConcernInput {
            pair_id,
            about,
            happened,
            done,
            log_id,
        })
}

fn consent() -> impl Strategy<Value = ConsentInput> {
    (
        text(&["programme", "email", "anonymised_results"]),
        text(&["given", "withdrawn"]),
        text(&["in_app", "paper", "spoken"]),
        date_text(),
    )
        .prop_map(|(purpose, change, how, on_date)| ConsentInput {
            purpose,
            change,
            how,
            on_date,
        })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_meeting_log_is_accepted_as_itself_or_refused_with_a_reason(input in meeting_log()) {
        thread_local!(static N: Counted = Counted::new("meeting log"));
        N.with(Counted::one);
        match input.validate(&context()) {
            Ok(log) => {
                // What was accepted passes again, unchanged.
                let again = input.validate(&context()).expect("valid twice");
                prop_assert_eq!(again.content_hash(), log.content_hash());
                prop_assert!(!log.description().is_empty());
                prop_assert!(log.description().chars().count() <= limits::MAX_TEXT_CHARS);
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn any_report_is_accepted_as_itself_or_refused_with_a_reason(input in report()) {
        thread_local!(static N: Counted = Counted::new("report"));
        N.with(Counted::one);
        match input.validate(&context()) {
            Ok(report) => {
                let again = input.validate(&context()).expect("valid twice");
                prop_assert_eq!(again.content_hash(), report.content_hash());
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn any_goal_is_accepted_as_itself_or_refused_with_a_reason(input in goal()) {
        thread_local!(static N: Counted = Counted::new("goal"));
        N.with(Counted::one);
        match input.validate(&context()) {
            Ok(goal) => {
                let again = input.validate(&context()).expect("valid twice");
                prop_assert_eq!(again.content_hash(), goal.content_hash());
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn any_concern_is_accepted_as_itself_or_refused_with_a_reason(input in concern()) {
        thread_local!(static N: Counted = Counted::new("concern"));
        N.with(Counted::one);
        match input.validate() {
            Ok(concern) => {
                let again = input.validate().expect("valid twice");
                prop_assert_eq!(again.content_hash(), concern.content_hash());
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn any_consent_record_is_accepted_or_refused_with_a_reason(input in consent()) {
        thread_local!(static N: Counted = Counted::new("consent"));
        N.with(Counted::one);
        let today = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        match input.validate(today) {
            Ok(record) => prop_assert!(record.on_date <= today),
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn any_bytes_sent_as_a_sync_batch_are_read_or_refused_never_a_panic(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..200),
            meeting_log().prop_map(|log| serde_json::to_vec(&serde_json::json!({
                "items": [{ "id": "0190c3a2-9c1b-7000-8000-00000000000b", "revision": 1, "content_hash": "x", "log": log }]
            })).unwrap()),
        ]
    ) {
        thread_local!(static N: Counted = Counted::new("sync payload"));
        N.with(Counted::one);
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Batch { items: Vec<SyncItem> }
        let _ = serde_json::from_slice::<Batch>(&bytes);
    }
}
