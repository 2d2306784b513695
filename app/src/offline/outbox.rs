//! The phone's outbox: every record written on the phone, whatever its
//! kind (meeting logs, goals, reports, safeguarding concerns), on its way
//! to the server, with where each stands. One key per record and revision,
//! so two tabs never lose each other's records; the keys are made in
//! [`super::keys`]. The sender is the runner; what a kind keeps once
//! the server has it was decided when it was put here ([`Record::once_sent`]).

use super::keys;
use super::storage::{get_json, set_json, KeyValue, StorageError};
use crate::model::limits::KEEP_SYNCED_DAYS;
use crate::model::*;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where an outbox entry stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemState {
    /// On the phone, not yet acknowledged by the server.
    Waiting,
    /// The server has it.
    Synced { at: DateTime<Utc> },
    /// The server refused it; nothing was stored. It can be fixed.
    Rejected { errors: Reasons },
    /// The server holds a different record under this id and revision;
    /// nothing was overwritten.
    Conflict,
}

impl ItemState {
    pub fn needs_attention(&self) -> bool {
        matches!(self, ItemState::Rejected { .. } | ItemState::Conflict)
    }

    pub fn is_synced(&self) -> bool {
        matches!(self, ItemState::Synced { .. })
    }
}

/// `ItemState` as stored: `{"state": "waiting" | "synced" | "rejected" |
/// "conflict", "at"?, "errors"?}`, read without serde's buffering of tagged
/// enums.
#[derive(Serialize, Deserialize)]
struct StoredState {
    state: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::dates::moment::option"
    )]
    at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    errors: Option<Reasons>,
}

impl Serialize for ItemState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (state, at, errors) = match self {
            ItemState::Waiting => ("waiting", None, None),
            ItemState::Synced { at } => ("synced", Some(*at), None),
            ItemState::Rejected { errors } => ("rejected", None, Some(errors.clone())),
            ItemState::Conflict => ("conflict", None, None),
        };
        StoredState {
            state: state.to_string(),
            at,
            errors,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ItemState {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let stored = StoredState::deserialize(deserializer)?;
        let missing = |field| serde::de::Error::missing_field(field);
        Ok(match stored.state.as_str() {
            "waiting" => ItemState::Waiting,
            "synced" => ItemState::Synced {
                at: stored.at.ok_or_else(|| missing("at"))?,
            },
            "rejected" => ItemState::Rejected {
                errors: stored.errors.ok_or_else(|| missing("errors"))?,
            },
            "conflict" => ItemState::Conflict,
            other => return Err(serde::de::Error::custom(format!("unknown state {other:?}"))),
        })
    }
}

/// What the phone keeps of an entry once the server has it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterSent {
    /// All of it, marked synced (to read it, or correct it, offline).
    #[default]
    Keep,
    /// Nothing: the entry goes.
    Forget,
    /// This smaller input, marked synced.
    Replace(Payload),
}

/// An entry's address: its kind, id and revision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryKey {
    pub kind: Kind,
    pub id: Uuid,
    pub revision: u32,
}

impl EntryKey {
    /// How a page's address names an entry of its kind (`?item=`): its id
    /// and revision.
    pub fn param(&self) -> String {
        format!("{}.{}", self.id, self.revision)
    }

    /// The entry of `kind` a page's address names (a plain id is revision 1).
    pub fn from_param(kind: Kind, param: &str) -> Option<EntryKey> {
        let (id, revision) = match param.trim().split_once('.') {
            Some((id, revision)) => (id, revision.parse().ok()?),
            None => (param.trim(), 1),
        };
        Some(EntryKey {
            kind,
            id: Uuid::parse_str(id).ok()?,
            revision,
        })
    }

    pub fn of(answer: &SyncAnswer) -> EntryKey {
        EntryKey {
            kind: answer.kind,
            id: answer.id,
            revision: answer.revision,
        }
    }
}

