//! The goals on a phone: the goals the server has (cached for reading and
//! for the meeting log's "goals worked on"), the goal being typed, and the
//! outbox of goal revisions on their way to the server. A new goal is its
//! revision 1; each change is the next revision of the same id, so a resend
//! is harmless and a change made elsewhere meanwhile is a conflict.
//!
//! This code is in lazily loaded parts of the app (the goal pages and
//! [`super::extras::sync_extra`]); the part every page loads only asks
//! [`has_goals`].

use super::keys::{self, PersonKey};
use super::storage::{get_json, set_json, KeyValue, StorageError};
use crate::model::dates::parse_iso_date;
use crate::model::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a goal revision in the outbox stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum GoalState {
    Waiting,
    Sent {
        at: DateTime<Utc>,
    },
    Rejected {
        errors: FieldErrors,
    },
    /// Another change of the same revision reached the server first.
    Conflict,
}

impl GoalState {
    pub fn needs_attention(&self) -> bool {
        matches!(self, GoalState::Rejected { .. } | GoalState::Conflict)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalItem {
    pub id: GoalId,
    pub revision: u32,
    pub goal: GoalInput,
    pub content_hash: String,
    pub saved_at: DateTime<Utc>,
    pub state: GoalState,
}

/// The goal being typed: a new one (revision 1) or a change of a known one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalDraft {
    pub id: GoalId,
    pub goal: GoalInput,
    pub saved_at: DateTime<Utc>,
}

/// A goal as the mentor sees it on the phone: the server's latest revision
/// or, if a change is on its way, that change; with the state of the
/// phone's latest change, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalEntry {
    pub goal: GoalView,
    pub change: Option<GoalState>,
}

/// Whether `user` has goal changes on this phone.
pub fn has_goals(store: &impl KeyValue, user: UserId) -> bool {
    !store.keys(&keys::goals_prefix(user)).is_empty()
}

pub struct Goals<S: KeyValue> {
    store: S,
    user: UserId,
}

impl<S: KeyValue> Goals<S> {
    pub fn new(store: S, user: UserId) -> Self {
        Goals { store, user }
    }

    fn item_key(&self, id: GoalId, revision: u32) -> String {
        format!("{}{id}.{revision:05}", keys::goals_prefix(self.user))
    }

    fn key(&self, key: PersonKey) -> String {
        keys::person(self.user, key)
    }

    /// The goals as the server last said.
    pub fn cached(&self) -> Vec<GoalView> {
        get_json(&self.store, &self.key(PersonKey::Goals)).unwrap_or_default()
    }

    /// Keeps the server's goals, and forgets the changes it has now.
    pub fn save_cached(&self, goals: &[GoalView]) -> Result<(), StorageError> {
        set_json(&self.store, &self.key(PersonKey::Goals), &goals)?;
        for item in self.items() {
            let known = goals
                .iter()
                .any(|g| g.id == item.id && g.revision >= item.revision);
            if known && matches!(item.state, GoalState::Sent { .. }) {
                self.store.remove(&self.item_key(item.id, item.revision));
            }
        }
        Ok(())
    }

    /// Every goal change on the phone, in the order made.
    pub fn items(&self) -> Vec<GoalItem> {
        let mut items: Vec<GoalItem> = self
            .store
            .keys(&keys::goals_prefix(self.user))
            .iter()
            .filter_map(|key| get_json(&self.store, key))
            .collect();
        items.sort_by_key(|i| (i.saved_at, i.id, i.revision));
        items
    }

    pub fn waiting(&self) -> Vec<GoalItem> {
        self.items()
            .into_iter()
            .filter(|i| i.state == GoalState::Waiting)
            .collect()
    }

    /// The revision the next change of `id` gets: one after the latest the
    /// server has or the phone is sending.
    pub fn next_revision(&self, id: GoalId) -> u32 {
        let on_server = self
            .cached()
            .iter()
            .filter(|g| g.id == id)
            .map(|g| g.revision)
            .max()
            .unwrap_or(0);
        let on_phone = self
            .items()
            .iter()
            .filter(|i| i.id == id && !i.state.needs_attention())
            .map(|i| i.revision)
            .max()
            .unwrap_or(0);
        on_server.max(on_phone) + 1
    }

