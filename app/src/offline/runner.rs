//! The sync engine's logic, without the browser: when a sync runs, how the
//! outbox (every kind of record) is cut into requests, and what happens
//! when the server refuses a whole request. The browser glue (`engine`) asks and obeys; the unit tests
//! below drive the same code with an in-memory phone and a fake server.

use super::outbox::{Entry, EntryKey, Outbox};
use super::storage::{KeyValue, StorageError};
use crate::api::AppError;
use crate::model::limits::{
    SYNC_BATCH_BYTES, SYNC_BATCH_ITEMS, SYNC_RETRY_BASE_MS, SYNC_RETRY_MAX_MS,
};
use crate::model::*;
use chrono::{DateTime, Utc};

/// When syncs run: one at a time, another right after if one was asked for
/// meanwhile, and retries that back off after failures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Runner {
    running: bool,
    /// A sync was asked for while one was running.
    again: bool,
    /// Failed runs in a row.
    attempt: u32,
}

/// What to do about a request for a sync.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// Start a run now.
    Now,
    /// One is running; another follows it.
    AfterCurrent,
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunEnd {
    Done,
    /// No answer, or the server failed: worth trying again later.
    Failed,
    /// The session ended: nothing to do until the person logs in again.
    NeedsLogin,
}

/// What to do after a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterRun {
    Idle,
    RunAgain,
    /// Try again after this many milliseconds.
    RetryIn(u64),
}

impl Runner {
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// A sync is asked for (page load, coming online, a button, a timer).
    pub fn request(&mut self) -> Start {
        if self.running {
            self.again = true;
            Start::AfterCurrent
        } else {
            self.running = true;
            self.again = false;
            Start::Now
        }
    }

    /// A run ended; `random` in [0, 1) spreads the retries of many phones.
    pub fn finished(&mut self, end: RunEnd, random: f64) -> AfterRun {
        self.running = false;
        let again = std::mem::take(&mut self.again);
        match end {
            RunEnd::Done => self.attempt = 0,
            RunEnd::NeedsLogin => {}
            RunEnd::Failed => self.attempt = self.attempt.saturating_add(1),
        }
        if again && end != RunEnd::NeedsLogin {
            AfterRun::RunAgain
        } else if end == RunEnd::Failed {
            AfterRun::RetryIn(retry_delay_ms(self.attempt - 1, random))
        } else {
            AfterRun::Idle
        }
    }

    /// The connection came back: the next failure starts the backoff over.
    pub fn back_online(&mut self) {
        self.attempt = 0;
    }
}

/// The delay before retry number `attempt` (0-based), with ±50% jitter from
/// `random` in [0, 1), so a school's phones coming back online together do
/// not all call at once.
pub fn retry_delay_ms(attempt: u32, random: f64) -> u64 {
    let exponential = SYNC_RETRY_BASE_MS.saturating_mul(1u64 << attempt.min(20));
    let capped = exponential.min(SYNC_RETRY_MAX_MS) as f64;
    (capped * (0.5 + random.clamp(0.0, 1.0))) as u64
}

/// The bytes an item adds to a sync request (its JSON and a comma).
fn item_bytes(item: &SyncItem) -> usize {
    serde_json::to_string(item)
        .map(|s| s.len())
        .unwrap_or(usize::MAX / 2)
        + 1
}

/// Cuts the waiting items, in the order given, into requests of at most
/// `max_items` items and `max_bytes` bytes. An item larger than `max_bytes`
/// on its own travels alone (the server says whether it fits).
pub fn plan_batches(items: &[SyncItem], max_items: usize, max_bytes: usize) -> Vec<Vec<SyncItem>> {
    let mut batches: Vec<Vec<SyncItem>> = Vec::new();
    let mut current: Vec<SyncItem> = Vec::new();
    let mut bytes = 0;
    for item in items {
        let size = item_bytes(item);
        if !current.is_empty() && (current.len() >= max_items || bytes + size > max_bytes) {
            batches.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += size;
        current.push(item.clone());
    }
    if !current.is_empty() {
        batches.push(current);
    }
    batches
}

/// The server's sync function, or a fake one in tests.
pub trait Transport {
    fn send(
        &self,
        items: Vec<SyncItem>,
    ) -> impl std::future::Future<Output = Result<Vec<SyncAnswer>, AppError>>;
}

/// A whole request the server answered with an error about the request
/// itself (it could not read it, it was too large, it failed): one item may
/// be to blame, so each is sent on its own.
fn is_refusal_of_the_request(error: &AppError) -> bool {
    matches!(
        error,
        AppError::BadRequest { .. } | AppError::TooLarge { .. } | AppError::Internal
    )
}

/// What a send of the outbox did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    /// Items the server answered for (stored, already stored, conflict,
    /// rejected).
    pub answered: usize,
    /// A storage problem met while recording the answers.
    pub storage_problem: Option<StorageError>,
}

