//! What a mentor's phone keeps besides the outbox: the cached pairs and
//! recent logs (for reading offline), the meeting log being typed, and who
//! is logged in. A saved log goes to the [`super::outbox`]. The keys are
//! made in [`super::keys`].

use super::keys::{self, PersonKey};
use super::outbox::{Entry, EntryKey, ItemState, Outbox, PutOutcome};
use super::storage::{get_json, set_json, KeyValue, StorageError};
use crate::model::limits::CACHED_LOGS;
use crate::model::*;
use chrono::{DateTime, Utc};
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

/// A log in the outbox as a log to read, with names from the cached pairs.
/// `None` if what was typed no longer reads as a log. Only read, never
/// checked again (the rules were applied when it was saved): the home page
/// shows waiting logs without the form's code.
pub fn log_view(entry: &Entry, pairs: &[PairSummary]) -> Option<MeetingLogView> {
    let log: MeetingLogInput = entry.read()?;
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
        id: MeetingLogId::from_uuid(entry.id),
        pair_id: PairId::parse(&log.pair_id).ok()?,
        mentor_name: pair.map(|p| p.mentor_name.clone()).unwrap_or_default(),
        mentee_name: pair.map(|p| p.mentee_name.clone()).unwrap_or_default(),
        date: crate::model::dates::parse_iso_date(&log.date)?,
        form: MeetingForm::from_key(log.form.trim())?,
        duration_minutes: minutes,
        description: log.description.trim().to_string(),
        went_well_next_steps: log.went_well_next_steps.trim().to_string(),
        challenge: (log.challenge.trim() == "yes").then(|| log.challenge_text.trim().to_string()),
        created_at: entry.saved_at,
        revision: entry.revision,
        withdrawn_reason: Some(log.withdrawn_reason.trim())
            .filter(|r| !r.is_empty())
            .map(str::to_string),
        goals: log.goals,
    })
}

/// The outbox's address of a log's revision.
pub fn log_key(id: MeetingLogId, revision: u32) -> EntryKey {
    EntryKey {
        kind: Kind::MeetingLog,
        id: id.as_uuid(),
        revision,
    }
}

/// One person's data on this phone.
pub struct LocalData<S: KeyValue + Clone> {
    store: S,
    user: UserId,
}

