//! A person's own account: their password and their sessions.

use super::limits::{MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS};
use super::{Field, FieldErrors, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why a new password is refused, if it is: the one rule of every form
/// that sets one (an invitation, a change, a reset).
pub fn new_password_problem(password: &str) -> Option<Problem> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Some(Problem::PasswordTooShort)
    } else if password.len() > MAX_PASSWORD_BYTES {
        Some(Problem::PasswordTooLong)
    } else if password.chars().any(char::is_control) {
        Some(Problem::ControlCharacter)
    } else {
        None
    }
}

/// A change of one's password, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordChangeInput {
    pub current: String,
    pub new: String,
    pub again: String,
}

impl PasswordChangeInput {
    /// Every problem of the form (whether the current password is right is
    /// the server's to say).
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.current.is_empty() {
            errors.push(Field::CurrentPassword, Problem::Required);
        } else if self.current.len() > MAX_PASSWORD_BYTES {
            errors.push(Field::CurrentPassword, Problem::PasswordTooLong);
        }
        if let Some(problem) = new_password_problem(&self.new) {
            errors.push(Field::NewPassword, problem);
        } else if self.new != self.again {
            errors.push(Field::PasswordAgain, Problem::PasswordMismatch);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// One of a person's sessions, as their account page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// Names the session to end it (not its token).
    pub id: String,
    /// "Android, Chrome", or empty when the browser did not say.
    pub device: String,
    pub started_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    /// The session of this very browser.
    pub current: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(current: &str, new: &str, again: &str) -> PasswordChangeInput {
        PasswordChangeInput {
            current: current.into(),
            new: new.into(),
            again: again.into(),
        }
    }

    #[test]
    fn a_password_change_names_every_problem() {
        let errors = change("", "short", "short").validate().unwrap_err();

        assert_eq!(
            errors.problem(Field::CurrentPassword),
            Some(Problem::Required)
        );
        assert_eq!(
            errors.problem(Field::NewPassword),
            Some(Problem::PasswordTooShort)
        );
    }

    #[test]
    fn a_new_password_typed_differently_twice_is_refused() {
        let errors = change(
            "old password here",
            "a long new password",
            "a long new passwort",
        )
        .validate()
        .unwrap_err();

        assert_eq!(
            errors.problem(Field::PasswordAgain),
            Some(Problem::PasswordMismatch)
        );
        assert!(change(
            "old password here",
            "a long new password",
            "a long new password"
        )
        .validate()
        .is_ok());
    }

    #[test]
    fn a_new_password_with_a_control_character_is_refused() {
        assert_eq!(
            new_password_problem("a long pass\u{0}word"),
            Some(Problem::ControlCharacter)
        );
    }
}
