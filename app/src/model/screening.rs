//! Mentor screening: the checks a programme requires before a mentor is
//! matched with a family (MENTOR's *Elements of Effective Practice*,
//! standard 2), each check's state per mentor candidate, and when a passed
//! check expires. The rules are pure and run on both sides.

use super::ids::{RefereeId, ScreeningRequirementId};
use super::limits::MAX_VALIDITY_MONTHS;
use super::role::{text_key_enum, TextKey};
use super::validation::{
    short_text, text_field, Field, FieldErrors, Problem, MAX_SHORT_TEXT_CHARS,
};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

text_key_enum!(
    /// What a check is (the coordinator picks from these; `Other` is named).
    CheckKind {
        Interview = "interview",
        References = "references",
        BackgroundCheck = "background_check",
        Confidentiality = "confidentiality",
        CodeOfConduct = "code_of_conduct",
        Training = "training",
        Other = "other",
    }
);

text_key_enum!(
    /// Where one check of one mentor candidate stands.
    CheckState {
        NotStarted = "not_started",
        Requested = "requested",
        Passed = "passed",
        Failed = "failed",
        Waived = "waived",
    }
);

/// How many days ahead an expiring check is flagged.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// A required check as the coordinator types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequirementInput {
    /// A [`CheckKind`] key.
    pub kind: String,
    /// The check's name: required for `other`, else optional (for
    /// example "Criminal record certificate").
    pub label: String,
    /// Months a passed check stays valid; empty: it does not expire.
    pub validity_months: String,
}

/// A checked requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub kind: CheckKind,
    pub label: String,
    pub validity_months: Option<u32>,
}

impl RequirementInput {
    pub fn validate(&self) -> Result<Requirement, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = match self.kind.trim() {
            "" => {
                errors.push(Field::CheckKind, Problem::Required);
                None
            }
            key => {
                let kind = CheckKind::from_key(key);
                if kind.is_none() {
                    errors.push(Field::CheckKind, Problem::UnknownChoice);
                }
                kind
            }
        };
        let label = text_field(
            &mut errors,
            Field::CheckLabel,
            &self.label,
            kind == Some(CheckKind::Other),
        );
        if label.chars().count() > MAX_SHORT_TEXT_CHARS {
            errors.push(Field::CheckLabel, Problem::TooLong);
        }
        let validity_months = match self.validity_months.trim() {
            "" => None,
            text => match text.parse::<u32>() {
                Ok(months) if (1..=MAX_VALIDITY_MONTHS).contains(&months) => Some(months),
                Ok(_) => {
                    errors.push(Field::ValidityMonths, Problem::OutOfRange);
                    None
                }
                Err(_) => {
                    errors.push(Field::ValidityMonths, Problem::NotANumber);
                    None
                }
            },
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(Requirement {
                kind,
                label,
                validity_months,
            }),
            _ => Err(errors),
        }
    }
}

/// The checks the model suggests for a new programme: an interview, two
/// references, a background check for work with children (valid three
/// years), signed confidentiality and code of conduct, training attended.
pub fn suggested_requirements() -> Vec<RequirementInput> {
    [
        (CheckKind::Interview, ""),
        (CheckKind::References, ""),
        (CheckKind::BackgroundCheck, "36"),
        (CheckKind::Confidentiality, ""),
        (CheckKind::CodeOfConduct, ""),
        (CheckKind::Training, ""),
    ]
    .into_iter()
    .map(|(kind, months)| RequirementInput {
        kind: kind.key().to_string(),
        label: String::new(),
        validity_months: months.to_string(),
    })
    .collect()
}

/// A programme's required check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RequirementView {
    pub id: ScreeningRequirementId,
    pub kind: CheckKind,
    pub label: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i32"))]
    pub validity_months: u32,
}

impl RequirementView {
    /// Months a passed check stays valid (0: it does not expire).
    pub fn expires(&self) -> Option<u32> {
        (self.validity_months > 0).then_some(self.validity_months)
    }
}

