//! The mentor's offline state and the browser side of the sync engine. The
//! signals exist on both sides so components compile once and the server
//! renders what the browser will show; everything that touches the browser
//! runs only after hydration. The decisions (when to run, how to cut and
//! resend batches) are in [`super::runner`], tested without a browser.

use super::local::log_view;
use super::outbox::{Entry, ItemState};
use super::runner::Runner;
use super::storage::StorageError;
use crate::boot::MentorSnapshot;
use crate::model::*;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncStatus {
    Idle,
    Syncing,
    /// The last attempt got no answer; a retry is scheduled.
    Failed,
    /// The session ended; the outbox waits for the next login.
    NeedsLogin,
}

/// Shared by every mentor page. Thread-safe (it is created while the server
/// renders a page, and dropped wherever the server's runtime drops it).
#[derive(Clone, Copy)]
pub struct Offline {
    pub user: RwSignal<Option<UserId>>,
    pub online: RwSignal<bool>,
    pub status: RwSignal<SyncStatus>,
    pub last_sync: RwSignal<Option<DateTime<Utc>>>,
    /// Everything in the outbox, every kind.
    pub outbox: RwSignal<Vec<Entry>>,
    /// The person mentors (their pairs and logs are fetched after a sync);
    /// a mentee's phone only sends their own reports.
    pub mentor: RwSignal<bool>,
    pub pairs: RwSignal<Vec<PairSummary>>,
    pub logs: RwSignal<Vec<MeetingLogView>>,
    /// Every pair and recent log was fetched from the server during this
    /// visit (the page's own data may hold only the newest logs).
    pub fresh: RwSignal<bool>,
    /// The page was rendered with the mentor's data: the phone's copy is
    /// older and is not shown over it.
    pub from_server: RwSignal<bool>,
    /// Bumped when another tab changed the draft.
    pub draft_changed: RwSignal<u64>,
    /// Bumped when the goals on the phone changed (a sync, another tab).
    pub goals_changed: RwSignal<u64>,
    /// A page that shows goals was opened: from then on every refresh
    /// fetches them too (the home alone never loads that code).
    pub goals_wanted: RwSignal<bool>,
    pub storage_problem: RwSignal<Option<StorageError>>,
    pub persist_refused: RwSignal<bool>,
    pub update_ready: RwSignal<bool>,
    runner: StoredValue<Runner>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Offline {
    /// Starts from the data the page was rendered with, if any.
    pub fn new(snapshot: Option<&MentorSnapshot>) -> Offline {
        Offline {
            user: RwSignal::new(None),
            online: RwSignal::new(true),
            status: RwSignal::new(SyncStatus::Idle),
            last_sync: RwSignal::new(None),
            outbox: RwSignal::new(Vec::new()),
            mentor: RwSignal::new(false),
            pairs: RwSignal::new(snapshot.map(|s| s.pairs.clone()).unwrap_or_default()),
            logs: RwSignal::new(snapshot.map(|s| s.logs.clone()).unwrap_or_default()),
            fresh: RwSignal::new(false),
            from_server: RwSignal::new(snapshot.is_some()),
            draft_changed: RwSignal::new(0),
            goals_changed: RwSignal::new(0),
            goals_wanted: RwSignal::new(false),
            storage_problem: RwSignal::new(None),
            persist_refused: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            runner: StoredValue::new(Runner::default()),
            timer: StoredValue::new(None),
        }
    }

    /// Records of every kind that have not reached the server.
    pub fn waiting_count(&self) -> usize {
        self.outbox.with(|items| {
            items
                .iter()
                .filter(|i| i.state == ItemState::Waiting)
                .count()
        })
    }

    /// A sent log as the server holds it: its copy in the list, or, until
    /// the list is fetched again, the outbox item it just acknowledged (so
    /// a log can be corrected even if the connection drops right after).
    pub fn sent_log(&self, id: MeetingLogId) -> Option<MeetingLogView> {
        let listed = self
            .logs
            .with_untracked(|l| l.iter().find(|l| l.id == id).cloned());
        let acknowledged = self.outbox.with_untracked(|entries| {
            let entry = entries
                .iter()
                .filter(|e| e.kind == Kind::MeetingLog && e.id == id.as_uuid())
                .filter(|e| e.state.is_synced())
                .max_by_key(|e| e.revision)?;
            self.pairs.with_untracked(|p| log_view(entry, p))
        });
        match (listed, acknowledged) {
            (Some(l), Some(a)) if a.revision > l.revision => Some(a),
            (listed, acknowledged) => listed.or(acknowledged),
        }
    }

    pub fn attention_count(&self) -> usize {
        self.outbox
            .with(|items| items.iter().filter(|i| i.state.needs_attention()).count())
    }
}

/// Sets `signal` only when `value` differs, so what shows it is not built
/// again for the same data (nothing on screen is replaced for nothing).
pub(crate) fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| current != &value) {
        signal.set(value);
    }
}

