//! The one way a record written on a phone reaches the server, whatever its
//! kind. The phone makes the record's id and its content hash; the server
//! answers every item on its own (stored, already stored, conflict, or
//! rejected with every reason), so a resend is harmless, a different record
//! under a known id never overwrites anything, and one bad item never holds
//! the others back. Records that change later (a corrected log, a changed
//! goal) do so by numbered revisions under the same id.
//!
//! A kind of record says only what differs ([`Record`]): its name (the
//! phone's storage key, the tag on the wire, the prefix of its hash), its
//! input and rules, its pair, and what the phone keeps once the server has
//! it. Its priority is its place in [`Kind`].

use super::role::{text_key_enum, TextKey};
use super::validation::{FieldErrors, Problem, ValidationContext};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use uuid::Uuid;

text_key_enum!(
    /// Every kind of record a phone writes, in the order a phone sends them:
    /// a safeguarding concern before anything else, goals before the
    /// meeting logs that may name them, then the logs, then the reports.
    Kind {
        Concern = "concern",
        Goal = "goal",
        MeetingLog = "meeting_log",
        Report = "report",
    }
);

/// What a kind of record says about itself; everything else (the outbox,
/// batching, resends, the per-item answers) is the same for every kind.
pub trait Record: Sized {
    const KIND: Kind;
    /// Whether it changes later by revisions (a concern never does: each
    /// is sent once, as revision 1).
    const REVISED: bool = true;
    /// The form as typed: what drafts, the outbox and the wire carry.
    type Input: Clone + PartialEq + Serialize + DeserializeOwned;

    /// The pair the record belongs to, as typed.
    fn pair_of(input: &Self::Input) -> &str;

    /// Every rule of the kind, every problem at once.
    fn check(input: &Self::Input, ctx: &ValidationContext) -> Result<Self, Reasons>;

    /// The fingerprint of what was checked, the same on the phone and on
    /// the server (usually [`hash_json`]).
    fn content_hash(&self) -> String;

    /// What the phone keeps of a record once the server has it: all of it
    /// by default (to read it, or correct it, offline); `None` forgets it.
    fn once_sent(input: &Self::Input) -> Option<Self::Input> {
        Some(input.clone())
    }
}

/// Whether `revision` is a revision number a record may have.
pub fn revision_in_range(revision: u32) -> bool {
    (1..=super::limits::MAX_REVISIONS).contains(&revision)
}

/// The usual content hash: the kind's name, a version, and the checked
/// record as JSON.
pub fn hash_json<T: Serialize>(kind: Kind, record: &T) -> String {
    let canonical = serde_json::to_string(record).expect("a checked record always serialises");
    hash_parts(kind, [canonical.as_bytes()])
}

/// A content hash over `parts` after the kind's prefix (`meeting_log.v1\n`).
pub fn hash_parts<'a>(kind: Kind, parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(kind.key().as_bytes());
    hasher.update(b".v1\n");
    for part in parts {
        hasher.update(part);
    }
    hex::encode(hasher.finalize())
}

/// A record's input as JSON text: the phone keeps and sends it without
/// reading it, and the server reads it as the kind's input (an unreadable
/// one is that item's problem, not the request's).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Payload(Box<RawValue>);

impl PartialEq for Payload {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Eq for Payload {}

impl Payload {
    pub fn of<T: Serialize>(value: &T) -> Payload {
        let text = serde_json::to_string(value).expect("an input always serialises");
        Payload(RawValue::from_string(text).expect("serde_json writes valid JSON"))
    }

    pub fn read<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_str(self.0.get()).ok()
    }

    pub fn text(&self) -> &str {
        self.0.get()
    }
}

/// One record on its way from a phone's outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncItem {
    pub kind: Kind,
    /// Made on the phone when the record was first saved.
    pub id: Uuid,
    /// 1 when first sent, then one more for each change: the same revision
    /// sent twice is stored once, two different ones conflict.
    pub revision: u32,
    /// The kind's [`Record::content_hash`] as the phone computed it.
    pub content_hash: String,
    pub input: Payload,
}

/// Why the server refused a record: where (a field of the form, a question
/// of a report, by its key; nowhere for the record as a whole) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
    pub problem: Problem,
}

/// Every reason of one refusal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Reasons(Vec<Reason>);

impl Reasons {
    /// A problem of the record as a whole.
    pub fn whole(problem: Problem) -> Reasons {
        Reasons(vec![Reason {
            at: String::new(),
            problem,
        }])
    }

    pub fn at(at: &str, problem: Problem) -> Reasons {
        Reasons(vec![Reason {
            at: at.to_string(),
            problem,
        }])
    }

    pub fn push(&mut self, at: &str, problem: Problem) {
        self.0.push(Reason {
            at: at.to_string(),
            problem,
        });
    }

    pub fn iter(&self) -> impl Iterator<Item = &Reason> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The reasons that name a field of a form, to show next to it.
    pub fn fields(&self) -> FieldErrors {
        let mut errors = FieldErrors::default();
        for reason in &self.0 {
            if let Some(field) = TextKey::from_key(&reason.at) {
                errors.push(field, reason.problem);
            }
        }
        errors
    }
}

impl From<FieldErrors> for Reasons {
    fn from(errors: FieldErrors) -> Reasons {
        Reasons(
            errors
                .iter()
                .map(|e| Reason {
                    at: e.field.key().to_string(),
                    problem: e.problem,
                })
                .collect(),
        )
    }
}

