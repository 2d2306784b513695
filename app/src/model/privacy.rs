//! What a data controller needs to run a programme lawfully: consent
//! records, everything about a person in one export, erasure, retention
//! and the audit trail's search.

use super::limits::{RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN};
use super::programme::choice;
use super::role::text_key_enum;
use super::validation::{date_field, number_in, short_text};
use super::{
    AuditAction, CandidateId, ConsentHow, Field, FieldErrors, Problem, ProgrammeId, Role, UserId,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

text_key_enum!(
    /// What a person consents to.
    ConsentPurpose {
        /// Taking part: the programme keeps and uses what it needs of them
        /// (registration, pair, logs and reports).
        Programme = "programme",
        /// Emails about what to act on (digests, safeguarding).
        Email = "email",
        /// Their answers, without their name, in the programme report.
        AnonymisedResults = "anonymised_results",
    }
);

text_key_enum!(
    /// A consent record gives or withdraws.
    ConsentChange {
        Given = "given",
        Withdrawn = "withdrawn",
    }
);

/// Who data is about: a person with an account (mentees without a device
/// have one too), or a candidate who never got one. Written `user:ID` or
/// `candidate:ID` (in addresses and the audit trail).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PersonRef {
    User(UserId),
    Candidate(CandidateId),
}

impl PersonRef {
    pub fn parse(text: &str) -> Option<Self> {
        let (kind, id) = text.trim().split_once(':')?;
        match kind {
            "user" => UserId::parse(id).ok().map(PersonRef::User),
            "candidate" => CandidateId::parse(id).ok().map(PersonRef::Candidate),
            _ => None,
        }
    }
}

impl std::fmt::Display for PersonRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PersonRef::User(id) => write!(f, "user:{id}"),
            PersonRef::Candidate(id) => write!(f, "candidate:{id}"),
        }
    }
}

impl Serialize for PersonRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PersonRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PersonRef::parse(&text).ok_or_else(|| serde::de::Error::custom("not a person"))
    }
}

/// A consent record as typed in the office.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentInput {
    /// A [`ConsentPurpose`] key.
    pub purpose: String,
    /// A [`ConsentChange`] key.
    pub change: String,
    /// A [`ConsentHow`] key.
    pub how: String,
    /// `yyyy-mm-dd`.
    pub on_date: String,
}

/// A consent record that passed every rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsentRecord {
    pub purpose: ConsentPurpose,
    pub given: bool,
    pub how: ConsentHow,
    pub on_date: NaiveDate,
}

impl ConsentInput {
    /// Every problem at once; the date may not be after `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<ConsentRecord, FieldErrors> {
        let mut errors = FieldErrors::default();
        let purpose = choice::<ConsentPurpose>(&mut errors, Field::Purpose, &self.purpose);
        let change = choice::<ConsentChange>(&mut errors, Field::ConsentChange, &self.change);
        let how = choice::<ConsentHow>(&mut errors, Field::ConsentHow, &self.how);
        let on_date = date_field(&mut errors, Field::ConsentOn, &self.on_date, true);
        if on_date.is_some_and(|d| d > today) {
            errors.push(Field::ConsentOn, Problem::DateInFuture);
        }
        match (purpose, change, how, on_date, errors.is_empty()) {
            (Some(purpose), Some(change), Some(how), Some(on_date), true) => Ok(ConsentRecord {
                purpose,
                given: change == ConsentChange::Given,
                how,
                on_date,
            }),
            _ => Err(errors),
        }
    }
}

/// One consent record, as the office reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentView {
    pub purpose: ConsentPurpose,
    pub given: bool,
    /// `None`: a registration's consent was taken back without saying how.
    pub how: Option<ConsentHow>,
    pub on_date: NaiveDate,
    pub recorded_by: String,
    /// The person recorded it themselves (in the app).
    pub by_self: bool,
    pub recorded_at: DateTime<Utc>,
}

/// Where a person stands for each purpose: the latest record of each
/// (records come oldest first). A purpose never recorded is left out.
pub fn current_consents(records: &[ConsentView]) -> Vec<(ConsentPurpose, bool)> {
    let mut latest: BTreeMap<ConsentPurpose, bool> = BTreeMap::new();
    for record in records {
        latest.insert(record.purpose, record.given);
    }
    latest.into_iter().collect()
}