pub fn provide_offline() -> Offline {
    let boot = crate::boot::Boot::current();
    let offline = Offline::new(boot.mentor.as_ref());
    provide_context(offline);
    offline
}

pub fn use_offline() -> Offline {
    expect_context::<Offline>()
}

mod browser {
    use super::super::local::{Draft, LocalData};
    use super::super::outbox::{EntryKey, PutOutcome};
    use super::super::runner::{self, AfterRun, RunEnd, Start, Transport};
    use super::super::storage::BrowserStore;
    use super::*;
    use crate::api::AppError;
    use leptos::task::spawn_local;
    use std::time::Duration;
    use wasm_bindgen::JsCast;

    /// The real server.
    struct Server;

    impl Transport for Server {
        async fn send(&self, items: Vec<SyncItem>) -> Result<Vec<SyncAnswer>, AppError> {
            crate::api::sync::sync_outbox(items).await
        }
    }

    impl Offline {
        pub fn data(&self) -> Option<LocalData<BrowserStore>> {
            let user = self.user.get_untracked()?;
            (BrowserStore::open_for() == Some(user)).then_some(())?;
            Some(LocalData::new(BrowserStore::available()?, user))
        }

        /// Starts offline support for someone who keeps data on the phone:
        /// shows what the phone has (unless the page came with fresher
        /// data), then syncs and, for a mentor, refreshes from the server.
        pub fn start(&self, user: UserId, mentor: bool) {
            self.mentor.set(mentor);
            if self.user.get_untracked() == Some(user) {
                self.sync_now();
                return;
            }
            self.user.set(Some(user));
            self.fresh.set(false);
            self.status.set(SyncStatus::Idle);
            if let Some(data) = self.data() {
                data.outbox().prune_synced(Utc::now());
                if !self.from_server.get_untracked() {
                    set_if_changed(self.pairs, data.pairs());
                    set_if_changed(self.logs, data.logs());
                } else if mentor && data.pairs().is_empty() {
                    // The page came with the mentor's data and the phone has
                    // none yet (just logged in): keep it now, so the phone
                    // works offline even if the first sync never finishes.
                    let kept = data
                        .save_pairs(&self.pairs.get_untracked())
                        .and_then(|_| data.save_logs(&self.logs.get_untracked()));
                    if let Err(problem) = kept {
                        self.storage_problem.set(Some(problem));
                    }
                }
                self.last_sync.set(data.last_sync());
            }
            self.reload_outbox();
            self.sync_now();
        }

        /// Stops when the person logs out: forgets what can be fetched again.
        pub fn stop(&self) {
            if let Some(data) = self.data() {
                data.forget_cached();
            }
            self.pause();
        }

        /// Stops showing and syncing the person's data (the app locked):
        /// the phone keeps it, encrypted.
        pub fn pause(&self) {
            self.cancel_timer();
            self.user.set(None);
            self.pairs.set(Vec::new());
            self.logs.set(Vec::new());
            self.outbox.set(Vec::new());
            self.last_sync.set(None);
            self.from_server.set(false);
            self.goals_wanted.set(false);
            self.status.set(SyncStatus::Idle);
        }