    /// Puts a checked goal (new or changed) in the outbox as its next
    /// revision. A refused or conflicting change of the same goal is
    /// replaced by this one; the draft is cleared.
    pub fn submit(&self, id: GoalId, goal: &Goal, now: DateTime<Utc>) -> Result<u32, StorageError> {
        let revision = self.next_revision(id);
        for stale in self
            .items()
            .iter()
            .filter(|i| i.id == id && i.state.needs_attention())
        {
            self.store.remove(&self.item_key(stale.id, stale.revision));
        }
        let item = GoalItem {
            id,
            revision,
            goal: GoalInput::from(goal),
            content_hash: goal.content_hash(),
            saved_at: now,
            state: GoalState::Waiting,
        };
        set_json(&self.store, &self.item_key(id, revision), &item)?;
        self.clear_draft();
        Ok(revision)
    }

    /// Records what the server said about one revision.
    pub fn record(&self, result: &GoalSyncResult, now: DateTime<Utc>) -> Result<(), StorageError> {
        let key = self.item_key(result.id, result.revision);
        let Some(mut item) = get_json::<GoalItem>(&self.store, &key) else {
            return Ok(());
        };
        item.state = match &result.outcome {
            GoalOutcome::Stored | GoalOutcome::AlreadyStored => GoalState::Sent { at: now },
            GoalOutcome::Conflict => GoalState::Conflict,
            GoalOutcome::Rejected { errors } => GoalState::Rejected {
                errors: errors.clone(),
            },
        };
        set_json(&self.store, &key, &item)
    }

    /// Forgets a refused or conflicting change (the mentor chose to).
    pub fn discard(&self, id: GoalId, revision: u32) {
        self.store.remove(&self.item_key(id, revision));
    }

    pub fn draft(&self) -> Option<GoalDraft> {
        get_json(&self.store, &self.key(PersonKey::GoalDraft))
    }

    pub fn save_draft(&self, draft: &GoalDraft) -> Result<(), StorageError> {
        set_json(&self.store, &self.key(PersonKey::GoalDraft), draft)
    }

    pub fn clear_draft(&self) {
        self.store.remove(&self.key(PersonKey::GoalDraft));
    }

    /// The goals of one pair (or of all pairs) as the mentor sees them now:
    /// open goals first, by target date.
    pub fn entries(&self, pair: Option<PairId>) -> Vec<GoalEntry> {
        let mut entries: Vec<GoalEntry> = self
            .cached()
            .into_iter()
            .map(|goal| GoalEntry { goal, change: None })
            .collect();
        for item in self.items() {
            let Some(view) = local_view(&item, entries.iter().find(|e| e.goal.id == item.id))
            else {
                continue;
            };
            let state = item.state.clone();
            match entries.iter_mut().find(|e| e.goal.id == item.id) {
                Some(entry) => {
                    // A change the server has not taken is shown as a change,
                    // over the server's version only while it is on its way.
                    if item.revision > entry.goal.revision && state == GoalState::Waiting {
                        entry.goal = view;
                    }
                    entry.change = Some(state);
                }
                None => entries.push(GoalEntry {
                    goal: view,
                    change: Some(state),
                }),
            }
        }
        entries.retain(|e| pair.is_none_or(|p| e.goal.pair_id == p));
        entries.sort_by_key(|e| (!e.goal.is_open(), e.goal.target_date, e.goal.id));
        entries
    }
}

/// A change on the phone shown like a stored goal (its progress is the
/// stored goal's, if any).
fn local_view(item: &GoalItem, stored: Option<&GoalEntry>) -> Option<GoalView> {
    let withdrawn = item.goal.withdrawn_reason.trim();
    Some(GoalView {
        id: item.id,
        pair_id: PairId::parse(&item.goal.pair_id).ok()?,
        revision: item.revision,
        what: item.goal.what.trim().to_string(),
        why: item.goal.why.trim().to_string(),
        first_steps: item.goal.first_steps.trim().to_string(),
        target_date: parse_iso_date(&item.goal.target_date)?,
        withdrawn_reason: (!withdrawn.is_empty()).then(|| withdrawn.to_string()),
        progress: stored.map_or(GoalProgress::NotStarted, |s| s.goal.progress),
        progress_on: stored.and_then(|s| s.goal.progress_on),
        updated_at: item.saved_at,
    })
}

