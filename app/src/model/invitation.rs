//! Invitations: a single-use link, valid 7 days, naming the programme and
//! the role. The coordinator invites mentor managers; a manager invites
//! mentors and mentees. The invited person sets their name, email,
//! password and language, and reads the privacy notice.

use super::ids::{CandidateId, InvitationId, ProgrammeId};
use super::role::Role;
use super::validation::{short_text, Field, FieldErrors, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How long an invitation link works, in days.
pub const INVITATION_DAYS: i64 = 7;

/// Who may invite whom: a coordinator invites managers; a manager invites
/// mentors and mentees.
pub fn may_invite(inviter: Role, invited: Role) -> bool {
    matches!(
        (inviter, invited),
        (Role::Coordinator, Role::Manager)
            | (Role::Manager, Role::Mentor)
            | (Role::Manager, Role::Mentee)
    )
}

/// An invitation just made: the link is shown once (only a hash of its
/// token is stored).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub id: InvitationId,
    /// The path of the link, `/invite/<token>`.
    pub path: String,
    /// The link as a QR code (SVG), for inviting face to face.
    pub qr_svg: String,
    #[serde(with = "super::dates::moment")]
    pub expires_at: DateTime<Utc>,
}

/// An invitation as listed for the person who made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub id: InvitationId,
    pub programme_id: ProgrammeId,
    pub role: Role,
    pub candidate: Option<CandidateId>,
    /// The name it was made for, if any.
    pub name: Option<String>,
    #[serde(with = "super::dates::moment")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "super::dates::moment")]
    pub expires_at: DateTime<Utc>,
    pub used: bool,
    /// Withdrawn before it was used: its link does not work.
    #[serde(default)]
    pub withdrawn: bool,
}

/// What the invitation page shows before the person accepts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationDetails {
    pub programme_name: String,
    pub organisation_name: String,
    pub role: Role,
    /// The name the inviter wrote, to fill the form with.
    pub name: Option<String>,
}

/// The acceptance form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AcceptInput {
    pub name: String,
    pub email: String,
    pub password: String,
    /// A language code (`en`, `ro`).
    pub language: String,
    /// `"yes"` once the privacy notice was read.
    pub privacy_notice: String,
}

/// An acceptance that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptance {
    pub name: String,
    /// Lower case, trimmed.
    pub email: String,
    pub password: String,
    pub language: super::Lang,
}

impl AcceptInput {
    pub fn validate(&self) -> Result<Acceptance, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = short_text(&mut errors, Field::Name, &self.name, true);
        let email = self.email.trim().to_lowercase();
        if email.is_empty() {
            errors.push(Field::Email, Problem::Required);
        } else if !super::account::valid_email(&email) {
            errors.push(Field::Email, Problem::NotAnEmail);
        }
        if let Some(problem) = super::account::new_password_problem(&self.password) {
            errors.push(Field::Password, problem);
        }
        let language = super::Lang::from_code(&self.language);
        if language.is_none() {
            errors.push(Field::Language, Problem::UnknownChoice);
        }
        if self.privacy_notice.trim() != "yes" {
            errors.push(Field::PrivacyNotice, Problem::MustAccept);
        }
        match language {
            Some(language) if errors.is_empty() => Ok(Acceptance {
                name,
                email,
                password: self.password.clone(),
                language,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> AcceptInput {
        AcceptInput {
            name: "Ana Pop".into(),
            email: " Ana@Example.org ".into(),
            password: "a long enough password".into(),
            language: "ro".into(),
            privacy_notice: "yes".into(),
        }
    }

    #[test]
    fn only_a_coordinator_invites_managers_and_only_a_manager_invites_mentors_and_mentees() {
        assert!(may_invite(Role::Coordinator, Role::Manager));
        assert!(may_invite(Role::Manager, Role::Mentor));
        assert!(may_invite(Role::Manager, Role::Mentee));
        assert!(!may_invite(Role::Coordinator, Role::Mentor));
        assert!(!may_invite(Role::Manager, Role::Manager));
        assert!(!may_invite(Role::Mentor, Role::Mentee));
    }

    #[test]
    fn an_acceptance_keeps_the_email_in_lower_case() {
        let a = valid().validate().unwrap();
        assert_eq!(a.email, "ana@example.org");
        assert_eq!(a.language, crate::model::Lang::Ro);
    }

    #[test]
    fn the_privacy_notice_must_be_read_and_every_problem_is_shown() {
        let errors = AcceptInput {
            email: "not an email".into(),
            password: "short".into(),
            privacy_notice: String::new(),
            ..valid()
        }
        .validate()
        .unwrap_err();
        assert_eq!(errors.problem(Field::Email), Some(Problem::NotAnEmail));
        assert_eq!(
            errors.problem(Field::Password),
            Some(Problem::PasswordTooShort)
        );
        assert_eq!(
            errors.problem(Field::PrivacyNotice),
            Some(Problem::MustAccept)
        );
    }
}