/// What a manager records about one check, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckInput {
    /// A [`CheckState`] key.
    pub state: String,
    /// `yyyy-mm-dd`: when it was requested, passed, failed or waived.
    pub date: String,
    /// A short note. Never the content of a criminal record. (References
    /// are recorded one by one, as [`RefereeInput`].)
    pub note: String,
    /// The document's reference number, if it has one.
    pub reference_number: String,
    /// Why the check is waived (required to waive).
    pub waived_reason: String,
}

/// A checked record of a check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub state: CheckState,
    pub date: Option<NaiveDate>,
    pub note: String,
    pub reference_number: String,
    pub waived_reason: Option<String>,
}

impl CheckInput {
    /// Every rule at once: a state; a date (not in the future) for every
    /// state but "not started"; a reason to waive.
    pub fn validate(&self, today: NaiveDate) -> Result<Check, FieldErrors> {
        let mut errors = FieldErrors::default();
        let state = match self.state.trim() {
            "" => {
                errors.push(Field::CheckState, Problem::Required);
                None
            }
            key => {
                let state = CheckState::from_key(key);
                if state.is_none() {
                    errors.push(Field::CheckState, Problem::UnknownChoice);
                }
                state
            }
        };
        let date = match self.date.trim() {
            "" if state.is_some_and(|s| s != CheckState::NotStarted) => {
                errors.push(Field::Date, Problem::Required);
                None
            }
            "" => None,
            text => match super::dates::parse_iso_date(text) {
                None => {
                    errors.push(Field::Date, Problem::NotADate);
                    None
                }
                Some(date) if date > today => {
                    errors.push(Field::Date, Problem::DateInFuture);
                    None
                }
                Some(date) => Some(date),
            },
        };
        let note = text_field(&mut errors, Field::Note, &self.note, false);
        let reference_number = text_field(
            &mut errors,
            Field::ReferenceNumber,
            &self.reference_number,
            false,
        );
        if reference_number.chars().count() > MAX_SHORT_TEXT_CHARS {
            errors.push(Field::ReferenceNumber, Problem::TooLong);
        }
        let waived = state == Some(CheckState::Waived);
        let waived_reason = text_field(
            &mut errors,
            Field::WaivedReason,
            if waived { &self.waived_reason } else { "" },
            waived,
        );
        match state {
            Some(state) if errors.is_empty() => Ok(Check {
                state,
                date,
                note,
                reference_number,
                waived_reason: waived.then_some(waived_reason),
            }),
            _ => Err(errors),
        }
    }
}

/// A recorded check, as the programme's managers read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CheckView {
    pub requirement_id: ScreeningRequirementId,
    pub state: CheckState,
    #[serde(with = "crate::model::dates::iso_date::option")]
    pub checked_on: Option<NaiveDate>,
    pub note: String,
    pub reference_number: String,
    pub waived_reason: Option<String>,
    pub recorded_by: String,
    #[serde(with = "crate::model::dates::moment")]
    pub recorded_at: DateTime<Utc>,
}

/// Where one required check stands for a mentor, on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CheckStatus {
    /// Not started, requested or failed: the mentor can not be matched.
    Missing,
    /// Passed (and valid, until `expires_on` if it expires).
    Passed {
        #[serde(with = "crate::model::dates::iso_date::option")]
        expires_on: Option<NaiveDate>,
    },
    /// Passed, but expiring within [`EXPIRY_WARNING_DAYS`].
    Expiring {
        #[serde(with = "crate::model::dates::iso_date")]
        expires_on: NaiveDate,
    },
    /// Passed once, no longer valid: "screening expired".
    Expired {
        #[serde(with = "crate::model::dates::iso_date")]
        expired_on: NaiveDate,
    },
    /// Not needed for this mentor, for a recorded reason.
    Waived,
}

impl CheckStatus {
    /// The check lets the mentor be matched.
    pub fn clears(self) -> bool {
        matches!(
            self,
            CheckStatus::Passed { .. } | CheckStatus::Expiring { .. } | CheckStatus::Waived
        )
    }
}