/// Sends the waiting changes in order, in batches, and records each answer.
pub async fn send<S, F, Fut>(
    goals: &Goals<S>,
    transport: F,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<usize, crate::api::AppError>
where
    S: KeyValue,
    F: Fn(Vec<GoalSyncItem>) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<GoalSyncResult>, crate::api::AppError>>,
{
    let waiting: Vec<GoalSyncItem> = goals
        .waiting()
        .into_iter()
        .map(|i| GoalSyncItem {
            id: i.id,
            revision: i.revision,
            content_hash: i.content_hash,
            goal: i.goal,
        })
        .collect();
    let mut answered = 0;
    for batch in waiting.chunks(SYNC_BATCH_ITEMS) {
        let results = transport(batch.to_vec()).await?;
        for result in &results {
            let _ = goals.record(result, now());
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
        "2026-11-22T10:00:00Z".parse().unwrap()
    }

    fn ctx() -> ValidationContext {
        ValidationContext {
            latest_date: parse_iso_date("2026-11-22").unwrap(),
            pair: Some(PairDates {
                started_on: parse_iso_date("2026-09-01").unwrap(),
                ended_on: None,
            }),
        }
    }

    fn goal(pair: PairId, what: &str) -> Goal {
        GoalInput {
            pair_id: pair.to_string(),
            what: what.into(),
            target_date: "2027-01-31".into(),
            ..GoalInput::default()
        }
        .validate(&ctx())
        .unwrap()
    }

    fn stored(id: GoalId, pair: PairId, revision: u32, what: &str) -> GoalView {
        GoalView {
            id,
            pair_id: pair,
            revision,
            what: what.into(),
            why: String::new(),
            first_steps: String::new(),
            target_date: parse_iso_date("2027-01-31").unwrap(),
            withdrawn_reason: None,
            progress: GoalProgress::UnderWay,
            progress_on: parse_iso_date("2026-11-20"),
            updated_at: now(),
        }
    }

    fn goals() -> Goals<MemoryStore> {
        Goals::new(MemoryStore::default(), UserId::new())
    }

    #[test]
    fn a_new_goal_is_revision_one_and_each_change_the_next() {
        let goals = goals();
        let (id, pair) = (GoalId::new(), PairId::new());
        assert_eq!(
            goals
                .submit(id, &goal(pair, "Read together"), now())
                .unwrap(),
            1
        );
        assert_eq!(
            goals
                .submit(id, &goal(pair, "Read together daily"), now())
                .unwrap(),
            2
        );
        let waiting: Vec<u32> = goals.waiting().iter().map(|i| i.revision).collect();
        assert_eq!(waiting, vec![1, 2]);
    }

    #[test]
    fn a_change_of_a_stored_goal_follows_the_servers_revision() {
        let goals = goals();
        let (id, pair) = (GoalId::new(), PairId::new());
        goals
            .save_cached(&[stored(id, pair, 3, "Read together")])
            .unwrap();
        assert_eq!(
            goals
                .submit(id, &goal(pair, "Read every day"), now())
                .unwrap(),
            4
        );
        let entries = goals.entries(Some(pair));
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].goal.what, "Read every day");
        assert_eq!(
            entries[0].goal.progress,
            GoalProgress::UnderWay,
            "progress kept"
        );
        assert_eq!(entries[0].change, Some(GoalState::Waiting));
    }

    #[test]
    fn a_refused_change_is_replaced_by_its_correction_under_the_same_revision() {
        let goals = goals();
        let (id, pair) = (GoalId::new(), PairId::new());
        goals.submit(id, &goal(pair, "First"), now()).unwrap();
        goals
            .record(
                &GoalSyncResult {
                    id,
                    revision: 1,
                    outcome: GoalOutcome::Rejected {
                        errors: FieldErrors::one(Field::Pair, Problem::NotYourPair),
                    },
                },
                now(),
            )
            .unwrap();
        assert_eq!(
            goals.submit(id, &goal(pair, "Corrected"), now()).unwrap(),
            1
        );
        let items = goals.items();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].goal.what, "Corrected");
        assert_eq!(items[0].state, GoalState::Waiting);
    }

    #[test]
    fn sent_changes_are_forgotten_once_the_server_lists_them() {
        let goals = goals();
        let (id, pair) = (GoalId::new(), PairId::new());
        goals.submit(id, &goal(pair, "Read"), now()).unwrap();
        goals
            .record(
                &GoalSyncResult {
                    id,
                    revision: 1,
                    outcome: GoalOutcome::Stored,
                },
                now(),
            )
            .unwrap();
        assert_eq!(goals.items().len(), 1, "kept until the server lists it");
        goals.save_cached(&[stored(id, pair, 1, "Read")]).unwrap();
        assert!(goals.items().is_empty());
        assert!(!has_goals(&goals.store, goals.user));
    }

    #[test]
    fn a_conflict_stays_on_the_phone_beside_the_servers_version() {
        let goals = goals();
        let (id, pair) = (GoalId::new(), PairId::new());
        goals.save_cached(&[stored(id, pair, 1, "Read")]).unwrap();
        goals.submit(id, &goal(pair, "Mine"), now()).unwrap();
        goals
            .record(
                &GoalSyncResult {
                    id,
                    revision: 2,
                    outcome: GoalOutcome::Conflict,
                },
                now(),
            )
            .unwrap();
        goals.save_cached(&[stored(id, pair, 2, "Theirs")]).unwrap();
        let entries = goals.entries(None);
        assert_eq!(entries[0].goal.what, "Theirs");
        assert_eq!(entries[0].change, Some(GoalState::Conflict));
        assert_eq!(goals.next_revision(id), 3);
        goals.discard(id, 2);
        assert_eq!(goals.entries(None)[0].change, None);
    }

    #[test]
    fn sending_stops_at_a_network_error_and_keeps_the_rest_waiting() {
        let goals = goals();
        let pair = PairId::new();
        let (first, second) = (GoalId::new(), GoalId::new());
        goals.submit(first, &goal(pair, "One"), now()).unwrap();
        goals.submit(second, &goal(pair, "Two"), now()).unwrap();
        let calls = RefCell::new(0);
        let answered = futures::executor::block_on(send(
            &goals,
            |items: Vec<GoalSyncItem>| {
                *calls.borrow_mut() += 1;
                async move {
                    Ok(items
                        .into_iter()
                        .map(|i| GoalSyncResult {
                            id: i.id,
                            revision: i.revision,
                            outcome: GoalOutcome::Stored,
                        })
                        .collect())
                }
            },
            now,
        ))
        .unwrap();
        assert_eq!((answered, *calls.borrow()), (2, 1));
        assert!(goals.waiting().is_empty());

        goals
            .submit(first, &goal(pair, "One, changed"), now())
            .unwrap();
        let failed = futures::executor::block_on(send(
            &goals,
            |_items: Vec<GoalSyncItem>| async {
                Err::<Vec<GoalSyncResult>, _>(AppError::Network {
                    reason: "offline".into(),
                })
            },
            now,
        ));
        assert!(failed.is_err());
        assert_eq!(goals.waiting().len(), 1);
    }

    #[test]
    fn the_goal_being_typed_is_kept_until_it_is_submitted() {
        let goals = goals();
        let pair = PairId::new();
        let draft = GoalDraft {
            id: GoalId::new(),
            goal: GoalInput {
                pair_id: pair.to_string(),
                what: "Half typed".into(),
                ..GoalInput::default()
            },
            saved_at: now(),
        };
        goals.save_draft(&draft).unwrap();
        assert_eq!(goals.draft(), Some(draft.clone()));
        goals.submit(draft.id, &goal(pair, "Typed"), now()).unwrap();
        assert_eq!(goals.draft(), None);
    }
}
