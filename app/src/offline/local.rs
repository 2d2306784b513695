//! What a mentor's phone keeps: the cached pairs and recent logs (for reading
//! offline), the draft being typed, and the outbox of logs on their way to
//! the server. The keys are made in [`super::keys`].

use super::keys::{self, PersonKey};
use super::storage::{get_json, set_json, KeyValue, StorageError};
use crate::model::limits::{CACHED_LOGS, KEEP_SYNCED_DAYS};
use crate::model::*;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The meeting log being typed. Its id is the id the log will have, so a
/// draft submitted twice (two tabs, a double tap) is still one log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub id: MeetingLogId,
    pub log: MeetingLogInput,
    #[serde(with = "crate::model::dates::moment")]
    pub saved_at: DateTime<Utc>,
    /// The outbox item this draft corrects (a conflict sent as a new log).
    #[serde(default)]
    pub replaces: Option<MeetingLogId>,
    /// 1 for a new log; the next revision of a sent log being corrected.
    #[serde(default = "first_revision")]
    pub revision: u32,
}

impl Draft {
    pub fn new(now: DateTime<Utc>) -> Draft {
        Draft {
            id: MeetingLogId::new(),
            log: MeetingLogInput::default(),
            saved_at: now,
            replaces: None,
            revision: 1,
        }
    }

    /// A draft that corrects (or withdraws) a log the server holds: its
    /// next revision under the same id, starting from what is stored.
    pub fn correcting(log: &MeetingLogView, now: DateTime<Utc>) -> Draft {
        Draft {
            id: log.id,
            log: log.input(),
            saved_at: now,
            replaces: None,
            revision: log.revision + 1,
        }
    }

    /// True when this draft changes a log already sent.
    pub fn is_correction(&self) -> bool {
        self.revision > 1
    }
}

/// Where an outbox item stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ItemState {
    /// On the phone, not yet acknowledged by the server.
    Waiting,
    /// The server has it.
    Synced {
        #[serde(with = "crate::model::dates::moment")]
        at: DateTime<Utc>,
    },
    /// The server refused it; nothing was stored. The mentor can fix it.
    Rejected { errors: FieldErrors },
    /// The server holds a different log under this id; nothing was overwritten.
    Conflict,
}

/// `ItemState` as stored, read without serde's buffering of internally
/// tagged enums.
#[derive(Deserialize)]
struct RawItemState {
    state: String,
    #[serde(
        default,
        deserialize_with = "crate::model::dates::moment::deserialize_option"
    )]
    at: Option<DateTime<Utc>>,
    errors: Option<FieldErrors>,
}

impl<'de> Deserialize<'de> for ItemState {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawItemState::deserialize(deserializer)?;
        let missing = |field| serde::de::Error::missing_field(field);
        Ok(match raw.state.as_str() {
            "waiting" => ItemState::Waiting,
            "synced" => ItemState::Synced {
                at: raw.at.ok_or_else(|| missing("at"))?,
            },
            "rejected" => ItemState::Rejected {
                errors: raw.errors.ok_or_else(|| missing("errors"))?,
            },
            "conflict" => ItemState::Conflict,
            other => return Err(serde::de::Error::custom(format!("unknown state {other:?}"))),
        })
    }
}

impl ItemState {
    pub fn needs_attention(&self) -> bool {
        matches!(self, ItemState::Rejected { .. } | ItemState::Conflict)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub id: MeetingLogId,
    pub log: MeetingLogInput,
    pub content_hash: String,
    /// (Missing from what older versions put in the outbox: revision 1.)
    #[serde(default = "first_revision")]
    pub revision: u32,
    #[serde(with = "crate::model::dates::moment")]
    pub saved_at: DateTime<Utc>,
    pub state: ItemState,
    /// Sends that got no answer.
    #[serde(default)]
    pub failed_attempts: u32,
}

impl OutboxItem {
    pub fn sync_item(&self) -> SyncItem {
        SyncItem {
            id: self.id,
            revision: self.revision,
            content_hash: self.content_hash.clone(),
            log: self.log.clone(),
        }
    }