/// Where a check stands on `today`: a passed check expires `validity`
/// months after the date it passed.
pub fn check_status(
    validity_months: Option<u32>,
    check: Option<&CheckView>,
    today: NaiveDate,
) -> CheckStatus {
    let Some(check) = check else {
        return CheckStatus::Missing;
    };
    match check.state {
        CheckState::Waived => CheckStatus::Waived,
        CheckState::Passed => {
            let expires_on = validity_months
                .zip(check.checked_on)
                .and_then(|(months, on)| on.checked_add_months(Months::new(months)));
            match expires_on {
                Some(end) if end <= today => CheckStatus::Expired { expired_on: end },
                Some(end) if (end - today).num_days() <= EXPIRY_WARNING_DAYS => {
                    CheckStatus::Expiring { expires_on: end }
                }
                expires_on => CheckStatus::Passed { expires_on },
            }
        }
        CheckState::NotStarted | CheckState::Requested | CheckState::Failed => CheckStatus::Missing,
    }
}

/// One required check of one mentor: the requirement, the latest record,
/// and where it stands today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningItem {
    pub requirement: RequirementView,
    pub check: Option<CheckView>,
    pub status: CheckStatus,
}

/// Each requirement with its latest check and status, in the programme's
/// order.
pub fn screening_items(
    requirements: &[RequirementView],
    checks: &[CheckView],
    today: NaiveDate,
) -> Vec<ScreeningItem> {
    requirements
        .iter()
        .map(|requirement| {
            let check = checks
                .iter()
                .filter(|c| c.requirement_id == requirement.id)
                .max_by_key(|c| c.recorded_at)
                .cloned();
            ScreeningItem {
                status: check_status(requirement.expires(), check.as_ref(), today),
                requirement: requirement.clone(),
                check,
            }
        })
        .collect()
}

/// The checks that keep a mentor from being matched (none: ready).
pub fn blocking(items: &[ScreeningItem]) -> Vec<&RequirementView> {
    items
        .iter()
        .filter(|i| !i.status.clears())
        .map(|i| &i.requirement)
        .collect()
}

/// A person giving a reference for a mentor candidate, as a manager types
/// it: who, how to reach them, when they were asked, their answer in short.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RefereeInput {
    pub name: String,
    pub contact: String,
    /// `yyyy-mm-dd`, or empty while not asked yet.
    pub asked_on: String,
    pub answer: String,
}

/// A checked reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Referee {
    pub name: String,
    pub contact: String,
    pub asked_on: Option<NaiveDate>,
    pub answer: String,
}

impl RefereeInput {
    /// Every rule at once: who and how to reach them (one line each); the
    /// day they were asked, not in the future, and needed once there is an
    /// answer.
    pub fn validate(&self, today: NaiveDate) -> Result<Referee, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = short_text(&mut errors, Field::RefereeName, &self.name, true);
        let contact = short_text(&mut errors, Field::RefereeContact, &self.contact, true);
        let answer = text_field(&mut errors, Field::RefereeAnswer, &self.answer, false);
        let asked_on = match self.asked_on.trim() {
            "" if !answer.is_empty() => {
                errors.push(Field::AskedOn, Problem::Required);
                None
            }
            "" => None,
            text => match super::dates::parse_iso_date(text) {
                None => {
                    errors.push(Field::AskedOn, Problem::NotADate);
                    None
                }
                Some(date) if date > today => {
                    errors.push(Field::AskedOn, Problem::DateInFuture);
                    None
                }
                Some(date) => Some(date),
            },
        };
        if errors.is_empty() {
            Ok(Referee {
                name,
                contact,
                asked_on,
                answer,
            })
        } else {
            Err(errors)
        }
    }
}