impl std::fmt::Display for Reasons {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|r| format!("{}: {}", r.at, r.problem))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// What the server did with one [`SyncItem`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncOutcome {
    /// Stored now.
    Stored,
    /// Stored by an earlier send; nothing new was stored.
    AlreadyStored,
    /// A different record is stored under this id and revision; nothing
    /// was overwritten.
    Conflict,
    /// Nothing was stored, for these reasons.
    Rejected { errors: Reasons },
}

/// The server's answer about one item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WireAnswer", into = "WireAnswer")]
pub struct SyncAnswer {
    pub kind: Kind,
    pub id: Uuid,
    pub revision: u32,
    pub outcome: SyncOutcome,
}

impl SyncAnswer {
    pub fn to(item: &SyncItem, outcome: SyncOutcome) -> SyncAnswer {
        SyncAnswer {
            kind: item.kind,
            id: item.id,
            revision: item.revision,
            outcome,
        }
    }
}

/// A [`SyncAnswer`] as flat JSON (`{kind, id, revision, outcome, errors?}`),
/// read without serde's buffering of tagged and flattened values.
#[derive(Clone, Serialize, Deserialize)]
struct WireAnswer {
    kind: Kind,
    id: Uuid,
    revision: u32,
    outcome: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    errors: Option<Reasons>,
}

impl From<SyncAnswer> for WireAnswer {
    fn from(answer: SyncAnswer) -> WireAnswer {
        let (outcome, errors) = match answer.outcome {
            SyncOutcome::Stored => ("stored", None),
            SyncOutcome::AlreadyStored => ("already_stored", None),
            SyncOutcome::Conflict => ("conflict", None),
            SyncOutcome::Rejected { errors } => ("rejected", Some(errors)),
        };
        WireAnswer {
            kind: answer.kind,
            id: answer.id,
            revision: answer.revision,
            outcome: outcome.to_string(),
            errors,
        }
    }
}

impl TryFrom<WireAnswer> for SyncAnswer {
    type Error = String;
    fn try_from(wire: WireAnswer) -> Result<SyncAnswer, String> {
        let outcome = match (wire.outcome.as_str(), wire.errors) {
            ("stored", _) => SyncOutcome::Stored,
            ("already_stored", _) => SyncOutcome::AlreadyStored,
            ("conflict", _) => SyncOutcome::Conflict,
            ("rejected", Some(errors)) => SyncOutcome::Rejected { errors },
            (other, _) => return Err(format!("unknown outcome {other:?}")),
        };
        Ok(SyncAnswer {
            kind: wire.kind,
            id: wire.id,
            revision: wire.revision,
            outcome,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, MeetingLogId};

    #[test]
    fn kinds_are_sent_concerns_first_then_goals_then_logs_then_reports() {
        let mut kinds = vec![Kind::Report, Kind::MeetingLog, Kind::Concern, Kind::Goal];
        kinds.sort();
        assert_eq!(
            kinds,
            vec![Kind::Concern, Kind::Goal, Kind::MeetingLog, Kind::Report]
        );
    }

    #[test]
    fn an_answer_is_flat_json_and_reads_back() {
        for outcome in [
            SyncOutcome::Stored,
            SyncOutcome::AlreadyStored,
            SyncOutcome::Conflict,
            SyncOutcome::Rejected {
                errors: Reasons::from(FieldErrors::one(Field::Date, Problem::DateInFuture)),
            },
        ] {
            let answer = SyncAnswer {
                kind: Kind::Goal,
                id: MeetingLogId::new().as_uuid(),
                revision: 2,
                outcome,
            };
            let json = serde_json::to_value(&answer).unwrap();
            assert_eq!(json["kind"], "goal");
            assert_eq!(json["revision"], 2);
            let back: SyncAnswer = serde_json::from_value(json).unwrap();
            assert_eq!(back, answer);
        }
    }

    #[test]
    fn a_rejection_names_the_field_by_its_key_or_nothing_for_the_whole_record() {
        let mut reasons = Reasons::from(FieldErrors::one(Field::Date, Problem::Required));
        reasons.push("", Problem::ContentDamaged);

        let json = serde_json::to_string(&reasons).unwrap();

        assert_eq!(
            json,
            r#"[{"at":"date","problem":"required"},{"problem":"content_damaged"}]"#
        );
        assert_eq!(
            reasons.fields(),
            FieldErrors::one(Field::Date, Problem::Required)
        );
    }

    #[test]
    fn a_payload_is_sent_as_the_json_it_holds() {
        let item = SyncItem {
            kind: Kind::Concern,
            id: Uuid::nil(),
            revision: 1,
            content_hash: "h".into(),
            input: Payload::of(&serde_json::json!({"happened": "ă"})),
        };

        let json = serde_json::to_string(&item).unwrap();

        assert!(json.contains(r#""input":{"happened":"ă"}"#), "{json}");
        let back: SyncItem = serde_json::from_str(&json).unwrap();
        assert_eq!(back, item);
    }

    #[test]
    fn revisions_start_at_one_and_are_bounded() {
        use crate::model::MAX_REVISIONS;
        assert!(!revision_in_range(0));
        assert!(revision_in_range(1));
        assert!(revision_in_range(MAX_REVISIONS));
        assert!(!revision_in_range(MAX_REVISIONS + 1));
    }

    #[test]
    fn the_hash_prefix_is_the_kinds_name() {
        let mut hasher = Sha256::new();
        hasher.update(b"goal.v1\n");
        hasher.update(b"{}");
        assert_eq!(
            hash_json(Kind::Goal, &serde_json::json!({})),
            hex::encode(hasher.finalize())
        );
    }
}
