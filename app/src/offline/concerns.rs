//! Safeguarding concerns on a phone: the concern being typed (saved as
//! typed), and the concerns in the outbox, which sends them before anything
//! else. The phone makes the id; the content hash goes with it, so a resend
//! is stored once. Once the server has a concern the phone forgets it (a
//! lost phone must not carry it; the mentor's list of their concerns comes
//! from the server).
//!
//! This code is in lazily loaded parts of the app (the concern page).

use super::keys::{self, PersonKey};
use super::outbox::{Entry, EntryKey, Outbox};
use super::storage::{get_json, set_json, KeyValue, StorageError};
use crate::model::*;
use chrono::{DateTime, Utc};

pub struct Concerns<S: KeyValue + Clone> {
    store: S,
    user: UserId,
}

impl<S: KeyValue + Clone> Concerns<S> {
    pub fn new(store: S, user: UserId) -> Self {
        Concerns { store, user }
    }

    fn outbox(&self) -> Outbox<S> {
        Outbox::new(self.store.clone(), self.user)
    }

    fn draft_key(&self) -> String {
        keys::person(self.user, PersonKey::ConcernDraft)
    }

    pub fn draft(&self) -> Option<ConcernInput> {
        get_json(&self.store, &self.draft_key())
    }

    pub fn save_draft(&self, draft: &ConcernInput) -> Result<(), StorageError> {
        set_json(&self.store, &self.draft_key(), draft)
    }

    pub fn clear_draft(&self) {
        self.store.remove(&self.draft_key());
    }

    /// Every concern still on the phone (none the server has), oldest first.
    pub fn items(&self) -> Vec<Entry> {
        self.outbox().entries_of(Kind::Concern)
    }

    /// Puts a checked concern in the outbox under a new id; the draft is
    /// cleared.
    pub fn submit(&self, concern: &Concern, now: DateTime<Utc>) -> Result<ConcernId, StorageError> {
        let id = ConcernId::new();
        self.outbox()
            .put(Entry::new(id.as_uuid(), 1, concern, now), None)?;
        self.clear_draft();
        Ok(id)
    }

    /// A refused concern back in the form, to correct and send again (as a
    /// new concern: the refused one is forgotten).
    pub fn reopen(&self, key: EntryKey) -> Option<ConcernInput> {
        let entry = self.outbox().entry(key)?;
        if !entry.state.needs_attention() {
            return None;
        }
        let input = entry.read()?;
        self.outbox().discard(key);
        Some(input)
    }
}

#[cfg(test)]
mod tests {
    use super::super::outbox::ItemState;
    use super::super::storage::MemoryStore;
    use super::*;

    fn now() -> DateTime<Utc> {
        "2027-05-10T10:00:00Z".parse().unwrap()
    }

    fn concern(happened: &str) -> Concern {
        ConcernInput {
            pair_id: PairId::new().to_string(),
            about: "child".into(),
            happened: happened.into(),
            done: "Called the manager.".into(),
            log_id: String::new(),
        }
        .validate()
        .unwrap()
    }

    fn answer(id: ConcernId, outcome: SyncOutcome) -> SyncAnswer {
        SyncAnswer {
            kind: Kind::Concern,
            id: id.as_uuid(),
            revision: 1,
            outcome,
        }
    }

    #[test]
    fn a_submitted_concern_waits_and_the_draft_is_cleared() {
        let concerns = Concerns::new(MemoryStore::default(), UserId::new());
        concerns
            .save_draft(&ConcernInput {
                happened: "half typed".into(),
                ..Default::default()
            })
            .unwrap();
        concerns.submit(&concern("Bruises"), now()).unwrap();
        assert!(concerns.draft().is_none());
        assert_eq!(concerns.outbox().waiting().len(), 1);
    }

    #[test]
    fn once_the_server_has_it_the_phone_forgets_it() {
        let store = MemoryStore::default();
        let concerns = Concerns::new(store.clone(), UserId::new());
        let id = concerns.submit(&concern("Bruises"), now()).unwrap();
        let again = concerns.submit(&concern("Again"), now()).unwrap();

        let outbox = concerns.outbox();
        outbox
            .record(&answer(id, SyncOutcome::Stored), now())
            .unwrap();
        outbox
            .record(&answer(again, SyncOutcome::AlreadyStored), now())
            .unwrap();

        assert!(concerns.items().is_empty());
        assert!(store.keys("").iter().all(|k| !k.contains("concern")));
    }

    #[test]
    fn a_refused_concern_goes_back_to_the_form_and_leaves_the_outbox() {
        let concerns = Concerns::new(MemoryStore::default(), UserId::new());
        let id = concerns.submit(&concern("First"), now()).unwrap();
        let refused = SyncOutcome::Rejected {
            errors: Reasons::whole(Problem::Unreadable),
        };
        concerns
            .outbox()
            .record(&answer(id, refused), now())
            .unwrap();
        let key = concerns.items()[0].key();
        assert!(matches!(
            concerns.items()[0].state,
            ItemState::Rejected { .. }
        ));

        let reopened = concerns.reopen(key).unwrap();

        assert_eq!(reopened.happened, "First");
        assert!(concerns.items().is_empty());
    }

    #[test]
    fn a_concern_still_waiting_is_not_reopened() {
        let concerns = Concerns::new(MemoryStore::default(), UserId::new());
        concerns.submit(&concern("First"), now()).unwrap();
        let key = concerns.items()[0].key();

        assert_eq!(concerns.reopen(key), None);
        assert_eq!(concerns.items().len(), 1);
    }
}
