//! Typed identifiers. Every id is a UUID; the ones whose order matters (logs,
//! sessions) are created as v7 so they sort by creation time.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),* $(,)?) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// A new, time-ordered id (UUID v7).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
            pub fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
            /// Parses the hyphenated text form, as found in URLs and form fields.
            pub fn parse(text: &str) -> Result<Self, uuid::Error> {
                Uuid::parse_str(text.trim()).map(Self)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    )*};
}

id_type!(
    /// A person with an account (or, for mentees without a device, without one).
    UserId,
    OrganisationId,
    ProgrammeId,
    /// A mentoring pair: one mentor, one mentee, in one programme.
    PairId,
    /// A meeting log. Created in the browser, so the same log sent twice is
    /// recognised by the server.
    MeetingLogId,
    /// A mid-term or final report, made on the phone like a meeting log.
    ReportId,
    /// A goal of a mentee, made on the phone like a meeting log.
    GoalId,
    /// A person in recruitment, before (and after) they have an account.
    CandidateId,
    InvitationId,
    TrainingId,
    SelfAssessmentItemId,
    /// A check a programme requires of its mentors before matching.
    ScreeningRequirementId,
    /// A person giving a reference for a mentor candidate.
    RefereeId,
    /// A check-in call of a manager with a mentor.
    CheckInId,
    /// A group meeting of a programme's mentors with their manager.
    GroupMeetingId,
    AgendaItemId,
    /// A safeguarding concern, made on the phone like a meeting log.
    ConcernId,
    ConcernActionId,
    /// An event kept for a person until read.
    NotificationId,
    /// An email in the queue.
    EmailId,
    /// A consent given or withdrawn.
    ConsentId,
    /// A change of a pair's manager or planned end.
    PairChangeId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_round_trips_through_its_text_form() {
        let id = PairId::new();
        let parsed = PairId::parse(&id.to_string()).unwrap();
        assert_eq!(id, parsed);
    }

    #[test]
    fn garbage_is_not_an_id() {
        assert!(MeetingLogId::parse("not-a-uuid").is_err());
    }

    #[test]
    fn new_ids_sort_by_creation_time() {
        let first = MeetingLogId::new();
        let second = MeetingLogId::new();
        assert!(first < second);
    }
}
