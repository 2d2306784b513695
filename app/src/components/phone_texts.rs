//! What the phone's own states say in words: where a record in the outbox
//! stands, why the server refused it, and what the phone's storage said.
//! (The words are in [`crate::i18n`]; these states belong to the offline
//! layer, so their maps live above it.)

use crate::i18n::{field_label, question_msg, Msg};
use crate::model::{Field, Kind, Question, ReportKind, TextKey};
use crate::offline::{ItemState, StorageError};

/// What to tell the person when the phone's storage refuses to save.
pub fn storage_message(problem: &StorageError) -> Msg {
    match problem {
        StorageError::Full => Msg::StorageFull,
        StorageError::Unavailable => Msg::StorageUnavailable,
        StorageError::Other(_) => Msg::StorageFailed,
    }
}

/// Where a record on this phone stands, in words.
pub fn item_state_label(state: &ItemState) -> Msg {
    match state {
        ItemState::Waiting => Msg::StateWaiting,
        ItemState::Synced { .. } => Msg::StateSynced,
        ItemState::Rejected { .. } | ItemState::Conflict => Msg::StateAttention,
    }
}

/// What a refusal's reason names: a question of a report, a field of the
/// other forms, or (`None`) the record as a whole.
pub fn reason_label(kind: Kind, at: &str) -> Option<Msg> {
    if at.is_empty() {
        return None;
    }
    match kind {
        Kind::Report => Question::from_key(at).map(|q| question_msg(q, ReportKind::Midterm)),
        _ => Field::from_key(at).map(field_label),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_storage_problem_has_its_own_message_not_a_server_error() {
        let messages = [
            storage_message(&StorageError::Full),
            storage_message(&StorageError::Unavailable),
            storage_message(&StorageError::Other("quota".into())),
        ];
        assert_eq!(
            messages,
            [
                Msg::StorageFull,
                Msg::StorageUnavailable,
                Msg::StorageFailed
            ]
        );
    }

    #[test]
    fn a_reason_names_a_question_of_a_report_and_a_field_of_the_other_forms() {
        assert_eq!(reason_label(Kind::Report, "date"), Some(Msg::DateLabel));
        assert_eq!(
            reason_label(Kind::MeetingLog, "description"),
            Some(field_label(Field::Description))
        );
        assert_eq!(reason_label(Kind::Goal, ""), None);
        assert_eq!(reason_label(Kind::Goal, "no_such_field"), None);
    }
}