/// One record in the outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub kind: Kind,
    /// Made on the phone when the record was first saved.
    pub id: Uuid,
    pub revision: u32,
    pub content_hash: String,
    /// The record as checked, in its form's shape.
    pub input: Payload,
    #[serde(with = "crate::model::dates::moment")]
    pub saved_at: DateTime<Utc>,
    pub state: ItemState,
    /// Sends that got no answer.
    #[serde(default)]
    pub failed_attempts: u32,
    #[serde(default)]
    pub after_sent: AfterSent,
}

impl Entry {
    /// A checked record, ready to send: its input is made from what was
    /// checked, so the server checks exactly what the phone did.
    pub fn new<R: Record>(id: Uuid, revision: u32, record: &R, now: DateTime<Utc>) -> Entry
    where
        for<'a> R::Input: From<&'a R>,
    {
        let input = R::Input::from(record);
        let after_sent = match R::once_sent(&input) {
            None => AfterSent::Forget,
            Some(kept) if kept == input => AfterSent::Keep,
            Some(kept) => AfterSent::Replace(Payload::of(&kept)),
        };
        Entry {
            kind: R::KIND,
            id,
            revision,
            content_hash: record.content_hash(),
            input: Payload::of(&input),
            saved_at: now,
            state: ItemState::Waiting,
            failed_attempts: 0,
            after_sent,
        }
    }

    pub fn key(&self) -> EntryKey {
        EntryKey {
            kind: self.kind,
            id: self.id,
            revision: self.revision,
        }
    }