        pub fn reload_outbox(&self) {
            let entries = self
                .data()
                .map(|d| d.outbox().entries())
                .unwrap_or_default();
            set_if_changed(self.outbox, entries);
        }

        /// After a page put something in the outbox: shown, and sent when
        /// possible.
        pub fn queued(&self) {
            self.storage_problem.set(None);
            self.reload_outbox();
            self.sync_now();
        }

        /// Puts a checked meeting log in the outbox and sends it when
        /// possible.
        pub fn submit(&self, draft: &Draft, log: &MeetingLog) -> Result<PutOutcome, StorageError> {
            let data = self.data().ok_or(StorageError::Unavailable)?;
            let outcome = data.submit(draft, log, Utc::now());
            match &outcome {
                Err(problem) => {
                    self.storage_problem.set(Some(problem.clone()));
                    self.reload_outbox();
                }
                Ok(_) => self.queued(),
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

        /// A draft to fix a log that needs attention.
        pub fn draft_from_item(&self, key: EntryKey) -> Option<Draft> {
            self.data()?.draft_from_item(key, Utc::now())
        }

        /// Asks the browser, once per phone, to keep this site's data under
        /// storage pressure; `persist_refused` is raised if it says no.
        pub fn ask_for_persistent_storage(&self) {
            super::super::pwa::ask_for_persistent_storage(self.persist_refused);
        }

        pub fn dismiss_persist_notice(&self) {
            super::super::pwa::persist_notice_read(self.persist_refused);
        }

        /// Deletes an entry of any kind (the person chose to).
        pub fn discard(&self, key: EntryKey) {
            if let Some(data) = self.data() {
                data.outbox().discard(key);
            }
            self.reload_outbox();
            if key.kind == Kind::Goal {
                self.goals_changed.update(|n| *n += 1);
            }
        }

        /// Sends a refused entry again as it is.
        pub fn resend(&self, key: EntryKey) {
            if let Some(data) = self.data() {
                if let Err(problem) = data.outbox().resend(key) {
                    self.storage_problem.set(Some(problem));
                }
            }
            self.queued();
        }

        fn cancel_timer(&self) {
            if let Some(timer) = self.timer.try_update_value(Option::take).flatten() {
                timer.clear();
            }
        }

        /// Starts a sync now (cancelling a scheduled retry). If one is already
        /// running, another follows it.
        pub fn sync_now(&self) {
            if self.user.get_untracked().is_none() {
                return;
            }
            self.cancel_timer();
            if self.runner.try_update_value(Runner::request) == Some(Start::Now) {
                // Said at once: the run's code may still be loading.
                self.status.set(SyncStatus::Syncing);
                let this = *self;
                spawn_local(async move { run(this).await });
            }
        }
    }

    /// One sync run: the outbox, every kind in its order, then the
    /// mentor's data fetched again. Its code is loaded when the first run
    /// starts (after the page is shown; the service worker keeps it for
    /// offline use), not with the first page.
    #[leptos::lazy]
    async fn run(this: Offline) {
        this.run_now().await
    }

    impl Offline {
        async fn run_now(self) {
            self.status.set(SyncStatus::Syncing);
            let result = match self.data() {
                None => Ok(0),
                Some(data) => {
                    let outbox = data.outbox();
                    // What older versions of the app left waiting goes too.
                    outbox.take_in_legacy();
                    self.reload_outbox();
                    runner::send_waiting(&outbox, &Server, Utc::now)
                        .await
                        .map(|sent| {
                            if let Some(problem) = sent.storage_problem {
                                self.storage_problem.set(Some(problem));
                            }
                            sent.answered
                        })
                }
            };
            self.reload_outbox();
            let result = match result {
                Ok(answered) if self.mentor.get_untracked() => {
                    let refreshed = if answered > 0 || !self.fresh.get_untracked() {
                        self.refresh().await
                    } else {
                        Ok(())
                    };
                    // The goals, once a page that shows them was opened
                    // (their progress comes from the logs just sent).
                    match refreshed {
                        Ok(()) if self.goals_wanted.get_untracked() => self.refresh_goals().await,
                        other => other,
                    }
                }
                Ok(_) => Ok(()),
                Err(error) => Err(error),
            };
            let end = match result {
                Ok(()) => {
                    let now = Utc::now();
                    if let Some(data) = self.data() {
                        data.set_last_sync(now);
                    }
                    self.last_sync.set(Some(now));
                    self.online.set(true);
                    self.status.set(SyncStatus::Idle);
                    RunEnd::Done
                }
                Err(AppError::Unauthenticated) => {
                    // The server no longer knows this phone's session: what
                    // can be fetched again after a login is not kept where
                    // anyone holding the phone can read it; what is not sent
                    // yet stays, or it would be lost.
                    if let Some(data) = self.data() {
                        data.forget_cached();
                    }
                    self.reload_outbox();
                    self.pairs.set(Vec::new());
                    self.logs.set(Vec::new());
                    self.fresh.set(false);
                    self.status.set(SyncStatus::NeedsLogin);
                    RunEnd::NeedsLogin
                }
                Err(error) => {
                    if matches!(error, AppError::Network { .. }) {
                        self.online.set(false);
                    }
                    self.status.set(SyncStatus::Failed);
                    RunEnd::Failed
                }
            };
            let random = js_sys::Math::random();
            match self.runner.try_update_value(|r| r.finished(end, random)) {
                Some(AfterRun::RunAgain) => self.sync_now(),
                Some(AfterRun::RetryIn(delay)) => self.schedule_retry(delay),
                Some(AfterRun::Idle) | None => {}
            }
        }

        /// Fetches the mentor's pairs and recent logs and keeps them on the phone.
        async fn refresh(&self) -> Result<(), AppError> {
            let pairs = crate::api::mentor::mentor_pairs().await?;
            let logs = crate::api::mentor::mentor_logs(None, None).await?.logs;
            if let Some(data) = self.data() {
                if let Err(problem) = data.save_pairs(&pairs).and_then(|_| data.save_logs(&logs)) {
                    self.storage_problem.set(Some(problem));
                }
            }
            set_if_changed(self.pairs, pairs);
            set_if_changed(self.logs, logs);
            self.fresh.set(true);
            Ok(())
        }

        /// Fetches the goals of the mentor's pairs and keeps them on the
        /// phone (forgetting the changes the server now lists).
        async fn refresh_goals(&self) -> Result<(), AppError> {
            let stored = crate::api::goals::my_goals().await?;
            if let Some(user) = self.user.get_untracked() {
                if let Some(store) = BrowserStore::available() {
                    // A full phone keeps the older copy; it is read again later.
                    let _ = super::super::goals::Goals::new(store, user).save_cached(&stored);
                }
            }
            self.reload_outbox();
            self.goals_changed.update(|n| *n += 1);
            Ok(())
        }

        fn schedule_retry(&self, delay_ms: u64) {
            let this = *self;
            let timer = set_timeout_with_handle(
                move || {
                    this.timer.set_value(None);
                    this.sync_now();
                },
                Duration::from_millis(delay_ms),
            )
            .ok();
            self.timer.set_value(timer);
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
                this.runner.update_value(Runner::back_online);
                this.sync_now();
            }));
            std::mem::forget(window_event_listener(leptos::ev::offline, move |_| {
                this.online.set(false);
            }));
            std::mem::forget(window_event_listener(leptos::ev::storage, move |event| {
                let Some(key) = event.key() else { return };
                // Another tab's write is encrypted: decrypted into this
                // tab's copy first.
                spawn_local(async move {
                    BrowserStore::changed_elsewhere(key.clone(), event.new_value()).await;
                    let Some(data) = this.data() else { return };
                    if data.outbox().is_own_key(&key) {
                        this.reload_outbox();
                    } else if data.is_draft_key(&key) {
                        this.draft_changed.update(|n| *n += 1);
                    }
                    if key.contains(".goal") {
                        this.goals_changed.update(|n| *n += 1);
                    }
                });
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
    use super::super::local::{log_key, Draft, LocalData};
    use super::super::storage::MemoryStore;
    use super::*;
    use chrono::NaiveDate;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// A phone whose outbox holds one log, sent or not.
    /// (The owner must outlive the signals: on the server's build they
    /// live in its arena.)
    fn phone_with_one_log(acknowledged: bool) -> (Owner, Offline, MeetingLogId) {
        let owner = Owner::new();
        owner.set();
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let input = MeetingLogInput {
            pair_id: PairId::new().to_string(),
            date: "2026-11-20".into(),
            form: "telephone".into(),
            hours: "1".into(),
            minutes: "0".into(),
            description: "We met at the school gate.".into(),
            challenge: "no".into(),
            ..MeetingLogInput::default()
        };
        let ctx = ValidationContext {
            latest_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            pair: Some(PairDates {
                started_on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                ended_on: None,
            }),
        };
        let log = input.validate(&ctx).unwrap();
        let draft = Draft {
            log: input,
            ..Draft::new(now())
        };
        data.submit(&draft, &log, now()).unwrap();
        if acknowledged {
            let answer = SyncAnswer {
                kind: Kind::MeetingLog,
                id: draft.id.as_uuid(),
                revision: 1,
                outcome: SyncOutcome::Stored,
            };
            data.outbox().record(&answer, now()).unwrap();
        }
        let offline = Offline::new(None);
        offline.outbox.set(data.outbox().entries());
        let _ = log_key(draft.id, 1);
        (owner, offline, draft.id)
    }

    #[test]
    fn a_log_the_server_acknowledged_can_be_corrected_before_the_list_is_fetched_again() {
        let (_owner, offline, id) = phone_with_one_log(true);

        let sent = offline.sent_log(id);

        let sent = sent.expect("the acknowledged log is found");
        assert_eq!(sent.revision, 1);
        assert_eq!(sent.description, "We met at the school gate.");
    }

    #[test]
    fn a_log_still_waiting_is_not_a_sent_log() {
        let (_owner, offline, id) = phone_with_one_log(false);

        assert_eq!(offline.sent_log(id), None);
    }

    #[test]
    fn the_newer_of_the_listed_and_the_acknowledged_version_is_the_sent_log() {
        let (_owner, offline, id) = phone_with_one_log(true);
        let mut listed = offline.sent_log(id).unwrap();
        listed.description = "Listed.".into();
        offline.logs.set(vec![listed.clone()]);
        // Same revision: the list wins.
        assert_eq!(offline.sent_log(id).unwrap().description, "Listed.");

        // A correction acknowledged but not listed yet: it wins.
        offline.outbox.update(|entries| entries[0].revision = 2);
        let sent = offline.sent_log(id).unwrap();

        assert_eq!(sent.revision, 2);
        assert_eq!(sent.description, "We met at the school gate.");
    }

    #[test]
    fn every_kind_waiting_is_counted() {
        let owner = Owner::new();
        owner.set();
        let outbox = super::super::outbox::Outbox::new(MemoryStore::default(), UserId::new());
        let concern = ConcernInput {
            pair_id: PairId::new().to_string(),
            about: "child".into(),
            happened: "x".into(),
            done: "y".into(),
            log_id: String::new(),
        }
        .validate()
        .unwrap();
        outbox
            .put(
                Entry::new(ConcernId::new().as_uuid(), 1, &concern, now()),
                None,
            )
            .unwrap();
        let offline = Offline::new(None);

        offline.outbox.set(outbox.entries());

        assert_eq!(offline.waiting_count(), 1);
        assert_eq!(offline.attention_count(), 0);
    }
}