/// A person in the office's list of people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub person: PersonRef,
    pub name: String,
    pub email: Option<String>,
    /// Each role or candidacy, with its programme's name.
    pub places: Vec<(String, String)>,
    pub erased: bool,
}

/// A person's page in the office: who, where, their consents, and what the
/// reader may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonPage {
    pub summary: PersonSummary,
    pub consents: Vec<ConsentView>,
    /// The reader coordinates a programme of the person: may export and
    /// erase.
    pub coordinates: bool,
    /// The reader is the person.
    pub is_self: bool,
    /// The person can log in (has a password): a reset link may help them.
    #[serde(default)]
    pub has_login: bool,
    /// The person's roles in the reader's programmes, each with whether the
    /// reader may end it.
    #[serde(default)]
    pub memberships: Vec<MembershipView>,
}

/// A person's role in a programme, as their page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipView {
    pub programme: ProgrammeId,
    pub programme_name: String,
    pub role: Role,
    /// The reader may remove them from it (a mentor's or mentee's manager
    /// or coordinator; a manager's coordinator).
    pub removable: bool,
}

/// How far an erasure went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Erasure {
    /// The person is erased: nothing names them, they can not log in.
    Everywhere,
    /// The person belongs to another organisation too: what the caller's
    /// organisation holds about them is erased and their access to its
    /// programmes ended; their account and the other organisation's
    /// records stay.
    FromOrganisation,
}

/// Everything a programme holds about a person, section by section, each
/// record as column → value (as stored). The JSON download and the
/// readable page show the same.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonExport {
    pub person: PersonRef,
    pub name: String,
    pub exported_at: DateTime<Utc>,
    pub sections: Vec<ExportSection>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSection {
    /// What the records are (`account`, `meeting_logs`, …).
    pub name: String,
    pub records: Vec<BTreeMap<String, String>>,
}

/// A programme's retention period, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RetentionInput {
    pub months: String,
}

impl RetentionInput {
    pub fn validate(&self) -> Result<u32, FieldErrors> {
        let mut errors = FieldErrors::default();
        let months = number_in(
            &mut errors,
            Field::RetentionMonths,
            &self.months,
            RETENTION_MONTHS_MIN..=RETENTION_MONTHS_MAX,
        );
        match months {
            Some(months) if errors.is_empty() => Ok(months),
            _ => Err(errors),
        }
    }
}

/// A programme's retention, for the coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionView {
    pub programme: super::ProgrammeId,
    pub programme_name: String,
    pub months: u32,
    /// The reader coordinates it (may change it).
    pub coordinates: bool,
}

/// The audit trail's search, as typed (every field may be left empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// An [`AuditAction`] key.
    pub action: String,
    /// The email of the person who acted.
    pub email: String,
    /// What was acted on: an id, or a person (`user:ID`).
    pub object: String,
    /// `yyyy-mm-dd`, both included.
    pub from: String,
    pub to: String,
    /// Records older than this one (the next page).
    pub before: Option<i64>,
}

/// A search of the audit trail that passed every rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    pub email: Option<String>,
    pub object: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub before: Option<i64>,
}

impl AuditQuery {
    pub fn validate(&self) -> Result<AuditFilter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let action = if self.action.trim().is_empty() {
            None
        } else {
            choice::<AuditAction>(&mut errors, Field::Action, &self.action)
        };
        let email = short_text(&mut errors, Field::Email, &self.email, false).to_lowercase();
        let object = short_text(&mut errors, Field::Item, &self.object, false);
        let from = date_field(&mut errors, Field::From, &self.from, false);
        let to = date_field(&mut errors, Field::To, &self.to, false);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.push(Field::To, Problem::EndBeforeStart);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AuditFilter {
            action,
            email: Some(email).filter(|e| !e.is_empty()),
            object: Some(object).filter(|o| !o.is_empty()),
            from,
            to,
            before: self.before,
        })
    }
}