    /// The input, as the kind's form reads it.
    pub fn read<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        self.input.read()
    }

    pub fn sync_item(&self) -> SyncItem {
        SyncItem {
            kind: self.kind,
            id: self.id,
            revision: self.revision,
            content_hash: self.content_hash.clone(),
            input: self.input.clone(),
        }
    }

    /// The order entries are sent in: by kind (concerns first), then as
    /// saved, revisions of one record in turn.
    fn order(&self) -> (Kind, DateTime<Utc>, Uuid, u32) {
        (self.kind, self.saved_at, self.id, self.revision)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PutOutcome {
    Added,
    /// This record and revision is already waiting or sent: not added twice
    /// (a double tap, a second tab).
    AlreadyThere,
}

/// One person's outbox on this phone.
pub struct Outbox<S: KeyValue> {
    store: S,
    user: UserId,
}

impl<S: KeyValue> Outbox<S> {
    pub fn new(store: S, user: UserId) -> Self {
        Outbox { store, user }
    }

    fn item_key(&self, key: EntryKey) -> String {
        format!(
            "{}{}.{}.{:05}",
            keys::queue_prefix(self.user),
            key.kind,
            key.id,
            key.revision
        )
    }

    /// True when `key` (from a `storage` event of another tab) belongs to
    /// this outbox.
    pub fn is_own_key(&self, key: &str) -> bool {
        key.starts_with(&keys::queue_prefix(self.user))
    }

    /// Every entry, in the order they are sent.
    pub fn entries(&self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = self
            .store
            .keys(&keys::queue_prefix(self.user))
            .iter()
            .filter_map(|key| get_json(&self.store, key))
            .collect();
        entries.sort_by_key(Entry::order);
        entries
    }

    /// The entries of one kind, in the order they are sent.
    pub fn entries_of(&self, kind: Kind) -> Vec<Entry> {
        let prefix = format!("{}{kind}.", keys::queue_prefix(self.user));
        let mut entries: Vec<Entry> = self
            .store
            .keys(&prefix)
            .iter()
            .filter_map(|key| get_json(&self.store, key))
            .collect();
        entries.sort_by_key(Entry::order);
        entries
    }

    pub fn entry(&self, key: EntryKey) -> Option<Entry> {
        get_json(&self.store, &self.item_key(key))
    }

    /// The entries the server has not acknowledged, in the order they are
    /// sent.
    pub fn waiting(&self) -> Vec<Entry> {
        self.entries()
            .into_iter()
            .filter(|e| e.state == ItemState::Waiting)
            .collect()
    }

    /// Stores a value of the outbox; when the phone is full, first makes
    /// room by dropping what can be fetched again (the cached logs, sent
    /// entries), never what waits.
    fn set_with_room<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        match set_json(&self.store, key, value) {
            Err(StorageError::Full) => {
                self.store
                    .remove(&keys::person(self.user, keys::PersonKey::Logs));
                self.forget_sent();
                set_json(&self.store, key, value)
            }
            other => other,
        }
    }

    /// Puts a checked record in the outbox. The same record and revision
    /// already there stays as it is, unless the server refused it (then
    /// this is its fix). `replaces`: an entry this one takes the place of
    /// (a conflicting log sent again as a new one). A sent earlier revision
    /// of the same record is superseded and goes.
    pub fn put(
        &self,
        entry: Entry,
        replaces: Option<EntryKey>,
    ) -> Result<PutOutcome, StorageError> {
        if let Some(existing) = self.entry(entry.key()) {
            if !matches!(existing.state, ItemState::Rejected { .. }) {
                return Ok(PutOutcome::AlreadyThere);
            }
        }
        self.set_with_room(&self.item_key(entry.key()), &entry)?;
        if let Some(replaced) = replaces.filter(|r| *r != entry.key()) {
            self.store.remove(&self.item_key(replaced));
        }
        for older in self.entries_of(entry.kind) {
            if older.id == entry.id && older.revision < entry.revision && older.state.is_synced() {
                self.store.remove(&self.item_key(older.key()));
            }
        }
        Ok(PutOutcome::Added)
    }

    /// Records what the server said about an entry.
    pub fn record(&self, answer: &SyncAnswer, now: DateTime<Utc>) -> Result<(), StorageError> {
        let key = EntryKey::of(answer);
        let Some(mut entry) = self.entry(key) else {
            return Ok(());
        };
        entry.state = match &answer.outcome {
            SyncOutcome::Stored | SyncOutcome::AlreadyStored => {
                match std::mem::take(&mut entry.after_sent) {
                    AfterSent::Forget => {
                        self.store.remove(&self.item_key(key));
                        return Ok(());
                    }
                    AfterSent::Replace(kept) => entry.input = kept,
                    AfterSent::Keep => {}
                }
                ItemState::Synced { at: now }
            }
            SyncOutcome::Conflict => ItemState::Conflict,
            SyncOutcome::Rejected { errors } => ItemState::Rejected {
                errors: errors.clone(),
            },
        };
        self.set_with_room(&self.item_key(key), &entry)
    }

    /// Counts a send of these entries that got no answer.
    pub fn record_failed_attempt(&self, keys: &[EntryKey]) {
        for key in keys {
            if let Some(mut entry) = self.entry(*key) {
                entry.failed_attempts += 1;
                // Best effort: the count only informs the outbox page.
                let _ = set_json(&self.store, &self.item_key(*key), &entry);
            }
        }
    }

    /// Sends a refused entry again as it is (the refusal was the server's
    /// trouble, or the mentor wants to try again).
    pub fn resend(&self, key: EntryKey) -> Result<(), StorageError> {
        let Some(mut entry) = self.entry(key) else {
            return Ok(());
        };
        if !matches!(entry.state, ItemState::Rejected { .. }) {
            return Ok(());
        }
        entry.state = ItemState::Waiting;
        entry.failed_attempts = 0;
        set_json(&self.store, &self.item_key(key), &entry)
    }

    /// Deletes an entry (the person chose to, or it went back in its form).
    pub fn discard(&self, key: EntryKey) {
        self.store.remove(&self.item_key(key));
    }

    /// Drops sent entries older than [`KEEP_SYNCED_DAYS`].
    pub fn prune_synced(&self, now: DateTime<Utc>) {
        for entry in self.entries() {
            if let ItemState::Synced { at } = entry.state {
                if now - at > Duration::days(KEEP_SYNCED_DAYS) {
                    self.store.remove(&self.item_key(entry.key()));
                }
            }
        }
    }

    /// Drops every sent entry (what the server has can be fetched again).
    pub fn forget_sent(&self) {
        for entry in self.entries() {
            if entry.state.is_synced() {
                self.store.remove(&self.item_key(entry.key()));
            }
        }
    }

    /// Moves what older versions of the app left in their outboxes (one per
    /// kind, each with its own format) into this one, keeping where each
    /// stood: an app update never strands what a phone has not sent.
    pub fn take_in_legacy(&self) {
        for (prefix, kind) in [
            (keys::legacy_concerns_prefix(self.user), Kind::Concern),
            (keys::legacy_goals_prefix(self.user), Kind::Goal),
            (keys::legacy_logs_prefix(self.user), Kind::MeetingLog),
            (keys::legacy_reports_prefix(self.user), Kind::Report),
        ] {
            for key in self.store.keys(&prefix) {
                let taken = self
                    .store
                    .get(&key)
                    .and_then(|text| legacy::entry(kind, &text));
                match taken {
                    Some(entry) => {
                        // Kept where it was if the phone is full: read again
                        // at the next start.
                        if self
                            .set_with_room(&self.item_key(entry.key()), &entry)
                            .is_ok()
                        {
                            self.store.remove(&key);
                        }
                    }
                    // Damaged: nothing can be sent of it.
                    None => self.store.remove(&key),
                }
            }
        }
    }
}