    /// The item as a log to read, with names from the cached pairs. `None`
    /// if what was typed no longer reads as a log. Only read, never checked
    /// again (the rules were applied when it was saved): the home page shows
    /// waiting logs without the form's code.
    pub fn view(&self, pairs: &[PairSummary]) -> Option<MeetingLogView> {
        let log = &self.log;
        let pair = PairSummary::find(pairs, &log.pair_id);
        let number = |text: &str| -> Option<u32> {
            let text = text.trim();
            if text.is_empty() {
                Some(0)
            } else {
                text.parse().ok()
            }
        };
        let minutes = number(&log.hours)?
            .checked_mul(60)?
            .checked_add(number(&log.minutes)?)?;
        Some(MeetingLogView {
            id: self.id,
            pair_id: PairId::parse(&log.pair_id).ok()?,
            mentor_name: pair.map(|p| p.mentor_name.clone()).unwrap_or_default(),
            mentee_name: pair.map(|p| p.mentee_name.clone()).unwrap_or_default(),
            date: crate::model::dates::parse_iso_date(&log.date)?,
            form: MeetingForm::from_key(log.form.trim())?,
            duration_minutes: minutes,
            description: log.description.trim().to_string(),
            went_well_next_steps: log.went_well_next_steps.trim().to_string(),
            challenge: (log.challenge.trim() == "yes")
                .then(|| log.challenge_text.trim().to_string()),
            created_at: self.saved_at,
            revision: self.revision,
            withdrawn_reason: Some(log.withdrawn_reason.trim())
                .filter(|r| !r.is_empty())
                .map(str::to_string),
            goals: log.goals.clone(),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PutOutcome {
    Added,
    /// An item with this id is already waiting or synced: not added twice.
    AlreadyThere,
}

/// One person's data on this phone.
pub struct LocalData<S: KeyValue> {
    store: S,
    user: UserId,
}

impl<S: KeyValue> LocalData<S> {
    pub fn new(store: S, user: UserId) -> Self {
        LocalData { store, user }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    fn key(&self, key: PersonKey) -> String {
        keys::person(self.user, key)
    }

    fn outbox_prefix(&self) -> String {
        keys::outbox_prefix(self.user)
    }

    fn item_key(&self, id: MeetingLogId) -> String {
        format!("{}{id}", self.outbox_prefix())
    }

    /// True when `key` (from a `storage` event of another tab) is this
    /// person's draft.
    pub fn is_draft_key(&self, key: &str) -> bool {
        key == self.key(PersonKey::Draft)
    }

    /// True when `key` belongs to this person's outbox.
    pub fn is_outbox_key(&self, key: &str) -> bool {
        key.starts_with(&self.outbox_prefix())
    }

    /// Stores a value; when the phone is full, first makes room by dropping
    /// what can be fetched again (cached logs, synced items), never a draft or
    /// a waiting log.
    fn set_with_room<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        match set_json(&self.store, key, value) {
            Err(StorageError::Full) => {
                self.store.remove(&self.key(PersonKey::Logs));
                for item in self.outbox() {
                    if matches!(item.state, ItemState::Synced { .. }) {
                        self.store.remove(&self.item_key(item.id));
                    }
                }
                set_json(&self.store, key, value)
            }
            other => other,
        }
    }

    pub fn pairs(&self) -> Vec<PairSummary> {
        get_json(&self.store, &self.key(PersonKey::Pairs)).unwrap_or_default()
    }

    pub fn save_pairs(&self, pairs: &[PairSummary]) -> Result<(), StorageError> {
        self.set_with_room(&self.key(PersonKey::Pairs), &pairs)
    }

    pub fn logs(&self) -> Vec<MeetingLogView> {
        get_json(&self.store, &self.key(PersonKey::Logs)).unwrap_or_default()
    }

    /// Keeps the most recent logs (the server sends newest first).
    pub fn save_logs(&self, logs: &[MeetingLogView]) -> Result<(), StorageError> {
        let recent = &logs[..logs.len().min(CACHED_LOGS)];
        // The cache is a convenience: when full, skip it rather than fail.
        match set_json(&self.store, &self.key(PersonKey::Logs), &recent) {
            Err(StorageError::Full) => {
                self.store.remove(&self.key(PersonKey::Logs));
                Ok(())
            }
            other => other,
        }
    }

    pub fn draft(&self) -> Option<Draft> {
        get_json(&self.store, &self.key(PersonKey::Draft))
    }

    pub fn save_draft(&self, draft: &Draft) -> Result<(), StorageError> {
        self.set_with_room(&self.key(PersonKey::Draft), draft)
    }

    pub fn clear_draft(&self) {
        self.store.remove(&self.key(PersonKey::Draft));
    }

    /// Every item, oldest first.
    pub fn outbox(&self) -> Vec<OutboxItem> {
        let mut items: Vec<OutboxItem> = self
            .store
            .keys(&self.outbox_prefix())
            .iter()
            .filter_map(|key| get_json(&self.store, key))
            .collect();
        items.sort_by_key(|item| (item.saved_at, item.id));
        items
    }

    pub fn item(&self, id: MeetingLogId) -> Option<OutboxItem> {
        get_json(&self.store, &self.item_key(id))
    }

    /// The items the server has not acknowledged, oldest first.
    pub fn waiting(&self) -> Vec<OutboxItem> {
        self.outbox()
            .into_iter()
            .filter(|i| i.state == ItemState::Waiting)
            .collect()
    }

    /// Moves a checked draft into the outbox. The draft is cleared only once
    /// the item is safely stored. A draft whose id is already waiting or
    /// synced is not added again; one that was rejected is replaced by the
    /// corrected version.
    pub fn submit(
        &self,
        draft: &Draft,
        log: &MeetingLog,
        now: DateTime<Utc>,
    ) -> Result<PutOutcome, StorageError> {
        if let Some(existing) = self.item(draft.id) {
            // A correction replaces the item of the revision the server has
            // acknowledged; anything else under this id stays as it is.
            let corrects_synced = draft.revision > existing.revision
                && matches!(existing.state, ItemState::Synced { .. });
            if !corrects_synced && !matches!(existing.state, ItemState::Rejected { .. }) {
                self.clear_draft_if(draft.id);
                return Ok(PutOutcome::AlreadyThere);
            }
        }
        let item = OutboxItem {
            id: draft.id,
            log: MeetingLogInput::from(log),
            content_hash: log.content_hash(),
            revision: draft.revision,
            saved_at: now,
            state: ItemState::Waiting,
            failed_attempts: 0,
        };
        self.set_with_room(&self.item_key(item.id), &item)?;
        if let Some(replaced) = draft.replaces {
            self.store.remove(&self.item_key(replaced));
        }
        self.clear_draft_if(draft.id);
        Ok(PutOutcome::Added)
    }

    /// Clears the stored draft only if it is still the one submitted (another
    /// tab may have started a new one).
    fn clear_draft_if(&self, id: MeetingLogId) {
        if self.draft().is_some_and(|d| d.id == id) {
            self.clear_draft();
        }
    }

    /// Records what the server said about an item.
    pub fn record(&self, result: &SyncResult, now: DateTime<Utc>) -> Result<(), StorageError> {
        let Some(mut item) = self.item(result.id) else {
            return Ok(());
        };
        item.state = match &result.outcome {
            SyncOutcome::Stored | SyncOutcome::AlreadyStored => ItemState::Synced { at: now },
            SyncOutcome::Conflict => ItemState::Conflict,
            SyncOutcome::Rejected { errors } => ItemState::Rejected {
                errors: errors.clone(),
            },
        };
        self.set_with_room(&self.item_key(item.id), &item)
    }

    /// Counts a send of these items that got no answer.
    pub fn record_failed_attempt(&self, ids: &[MeetingLogId]) {
        for id in ids {
            if let Some(mut item) = self.item(*id) {
                item.failed_attempts += 1;
                // Best effort: the count only informs the outbox page.
                let _ = set_json(&self.store, &self.item_key(item.id), &item);
            }
        }
    }

    /// Deletes an item the mentor chose to discard.
    pub fn discard(&self, id: MeetingLogId) {
        self.store.remove(&self.item_key(id));
    }

    /// A draft that corrects an item needing attention: a rejected log keeps
    /// its id (nothing was stored under it); a conflicting one gets a new id,
    /// because the server already holds another log under the old one.
    pub fn draft_from_item(&self, id: MeetingLogId, now: DateTime<Utc>) -> Option<Draft> {
        let item = self.item(id)?;
        match item.state {
            ItemState::Rejected { .. } => Some(Draft {
                id: item.id,
                log: item.log,
                saved_at: now,
                replaces: None,
                revision: item.revision,
            }),
            // Another correction of the same log reached the server first:
            // sending this one as a new log would count the meeting twice.
            // The mentor reads the server's version and discards this one.
            ItemState::Conflict if item.revision > 1 => None,
            ItemState::Conflict => Some(Draft {
                id: MeetingLogId::new(),
                log: item.log,
                saved_at: now,
                replaces: Some(item.id),
                revision: 1,
            }),
            ItemState::Waiting | ItemState::Synced { .. } => None,
        }
    }

    /// Drops synced items older than [`KEEP_SYNCED_DAYS`].
    pub fn prune_synced(&self, now: DateTime<Utc>) {
        for item in self.outbox() {
            if let ItemState::Synced { at } = item.state {
                if now - at > Duration::days(KEEP_SYNCED_DAYS) {
                    self.store.remove(&self.item_key(item.id));
                }
            }
        }
    }

    pub fn last_sync(&self) -> Option<DateTime<Utc>> {
        let text: String = get_json(&self.store, &self.key(PersonKey::LastSync))?;
        crate::model::dates::parse_moment(&text)
    }

    pub fn set_last_sync(&self, at: DateTime<Utc>) {
        // Best effort: losing this only hides the time of the last sync.
        let text = crate::model::dates::format_moment_iso(at);
        let _ = set_json(&self.store, &self.key(PersonKey::LastSync), &text);
    }

    /// On logout: forgets what can be fetched again, so the next person on
    /// a shared phone cannot read it. Drafts and unsent logs stay, or they
    /// would be lost.
    pub fn forget_cached(&self) {
        self.store.remove(&self.key(PersonKey::Pairs));
        self.store.remove(&self.key(PersonKey::Logs));
        self.store.remove(&self.key(PersonKey::LastSync));
        self.store.remove(&self.key(PersonKey::Goals));
        for item in self.outbox() {
            if matches!(item.state, ItemState::Synced { .. }) {
                self.store.remove(&self.item_key(item.id));
            }
        }
    }
}

/// The person last logged in on this phone (their vault opens first).
pub fn last_user(store: &impl KeyValue) -> Option<UserId> {
    store
        .get(keys::LAST_USER)
        .and_then(|id| UserId::parse(&id).ok())
}

/// Who `user` is, from their (encrypted) data.
pub fn cached_identity(store: &impl KeyValue, user: UserId) -> Option<Identity> {
    get_json(store, &keys::person(user, PersonKey::Identity))
}

pub fn cache_identity(store: &impl KeyValue, identity: Option<&Identity>) {
    match identity {
        // Best effort: without it the app needs the network to start.
        Some(identity) => {
            let _ = store.set(keys::LAST_USER, &identity.user_id.to_string());
            let _ = set_json(
                store,
                &keys::person(identity.user_id, PersonKey::Identity),
                identity,
            );
        }
        None => store.remove(keys::LAST_USER),
    }
}

/// A logout made offline that the server has not heard of yet.
pub fn logout_pending(store: &impl KeyValue) -> bool {
    store.get(keys::LOGOUT_PENDING).is_some()
}

pub fn set_logout_pending(store: &impl KeyValue, pending: bool) {
    if pending {
        // Best effort: at worst the server session ends by its time-out.
        let _ = store.set(keys::LOGOUT_PENDING, "1");
    } else {
        store.remove(keys::LOGOUT_PENDING);
    }
}

#[cfg(test)]
mod tests {
    use super::super::storage::MemoryStore;
    use super::*;
    use chrono::NaiveDate;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn checked(pair: PairId, description: &str) -> (MeetingLogInput, MeetingLog) {
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
        let ctx = ValidationContext {
            latest_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            pair: Some(PairDates {
                started_on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
                ended_on: None,
            }),
        };
        let log = input.validate(&ctx).unwrap();
        (input, log)
    }

    fn draft_for(input: MeetingLogInput) -> Draft {
        Draft {
            log: input,
            ..Draft::new(now())
        }
    }

    #[test]
    fn a_submitted_draft_moves_into_the_outbox_and_the_draft_is_cleared() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "Talked about homework.");
        let draft = draft_for(input);
        data.save_draft(&draft).unwrap();

        let outcome = data.submit(&draft, &log, now()).unwrap();

        assert_eq!(outcome, PutOutcome::Added);
        assert_eq!(data.draft(), None);
        let waiting = data.waiting();
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].id, draft.id);
        assert_eq!(waiting[0].content_hash, log.content_hash());
    }

