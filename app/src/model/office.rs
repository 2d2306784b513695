//! Correcting the office's records (issue 24, "Edit and remove"): which
//! records a manager may remove, and a pair's manager and planned end
//! changed with a reason that stays in the pair's history.

use super::ids::{CheckInId, GroupMeetingId, PairId, ProgrammeId, TrainingId, UserId};
use super::validation::{date_field, text_field, Field, FieldErrors, Problem};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A record of the office that its programme's managers may remove (after
/// a confirmation; the removal goes into the audit trail).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum OfficeRecord {
    /// A training session, with who attended.
    Training(TrainingId),
    /// A check-in call with a mentor.
    CheckIn(CheckInId),
    /// A group meeting, with its attendees and agenda (not once a
    /// challenge on it was discussed: its mentor was told the outcome).
    GroupMeeting(GroupMeetingId),
    /// A line of the school engagement plan (the measure goes back to
    /// "not decided").
    Measure(ProgrammeId, u8),
}

impl OfficeRecord {
    /// How the audit trail names the record: its kind and its id.
    pub fn audit_object(&self) -> String {
        match self {
            OfficeRecord::Training(id) => format!("training/{id}"),
            OfficeRecord::CheckIn(id) => format!("check_in/{id}"),
            OfficeRecord::GroupMeeting(id) => format!("group_meeting/{id}"),
            OfficeRecord::Measure(programme, measure) => format!("measure/{programme}/{measure}"),
        }
    }
}

/// How the audit trail names a pair whose manager or planned end changed.
pub fn pair_audit_object(pair: PairId) -> String {
    format!("pair/{pair}")
}

/// A pair's manager and planned end as the manager types them, with why
/// they change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PairChangeInput {
    /// The new manager's id (the present one to keep them).
    pub manager: String,
    pub planned_end_on: String,
    pub reason: String,
}

/// A change that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairChange {
    pub manager: UserId,
    pub planned_end_on: NaiveDate,
    pub reason: String,
}

impl PairChangeInput {
    /// Every problem at once: a manager, a planned end not before the
    /// pair's start, a reason, and something that differs from `now`
    /// (the pair's present manager and planned end).
    pub fn validate(
        &self,
        started_on: NaiveDate,
        now: (UserId, Option<NaiveDate>),
    ) -> Result<PairChange, FieldErrors> {
        let mut errors = FieldErrors::default();
        let manager = match UserId::parse(self.manager.trim()) {
            Ok(id) => Some(id),
            Err(_) if self.manager.trim().is_empty() => {
                errors.push(Field::Manager, Problem::Required);
                None
            }
            Err(_) => {
                errors.push(Field::Manager, Problem::UnknownChoice);
                None
            }
        };
        let end = date_field(&mut errors, Field::PlannedEnd, &self.planned_end_on, true);
        if end.is_some_and(|end| end < started_on) {
            errors.push(Field::PlannedEnd, Problem::EndBeforeStart);
        }
        let reason = text_field(&mut errors, Field::Reason, &self.reason, true);
        if let (Some(manager), Some(end)) = (manager, end) {
            if (manager, Some(end)) == now {
                errors.push(Field::PlannedEnd, Problem::NothingChanged);
            }
        }
        match (manager, end) {
            (Some(manager), Some(planned_end_on)) if errors.is_empty() => Ok(PairChange {
                manager,
                planned_end_on,
                reason,
            }),
            _ => Err(errors),
        }
    }
}

/// One change of a pair, as its history shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairChangeView {
    pub changed_at: DateTime<Utc>,
    pub changed_by: String,
    /// The manager before and after, when that changed.
    pub manager: Option<(String, String)>,
    /// The planned end before (none for a pair that had none) and after,
    /// when that changed.
    #[serde(default)]
    pub planned_end: Option<(Option<NaiveDate>, NaiveDate)>,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn input(manager: &str, end: &str, reason: &str) -> PairChangeInput {
        PairChangeInput {
            manager: manager.into(),
            planned_end_on: end.into(),
            reason: reason.into(),
        }
    }

    #[test]
    fn a_new_planned_end_with_a_reason_is_a_change() {
        let manager = UserId::new();
        let change = input(&manager.to_string(), "2027-09-30", " The family moved. ")
            .validate(day("2027-01-10"), (manager, Some(day("2027-07-10"))))
            .unwrap();
        assert_eq!(change.planned_end_on, day("2027-09-30"));
        assert_eq!(change.manager, manager);
        assert_eq!(change.reason, "The family moved.");
    }

    #[test]
    fn a_change_names_every_problem_at_once() {
        let errors = input("not an id", "2026-12-31", "")
            .validate(day("2027-01-10"), (UserId::new(), None))
            .unwrap_err();
        assert_eq!(errors.problem(Field::Manager), Some(Problem::UnknownChoice));
        assert_eq!(
            errors.problem(Field::PlannedEnd),
            Some(Problem::EndBeforeStart)
        );
        assert_eq!(errors.problem(Field::Reason), Some(Problem::Required));
        let errors = input("", "", "why").validate(day("2027-01-10"), (UserId::new(), None));
        let errors = errors.unwrap_err();
        assert_eq!(errors.problem(Field::Manager), Some(Problem::Required));
        assert_eq!(errors.problem(Field::PlannedEnd), Some(Problem::Required));
    }

    #[test]
    fn the_same_manager_and_end_again_is_nothing_changed() {
        let manager = UserId::new();
        let errors = input(&manager.to_string(), "2027-07-10", "no reason")
            .validate(day("2027-01-10"), (manager, Some(day("2027-07-10"))))
            .unwrap_err();
        assert_eq!(
            errors.problem(Field::PlannedEnd),
            Some(Problem::NothingChanged)
        );
    }

    #[test]
    fn a_record_is_named_in_the_audit_trail_by_its_kind_and_id() {
        let programme = ProgrammeId::new();
        assert_eq!(
            OfficeRecord::Measure(programme, 3).audit_object(),
            format!("measure/{programme}/3")
        );
        let training = TrainingId::new();
        assert_eq!(
            OfficeRecord::Training(training).audit_object(),
            format!("training/{training}")
        );
    }
}
