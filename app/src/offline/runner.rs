//! The sync engine's logic, without the browser: when a sync runs, how the
//! outbox is cut into requests, and what happens when the server refuses a
//! whole request. The browser glue (`engine`) asks and obeys; the unit tests
//! below drive the same code with an in-memory phone and a fake server.

use super::local::{LocalData, OutboxItem};
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

/// Cuts the waiting items, oldest first, into requests of at most
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
    ) -> impl std::future::Future<Output = Result<Vec<SyncResult>, AppError>>;
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

/// Sends the items waiting when it starts, in batches, each once, and
/// records each item's answer. A batch the server refuses whole is sent
/// again item by item, so that one bad item is marked as needing attention
/// (with its reason) and the others go through: the outbox never jams. Stops
/// at the first request that gets no answer (or a lost session); what was
/// not sent stays waiting.
pub async fn send_waiting<S: KeyValue, T: Transport>(
    data: &LocalData<S>,
    transport: &T,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<Sent, AppError> {
    let waiting: Vec<SyncItem> = data.waiting().iter().map(OutboxItem::sync_item).collect();
    let mut sent = Sent::default();
    let record = |sent: &mut Sent, results: &[SyncResult]| {
        for result in results {
            if let Err(problem) = data.record(result, now()) {
                sent.storage_problem = Some(problem);
            }
        }
        sent.answered += results.len();
    };
    for batch in plan_batches(&waiting, SYNC_BATCH_ITEMS, SYNC_BATCH_BYTES) {
        let error = match transport.send(batch.clone()).await {
            Ok(results) => {
                record(&mut sent, &results);
                continue;
            }
            Err(error) => error,
        };
        if !is_refusal_of_the_request(&error) || batch.is_empty() {
            data.record_failed_attempt(&ids(&batch));
            return Err(error);
        }
        // One by one. An item the server fails on while it stores others is
        // the item's fault; if it stores none, the server is in trouble.
        let mut failed_alone = Vec::new();
        let mut stored_any = false;
        for (index, item) in batch.iter().enumerate() {
            match transport.send(vec![item.clone()]).await {
                Ok(results) => {
                    stored_any = true;
                    record(&mut sent, &results);
                }
                Err(AppError::BadRequest { .. }) => {
                    record(&mut sent, &[refused(item.id, Problem::Unreadable)]);
                }
                Err(AppError::TooLarge { .. }) => {
                    record(&mut sent, &[refused(item.id, Problem::TooLarge)]);
                }
                Err(AppError::Internal) => failed_alone.push(item.id),
                Err(other) => {
                    let mut unsent = failed_alone;
                    unsent.extend(ids(&batch[index..]));
                    data.record_failed_attempt(&unsent);
                    return Err(other);
                }
            }
        }
        if !failed_alone.is_empty() {
            if !stored_any {
                data.record_failed_attempt(&failed_alone);
                return Err(AppError::Internal);
            }
            let answers: Vec<SyncResult> = failed_alone
                .iter()
                .map(|id| refused(*id, Problem::NotAccepted))
                .collect();
            record(&mut sent, &answers);
        }
    }
    Ok(sent)
}

fn ids(items: &[SyncItem]) -> Vec<MeetingLogId> {
    items.iter().map(|i| i.id).collect()
}

fn refused(id: MeetingLogId, problem: Problem) -> SyncResult {
    SyncResult {
        id,
        outcome: SyncOutcome::Rejected {
            errors: FieldErrors::one(Field::Log, problem),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::local::{Draft, ItemState};
    use super::super::storage::MemoryStore;
    use super::*;
    use chrono::NaiveDate;
    use std::cell::RefCell;

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

    fn context() -> ValidationContext {
        ValidationContext {
            latest_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            pair: Some(PairDates {
                started_on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                ended_on: None,
            }),
        }
    }

    /// Puts a valid log with `description` in the outbox.
    fn put(data: &LocalData<MemoryStore>, pair: PairId, description: &str) -> MeetingLogId {
        let input = MeetingLogInput {
            pair_id: pair.to_string(),
            date: "2026-11-20".into(),
            form: "telephone".into(),
            hours: "0".into(),
            minutes: "45".into(),
            description: description.into(),
            went_well_next_steps: String::new(),
            challenge: "no".into(),
            challenge_text: String::new(),
            goals: Vec::new(),
            withdrawn_reason: String::new(),
        };
        let log = input.validate(&context()).unwrap();
        let draft = Draft {
            log: input,
            ..Draft::new(now())
        };
        data.submit(&draft, &log, now()).unwrap();
        draft.id
    }

    /// A server that refuses any request holding a log whose description
    /// contains `poison` with `error`, and stores the rest; it records every
    /// request's size in items.
    struct FakeServer {
        poison: &'static str,
        error: AppError,
        down: bool,
        requests: RefCell<Vec<usize>>,
    }

    impl FakeServer {
        fn refusing(poison: &'static str, error: AppError) -> Self {
            FakeServer {
                poison,
                error,
                down: false,
                requests: RefCell::new(Vec::new()),
            }
        }
    }

    impl Transport for FakeServer {
        async fn send(&self, items: Vec<SyncItem>) -> Result<Vec<SyncResult>, AppError> {
            self.requests.borrow_mut().push(items.len());
            if self.down {
                return Err(AppError::Network {
                    reason: "offline".into(),
                });
            }
            if items
                .iter()
                .any(|i| i.log.description.contains(self.poison))
            {
                return Err(self.error.clone());
            }
            Ok(items
                .iter()
                .map(|i| SyncResult {
                    id: i.id,
                    outcome: SyncOutcome::Stored,
                })
                .collect())
        }
    }

    fn state(data: &LocalData<MemoryStore>, id: MeetingLogId) -> ItemState {
        data.item(id).unwrap().state
    }

    fn attention(problem: Problem) -> ItemState {
        ItemState::Rejected {
            errors: FieldErrors::one(Field::Log, problem),
        }
    }

    #[test]
    fn a_batch_refused_whole_is_resent_one_by_one_and_only_the_bad_item_needs_attention() {
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
            let data = LocalData::new(MemoryStore::default(), UserId::new());
            let pair = PairId::new();
            let first = put(&data, pair, "good one");
            let bad = put(&data, pair, "poison");
            let last = put(&data, pair, "good two");
            let server = FakeServer::refusing("poison", error);

            let sent = futures::executor::block_on(send_waiting(&data, &server, now)).unwrap();

            assert_eq!(sent.answered, 3);
            assert_eq!(state(&data, first), ItemState::Synced { at: now() });
            assert_eq!(state(&data, bad), attention(problem));
            assert_eq!(state(&data, last), ItemState::Synced { at: now() });
            assert_eq!(*server.requests.borrow(), vec![3, 1, 1, 1]);
        }
    }

    #[test]
    fn a_server_that_fails_on_every_item_is_in_trouble_and_nothing_is_marked() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let pair = PairId::new();
        let a = put(&data, pair, "poison a");
        let b = put(&data, pair, "poison b");
        let server = FakeServer::refusing("poison", AppError::Internal);

        let result = futures::executor::block_on(send_waiting(&data, &server, now));

        assert_eq!(result, Err(AppError::Internal));
        assert_eq!(state(&data, a), ItemState::Waiting);
        assert_eq!(state(&data, b), ItemState::Waiting);
        assert_eq!(data.item(a).unwrap().failed_attempts, 1);
    }

    #[test]
    fn no_answer_stops_the_send_and_keeps_everything_waiting() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let a = put(&data, PairId::new(), "a");
        let mut server = FakeServer::refusing("never", AppError::Internal);
        server.down = true;

        let result = futures::executor::block_on(send_waiting(&data, &server, now));

        assert!(matches!(result, Err(AppError::Network { .. })));
        assert_eq!(state(&data, a), ItemState::Waiting);
        assert_eq!(data.item(a).unwrap().failed_attempts, 1);
    }

    fn sync_item(description: &str) -> SyncItem {
        SyncItem {
            id: MeetingLogId::new(),
            revision: 1,
            content_hash: "h".into(),
            log: MeetingLogInput {
                description: description.into(),
                ..MeetingLogInput::default()
            },
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