/// Sends every entry waiting when it starts, whatever its kind, in the
/// outbox's order (concerns first), in batches, each once, and records each
/// answer. A batch the server refuses whole is sent again item by item, so
/// that one bad item is marked as needing attention (with its reason) and
/// the others go through: the outbox never jams. Stops at the first request
/// that gets no answer (or a lost session); what was not sent stays
/// waiting.
pub async fn send_waiting<S: KeyValue, T: Transport>(
    outbox: &Outbox<S>,
    transport: &T,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<Sent, AppError> {
    let waiting: Vec<SyncItem> = outbox.waiting().iter().map(Entry::sync_item).collect();
    let mut sent = Sent::default();
    let record = |sent: &mut Sent, answers: &[SyncAnswer]| {
        for answer in answers {
            if let Err(problem) = outbox.record(answer, now()) {
                sent.storage_problem = Some(problem);
            }
        }
        sent.answered += answers.len();
    };
    for batch in plan_batches(&waiting, SYNC_BATCH_ITEMS, SYNC_BATCH_BYTES) {
        let error = match transport.send(batch.clone()).await {
            Ok(answers) => {
                record(&mut sent, &answers);
                continue;
            }
            Err(error) => error,
        };
        if !is_refusal_of_the_request(&error) || batch.is_empty() {
            outbox.record_failed_attempt(&keys(&batch));
            return Err(error);
        }
        // One by one. An item the server fails on while it stores others is
        // the item's fault; if it stores none, the server is in trouble.
        let mut failed_alone = Vec::new();
        let mut stored_any = false;
        for (index, item) in batch.iter().enumerate() {
            match transport.send(vec![item.clone()]).await {
                Ok(answers) => {
                    stored_any = true;
                    record(&mut sent, &answers);
                }
                Err(AppError::BadRequest { .. }) => {
                    record(&mut sent, &[refused(item, Problem::Unreadable)]);
                }
                Err(AppError::TooLarge { .. }) => {
                    record(&mut sent, &[refused(item, Problem::TooLarge)]);
                }
                Err(AppError::Internal) => failed_alone.push(item),
                Err(other) => {
                    let mut unsent = keys(&failed_alone.into_iter().cloned().collect::<Vec<_>>());
                    unsent.extend(keys(&batch[index..]));
                    outbox.record_failed_attempt(&unsent);
                    return Err(other);
                }
            }
        }
        if !failed_alone.is_empty() {
            if !stored_any {
                let unsent: Vec<SyncItem> = failed_alone.into_iter().cloned().collect();
                outbox.record_failed_attempt(&keys(&unsent));
                return Err(AppError::Internal);
            }
            let answers: Vec<SyncAnswer> = failed_alone
                .into_iter()
                .map(|item| refused(item, Problem::NotAccepted))
                .collect();
            record(&mut sent, &answers);
        }
    }
    Ok(sent)
}

fn keys(items: &[SyncItem]) -> Vec<EntryKey> {
    items
        .iter()
        .map(|i| EntryKey {
            kind: i.kind,
            id: i.id,
            revision: i.revision,
        })
        .collect()
}

fn refused(item: &SyncItem, problem: Problem) -> SyncAnswer {
    SyncAnswer::to(
        item,
        SyncOutcome::Rejected {
            errors: Reasons::whole(problem),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::super::outbox::ItemState;
    use super::super::storage::MemoryStore;
    use super::*;
    use chrono::NaiveDate;
    use std::cell::RefCell;
    use uuid::Uuid;

    #[test]
    fn a_sync_asked_for_while_one_runs_follows_it() {
        let mut runner = Runner::default();

        assert_eq!(runner.request(), Start::Now);
        assert_eq!(runner.request(), Start::AfterCurrent);
        assert_eq!(runner.finished(RunEnd::Done, 0.5), AfterRun::RunAgain);
        assert_eq!(runner.request(), Start::Now);
        assert_eq!(runner.finished(RunEnd::Done, 0.5), AfterRun::Idle);
    }

    #[test]
    fn failed_runs_back_off_and_a_success_starts_over() {
        let mut runner = Runner::default();
        let mut delays = Vec::new();
        for _ in 0..3 {
            runner.request();
            if let AfterRun::RetryIn(ms) = runner.finished(RunEnd::Failed, 0.5) {
                delays.push(ms);
            }
        }
        runner.request();
        assert_eq!(runner.finished(RunEnd::Done, 0.5), AfterRun::Idle);
        runner.request();

        assert_eq!(delays, vec![2_000, 4_000, 8_000]);
        assert_eq!(
            runner.finished(RunEnd::Failed, 0.5),
            AfterRun::RetryIn(2_000)
        );
    }

    #[test]
    fn a_lost_session_waits_for_the_login_without_retrying() {
        let mut runner = Runner::default();
        runner.request();
        runner.request();

        assert_eq!(runner.finished(RunEnd::NeedsLogin, 0.5), AfterRun::Idle);
        assert!(!runner.is_running());
    }

    #[test]
    fn coming_back_online_resets_the_backoff() {
        let mut runner = Runner::default();
        for _ in 0..5 {
            runner.request();
            runner.finished(RunEnd::Failed, 0.5);
        }
        runner.back_online();
        runner.request();

        assert_eq!(
            runner.finished(RunEnd::Failed, 0.5),
            AfterRun::RetryIn(2_000)
        );
    }

    #[test]
    fn retries_back_off_exponentially_up_to_five_minutes() {
        assert_eq!(retry_delay_ms(0, 0.5), 2_000);
        assert_eq!(retry_delay_ms(1, 0.5), 4_000);
        assert_eq!(retry_delay_ms(5, 0.5), 64_000);
        assert_eq!(retry_delay_ms(30, 0.5), 300_000);
    }

    #[test]
    fn retries_are_jittered_by_half_either_way() {
        assert_eq!(retry_delay_ms(0, 0.0), 1_000);
        assert_eq!(retry_delay_ms(0, 0.999_999), 2_999);
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn ctx() -> ValidationContext {
        ValidationContext {
            latest_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            pair: Some(PairDates {
                started_on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                ended_on: None,
            }),
        }
    }

    /// One record of each kind, each holding `text` where it has free text.
    fn entries(text: &str, at: DateTime<Utc>) -> Vec<Entry> {
        let pair = PairId::new().to_string();
        let log = MeetingLogInput {
            pair_id: pair.clone(),
            date: "2026-11-20".into(),
            form: "telephone".into(),
            minutes: "45".into(),
            description: text.into(),
            challenge: "no".into(),
            ..MeetingLogInput::default()
        }
        .validate(&ctx())
        .unwrap();
        let goal = GoalInput {
            pair_id: pair.clone(),
            what: text.into(),
            target_date: "2027-01-31".into(),
            ..GoalInput::default()
        }
        .validate(&ctx())
        .unwrap();
        let concern = ConcernInput {
            pair_id: pair.clone(),
            about: "child".into(),
            happened: text.into(),
            done: "Called the manager.".into(),
            log_id: String::new(),
        }
        .validate()
        .unwrap();
        let mut report = ReportInput {
            pair_id: pair,
            kind: "midterm".into(),
            respondent: "mentor".into(),
            date: "2026-11-20".into(),
            months: "2".into(),
            ..ReportInput::default()
        };
        for item in items(ReportKind::Midterm, Respondent::Mentor) {
            let (choice, words) = match item.scale {
                Scale::Agreement => ("agree", ""),
                Scale::YesNo => ("yes", text),
                Scale::Text => ("", text),
            };
            report.answers.insert(
                item.question.key().into(),
                AnswerInput {
                    choice: choice.into(),
                    text: words.into(),
                },
            );
        }
        let report = report.validate(&ctx()).unwrap();
        vec![
            Entry::new(Uuid::now_v7(), 1, &log, at),
            Entry::new(Uuid::now_v7(), 1, &goal, at),
            Entry::new(Uuid::now_v7(), 1, &report, at),
            Entry::new(Uuid::now_v7(), 1, &concern, at),
        ]
    }

    /// A phone whose outbox holds one record of each kind for each text,
    /// saved one second apart.
    fn phone(texts: &[&str]) -> (Outbox<MemoryStore>, Vec<Vec<Entry>>) {
        let outbox = Outbox::new(MemoryStore::default(), UserId::new());
        let mut all = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let made = entries(text, now() + chrono::Duration::seconds(i as i64));
            for entry in &made {
                outbox.put(entry.clone(), None).unwrap();
            }
            all.push(made);
        }
        (outbox, all)
    }

    /// A server that refuses any request holding an item whose input
    /// contains `poison` with `error`, and stores the rest; it records
    /// every request's items.
    struct FakeServer {
        poison: &'static str,
        error: AppError,
        /// Requests answered before the network goes.
        down_after: Option<usize>,
        requests: RefCell<Vec<Vec<SyncItem>>>,
    }

    impl FakeServer {
        fn refusing(poison: &'static str, error: AppError) -> Self {
            FakeServer {
                poison,
                error,
                down_after: None,
                requests: RefCell::new(Vec::new()),
            }
        }

        fn sizes(&self) -> Vec<usize> {
            self.requests.borrow().iter().map(Vec::len).collect()
        }

        fn kinds(&self) -> Vec<Kind> {
            self.requests
                .borrow()
                .iter()
                .flatten()
                .map(|i| i.kind)
                .collect()
        }
    }

    impl Transport for FakeServer {
        async fn send(&self, items: Vec<SyncItem>) -> Result<Vec<SyncAnswer>, AppError> {
            let answered = self.requests.borrow().len();
            self.requests.borrow_mut().push(items.clone());
            if self.down_after.is_some_and(|n| answered >= n) {
                return Err(AppError::Network {
                    reason: "offline".into(),
                });
            }
            if items.iter().any(|i| i.input.text().contains(self.poison)) {
                return Err(self.error.clone());
            }
            Ok(items
                .iter()
                .map(|i| SyncAnswer::to(i, SyncOutcome::Stored))
                .collect())
        }
    }

    fn state(outbox: &Outbox<MemoryStore>, entry: &Entry) -> Option<ItemState> {
        outbox.entry(entry.key()).map(|e| e.state)
    }

    fn attention(problem: Problem) -> Option<ItemState> {
        Some(ItemState::Rejected {
            errors: Reasons::whole(problem),
        })
    }

    /// Every kind's state after a send: kept ones synced (or gone, for a
    /// concern), in the order of `entries`.
    fn sent_states(outbox: &Outbox<MemoryStore>, made: &[Entry]) -> Vec<Option<ItemState>> {
        made.iter().map(|e| state(outbox, e)).collect()
    }

    fn all_sent() -> Vec<Option<ItemState>> {
        let synced = Some(ItemState::Synced { at: now() });
        // log, goal and report kept; the concern forgotten.
        vec![synced.clone(), synced.clone(), synced, None]
    }

    #[test]
    fn a_request_refused_whole_is_resent_one_by_one_and_only_the_bad_item_needs_attention_for_every_kind(
    ) {
        for kind in 0..4 {
            for (error, problem) in [
                (
                    AppError::BadRequest {
                        reason: "no".into(),
                    },
                    Problem::Unreadable,
                ),
                (AppError::TooLarge { limit_bytes: 10 }, Problem::TooLarge),
                (AppError::Internal, Problem::NotAccepted),
            ] {
                let (outbox, made) = phone(&["good one", "poison", "good two"]);
                let bad = &made[1][kind];
                // Only the one bad item of that kind is poisoned.
                let mut poisoned = bad.clone();
                poisoned.input = Payload::of(&serde_json::json!({"poison": true}));
                outbox.discard(bad.key());
                outbox.put(Entry { ..poisoned }, None).unwrap();
                for (i, entry) in made[1].iter().enumerate() {
                    if i != kind {
                        outbox.discard(entry.key());
                    }
                }
                let server = FakeServer::refusing("poison", error);

                let sent =
                    futures::executor::block_on(send_waiting(&outbox, &server, now)).unwrap();

                assert_eq!(sent.answered, 9);
                assert_eq!(sent_states(&outbox, &made[0]), all_sent());
                assert_eq!(sent_states(&outbox, &made[2]), all_sent());
                assert_eq!(state(&outbox, bad), attention(problem));
                assert_eq!(server.sizes(), [vec![9], vec![1; 9]].concat());
            }
        }
    }

    #[test]
    fn a_server_that_fails_on_every_item_is_in_trouble_and_nothing_is_marked() {
        let (outbox, made) = phone(&["poison a", "poison b"]);
        let server = FakeServer::refusing("poison", AppError::Internal);

        let result = futures::executor::block_on(send_waiting(&outbox, &server, now));

        assert_eq!(result, Err(AppError::Internal));
        for entry in made.iter().flatten() {
            let now_there = outbox.entry(entry.key()).unwrap();
            assert_eq!(now_there.state, ItemState::Waiting);
            assert_eq!(now_there.failed_attempts, 1);
        }
    }

    #[test]
    fn every_kind_is_sent_in_its_order_concerns_first_then_goals_logs_and_reports() {
        let (outbox, _) = phone(&["a", "b"]);
        let server = FakeServer::refusing("never", AppError::Internal);

        futures::executor::block_on(send_waiting(&outbox, &server, now)).unwrap();

        assert_eq!(
            server.kinds(),
            vec![
                Kind::Concern,
                Kind::Concern,
                Kind::Goal,
                Kind::Goal,
                Kind::MeetingLog,
                Kind::MeetingLog,
                Kind::Report,
                Kind::Report
            ]
        );
        assert!(outbox.waiting().is_empty());
    }

    #[test]
    fn a_network_error_in_the_middle_keeps_the_rest_waiting() {
        let texts: Vec<String> = (0..30).map(|i| format!("record {i}")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let (outbox, made) = phone(&texts);
        let mut server = FakeServer::refusing("never", AppError::Internal);
        server.down_after = Some(1);

        let result = futures::executor::block_on(send_waiting(&outbox, &server, now));

        assert!(matches!(result, Err(AppError::Network { .. })));
        assert_eq!(server.sizes(), vec![SYNC_BATCH_ITEMS, SYNC_BATCH_ITEMS]);
        let first: Vec<SyncItem> = server.requests.borrow()[0].clone();
        let waiting = outbox.waiting();
        assert_eq!(waiting.len(), 4 * 30 - SYNC_BATCH_ITEMS);
        assert!(first.iter().all(|i| !waiting.iter().any(|w| w.id == i.id)));
        // The failed request's items count a failed attempt.
        assert!(waiting.iter().filter(|w| w.failed_attempts == 1).count() == SYNC_BATCH_ITEMS);
        let _ = made;
    }

    #[test]
    fn a_byte_heavy_outbox_is_cut_below_the_limit_for_every_kind() {
        let heavy = "ă".repeat(4_000);
        let texts: Vec<&str> = (0..60).map(|_| heavy.as_str()).collect();
        let (outbox, _) = phone(&texts);
        let server = FakeServer::refusing("never", AppError::Internal);

        futures::executor::block_on(send_waiting(&outbox, &server, now)).unwrap();

        let requests = server.requests.borrow();
        assert!(
            requests.len() > 240 / SYNC_BATCH_ITEMS,
            "{}",
            requests.len()
        );
        for request in requests.iter() {
            let bytes: usize = request.iter().map(item_bytes).sum();
            assert!(bytes <= SYNC_BATCH_BYTES, "{bytes}");
            assert!(request.len() <= SYNC_BATCH_ITEMS);
        }
        assert!(outbox.waiting().is_empty());
    }

    fn sync_item(text: &str) -> SyncItem {
        SyncItem {
            kind: Kind::MeetingLog,
            id: Uuid::now_v7(),
            revision: 1,
            content_hash: "h".into(),
            input: Payload::of(&text),
        }
    }

    #[test]
    fn batches_are_cut_by_count_and_by_bytes() {
        let small: Vec<SyncItem> = (0..120).map(|i| sync_item(&format!("{i}"))).collect();
        let by_count = plan_batches(&small, 50, 1_000_000);
        assert_eq!(
            by_count.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![50, 50, 20]
        );

        let big: Vec<SyncItem> = (0..10).map(|_| sync_item(&"ă".repeat(5_000))).collect();
        let one = item_bytes(&big[0]);
        let by_bytes = plan_batches(&big, 50, one * 3 + 1);
        assert_eq!(
            by_bytes.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![3, 3, 3, 1]
        );
        assert!(by_bytes
            .iter()
            .all(|b| b.iter().map(item_bytes).sum::<usize>() <= one * 3 + 1));
    }

    #[test]
    fn an_item_larger_than_a_request_travels_alone() {
        let items = vec![sync_item("a"), sync_item(&"x".repeat(500)), sync_item("b")];

        let batches = plan_batches(&items, 50, 300);

        assert_eq!(
            batches.iter().map(Vec::len).collect::<Vec<_>>(),
            vec![1, 1, 1]
        );
    }
}