/// The formats of the outboxes before there was one for every kind.
mod legacy {
    use super::*;

    #[derive(Deserialize)]
    struct Place {
        #[serde(default)]
        field: Option<String>,
        #[serde(default)]
        question: Option<String>,
        problem: Problem,
    }

    #[derive(Deserialize)]
    struct State {
        state: String,
        #[serde(default)]
        at: Option<String>,
        #[serde(default)]
        errors: Option<Vec<Place>>,
    }

    impl State {
        fn read(self) -> Option<ItemState> {
            Some(match self.state.as_str() {
                "waiting" => ItemState::Waiting,
                "synced" | "sent" => ItemState::Synced {
                    at: dates::parse_moment(self.at.as_deref()?)?,
                },
                "rejected" => {
                    let mut errors = Reasons::default();
                    for place in self.errors? {
                        let at = place.field.or(place.question).unwrap_or_default();
                        errors.push(&at, place.problem);
                    }
                    ItemState::Rejected { errors }
                }
                "conflict" => ItemState::Conflict,
                _ => return None,
            })
        }
    }

    /// Every old item: its id, revision (1 where it had none), hash, when
    /// saved, its state, and its input under the kind's old name.
    #[derive(Deserialize)]
    struct Item {
        id: Uuid,
        #[serde(default = "first_revision")]
        revision: u32,
        content_hash: String,
        saved_at: String,
        state: State,
        #[serde(default)]
        failed_attempts: u32,
        #[serde(alias = "log", alias = "goal", alias = "report", alias = "concern")]
        input: Option<Payload>,
        /// Reports: the date, when the answers are gone (a mentee's, sent).
        #[serde(default)]
        date: Option<String>,
        #[serde(default)]
        pair_id: Option<String>,
        #[serde(default)]
        kind: Option<String>,
        #[serde(default)]
        respondent: Option<String>,
    }