/// One record of the audit trail, as the coordinator reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Name and email of who acted; `None` for a failed login of no known
    /// account.
    pub who: Option<(String, String)>,
    pub action: AuditAction,
    pub object_kind: String,
    pub object_id: String,
    pub ip: String,
}

/// A page of the audit trail, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// The search goes on before this record.
    pub more_before: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_person_is_written_and_read_as_kind_and_id() {
        let user = PersonRef::User(UserId::new());
        let candidate = PersonRef::Candidate(CandidateId::new());
        assert_eq!(PersonRef::parse(&user.to_string()), Some(user));
        assert_eq!(PersonRef::parse(&candidate.to_string()), Some(candidate));
        assert_eq!(PersonRef::parse("user:not-an-id"), None);
        assert_eq!(
            PersonRef::parse("pair:0190c3a2-0000-7000-8000-000000000000"),
            None
        );
        assert_eq!(PersonRef::parse(""), None);
        let json = serde_json::to_string(&user).unwrap();
        assert_eq!(serde_json::from_str::<PersonRef>(&json).unwrap(), user);
    }

    #[test]
    fn a_consent_record_names_every_problem_at_once() {
        let errors = ConsentInput {
            purpose: "marketing".into(),
            change: String::new(),
            how: "fax".into(),
            on_date: "2027-01-02".into(),
        }
        .validate(day("2027-01-01"))
        .unwrap_err();
        assert_eq!(errors.problem(Field::Purpose), Some(Problem::UnknownChoice));
        assert_eq!(
            errors.problem(Field::ConsentChange),
            Some(Problem::Required)
        );
        assert_eq!(
            errors.problem(Field::ConsentHow),
            Some(Problem::UnknownChoice)
        );
        assert_eq!(
            errors.problem(Field::ConsentOn),
            Some(Problem::DateInFuture)
        );
    }

    #[test]
    fn a_withdrawal_on_paper_is_a_valid_record() {
        let record = ConsentInput {
            purpose: "email".into(),
            change: "withdrawn".into(),
            how: "paper".into(),
            on_date: "2027-01-01".into(),
        }
        .validate(day("2027-01-01"))
        .unwrap();
        assert_eq!(record.purpose, ConsentPurpose::Email);
        assert!(!record.given);
        assert_eq!(record.how, ConsentHow::Paper);
    }

    #[test]
    fn the_latest_record_of_each_purpose_is_where_the_person_stands() {
        let view = |purpose, given| ConsentView {
            purpose,
            given,
            how: Some(ConsentHow::Paper),
            on_date: day("2027-01-01"),
            recorded_by: "Ana".into(),
            by_self: false,
            recorded_at: Utc::now(),
        };
        let records = [
            view(ConsentPurpose::Programme, true),
            view(ConsentPurpose::Email, true),
            view(ConsentPurpose::Email, false),
        ];
        assert_eq!(
            current_consents(&records),
            vec![
                (ConsentPurpose::Programme, true),
                (ConsentPurpose::Email, false)
            ]
        );
    }

    #[test]
    fn a_retention_period_is_a_whole_number_of_months_within_ten_years() {
        let months = |m: &str| RetentionInput { months: m.into() }.validate();
        assert_eq!(months("24"), Ok(24));
        assert_eq!(months("120"), Ok(120));
        for bad in ["0", "121", "", "two", "-3"] {
            let errors = months(bad).unwrap_err();
            assert!(errors.problem(Field::RetentionMonths).is_some(), "{bad}");
        }
    }

    #[test]
    fn an_audit_search_refuses_an_unknown_action_and_a_backwards_period() {
        let errors = AuditQuery {
            action: "sneezed".into(),
            from: "2027-02-01".into(),
            to: "2027-01-01".into(),
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.problem(Field::Action), Some(Problem::UnknownChoice));
        assert_eq!(errors.problem(Field::To), Some(Problem::EndBeforeStart));
        let filter = AuditQuery {
            action: "exported".into(),
            email: " Ana@Example.org ".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(filter.action, Some(AuditAction::Exported));
        assert_eq!(filter.email.as_deref(), Some("ana@example.org"));
        assert_eq!(filter.object, None);
    }
}
