//! The mentor's offline state and the sync engine. The signals exist on both
//! sides so components compile once; everything that touches the browser
//! runs only after hydration.

use super::local::{ItemState, OutboxItem};
use super::storage::StorageError;
use crate::model::*;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// How many logs go to the server in one request.
pub const BATCH: usize = 50;
/// Backoff of retries after a failed sync: from 2 s, doubling, at most 5 min.
pub const RETRY_BASE_MS: u64 = 2_000;
pub const RETRY_MAX_MS: u64 = 300_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncStatus {
    Idle,
    Syncing,
    /// The last attempt got no answer; a retry is scheduled.
    Failed,
    /// The session ended; the outbox waits for the next login.
    NeedsLogin,
}

/// The delay before retry number `attempt` (0-based), with ±50% jitter from
/// `random` in [0, 1), so a school's phones coming back online together do
/// not all call at once.
pub fn retry_delay_ms(attempt: u32, random: f64) -> u64 {
    let exponential = RETRY_BASE_MS.saturating_mul(1u64 << attempt.min(20));
    let capped = exponential.min(RETRY_MAX_MS) as f64;
    (capped * (0.5 + random.clamp(0.0, 1.0))) as u64
}

#[derive(Default)]
struct Runner {
    running: bool,
    /// A sync was asked for while one was running: run again after it.
    again: bool,
    attempt: u32,
    timer: Option<leptos::prelude::TimeoutHandle>,
}

/// Shared by every mentor page.
#[derive(Clone, Copy)]
pub struct Offline {
    pub user: RwSignal<Option<UserId>>,
    pub online: RwSignal<bool>,
    pub status: RwSignal<SyncStatus>,
    pub last_sync: RwSignal<Option<DateTime<Utc>>>,
    pub outbox: RwSignal<Vec<OutboxItem>>,
    pub pairs: RwSignal<Vec<PairSummary>>,
    pub logs: RwSignal<Vec<MeetingLogView>>,
    /// Pairs and logs were fetched from the server during this visit.
    pub fresh: RwSignal<bool>,
    /// Bumped when another tab changed the draft.
    pub draft_changed: RwSignal<u64>,
    pub storage_problem: RwSignal<Option<StorageError>>,
    pub persist_refused: RwSignal<bool>,
    pub update_ready: RwSignal<bool>,
    runner: StoredValue<Runner, LocalStorage>,
}

impl Offline {
    pub fn new() -> Offline {
        Offline {
            user: RwSignal::new(None),
            online: RwSignal::new(true),
            status: RwSignal::new(SyncStatus::Idle),
            last_sync: RwSignal::new(None),
            outbox: RwSignal::new(Vec::new()),
            pairs: RwSignal::new(Vec::new()),
            logs: RwSignal::new(Vec::new()),
            fresh: RwSignal::new(false),
            draft_changed: RwSignal::new(0),
            storage_problem: RwSignal::new(None),
            persist_refused: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            runner: StoredValue::new_local(Runner::default()),
        }
    }

    /// Logs that have not reached the server.
    pub fn waiting_count(&self) -> usize {
        self.outbox.with(|items| {
            items
                .iter()
                .filter(|i| i.state == ItemState::Waiting)
                .count()
        })
    }

    pub fn attention_count(&self) -> usize {
        self.outbox
            .with(|items| items.iter().filter(|i| i.state.needs_attention()).count())
    }
}

impl Default for Offline {
    fn default() -> Self {
        Offline::new()
    }
}

pub fn provide_offline() -> Offline {
    let offline = Offline::new();
    provide_context(offline);
    offline
}

pub fn use_offline() -> Offline {
    expect_context::<Offline>()
}

mod browser {
    use super::*;
    use crate::api::mentor::{mentor_logs, mentor_pairs, sync_meeting_logs};
    use crate::api::AppError;
    use crate::offline::local::{Draft, LocalData, PutOutcome};
    use crate::offline::storage::BrowserStore;
    use leptos::task::spawn_local;
    use std::time::Duration;
    use wasm_bindgen::JsCast;

    impl Offline {
        pub fn data(&self) -> Option<LocalData<BrowserStore>> {
            let user = self.user.get_untracked()?;
            Some(LocalData::new(BrowserStore::available()?, user))
        }

