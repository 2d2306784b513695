//! The goals on a phone: the goals the server has (cached for reading and
//! for the meeting log's "goals worked on"), the goal being typed, and the
//! goal's changes in the outbox. A new goal is its revision 1; each change
//! is the next revision of the same id, so a resend is harmless and a
//! change made elsewhere meanwhile is a conflict.
//!
//! This code is in lazily loaded parts of the app (the goal pages and the
//! sync run).

use super::keys::{self, PersonKey};
use super::outbox::{Entry, EntryKey, ItemState, Outbox};
use super::storage::{get_json, set_json, KeyValue, StorageError};
use crate::model::dates::parse_iso_date;
use crate::model::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    pub change: Option<ItemState>,
    /// The revision of the phone's latest change.
    pub change_revision: u32,
}

/// The outbox's address of a goal's revision.
pub fn goal_key(id: GoalId, revision: u32) -> EntryKey {
    EntryKey {
        kind: Kind::Goal,
        id: id.as_uuid(),
        revision,
    }
}

pub struct Goals<S: KeyValue + Clone> {
    store: S,
    user: UserId,
}

impl<S: KeyValue + Clone> Goals<S> {
    pub fn new(store: S, user: UserId) -> Self {
        Goals { store, user }
    }

    fn outbox(&self) -> Outbox<S> {
        Outbox::new(self.store.clone(), self.user)
    }

    fn key(&self, key: PersonKey) -> String {
        keys::person(self.user, key)
    }

    /// The goal changes in the outbox, in the order made.
    fn changes(&self) -> Vec<Entry> {
        self.outbox().entries_of(Kind::Goal)
    }

    /// The goals as the server last said.
    pub fn cached(&self) -> Vec<GoalView> {
        get_json(&self.store, &self.key(PersonKey::Goals)).unwrap_or_default()
    }

    /// Keeps the server's goals, and forgets the changes it has now.
    pub fn save_cached(&self, goals: &[GoalView]) -> Result<(), StorageError> {
        set_json(&self.store, &self.key(PersonKey::Goals), &goals)?;
        for change in self.changes() {
            let known = goals
                .iter()
                .any(|g| g.id.as_uuid() == change.id && g.revision >= change.revision);
            if known && change.state.is_synced() {
                self.outbox().discard(change.key());
            }
        }
        Ok(())
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
            .changes()
            .iter()
            .filter(|c| c.id == id.as_uuid() && !c.state.needs_attention())
            .map(|c| c.revision)
            .max()
            .unwrap_or(0);
        on_server.max(on_phone) + 1
    }