    pub(super) fn entry(kind: Kind, text: &str) -> Option<Entry> {
        let item: Item = serde_json::from_str(text).ok()?;
        let state = item.state.read()?;
        let mentee_report =
            kind == Kind::Report && item.respondent.as_deref() == Some(Respondent::Mentee.key());
        let input = match item.input {
            Some(input) => input,
            // A mentee's report the server has: only which one, and when.
            None if kind == Kind::Report && state.is_synced() => Payload::of(&ReportInput {
                pair_id: item.pair_id.unwrap_or_default(),
                kind: item.kind.unwrap_or_default(),
                respondent: item.respondent.unwrap_or_default(),
                date: item.date.unwrap_or_default(),
                ..ReportInput::default()
            }),
            None => return None,
        };
        let after_sent = match kind {
            Kind::Concern => AfterSent::Forget,
            Kind::Report if mentee_report && !state.is_synced() => {
                let full: ReportInput = input.read()?;
                AfterSent::Replace(Payload::of(&Report::once_sent(&full)?))
            }
            _ => AfterSent::Keep,
        };
        Some(Entry {
            kind,
            id: item.id,
            revision: item.revision,
            content_hash: item.content_hash,
            input,
            saved_at: dates::parse_moment(&item.saved_at)?,
            state,
            failed_attempts: item.failed_attempts,
            after_sent,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::storage::MemoryStore;
    use super::*;
    use chrono::NaiveDate;

    fn now() -> DateTime<Utc> {
        "2026-11-22T10:00:00Z".parse().unwrap()
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

    fn log(description: &str) -> MeetingLog {
        MeetingLogInput {
            pair_id: PairId::new().to_string(),
            date: "2026-11-20".into(),
            form: "telephone".into(),
            hours: "0".into(),
            minutes: "45".into(),
            description: description.into(),
            challenge: "no".into(),
            ..MeetingLogInput::default()
        }
        .validate(&ctx())
        .unwrap()
    }

    fn concern() -> Concern {
        ConcernInput {
            pair_id: PairId::new().to_string(),
            about: "child".into(),
            happened: "Bruises".into(),
            done: "Called the manager.".into(),
            log_id: String::new(),
        }
        .validate()
        .unwrap()
    }

    fn outbox() -> Outbox<MemoryStore> {
        Outbox::new(MemoryStore::default(), UserId::new())
    }

    fn answer(entry: &Entry, outcome: SyncOutcome) -> SyncAnswer {
        SyncAnswer::to(&entry.sync_item(), outcome)
    }

    #[test]
    fn entries_are_sent_by_kind_concerns_first_then_in_the_order_saved() {
        let outbox = outbox();
        let later = now() + Duration::seconds(5);
        let first_log = Entry::new(Uuid::new_v4(), 1, &log("first"), now());
        let second_log = Entry::new(Uuid::new_v4(), 1, &log("second"), later);
        let concern = Entry::new(Uuid::new_v4(), 1, &concern(), later);
        for entry in [&second_log, &concern, &first_log] {
            outbox.put(entry.clone(), None).unwrap();
        }

        let order: Vec<Uuid> = outbox.waiting().iter().map(|e| e.id).collect();

        assert_eq!(order, vec![concern.id, first_log.id, second_log.id]);
    }

    #[test]
    fn the_same_record_and_revision_put_twice_is_one_entry_unless_it_was_refused() {
        let outbox = outbox();
        let entry = Entry::new(Uuid::new_v4(), 1, &log("a"), now());

        assert_eq!(outbox.put(entry.clone(), None), Ok(PutOutcome::Added));
        assert_eq!(
            outbox.put(entry.clone(), None),
            Ok(PutOutcome::AlreadyThere)
        );
        let refused = SyncOutcome::Rejected {
            errors: Reasons::whole(Problem::Unreadable),
        };
        outbox.record(&answer(&entry, refused), now()).unwrap();
        assert_eq!(outbox.put(entry.clone(), None), Ok(PutOutcome::Added));

        assert_eq!(outbox.entries().len(), 1);
        assert_eq!(outbox.entries()[0].state, ItemState::Waiting);
    }

    #[test]
    fn what_the_server_has_is_kept_forgotten_or_reduced_as_the_kind_said() {
        let outbox = outbox();
        let kept = Entry::new(Uuid::new_v4(), 1, &log("kept"), now());
        let forgotten = Entry::new(Uuid::new_v4(), 1, &concern(), now());
        for entry in [&kept, &forgotten] {
            outbox.put(entry.clone(), None).unwrap();
            outbox
                .record(&answer(entry, SyncOutcome::Stored), now())
                .unwrap();
        }

        let entries = outbox.entries();

        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].id, kept.id);
        assert_eq!(entries[0].state, ItemState::Synced { at: now() });
        assert_eq!(entries[0].input, kept.input);
    }

    #[test]
    fn a_sent_revision_is_superseded_by_the_next_one() {
        let outbox = outbox();
        let id = Uuid::new_v4();
        let first = Entry::new(id, 1, &log("first"), now());
        outbox.put(first.clone(), None).unwrap();
        outbox
            .record(&answer(&first, SyncOutcome::Stored), now())
            .unwrap();

        outbox
            .put(Entry::new(id, 2, &log("corrected"), now()), None)
            .unwrap();

        let entries = outbox.entries();
        assert_eq!(entries.len(), 1);
        assert_eq!(
            (entries[0].revision, &entries[0].state),
            (2, &ItemState::Waiting)
        );
    }

    #[test]
    fn a_refused_entry_can_be_sent_again_as_it_is() {
        let outbox = outbox();
        let entry = Entry::new(Uuid::new_v4(), 1, &log("a"), now());
        outbox.put(entry.clone(), None).unwrap();
        let refused = SyncOutcome::Rejected {
            errors: Reasons::whole(Problem::NotAccepted),
        };
        outbox.record(&answer(&entry, refused), now()).unwrap();

        outbox.resend(entry.key()).unwrap();

        assert_eq!(outbox.waiting().len(), 1);
    }

    #[test]
    fn sent_entries_are_pruned_after_a_week_and_waiting_ones_never() {
        let outbox = outbox();
        let sent = Entry::new(Uuid::new_v4(), 1, &log("sent"), now());
        let waiting = Entry::new(Uuid::new_v4(), 1, &log("waiting"), now());
        outbox.put(sent.clone(), None).unwrap();
        outbox.put(waiting.clone(), None).unwrap();
        outbox
            .record(&answer(&sent, SyncOutcome::Stored), now())
            .unwrap();

        outbox.prune_synced(now() + Duration::days(6));
        assert_eq!(outbox.entries().len(), 2);
        outbox.prune_synced(now() + Duration::days(8));

        let left: Vec<Uuid> = outbox.entries().iter().map(|e| e.id).collect();
        assert_eq!(left, vec![waiting.id]);
    }

    #[test]
    fn a_page_address_names_an_entry_by_id_and_revision() {
        let key = EntryKey {
            kind: Kind::Goal,
            id: Uuid::new_v4(),
            revision: 3,
        };

        assert_eq!(EntryKey::from_param(Kind::Goal, &key.param()), Some(key));
        assert_eq!(
            EntryKey::from_param(Kind::Goal, &key.id.to_string()).map(|k| k.revision),
            Some(1)
        );
        assert_eq!(EntryKey::from_param(Kind::Goal, "nonsense"), None);
    }

    #[test]
    fn a_damaged_value_is_skipped_not_fatal() {
        let store = MemoryStore::default();
        let user = UserId::new();
        store
            .set(
                &format!("{}meeting_log.x.00001", keys::queue_prefix(user)),
                "{not json",
            )
            .unwrap();

        assert!(Outbox::new(store, user).entries().is_empty());
    }

    #[test]
    fn states_read_back_from_what_is_stored() {
        let stored = [
            (r#"{"state":"waiting"}"#, ItemState::Waiting),
            (
                r#"{"state":"synced","at":"2026-11-22T10:00:00.000Z"}"#,
                ItemState::Synced { at: now() },
            ),
            (
                r#"{"state":"rejected","errors":[{"at":"date","problem":"date_in_future"}]}"#,
                ItemState::Rejected {
                    errors: Reasons::at("date", Problem::DateInFuture),
                },
            ),
            (r#"{"state":"conflict"}"#, ItemState::Conflict),
        ];
        for (json, state) in stored {
            assert_eq!(serde_json::from_str::<ItemState>(json).unwrap(), state);
            assert_eq!(serde_json::to_string(&state).unwrap(), json);
        }
    }

    /// What the four outboxes of older versions held, as phones hold it.
    fn legacy_phone() -> (MemoryStore, UserId, [Uuid; 5]) {
        let store = MemoryStore::default();
        let user = UserId::new();
        let pair = PairId::new();
        let ids = [(); 5].map(|_| Uuid::new_v4());
        let log = serde_json::json!({
            "id": ids[0], "content_hash": "h0", "saved_at": "2026-11-20T10:00:00.000Z",
            "state": {"state": "rejected", "errors": [{"field": "date", "problem": "date_in_future"}]},
            "failed_attempts": 2,
            "log": {"pair_id": pair.to_string(), "date": "2026-12-20", "description": "Met"},
        });
        let goal = serde_json::json!({
            "id": ids[1], "revision": 2, "content_hash": "h1", "saved_at": "2026-11-21T10:00:00Z",
            "state": {"state": "waiting"},
            "goal": {"pair_id": pair.to_string(), "what": "Read together"},
        });
        let mine = serde_json::json!({
            "id": ids[2], "pair_id": pair.to_string(), "kind": "midterm", "respondent": "mentor",
            "date": "2026-11-20", "content_hash": "h2", "saved_at": "2026-11-21T10:00:00Z",
            "state": {"state": "waiting"}, "revision": 1,
            "report": {"pair_id": pair.to_string(), "kind": "midterm", "respondent": "mentor", "date": "2026-11-20", "answers": {}},
        });
        let theirs_sent = serde_json::json!({
            "id": ids[3], "pair_id": pair.to_string(), "kind": "midterm", "respondent": "mentee",
            "date": "2026-11-19", "report": null, "content_hash": "h3",
            "saved_at": "2026-11-21T10:30:00Z", "state": {"state": "sent", "at": "2026-11-21T11:00:00Z"},
        });
        let concern = serde_json::json!({
            "id": ids[4], "pair_id": pair.to_string(), "content_hash": "h4",
            "saved_at": "2026-11-22T09:00:00Z", "state": {"state": "waiting"},
            "concern": {"pair_id": pair.to_string(), "about": "child", "happened": "x", "done": "y"},
        });
        let p = keys::person_prefix(user);
        for (key, value) in [
            (format!("{p}outbox.{}", ids[0]), log),
            (format!("{p}goal_changes.{}.00002", ids[1]), goal),
            (format!("{p}reports.{}", ids[2]), mine),
            (format!("{p}reports.{}", ids[3]), theirs_sent),
            (format!("{p}concerns.{}", ids[4]), concern),
        ] {
            store.set(&key, &value.to_string()).unwrap();
        }
        store
            .set(&format!("{p}outbox.{}", Uuid::new_v4()), "{damaged")
            .unwrap();
        (store, user, ids)
    }

    #[test]
    fn what_older_versions_left_in_their_outboxes_is_taken_in_where_it_stood() {
        let (store, user, ids) = legacy_phone();
        let outbox = Outbox::new(store.clone(), user);

        outbox.take_in_legacy();

        let entries = outbox.entries();
        let summary: Vec<(Kind, Uuid, u32, bool)> = entries
            .iter()
            .map(|e| (e.kind, e.id, e.revision, e.state == ItemState::Waiting))
            .collect();
        assert_eq!(
            summary,
            vec![
                (Kind::Concern, ids[4], 1, true),
                (Kind::Goal, ids[1], 2, true),
                (Kind::MeetingLog, ids[0], 1, false),
                (Kind::Report, ids[2], 1, true),
                (Kind::Report, ids[3], 1, false),
            ]
        );
        assert_eq!(
            entries[2].state,
            ItemState::Rejected {
                errors: Reasons::at("date", Problem::DateInFuture)
            }
        );
        assert_eq!(entries[2].failed_attempts, 2);
        assert_eq!(entries[0].after_sent, AfterSent::Forget);
        let theirs: ReportInput = entries[4].read().unwrap();
        assert_eq!(
            (theirs.date.as_str(), theirs.answers.len()),
            ("2026-11-19", 0)
        );
        let mine: ReportInput = entries[3].read().unwrap();
        assert_eq!(mine.kind, "midterm");
        // Nothing is left under the old keys, the damaged value included.
        let p = keys::person_prefix(user);
        let old: Vec<String> = store
            .keys(&p)
            .into_iter()
            .filter(|k| !k.starts_with(&keys::queue_prefix(user)))
            .collect();
        assert!(old.is_empty(), "{old:?}");
    }

    #[test]
    fn taking_in_twice_changes_nothing() {
        let (store, user, _) = legacy_phone();
        let outbox = Outbox::new(store, user);
        outbox.take_in_legacy();
        let once = outbox.entries();

        outbox.take_in_legacy();

        assert_eq!(outbox.entries(), once);
    }
}