    #[test]
    fn the_same_draft_submitted_twice_is_one_item() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "Talked about homework.");
        let draft = draft_for(input);

        data.submit(&draft, &log, now()).unwrap();
        let again = data.submit(&draft, &log, now()).unwrap();

        assert_eq!(again, PutOutcome::AlreadyThere);
        assert_eq!(data.outbox().len(), 1);
    }

    #[test]
    fn submitting_does_not_clear_a_newer_draft_of_another_tab() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "First.");
        let first = draft_for(input);
        let newer = Draft::new(now());
        data.save_draft(&newer).unwrap();

        data.submit(&first, &log, now()).unwrap();

        assert_eq!(data.draft(), Some(newer));
    }

    #[test]
    fn server_answers_are_recorded_per_item() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let pair = PairId::new();
        let (a_in, a_log) = checked(pair, "A");
        let (b_in, b_log) = checked(pair, "B");
        let (c_in, c_log) = checked(pair, "C");
        let (a, b, c) = (draft_for(a_in), draft_for(b_in), draft_for(c_in));
        for (d, l) in [(&a, &a_log), (&b, &b_log), (&c, &c_log)] {
            data.submit(d, l, now()).unwrap();
        }

        data.record(
            &SyncResult {
                id: a.id,
                outcome: SyncOutcome::Stored,
            },
            now(),
        )
        .unwrap();
        data.record(
            &SyncResult {
                id: b.id,
                outcome: SyncOutcome::Conflict,
            },
            now(),
        )
        .unwrap();
        let errors = FieldErrors::one(Field::Date, Problem::DateInFuture);
        data.record(
            &SyncResult {
                id: c.id,
                outcome: SyncOutcome::Rejected {
                    errors: errors.clone(),
                },
            },
            now(),
        )
        .unwrap();

        assert_eq!(
            data.item(a.id).unwrap().state,
            ItemState::Synced { at: now() }
        );
        assert_eq!(data.item(b.id).unwrap().state, ItemState::Conflict);
        assert_eq!(
            data.item(c.id).unwrap().state,
            ItemState::Rejected { errors }
        );
        assert!(data.waiting().is_empty());
    }

    #[test]
    fn a_rejected_item_is_fixed_under_its_own_id() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        let draft = draft_for(input);
        data.submit(&draft, &log, now()).unwrap();
        let errors = FieldErrors::one(Field::Pair, Problem::NotYourPair);
        data.record(
            &SyncResult {
                id: draft.id,
                outcome: SyncOutcome::Rejected { errors },
            },
            now(),
        )
        .unwrap();

        let fix = data.draft_from_item(draft.id, now()).unwrap();
        assert_eq!(fix.id, draft.id);
        let outcome = data.submit(&fix, &log, now()).unwrap();

        assert_eq!(outcome, PutOutcome::Added);
        assert_eq!(data.item(draft.id).unwrap().state, ItemState::Waiting);
        assert_eq!(data.outbox().len(), 1);
    }

    #[test]
    fn a_conflicting_item_is_resent_under_a_new_id_and_replaced() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        let draft = draft_for(input);
        data.submit(&draft, &log, now()).unwrap();
        data.record(
            &SyncResult {
                id: draft.id,
                outcome: SyncOutcome::Conflict,
            },
            now(),
        )
        .unwrap();

        let fix = data.draft_from_item(draft.id, now()).unwrap();
        assert_ne!(fix.id, draft.id);
        data.submit(&fix, &log, now()).unwrap();

        let items = data.outbox();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].id, fix.id);
        assert_eq!(items[0].state, ItemState::Waiting);
    }

    /// The log as the server lists it once `item` is stored.
    fn stored_view(item: &OutboxItem) -> MeetingLogView {
        let mut view = item.view(&[]).unwrap();
        view.revision = item.revision;
        view
    }

    #[test]
    fn a_correction_of_a_synced_log_is_its_next_revision_under_the_same_id() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "Met at the gate");
        let draft = draft_for(input);
        data.submit(&draft, &log, now()).unwrap();
        let synced = SyncResult {
            id: draft.id,
            outcome: SyncOutcome::Stored,
        };
        data.record(&synced, now()).unwrap();
        let server = stored_view(&data.item(draft.id).unwrap());

        let correction = Draft::correcting(&server, now());
        let (_, fixed) = checked(server.pair_id, "Met at the library");
        let outcome = data.submit(&correction, &fixed, now()).unwrap();

        assert_eq!(outcome, PutOutcome::Added);
        assert!(correction.is_correction());
        let items = data.outbox();
        assert_eq!(items.len(), 1);
        assert_eq!((items[0].id, items[0].revision), (draft.id, 2));
        assert_eq!(items[0].state, ItemState::Waiting);
        assert_eq!(items[0].sync_item().revision, 2);
        assert_eq!(items[0].log.description, "Met at the library");
    }

    #[test]
    fn a_log_still_waiting_is_not_replaced_by_a_correction() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "Waiting");
        let draft = draft_for(input);
        data.submit(&draft, &log, now()).unwrap();
        let view = stored_view(&data.item(draft.id).unwrap());

        let outcome = data
            .submit(&Draft::correcting(&view, now()), &log, now())
            .unwrap();

        assert_eq!(outcome, PutOutcome::AlreadyThere);
        assert_eq!(data.item(draft.id).unwrap().revision, 1);
    }

    #[test]
    fn a_conflicting_correction_is_never_resent_as_a_new_log() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        let draft = Draft {
            revision: 2,
            ..draft_for(input)
        };
        data.submit(&draft, &log, now()).unwrap();
        data.record(
            &SyncResult {
                id: draft.id,
                outcome: SyncOutcome::Conflict,
            },
            now(),
        )
        .unwrap();

        assert_eq!(data.draft_from_item(draft.id, now()), None);
        data.discard(draft.id);
        assert!(data.outbox().is_empty());
    }

    #[test]
    fn an_outbox_item_of_an_older_version_reads_as_revision_one() {
        let (input, log) = checked(PairId::new(), "Old");
        let json = serde_json::json!({
            "id": MeetingLogId::new(),
            "log": input,
            "content_hash": log.content_hash(),
            "saved_at": "2026-11-20T10:00:00Z",
            "state": { "state": "waiting" },
        });
        let item: OutboxItem = serde_json::from_value(json).unwrap();
        assert_eq!(item.revision, 1);
    }

    #[test]
    fn a_full_phone_drops_caches_before_refusing_a_log() {
        let store = MemoryStore::with_limit(9_000);
        let data = LocalData::new(store.clone(), UserId::new());
        let big_cache: Vec<MeetingLogView> = (0..10)
            .map(|i| MeetingLogView {
                id: MeetingLogId::new(),
                pair_id: PairId::new(),
                mentor_name: "M".into(),
                mentee_name: "E".into(),
                date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                form: MeetingForm::Email,
                duration_minutes: 10,
                description: format!("{i} {}", "x".repeat(400)),
                went_well_next_steps: String::new(),
                challenge: None,
                created_at: now(),
                revision: 1,
                withdrawn_reason: None,
                goals: Vec::new(),
            })
            .collect();
        data.save_logs(&big_cache).unwrap();
        assert!(!data.logs().is_empty());

        let (input, log) = checked(PairId::new(), &"y".repeat(2_000));
        let outcome = data.submit(&draft_for(input), &log, now());

        assert_eq!(outcome, Ok(PutOutcome::Added));
        assert!(data.logs().is_empty(), "the re-fetchable cache made room");
        assert_eq!(data.waiting().len(), 1);
    }

    #[test]
    fn a_phone_too_full_even_for_one_log_says_so_and_keeps_the_draft() {
        let store = MemoryStore::with_limit(3_000);
        let data = LocalData::new(store, UserId::new());
        let (input, log) = checked(PairId::new(), &"z".repeat(1_400));
        let draft = draft_for(input);
        data.save_draft(&draft).unwrap();

        let outcome = data.submit(&draft, &log, now());

        assert_eq!(outcome, Err(StorageError::Full));
        assert_eq!(data.draft(), Some(draft), "nothing typed is lost");
        assert!(data.outbox().is_empty());
    }

    #[test]
    fn who_is_logged_in_is_kept_among_the_persons_own_values_and_only_their_id_outside() {
        let store = MemoryStore::default();
        let identity = Identity {
            user_id: UserId::new(),
            display_name: "Elena Ionescu".into(),
            email: "elena@example.org".into(),
            roles: vec![Role::Mentor],
        };

        cache_identity(&store, Some(&identity));

        assert_eq!(last_user(&store), Some(identity.user_id));
        assert_eq!(
            cached_identity(&store, identity.user_id),
            Some(identity.clone())
        );
        // Everything that names the person is under their prefix (the
        // values the vault encrypts); outside it, only their id.
        for key in store.keys(keys::PREFIX) {
            let value = store.get(&key).unwrap();
            if keys::owner(&key).is_none() {
                assert!(!value.contains("Elena"), "{key} = {value}");
            }
        }
        cache_identity(&store, None);
        assert_eq!(last_user(&store), None);
    }

    #[test]
    fn logging_out_forgets_caches_but_keeps_unsent_logs_and_the_draft() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        let sent = draft_for(input.clone());
        let unsent = draft_for(input);
        data.submit(&sent, &log, now()).unwrap();
        data.submit(&unsent, &log, now()).unwrap();
        data.record(
            &SyncResult {
                id: sent.id,
                outcome: SyncOutcome::Stored,
            },
            now(),
        )
        .unwrap();
        let pending = Draft::new(now());
        data.save_draft(&pending).unwrap();
        data.save_pairs(&[]).unwrap();

        data.forget_cached();

        let items = data.outbox();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].id, unsent.id);
        assert_eq!(data.draft(), Some(pending));
    }

    #[test]
    fn two_people_on_one_phone_never_see_each_others_outbox() {
        let store = MemoryStore::default();
        let one = LocalData::new(store.clone(), UserId::new());
        let two = LocalData::new(store, UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        one.submit(&draft_for(input), &log, now()).unwrap();

        assert_eq!(one.outbox().len(), 1);
        assert!(two.outbox().is_empty());
    }

    #[test]
    fn synced_items_are_pruned_after_a_week() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        let draft = draft_for(input);
        data.submit(&draft, &log, now()).unwrap();
        data.record(
            &SyncResult {
                id: draft.id,
                outcome: SyncOutcome::Stored,
            },
            now(),
        )
        .unwrap();

        data.prune_synced(now() + Duration::days(6));
        assert_eq!(data.outbox().len(), 1);
        data.prune_synced(now() + Duration::days(8));
        assert!(data.outbox().is_empty());
    }

    #[test]
    fn item_states_are_read_back_from_the_format_phones_already_hold() {
        let stored = [
            (r#"{"state":"waiting"}"#, ItemState::Waiting),
            (
                r#"{"state":"synced","at":"2026-11-22T10:00:00Z"}"#,
                ItemState::Synced { at: now() },
            ),
            (
                r#"{"state":"rejected","errors":[{"field":"date","problem":"date_in_future"}]}"#,
                ItemState::Rejected {
                    errors: FieldErrors::one(Field::Date, Problem::DateInFuture),
                },
            ),
            (r#"{"state":"conflict"}"#, ItemState::Conflict),
        ];
        for (json, state) in stored {
            assert_eq!(serde_json::from_str::<ItemState>(json).unwrap(), state);
            let again = serde_json::to_string(&state).unwrap();
            assert_eq!(serde_json::from_str::<ItemState>(&again).unwrap(), state);
        }
    }

    #[test]
    fn a_damaged_entry_is_skipped_not_fatal() {
        let store = MemoryStore::default();
        let user = UserId::new();
        let data = LocalData::new(store.clone(), user);
        store
            .set(
                &format!("{}garbage", keys::outbox_prefix(user)),
                "{not json",
            )
            .unwrap();

        assert!(data.outbox().is_empty());
    }
}
