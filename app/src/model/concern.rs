//! Safeguarding concerns. The child's safety comes first (seed 000): a
//! mentor who is worried about the safety of a child or an adult says what
//! happened and what was done straight away, from the meeting log or on its
//! own, offline like a log. The pair's manager acknowledges it and records
//! the actions taken; the mentor sees that it was acknowledged.

use super::ids::{ConcernId, MeetingLogId, PairId, ProgrammeId};
use super::role::text_key_enum;
use super::sync::{hash_parts, Kind, Reasons, Record};
use super::validation::{date_field, text_field, Field, FieldErrors, Problem, ValidationContext};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

text_key_enum!(
    /// Whose safety the mentor is worried about.
    ConcernAbout {
        Child = "child",
        Adult = "adult",
    }
);

text_key_enum!(
    /// What the manager did about a concern.
    ConcernActionKind {
        /// Referred to the child protection services.
        ChildProtection = "child_protection",
        Police = "police",
        /// Told the school's safeguarding lead.
        SchoolLead = "school_lead",
        HealthServices = "health_services",
        /// Talked with the mentor.
        TalkedWithMentor = "talked_with_mentor",
        Other = "other",
    }
);

/// A concern as typed on the phone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConcernInput {
    pub pair_id: String,
    /// A [`ConcernAbout`] key.
    pub about: String,
    pub happened: String,
    pub done: String,
    /// The meeting log it was raised with, if any.
    pub log_id: String,
}

/// A concern that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concern {
    pair_id: PairId,
    about: ConcernAbout,
    happened: String,
    done: String,
    log_id: Option<MeetingLogId>,
}

impl Concern {
    pub fn pair_id(&self) -> PairId {
        self.pair_id
    }
    pub fn about(&self) -> ConcernAbout {
        self.about
    }
    pub fn happened(&self) -> &str {
        &self.happened
    }
    pub fn done(&self) -> &str {
        &self.done
    }
    pub fn log_id(&self) -> Option<MeetingLogId> {
        self.log_id
    }
}

impl Record for Concern {
    const KIND: Kind = Kind::Concern;
    const REVISED: bool = false;
    type Input = ConcernInput;

    fn pair_of(input: &ConcernInput) -> &str {
        &input.pair_id
    }

    /// The pair's dates do not matter: a concern may be raised at any time.
    fn check(input: &ConcernInput, _ctx: &ValidationContext) -> Result<Self, Reasons> {
        input.validate().map_err(Reasons::from)
    }

    /// A hash of everything the concern says, as checked: the phone and the
    /// server compute the same (every length as 8 bytes, whatever the
    /// machine's word size), so a different concern under a known id is
    /// recognised.
    fn content_hash(&self) -> String {
        let log = self.log_id.map(|l| l.to_string()).unwrap_or_default();
        let pair = self.pair_id.to_string();
        let texts = [
            pair.as_str(),
            super::TextKey::key(self.about),
            &self.happened,
            &self.done,
            &log,
        ];
        let lengths: Vec<[u8; 8]> = texts
            .iter()
            .map(|t| (t.len() as u64).to_le_bytes())
            .collect();
        let parts = texts
            .iter()
            .zip(&lengths)
            .flat_map(|(text, length)| [length.as_slice(), text.as_bytes()]);
        hash_parts(Self::KIND, parts)
    }

    /// Once the server has a concern the phone forgets it: a lost phone
    /// must not carry it.
    fn once_sent(_input: &ConcernInput) -> Option<ConcernInput> {
        None
    }
}

impl From<&Concern> for ConcernInput {
    fn from(c: &Concern) -> Self {
        ConcernInput {
            pair_id: c.pair_id.to_string(),
            about: super::TextKey::key(c.about).into(),
            happened: c.happened.clone(),
            done: c.done.clone(),
            log_id: c.log_id.map(|l| l.to_string()).unwrap_or_default(),
        }
    }
}

impl ConcernInput {
    /// Every problem at once: a pair, whose safety, what happened (what was
    /// done straight away may be nothing yet, but must be said).
    pub fn validate(&self) -> Result<Concern, FieldErrors> {
        let mut errors = FieldErrors::default();
        let pair_id = match PairId::parse(&self.pair_id) {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(Field::Pair, Problem::Required);
                None
            }
        };
        let about = match super::TextKey::from_key(self.about.trim()) {
            Some(about) => Some(about),
            None => {
                errors.push(
                    Field::ConcernAbout,
                    if self.about.trim().is_empty() {
                        Problem::Required
                    } else {
                        Problem::UnknownChoice
                    },
                );
                None
            }
        };
        let happened = text_field(&mut errors, Field::Happened, &self.happened, true);
        let done = text_field(&mut errors, Field::DoneStraightAway, &self.done, true);
        let log_id = match self.log_id.trim() {
            "" => None,
            text => match MeetingLogId::parse(text) {
                Ok(id) => Some(id),
                Err(_) => {
                    errors.push(Field::Log, Problem::Unreadable);
                    None
                }
            },
        };
        match (pair_id, about) {
            (Some(pair_id), Some(about)) if errors.is_empty() => Ok(Concern {
                pair_id,
                about,
                happened,
                done,
                log_id,
            }),
            _ => Err(errors),
        }
    }
}