/// A recorded reference, as the programme's managers read it (never the
/// mentor).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RefereeView {
    pub id: RefereeId,
    pub name: String,
    pub contact: String,
    #[serde(with = "crate::model::dates::iso_date::option")]
    pub asked_on: Option<NaiveDate>,
    pub answer: String,
    pub recorded_by: String,
    #[serde(with = "crate::model::dates::moment")]
    pub recorded_at: DateTime<Utc>,
}

impl RefereeView {
    /// The reference as a form holds it, to change it.
    pub fn input(&self) -> RefereeInput {
        RefereeInput {
            name: self.name.clone(),
            contact: self.contact.clone(),
            asked_on: self
                .asked_on
                .map(super::dates::format_iso_date)
                .unwrap_or_default(),
            answer: self.answer.clone(),
        }
    }
}

/// A mentor's check that expires soon or has expired, for the manager's
/// home and their notifications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningAlert {
    pub programme: super::ids::ProgrammeId,
    pub candidate: super::ids::CandidateId,
    pub mentor_name: String,
    pub item: ScreeningItem,
}

impl ScreeningAlert {
    /// The mentor candidate's page, where the check is recorded.
    pub fn link(&self) -> String {
        format!(
            "/programmes/{}/candidates/{}",
            self.programme, self.candidate
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::parse_iso_date;

    fn day(text: &str) -> NaiveDate {
        parse_iso_date(text).unwrap()
    }

    fn requirement(months: u32) -> RequirementView {
        RequirementView {
            id: ScreeningRequirementId::new(),
            kind: CheckKind::BackgroundCheck,
            label: String::new(),
            validity_months: months,
        }
    }

    fn check(requirement: &RequirementView, state: CheckState, on: &str) -> CheckView {
        CheckView {
            requirement_id: requirement.id,
            state,
            checked_on: Some(day(on)),
            note: String::new(),
            reference_number: String::new(),
            waived_reason: (state == CheckState::Waived).then(|| "Known to the school".into()),
            recorded_by: "Manager".into(),
            recorded_at: "2026-11-01T10:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn a_passed_check_expires_its_validity_in_months_after_it_passed_and_is_flagged_thirty_days_ahead(
    ) {
        let r = requirement(12);
        let passed = check(&r, CheckState::Passed, "2025-12-15");
        let status = |today| check_status(r.expires(), Some(&passed), day(today));

        assert_eq!(
            status("2026-11-14"),
            CheckStatus::Passed {
                expires_on: Some(day("2026-12-15"))
            }
        );
        assert_eq!(
            status("2026-11-15"),
            CheckStatus::Expiring {
                expires_on: day("2026-12-15")
            }
        );
        assert_eq!(
            status("2026-12-15"),
            CheckStatus::Expired {
                expired_on: day("2026-12-15")
            }
        );
    }

    #[test]
    fn a_check_without_validity_never_expires() {
        let r = requirement(0);
        let passed = check(&r, CheckState::Passed, "2016-01-01");
        assert_eq!(
            check_status(r.expires(), Some(&passed), day("2026-11-23")),
            CheckStatus::Passed { expires_on: None }
        );
    }

    #[test]
    fn only_passed_valid_or_waived_checks_clear_a_mentor_for_matching() {
        let today = day("2026-11-23");
        let rs = [
            requirement(12),
            requirement(0),
            requirement(0),
            requirement(0),
        ];
        let checks = vec![
            check(&rs[0], CheckState::Passed, "2025-01-01"),
            check(&rs[1], CheckState::Waived, "2026-11-01"),
            check(&rs[2], CheckState::Requested, "2026-11-01"),
        ];

        let items = screening_items(&rs, &checks, today);

        let blocking: Vec<_> = blocking(&items).into_iter().map(|r| r.id).collect();
        assert_eq!(blocking, vec![rs[0].id, rs[2].id, rs[3].id]);
        assert!(matches!(items[0].status, CheckStatus::Expired { .. }));
        assert_eq!(items[1].status, CheckStatus::Waived);
        assert_eq!(items[3].status, CheckStatus::Missing);
    }

    #[test]
    fn the_latest_record_of_a_check_counts() {
        let r = requirement(0);
        let mut failed = check(&r, CheckState::Failed, "2026-10-01");
        failed.recorded_at = "2026-10-01T10:00:00Z".parse().unwrap();
        let passed = check(&r, CheckState::Passed, "2026-11-01");
        let items = screening_items(
            std::slice::from_ref(&r),
            &[passed, failed],
            day("2026-11-23"),
        );
        assert!(items[0].status.clears());
    }

    #[test]
    fn a_waiver_needs_its_reason_and_every_state_but_not_started_its_date() {
        let today = day("2026-11-23");
        let errors = CheckInput {
            state: "waived".into(),
            ..CheckInput::default()
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(errors.problem(Field::WaivedReason), Some(Problem::Required));
        assert_eq!(errors.problem(Field::Date), Some(Problem::Required));
        let future = CheckInput {
            state: "passed".into(),
            date: "2026-11-24".into(),
            ..CheckInput::default()
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(future.problem(Field::Date), Some(Problem::DateInFuture));
        let not_started = CheckInput {
            state: "not_started".into(),
            ..CheckInput::default()
        };
        assert!(not_started.validate(today).is_ok());
        let unknown = CheckInput {
            state: "approved".into(),
            ..CheckInput::default()
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(
            unknown.problem(Field::CheckState),
            Some(Problem::UnknownChoice)
        );
    }

    #[test]
    fn a_requirement_names_its_kind_and_a_validity_between_1_and_the_limit() {
        assert!(suggested_requirements()
            .iter()
            .all(|r| r.validate().is_ok()));
        let other = RequirementInput {
            kind: "other".into(),
            ..RequirementInput::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(other.problem(Field::CheckLabel), Some(Problem::Required));
        let too_long = RequirementInput {
            kind: "background_check".into(),
            validity_months: (MAX_VALIDITY_MONTHS + 1).to_string(),
            ..RequirementInput::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            too_long.problem(Field::ValidityMonths),
            Some(Problem::OutOfRange)
        );
    }
}

#[cfg(test)]
mod referee_tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn a_reference_needs_who_and_how_to_reach_them_and_may_wait_to_be_asked() {
        let input = RefereeInput {
            name: " Ana Pop ".into(),
            contact: "0722 000 000".into(),
            ..RefereeInput::default()
        };

        let referee = input.validate(day()).unwrap();

        assert_eq!(referee.name, "Ana Pop");
        assert_eq!(referee.asked_on, None);
    }

    #[test]
    fn every_problem_of_a_reference_is_named_at_once() {
        let input = RefereeInput {
            name: " ".into(),
            contact: "line one
line two"
                .into(),
            asked_on: String::new(),
            answer: "Warmly recommends her".into(),
        };

        let errors = input.validate(day()).unwrap_err();

        assert_eq!(errors.problem(Field::RefereeName), Some(Problem::Required));
        assert_eq!(
            errors.problem(Field::RefereeContact),
            Some(Problem::ControlCharacter)
        );
        assert_eq!(errors.problem(Field::AskedOn), Some(Problem::Required));
    }

    #[test]
    fn a_reference_can_not_be_asked_in_the_future_and_reads_back_as_typed() {
        let future = RefereeInput {
            name: "Ana Pop".into(),
            contact: "ana@example.org".into(),
            asked_on: "2026-12-01".into(),
            answer: String::new(),
        };
        let view = RefereeView {
            id: RefereeId::new(),
            name: "Ana Pop".into(),
            contact: "ana@example.org".into(),
            asked_on: Some(day()),
            answer: "Yes".into(),
            recorded_by: "Mihai".into(),
            recorded_at: Utc::now(),
        };

        let errors = future.validate(day()).unwrap_err();

        assert_eq!(errors.problem(Field::AskedOn), Some(Problem::DateInFuture));
        assert_eq!(view.input().validate(day()).unwrap().asked_on, Some(day()));
    }
}
