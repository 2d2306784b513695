//! Every key Parent Bridge uses in the browser's storage, in one place.
//! Keys are versioned (`pb.v1`) so an app update can change a format without
//! misreading old data, and a person's keys carry their id, so a second
//! account on the same phone never sees or mixes the first one's data.

use crate::model::UserId;

/// The start of every key.
pub const PREFIX: &str = "pb.v1";

/// The id of the person last logged in on this phone, to open their vault
/// when the app starts offline (their name and roles are in the vault).
pub const LAST_USER: &str = "pb.v1.last_user";

/// A logout made without a connection: the server session is ended at the
/// next chance.
pub const LOGOUT_PENDING: &str = "pb.v1.logout_pending";

/// The person has read the notice that the browser may evict saved data.
pub const PERSIST_NOTICE_READ: &str = "pb.v1.persist_notice_read";

/// What one person keeps on the phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PersonKey {
    /// The cached pairs (for reading offline).
    Pairs,
    /// The cached recent logs.
    Logs,
    /// The meeting log being typed.
    Draft,
    /// When the last sync succeeded.
    LastSync,
    /// The cached goals of the person's pairs.
    Goals,
    /// The goal being typed.
    GoalDraft,
    /// The safeguarding concern being typed.
    ConcernDraft,
    /// Who the person is (name, roles), to start the app offline.
    Identity,
}

impl PersonKey {
    fn name(self) -> &'static str {
        match self {
            PersonKey::Pairs => "pairs",
            PersonKey::Logs => "logs",
            PersonKey::Draft => "draft",
            PersonKey::LastSync => "last_sync",
            PersonKey::Goals => "goals",
            PersonKey::GoalDraft => "goal_draft",
            PersonKey::ConcernDraft => "concern_draft",
            PersonKey::Identity => "identity",
        }
    }
}

/// The start of every key of `user`: these values are encrypted (see
/// `vault`); the others hold nothing about a person.
pub fn person_prefix(user: UserId) -> String {
    format!("{PREFIX}.{user}.")
}

/// Whose value the key holds, if a person's.
pub fn owner(key: &str) -> Option<UserId> {
    let rest = key.strip_prefix(PREFIX)?.strip_prefix('.')?;
    let (id, _) = rest.split_once('.')?;
    UserId::parse(id).ok()
}

/// The key of one of `user`'s values.
pub fn person(user: UserId, key: PersonKey) -> String {
    format!("{PREFIX}.{user}.{}", key.name())
}

/// The start of the keys of `user`'s outbox, every kind (one key per
/// record and revision, so two tabs never lose each other's records).
pub fn queue_prefix(user: UserId) -> String {
    format!("{PREFIX}.{user}.queue.")
}

/// Where older versions kept each kind's outbox (taken in by
/// `Outbox::take_in_legacy`).
pub fn legacy_logs_prefix(user: UserId) -> String {
    format!("{PREFIX}.{user}.outbox.")
}

pub fn legacy_reports_prefix(user: UserId) -> String {
    format!("{PREFIX}.{user}.reports.")
}

pub fn legacy_goals_prefix(user: UserId) -> String {
    format!("{PREFIX}.{user}.goal_changes.")
}

pub fn legacy_concerns_prefix(user: UserId) -> String {
    format!("{PREFIX}.{user}.concerns.")
}

/// The start of the keys of `user`'s report drafts (one per pair, kind and
/// respondent).
pub fn report_drafts_prefix(user: UserId) -> String {
    format!("{PREFIX}.{user}.report_drafts.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_versioned_and_a_persons_keys_carry_their_id() {
        let user = UserId::new();
        for key in [LAST_USER, LOGOUT_PENDING, PERSIST_NOTICE_READ] {
            assert!(key.starts_with("pb.v1."), "{key}");
            assert_eq!(owner(key), None, "{key} is not a person's");
        }
        for key in [
            PersonKey::Pairs,
            PersonKey::Logs,
            PersonKey::Draft,
            PersonKey::LastSync,
            PersonKey::Goals,
            PersonKey::GoalDraft,
            PersonKey::ConcernDraft,
            PersonKey::Identity,
        ] {
            assert!(person(user, key).starts_with(&person_prefix(user)));
            assert_eq!(owner(&person(user, key)), Some(user));
        }
        for prefix in [
            queue_prefix(user),
            legacy_logs_prefix(user),
            legacy_reports_prefix(user),
            report_drafts_prefix(user),
            legacy_goals_prefix(user),
            legacy_concerns_prefix(user),
        ] {
            assert!(prefix.starts_with(&person_prefix(user)));
            assert_eq!(owner(&format!("{prefix}x")), Some(user));
        }
        assert!(!legacy_reports_prefix(user).starts_with(&report_drafts_prefix(user)));
        assert!(!legacy_goals_prefix(user).starts_with(&person(user, PersonKey::Goals)));
    }
}