/// What the mentor who raised a concern sees of it: that it arrived and
/// when it was acknowledged (the actions taken are the manager's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyConcern {
    pub id: ConcernId,
    pub mentee_name: String,
    pub about: ConcernAbout,
    #[serde(with = "super::dates::moment")]
    pub raised_at: DateTime<Utc>,
    #[serde(default, with = "super::dates::moment::option")]
    pub acknowledged_at: Option<DateTime<Utc>>,
}

/// An action the manager records on a concern, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConcernActionInput {
    /// A [`ConcernActionKind`] key.
    pub kind: String,
    pub details: String,
    pub taken_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConcernAction {
    pub kind: ConcernActionKind,
    pub details: String,
    pub taken_on: NaiveDate,
}

impl ConcernActionInput {
    /// Every problem at once; the date may not be after `today`. An
    /// "other" action says what it was.
    pub fn validate(&self, today: NaiveDate) -> Result<ConcernAction, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = super::programme::choice::<ConcernActionKind>(
            &mut errors,
            Field::ActionKind,
            &self.kind,
        );
        let required = kind == Some(ConcernActionKind::Other);
        let details = text_field(&mut errors, Field::Details, &self.details, required);
        let taken_on = date_field(&mut errors, Field::TakenOn, &self.taken_on, true);
        if taken_on.is_some_and(|d| d > today) {
            errors.push(Field::TakenOn, Problem::DateInFuture);
        }
        match (kind, taken_on) {
            (Some(kind), Some(taken_on)) if errors.is_empty() => Ok(ConcernAction {
                kind,
                details,
                taken_on,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernActionView {
    pub kind: ConcernActionKind,
    pub details: String,
    #[serde(with = "super::dates::iso_date")]
    pub taken_on: NaiveDate,
    pub recorded_by: String,
}

/// A concern as the pair's manager and the coordinator read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConcernView {
    pub id: ConcernId,
    pub pair_id: PairId,
    pub programme_id: ProgrammeId,
    pub mentor_name: String,
    pub mentee_name: String,
    pub about: ConcernAbout,
    pub happened: String,
    pub done: String,
    #[serde(with = "super::dates::moment")]
    pub raised_at: DateTime<Utc>,
    /// Who acknowledged it, and when.
    pub acknowledged_by: Option<String>,
    #[serde(default, with = "super::dates::moment::option")]
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub actions: Vec<ConcernActionView>,
}

/// A pair's concerns, as its programme's managers and coordinators read
/// them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairConcerns {
    pub pair_id: PairId,
    pub programme_id: ProgrammeId,
    pub mentor_name: String,
    pub mentee_name: String,
    /// The reader manages the programme (acknowledges, records actions);
    /// a coordinator only reads.
    pub may_act: bool,
    pub concerns: Vec<ConcernView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ConcernInput {
        ConcernInput {
            pair_id: PairId::new().to_string(),
            about: "child".into(),
            happened: "The child had bruises and said he is afraid to go home.".into(),
            done: "I stayed with them and called the manager.".into(),
            log_id: String::new(),
        }
    }

    #[test]
    fn a_concern_needs_whose_safety_what_happened_and_what_was_done() {
        let errors = ConcernInput {
            pair_id: "x".into(),
            ..ConcernInput::default()
        }
        .validate()
        .unwrap_err();
        for field in [
            Field::Pair,
            Field::ConcernAbout,
            Field::Happened,
            Field::DoneStraightAway,
        ] {
            assert!(errors.problem(field).is_some(), "{field}");
        }
    }

    #[test]
    fn a_concern_with_everything_passes_and_keeps_its_log() {
        let log = MeetingLogId::new();
        let concern = ConcernInput {
            log_id: log.to_string(),
            ..input()
        }
        .validate()
        .unwrap();
        assert_eq!(concern.log_id(), Some(log));
        assert_eq!(concern.about(), ConcernAbout::Child);
    }

    #[test]
    fn the_hash_is_the_same_on_every_machine() {
        // The phone (32-bit wasm) and the server (64-bit) must agree.
        let concern = ConcernInput {
            pair_id: "0192f3a4-0000-7000-8000-000000000001".into(),
            about: "adult".into(),
            happened: "A".into(),
            done: "B".into(),
            log_id: String::new(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            concern.content_hash(),
            "cd4a143c16dd9ef6a5acfa65d70d1e9f60a32e22753bbdb8c421cc9885ec9057"
        );
    }

    #[test]
    fn the_same_concern_hashes_the_same_and_a_changed_one_differently() {
        let a = input().validate().unwrap();
        let b = ConcernInput::from(&a).validate().unwrap();
        assert_eq!(a.content_hash(), b.content_hash());
        let changed = ConcernInput {
            done: "Nothing yet.".into(),
            ..ConcernInput::from(&a)
        }
        .validate()
        .unwrap();
        assert_ne!(a.content_hash(), changed.content_hash());
    }

    #[test]
    fn an_other_action_says_what_it_was_and_no_action_is_dated_ahead() {
        let today = super::super::dates::parse_iso_date("2027-05-10").unwrap();
        let errors = ConcernActionInput {
            kind: "other".into(),
            details: String::new(),
            taken_on: "2027-05-11".into(),
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(errors.problem(Field::Details), Some(Problem::Required));
        assert_eq!(errors.problem(Field::TakenOn), Some(Problem::DateInFuture));
        let action = ConcernActionInput {
            kind: "child_protection".into(),
            details: String::new(),
            taken_on: "2027-05-10".into(),
        }
        .validate(today)
        .unwrap();
        assert_eq!(action.kind, ConcernActionKind::ChildProtection);
    }
}