        /// Starts offline support for a mentor: shows what the phone has,
        /// then syncs and refreshes from the server.
        pub fn start(&self, user: UserId) {
            if self.user.get_untracked() == Some(user) {
                self.sync_now();
                return;
            }
            self.user.set(Some(user));
            self.fresh.set(false);
            self.status.set(SyncStatus::Idle);
            if let Some(data) = self.data() {
                data.prune_synced(Utc::now());
                self.pairs.set(data.pairs());
                self.logs.set(data.logs());
                self.last_sync.set(data.last_sync());
            }
            self.reload_outbox();
            super::super::pwa::ask_for_persistent_storage(self.persist_refused);
            self.sync_now();
        }

        /// Stops when the person logs out: forgets what can be fetched again.
        pub fn stop(&self) {
            if let Some(data) = self.data() {
                data.forget_cached();
            }
            self.cancel_timer();
            self.user.set(None);
            self.pairs.set(Vec::new());
            self.logs.set(Vec::new());
            self.outbox.set(Vec::new());
            self.last_sync.set(None);
            self.status.set(SyncStatus::Idle);
        }

        pub fn reload_outbox(&self) {
            let items = self.data().map(|d| d.outbox()).unwrap_or_default();
            self.outbox.set(items);
        }

        /// Puts a checked draft in the outbox and sends it when possible.
        pub fn submit(&self, draft: &Draft, log: &MeetingLog) -> Result<PutOutcome, StorageError> {
            let data = self.data().ok_or(StorageError::Unavailable)?;
            let outcome = data.submit(draft, log, Utc::now());
            match &outcome {
                Err(problem) => self.storage_problem.set(Some(problem.clone())),
                Ok(_) => self.storage_problem.set(None),
            }
            self.reload_outbox();
            if outcome.is_ok() {
                self.sync_now();
            }
            outcome
        }

        pub fn draft(&self) -> Option<Draft> {
            self.data()?.draft()
        }

        pub fn save_draft(&self, draft: &Draft) -> Result<(), StorageError> {
            let result = self
                .data()
                .ok_or(StorageError::Unavailable)?
                .save_draft(draft);
            if let Err(problem) = &result {
                self.storage_problem.set(Some(problem.clone()));
            }
            result
        }

        pub fn clear_draft(&self) {
            if let Some(data) = self.data() {
                data.clear_draft();
            }
        }

        /// A draft to correct an item that needs attention.
        pub fn draft_from_item(&self, id: MeetingLogId) -> Option<Draft> {
            self.data()?.draft_from_item(id, Utc::now())
        }

        pub fn dismiss_persist_notice(&self) {
            super::super::pwa::persist_notice_read(self.persist_refused);
        }

        pub fn discard(&self, id: MeetingLogId) {
            if let Some(data) = self.data() {
                data.discard(id);
            }
            self.reload_outbox();
        }

        fn cancel_timer(&self) {
            self.runner.update_value(|r| {
                if let Some(timer) = r.timer.take() {
                    timer.clear();
                }
            });
        }

        /// Starts a sync now (cancelling a scheduled retry). If one is already
        /// running, another follows it.
        pub fn sync_now(&self) {
            if self.user.get_untracked().is_none() {
                return;
            }
            self.cancel_timer();
            let busy = self.runner.with_value(|r| r.running);
            if busy {
                self.runner.update_value(|r| r.again = true);
                return;
            }
            let this = *self;
            spawn_local(async move { this.run().await });
        }

        async fn run(self) {
            self.runner.update_value(|r| {
                r.running = true;
                r.again = false;
            });
            self.status.set(SyncStatus::Syncing);
            let result = self.send_outbox().await;
            let result = match result {
                Ok(()) => self.refresh().await,
                error => error,
            };
            match result {
                Ok(()) => {
                    let now = Utc::now();
                    if let Some(data) = self.data() {
                        data.set_last_sync(now);
                    }
                    self.last_sync.set(Some(now));
                    self.online.set(true);
                    self.status.set(SyncStatus::Idle);
                    self.runner.update_value(|r| r.attempt = 0);
                }
                Err(AppError::Unauthenticated) => {
                    self.status.set(SyncStatus::NeedsLogin);
                }
                Err(error) => {
                    if matches!(error, AppError::Network { .. }) {
                        self.online.set(false);
                    }
                    self.status.set(SyncStatus::Failed);
                    self.schedule_retry();
                }
            }
            let again = self.runner.try_update_value(|r| {
                r.running = false;
                r.again
            });
            if again == Some(true) {
                self.sync_now();
            }
        }