impl<S: KeyValue + Clone> LocalData<S> {
    pub fn new(store: S, user: UserId) -> Self {
        LocalData { store, user }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn outbox(&self) -> Outbox<S> {
        Outbox::new(self.store.clone(), self.user)
    }

    fn key(&self, key: PersonKey) -> String {
        keys::person(self.user, key)
    }

    /// True when `key` (from a `storage` event of another tab) is this
    /// person's draft.
    pub fn is_draft_key(&self, key: &str) -> bool {
        key == self.key(PersonKey::Draft)
    }

    /// Stores a value; when the phone is full, first makes room by dropping
    /// what can be fetched again (cached logs, sent records), never a draft
    /// or a waiting record.
    fn set_with_room<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        match set_json(&self.store, key, value) {
            Err(StorageError::Full) => {
                self.store.remove(&self.key(PersonKey::Logs));
                self.outbox().forget_sent();
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

    /// Moves a checked draft into the outbox. The draft is cleared only once
    /// the log is safely stored. A draft already waiting or sent is not
    /// added again; one that was refused is replaced by its fix.
    pub fn submit(
        &self,
        draft: &Draft,
        log: &MeetingLog,
        now: DateTime<Utc>,
    ) -> Result<PutOutcome, StorageError> {
        let entry = Entry::new(draft.id.as_uuid(), draft.revision, log, now);
        let replaces = draft.replaces.map(|id| log_key(id, 1));
        let outcome = self.outbox().put(entry, replaces)?;
        self.clear_draft_if(draft.id);
        Ok(outcome)
    }

    /// Clears the stored draft only if it is still the one submitted (another
    /// tab may have started a new one).
    fn clear_draft_if(&self, id: MeetingLogId) {
        if self.draft().is_some_and(|d| d.id == id) {
            self.clear_draft();
        }
    }

    /// A draft that fixes a log needing attention: a refused log keeps its
    /// id and revision (nothing was stored under it); a conflicting new log
    /// gets a new id, because the server already holds another log under
    /// the old one.
    pub fn draft_from_item(&self, key: EntryKey, now: DateTime<Utc>) -> Option<Draft> {
        let entry = self.outbox().entry(key)?;
        let log: MeetingLogInput = entry.read()?;
        let id = MeetingLogId::from_uuid(entry.id);
        match entry.state {
            ItemState::Rejected { .. } => Some(Draft {
                id,
                log,
                saved_at: now,
                replaces: None,
                revision: entry.revision,
            }),
            // Another correction of the same log reached the server first:
            // sending this one as a new log would count the meeting twice.
            // The mentor reads the server's version and discards this one.
            ItemState::Conflict if entry.revision > 1 => None,
            ItemState::Conflict => Some(Draft {
                id: MeetingLogId::new(),
                log,
                saved_at: now,
                replaces: Some(id),
                revision: 1,
            }),
            ItemState::Waiting | ItemState::Synced { .. } => None,
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
    /// a shared phone cannot read it. Drafts and unsent records stay, or
    /// they would be lost.
    pub fn forget_cached(&self) {
        self.store.remove(&self.key(PersonKey::Pairs));
        self.store.remove(&self.key(PersonKey::Logs));
        self.store.remove(&self.key(PersonKey::LastSync));
        self.store.remove(&self.key(PersonKey::Goals));
        self.outbox().forget_sent();
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
    use super::super::outbox::AfterSent;
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
        (input, log)
    }

    fn draft_for(input: MeetingLogInput) -> Draft {
        Draft {
            log: input,
            ..Draft::new(now())
        }
    }

    fn answer(draft: &Draft, outcome: SyncOutcome) -> SyncAnswer {
        SyncAnswer {
            kind: Kind::MeetingLog,
            id: draft.id.as_uuid(),
            revision: draft.revision,
            outcome,
        }
    }

    fn state(data: &LocalData<MemoryStore>, draft: &Draft) -> Option<ItemState> {
        data.outbox()
            .entry(log_key(draft.id, draft.revision))
            .map(|e| e.state)
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
        let waiting = data.outbox().waiting();
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].id, draft.id.as_uuid());
        assert_eq!(waiting[0].content_hash, log.content_hash());
        assert_eq!(waiting[0].after_sent, AfterSent::Keep);
    }

    #[test]
    fn the_same_draft_submitted_twice_is_one_entry() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "Talked about homework.");
        let draft = draft_for(input);

        data.submit(&draft, &log, now()).unwrap();
        let again = data.submit(&draft, &log, now()).unwrap();

        assert_eq!(again, PutOutcome::AlreadyThere);
        assert_eq!(data.outbox().entries().len(), 1);
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
    fn a_refused_log_is_fixed_under_its_own_id() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        let draft = draft_for(input);
        data.submit(&draft, &log, now()).unwrap();
        let errors = Reasons::at("pair", Problem::NotYourPair);
        data.outbox()
            .record(&answer(&draft, SyncOutcome::Rejected { errors }), now())
            .unwrap();

        let fix = data.draft_from_item(log_key(draft.id, 1), now()).unwrap();
        assert_eq!(fix.id, draft.id);
        let outcome = data.submit(&fix, &log, now()).unwrap();

        assert_eq!(outcome, PutOutcome::Added);
        assert_eq!(state(&data, &draft), Some(ItemState::Waiting));
        assert_eq!(data.outbox().entries().len(), 1);
    }

    #[test]
    fn a_conflicting_log_is_resent_under_a_new_id_and_replaced() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        let draft = draft_for(input);
        data.submit(&draft, &log, now()).unwrap();
        data.outbox()
            .record(&answer(&draft, SyncOutcome::Conflict), now())
            .unwrap();

        let fix = data.draft_from_item(log_key(draft.id, 1), now()).unwrap();
        assert_ne!(fix.id, draft.id);
        data.submit(&fix, &log, now()).unwrap();

        let entries = data.outbox().entries();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].id, fix.id.as_uuid());
        assert_eq!(entries[0].state, ItemState::Waiting);
    }

    /// The log as the server lists it once `entry` is stored.
    fn stored_view(entry: &Entry) -> MeetingLogView {
        log_view(entry, &[]).unwrap()
    }

    #[test]
    fn a_correction_of_a_sent_log_is_its_next_revision_under_the_same_id() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "Met at the gate");
        let draft = draft_for(input);
        data.submit(&draft, &log, now()).unwrap();
        data.outbox()
            .record(&answer(&draft, SyncOutcome::Stored), now())
            .unwrap();
        let server = stored_view(&data.outbox().entries()[0]);

        let correction = Draft::correcting(&server, now());
        let (_, fixed) = checked(server.pair_id, "Met at the library");
        let outcome = data.submit(&correction, &fixed, now()).unwrap();

        assert_eq!(outcome, PutOutcome::Added);
        assert!(correction.is_correction());
        let entries = data.outbox().entries();
        assert_eq!(entries.len(), 1, "the sent revision is superseded");
        assert_eq!(
            (entries[0].id, entries[0].revision),
            (draft.id.as_uuid(), 2)
        );
        assert_eq!(entries[0].state, ItemState::Waiting);
        assert_eq!(entries[0].sync_item().revision, 2);
        assert_eq!(stored_view(&entries[0]).description, "Met at the library");
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
        data.outbox()
            .record(&answer(&draft, SyncOutcome::Conflict), now())
            .unwrap();

        assert_eq!(data.draft_from_item(log_key(draft.id, 2), now()), None);
        data.outbox().discard(log_key(draft.id, 2));
        assert!(data.outbox().entries().is_empty());
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
        assert_eq!(data.outbox().waiting().len(), 1);
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
        assert!(data.outbox().entries().is_empty());
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
    fn logging_out_forgets_caches_but_keeps_unsent_records_and_the_draft() {
        let data = LocalData::new(MemoryStore::default(), UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        let sent = draft_for(input.clone());
        let unsent = draft_for(input);
        data.submit(&sent, &log, now()).unwrap();
        data.submit(&unsent, &log, now()).unwrap();
        data.outbox()
            .record(&answer(&sent, SyncOutcome::Stored), now())
            .unwrap();
        let pending = Draft::new(now());
        data.save_draft(&pending).unwrap();
        data.save_pairs(&[]).unwrap();

        data.forget_cached();

        let entries = data.outbox().entries();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].id, unsent.id.as_uuid());
        assert_eq!(data.draft(), Some(pending));
    }

    #[test]
    fn two_people_on_one_phone_never_see_each_others_outbox() {
        let store = MemoryStore::default();
        let one = LocalData::new(store.clone(), UserId::new());
        let two = LocalData::new(store, UserId::new());
        let (input, log) = checked(PairId::new(), "A");
        one.submit(&draft_for(input), &log, now()).unwrap();

        assert_eq!(one.outbox().entries().len(), 1);
        assert!(two.outbox().entries().is_empty());
    }
}
