//! Safeguarding concerns on a phone: the concern being typed (saved as
//! typed), and the outbox of concerns on their way to the server, sent
//! before anything else and one at a time (they are rare, and one refused
//! concern must never hold another back). The phone makes the id; the
//! content hash goes with it, so a resend is stored once. Once the server
//! has a concern the phone forgets it (a lost phone must not carry it; the
//! mentor's list of their concerns comes from the server).
//!
//! This code is in lazily loaded parts of the app; the part every page
//! loads only asks [`has_concerns`].

use super::keys::{self, PersonKey};
use super::storage::{get_json, set_json, KeyValue, StorageError};
use crate::model::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a concern in the outbox stands (the server has none of them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ConcernState {
    Waiting,
    Rejected {
        errors: FieldErrors,
    },
    /// The server holds a different concern under this id.
    Conflict,
}

impl ConcernState {
    pub fn needs_attention(&self) -> bool {
        matches!(self, ConcernState::Rejected { .. } | ConcernState::Conflict)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernItem {
    pub id: ConcernId,
    pub pair_id: String,
    pub concern: ConcernInput,
    pub content_hash: String,
    pub saved_at: DateTime<Utc>,
    pub state: ConcernState,
}

impl ConcernItem {
    pub fn sync_item(&self) -> ConcernSyncItem {
        ConcernSyncItem {
            id: self.id,
            content_hash: self.content_hash.clone(),
            concern: self.concern.clone(),
        }
    }
}

/// Whether `user` has a concern on this phone (the part every page loads
/// asks this, by the keys alone, before loading the code that sends it).
pub fn has_concerns(store: &impl KeyValue, user: UserId) -> bool {
    !store.keys(&keys::concerns_prefix(user)).is_empty()
}

pub struct Concerns<S: KeyValue> {
    store: S,
    user: UserId,
}

impl<S: KeyValue> Concerns<S> {
    pub fn new(store: S, user: UserId) -> Self {
        Concerns { store, user }
    }

    fn item_key(&self, id: ConcernId) -> String {
        format!("{}{id}", keys::concerns_prefix(self.user))
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

    /// Every concern on the phone, oldest first.
    pub fn items(&self) -> Vec<ConcernItem> {
        let mut items: Vec<ConcernItem> = self
            .store
            .keys(&keys::concerns_prefix(self.user))
            .iter()
            .filter_map(|key| get_json(&self.store, key))
            .collect();
        items.sort_by_key(|i| (i.saved_at, i.id));
        items
    }

    pub fn waiting(&self) -> Vec<ConcernItem> {
        self.items()
            .into_iter()
            .filter(|i| i.state == ConcernState::Waiting)
            .collect()
    }

    /// Puts a checked concern in the outbox under a new id; the draft is
    /// cleared.
    pub fn submit(&self, concern: &Concern, now: DateTime<Utc>) -> Result<ConcernId, StorageError> {
        let id = ConcernId::new();
        let item = ConcernItem {
            id,
            pair_id: concern.pair_id().to_string(),
            concern: ConcernInput::from(concern),
            content_hash: concern.content_hash(),
            saved_at: now,
            state: ConcernState::Waiting,
        };
        set_json(&self.store, &self.item_key(id), &item)?;
        self.clear_draft();
        Ok(id)
    }

    /// Records what the server said: once it has the concern, the phone
    /// forgets it.
    pub fn record(&self, result: &ConcernSyncResult) -> Result<(), StorageError> {
        let key = self.item_key(result.id);
        let Some(mut item) = get_json::<ConcernItem>(&self.store, &key) else {
            return Ok(());
        };
        item.state = match &result.outcome {
            ConcernOutcome::Stored | ConcernOutcome::AlreadyStored => {
                self.store.remove(&key);
                return Ok(());
            }
            ConcernOutcome::Conflict => ConcernState::Conflict,
            ConcernOutcome::Rejected { errors } => ConcernState::Rejected {
                errors: errors.clone(),
            },
        };
        set_json(&self.store, &key, &item)
    }

    /// A refused concern back in the form, to correct and send again (as a
    /// new concern: the refused one is forgotten).
    pub fn reopen(&self, id: ConcernId) -> Option<ConcernInput> {
        let item: ConcernItem = get_json(&self.store, &self.item_key(id))?;
        if !item.state.needs_attention() {
            return None;
        }
        self.store.remove(&self.item_key(id));
        Some(item.concern)
    }
}

/// Sends the waiting concerns one by one; how many the server answered.
/// A request that gets no answer stops the run (the next one retries);
/// one the server refuses whole marks that concern alone.
pub async fn send<S, F, Fut>(
    concerns: &Concerns<S>,
    transport: F,
) -> Result<usize, crate::api::AppError>
where
    S: KeyValue,
    F: Fn(Vec<ConcernSyncItem>) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<ConcernSyncResult>, crate::api::AppError>>,
{
    use crate::api::AppError;
    let mut answered = 0;
    for item in concerns.waiting() {
        let results = match transport(vec![item.sync_item()]).await {
            Ok(results) => results,
            Err(AppError::BadRequest { .. } | AppError::TooLarge { .. }) => {
                vec![ConcernSyncResult {
                    id: item.id,
                    outcome: ConcernOutcome::Rejected {
                        errors: FieldErrors::one(Field::Log, Problem::Unreadable),
                    },
                }]
            }
            Err(error) => return Err(error),
        };
        for result in &results {
            // A full phone: the item stays waiting and is sent again.
            let _ = concerns.record(result);
            answered += 1;
        }
    }
    Ok(answered)
}

#[cfg(test)]
mod tests {
    use super::super::storage::MemoryStore;
    use super::*;
    use crate::api::AppError;
    use std::cell::RefCell;

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
        assert_eq!(concerns.waiting().len(), 1);
        assert!(has_concerns(&concerns.store, concerns.user));
    }

    #[test]
    fn once_the_server_has_it_the_phone_forgets_it() {
        let concerns = Concerns::new(MemoryStore::default(), UserId::new());
        let id = concerns.submit(&concern("Bruises"), now()).unwrap();
        let again = concerns.submit(&concern("Again"), now()).unwrap();
        concerns
            .record(&ConcernSyncResult {
                id,
                outcome: ConcernOutcome::Stored,
            })
            .unwrap();
        concerns
            .record(&ConcernSyncResult {
                id: again,
                outcome: ConcernOutcome::AlreadyStored,
            })
            .unwrap();
        assert!(concerns.items().is_empty());
        assert!(!has_concerns(&concerns.store, concerns.user));
        assert!(concerns
            .store
            .keys("")
            .iter()
            .all(|k| !k.contains("concerns.")));
    }

    #[test]
    fn each_concern_goes_alone_and_one_refused_whole_does_not_hold_back_the_next() {
        let concerns = Concerns::new(MemoryStore::default(), UserId::new());
        let first = concerns.submit(&concern("First"), now()).unwrap();
        let second = concerns
            .submit(&concern("Second"), now() + chrono::Duration::seconds(1))
            .unwrap();
        let sent = RefCell::new(Vec::new());
        let answered =
            futures::executor::block_on(send(&concerns, |items: Vec<ConcernSyncItem>| {
                sent.borrow_mut().push(items.len());
                let id = items[0].id;
                async move {
                    if id == first {
                        Err(AppError::BadRequest {
                            reason: "unreadable".into(),
                        })
                    } else {
                        Ok(vec![ConcernSyncResult {
                            id,
                            outcome: ConcernOutcome::Stored,
                        }])
                    }
                }
            }))
            .unwrap();
        assert_eq!((answered, sent.into_inner()), (2, vec![1, 1]));
        let states: Vec<(ConcernId, bool)> = concerns
            .items()
            .iter()
            .map(|i| (i.id, i.state.needs_attention()))
            .collect();
        // The one the server has is gone from the phone.
        assert_eq!(states, vec![(first, true)]);
        // The refused one can be reopened to correct, and is then gone.
        let _ = second;
        assert!(concerns.reopen(first).is_some());
        assert!(concerns.items().is_empty());
    }

    #[test]
    fn no_answer_stops_the_run_and_the_concern_keeps_waiting() {
        let concerns = Concerns::new(MemoryStore::default(), UserId::new());
        concerns.submit(&concern("Bruises"), now()).unwrap();
        let result =
            futures::executor::block_on(send(&concerns, |_items: Vec<ConcernSyncItem>| async {
                Err::<Vec<ConcernSyncResult>, _>(AppError::Network {
                    reason: "offline".into(),
                })
            }));
        assert!(result.is_err());
        assert_eq!(concerns.waiting().len(), 1);
    }
}