        /// Sends the items waiting when the sync starts, a batch at a time,
        /// each once, and records each item's answer. Stops at the first
        /// batch that gets no answer; its items stay waiting and are sent
        /// again later. Items saved meanwhile start another run (`again`).
        async fn send_outbox(&self) -> Result<(), AppError> {
            let Some(data) = self.data() else {
                return Ok(());
            };
            let waiting = data.waiting();
            for batch in waiting.chunks(BATCH) {
                let items: Vec<SyncItem> = batch.iter().map(OutboxItem::sync_item).collect();
                match sync_meeting_logs(items).await {
                    Ok(results) => {
                        let now = Utc::now();
                        for result in &results {
                            if let Err(problem) = data.record(result, now) {
                                self.storage_problem.set(Some(problem));
                            }
                        }
                        self.reload_outbox();
                    }
                    Err(error) => {
                        let ids: Vec<MeetingLogId> = batch.iter().map(|i| i.id).collect();
                        data.record_failed_attempt(&ids);
                        self.reload_outbox();
                        return Err(error);
                    }
                }
            }
            Ok(())
        }

        /// Fetches the mentor's pairs and recent logs and keeps them on the phone.
        async fn refresh(&self) -> Result<(), AppError> {
            let pairs = mentor_pairs().await?;
            let logs = mentor_logs(None).await?;
            if let Some(data) = self.data() {
                if let Err(problem) = data.save_pairs(&pairs).and_then(|_| data.save_logs(&logs)) {
                    self.storage_problem.set(Some(problem));
                }
            }
            self.pairs.set(pairs);
            self.logs.set(logs);
            self.fresh.set(true);
            Ok(())
        }

        fn schedule_retry(&self) {
            let attempt = self.runner.with_value(|r| r.attempt);
            let delay = retry_delay_ms(attempt, js_sys::Math::random());
            let this = *self;
            let timer = set_timeout_with_handle(
                move || {
                    this.runner.update_value(|r| r.timer = None);
                    this.sync_now();
                },
                Duration::from_millis(delay),
            )
            .ok();
            self.runner.update_value(|r| {
                r.attempt = attempt.saturating_add(1);
                r.timer = timer;
            });
        }

        /// Listens, once, for what should start a sync: coming back online,
        /// the tab becoming visible, and another tab changing the outbox or
        /// the draft.
        pub fn listen(&self) {
            if !cfg!(target_arch = "wasm32") {
                return;
            }
            let this = *self;
            let navigator_online = web_sys::window()
                .map(|w| w.navigator().on_line())
                .unwrap_or(true);
            self.online.set(navigator_online);

            std::mem::forget(window_event_listener(leptos::ev::online, move |_| {
                this.online.set(true);
                this.runner.update_value(|r| r.attempt = 0);
                this.sync_now();
            }));
            std::mem::forget(window_event_listener(leptos::ev::offline, move |_| {
                this.online.set(false);
            }));
            std::mem::forget(window_event_listener(leptos::ev::storage, move |event| {
                let Some(key) = event.key() else { return };
                let Some(data) = this.data() else { return };
                if data.is_outbox_key(&key) {
                    this.reload_outbox();
                } else if data.is_draft_key(&key) {
                    this.draft_changed.update(|n| *n += 1);
                }
            }));
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                let on_visible = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
                    let visible = web_sys::window()
                        .and_then(|w| w.document())
                        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
                    if visible && this.waiting_count() > 0 {
                        this.sync_now();
                    }
                });
                let _ = document.add_event_listener_with_callback(
                    "visibilitychange",
                    on_visible.as_ref().unchecked_ref(),
                );
                on_visible.forget();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