    /// Puts a checked goal (new or changed) in the outbox as its next
    /// revision. A refused or conflicting change of the same goal is
    /// replaced by this one; the draft is cleared.
    pub fn submit(&self, id: GoalId, goal: &Goal, now: DateTime<Utc>) -> Result<u32, StorageError> {
        let revision = self.next_revision(id);
        let outbox = self.outbox();
        for stale in self
            .changes()
            .iter()
            .filter(|c| c.id == id.as_uuid() && c.state.needs_attention())
        {
            outbox.discard(stale.key());
        }
        outbox.put(Entry::new(id.as_uuid(), revision, goal, now), None)?;
        self.clear_draft();
        Ok(revision)
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
            .map(|goal| GoalEntry {
                goal,
                change: None,
                change_revision: 0,
            })
            .collect();
        for change in self.changes() {
            let id = GoalId::from_uuid(change.id);
            let Some(view) = local_view(&change, entries.iter().find(|e| e.goal.id == id)) else {
                continue;
            };
            let state = change.state.clone();
            match entries.iter_mut().find(|e| e.goal.id == id) {
                Some(entry) => {
                    // A change the server has not taken is shown as a change,
                    // over the server's version only while it is on its way.
                    if change.revision > entry.goal.revision && state == ItemState::Waiting {
                        entry.goal = view;
                    }
                    entry.change = Some(state);
                    entry.change_revision = change.revision;
                }
                None => entries.push(GoalEntry {
                    goal: view,
                    change: Some(state),
                    change_revision: change.revision,
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
fn local_view(change: &Entry, stored: Option<&GoalEntry>) -> Option<GoalView> {
    let goal: GoalInput = change.read()?;
    let withdrawn = goal.withdrawn_reason.trim();
    Some(GoalView {
        id: GoalId::from_uuid(change.id),
        pair_id: PairId::parse(&goal.pair_id).ok()?,
        revision: change.revision,
        what: goal.what.trim().to_string(),
        why: goal.why.trim().to_string(),
        first_steps: goal.first_steps.trim().to_string(),
        target_date: parse_iso_date(&goal.target_date)?,
        withdrawn_reason: (!withdrawn.is_empty()).then(|| withdrawn.to_string()),
        progress: stored.map_or(GoalProgress::NotStarted, |s| s.goal.progress),
        progress_on: stored.and_then(|s| s.goal.progress_on),
        updated_at: change.saved_at,
    })
}

#[cfg(test)]
mod tests {
    use super::super::storage::MemoryStore;
    use super::*;

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

    fn answer(id: GoalId, revision: u32, outcome: SyncOutcome) -> SyncAnswer {
        SyncAnswer {
            kind: Kind::Goal,
            id: id.as_uuid(),
            revision,
            outcome,
        }
    }

    fn waiting(goals: &Goals<MemoryStore>) -> Vec<u32> {
        goals
            .changes()
            .iter()
            .filter(|c| c.state == ItemState::Waiting)
            .map(|c| c.revision)
            .collect()
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
        assert_eq!(waiting(&goals), vec![1, 2]);
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
        assert_eq!(entries[0].change, Some(ItemState::Waiting));
    }

    #[test]
    fn a_refused_change_is_replaced_by_its_correction_under_the_same_revision() {
        let goals = goals();
        let (id, pair) = (GoalId::new(), PairId::new());
        goals.submit(id, &goal(pair, "First"), now()).unwrap();
        let refused = SyncOutcome::Rejected {
            errors: Reasons::at("pair", Problem::NotYourPair),
        };
        goals
            .outbox()
            .record(&answer(id, 1, refused), now())
            .unwrap();
        assert_eq!(
            goals.submit(id, &goal(pair, "Corrected"), now()).unwrap(),
            1
        );
        let changes = goals.changes();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].read::<GoalInput>().unwrap().what, "Corrected");
        assert_eq!(changes[0].state, ItemState::Waiting);
    }

    #[test]
    fn sent_changes_are_forgotten_once_the_server_lists_them() {
        let goals = goals();
        let (id, pair) = (GoalId::new(), PairId::new());
        goals.submit(id, &goal(pair, "Read"), now()).unwrap();
        goals
            .outbox()
            .record(&answer(id, 1, SyncOutcome::Stored), now())
            .unwrap();
        assert_eq!(goals.changes().len(), 1, "kept until the server lists it");
        goals.save_cached(&[stored(id, pair, 1, "Read")]).unwrap();
        assert!(goals.changes().is_empty());
    }

    #[test]
    fn a_conflict_stays_on_the_phone_beside_the_servers_version() {
        let goals = goals();
        let (id, pair) = (GoalId::new(), PairId::new());
        goals.save_cached(&[stored(id, pair, 1, "Read")]).unwrap();
        goals.submit(id, &goal(pair, "Mine"), now()).unwrap();
        goals
            .outbox()
            .record(&answer(id, 2, SyncOutcome::Conflict), now())
            .unwrap();
        goals.save_cached(&[stored(id, pair, 2, "Theirs")]).unwrap();
        let entries = goals.entries(None);
        assert_eq!(entries[0].goal.what, "Theirs");
        assert_eq!(entries[0].change, Some(ItemState::Conflict));
        assert_eq!(goals.next_revision(id), 3);
        goals.outbox().discard(goal_key(id, 2));
        assert_eq!(goals.entries(None)[0].change, None);
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
