//! A person's own account: their password, email and sessions, and the
//! one-time links that recover or change them.

use super::limits::{MAX_EMAIL_BYTES, MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS};
use super::{Field, FieldErrors, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A plausible email address: something@something.something, one line.
pub fn valid_email(email: &str) -> bool {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && email.len() <= MAX_EMAIL_BYTES
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

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

/// How long an emailed link to reset a forgotten password works.
pub const RESET_LINK_MINUTES: i64 = 60;
/// How long a reset link a manager makes works (handed over face to face
/// or sent by the manager's own means, like an invitation).
pub const MANAGER_RESET_LINK_HOURS: i64 = 72;
/// How long the link that confirms a new email address works.
pub const EMAIL_LINK_HOURS: i64 = 24;
/// At most this many reset emails go to one account in an hour, however
/// often the form is sent.
pub const RESET_EMAILS_PER_HOUR: i64 = 3;

/// What a one-time link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkPurpose {
    /// Sets a new password (forgotten).
    Reset,
    /// Confirms a new email address.
    Email,
}

impl LinkPurpose {
    pub fn key(self) -> &'static str {
        match self {
            LinkPurpose::Reset => "reset",
            LinkPurpose::Email => "email",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "reset" => Some(LinkPurpose::Reset),
            "email" => Some(LinkPurpose::Email),
            _ => None,
        }
    }
}

/// A one-time link just made for someone to be handed: shown once (only a
/// hash of its token is kept), with its QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneTimeLink {
    /// The path of the link (`/reset/<token>`, `/invite/<token>`).
    pub path: String,
    /// The link as a QR code (SVG), for handing it over face to face.
    pub qr_svg: String,
    #[serde(with = "super::dates::moment")]
    pub expires_at: DateTime<Utc>,
}

/// What a reset link opens on: whose password it sets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetDetails {
    pub name: String,
    pub email: String,
}

/// Every problem of a new password typed twice.
fn check_new_password(errors: &mut FieldErrors, new: &str, again: &str) {
    if let Some(problem) = new_password_problem(new) {
        errors.push(Field::NewPassword, problem);
    } else if new != again {
        errors.push(Field::PasswordAgain, Problem::PasswordMismatch);
    }
}

fn check_current_password(errors: &mut FieldErrors, current: &str) {
    if current.is_empty() {
        errors.push(Field::CurrentPassword, Problem::Required);
    } else if current.len() > MAX_PASSWORD_BYTES {
        errors.push(Field::CurrentPassword, Problem::PasswordTooLong);
    }
}

fn done(errors: FieldErrors) -> Result<(), FieldErrors> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A new password set with a reset link, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewPasswordInput {
    pub new: String,
    pub again: String,
}

impl NewPasswordInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        check_new_password(&mut errors, &self.new, &self.again);
        done(errors)
    }
}

/// A change of one's email address, as typed: the current password, then
/// the new address (which a link sent to it confirms).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailChangeInput {
    pub current: String,
    pub email: String,
}

impl EmailChangeInput {
    /// The new address, lower case and trimmed, or every problem.
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        check_current_password(&mut errors, &self.current);
        let email = self.email.trim().to_lowercase();
        if email.is_empty() {
            errors.push(Field::Email, Problem::Required);
        } else if !valid_email(&email) {
            errors.push(Field::Email, Problem::NotAnEmail);
        }
        done(errors).map(|()| email)
    }
}

/// The first run's form: the setup code the server printed, the
/// organisation, its first programme and its first coordinator's login.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SetupInput {
    pub code: String,
    pub organisation: String,
    pub programme: String,
    pub name: String,
    pub email: String,
    pub password: String,
    /// A language code (`en`, `ro`).
    pub language: String,
}

/// A first run's form that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    pub code: String,
    pub organisation: String,
    pub programme: String,
    pub name: String,
    /// Lower case, trimmed.
    pub email: String,
    pub password: String,
    pub language: super::Lang,
}

impl SetupInput {
    /// Every problem of the form (whether the code is the right one is the
    /// server's to say).
    pub fn validate(&self) -> Result<Setup, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = self.code.trim().to_uppercase();
        if code.is_empty() {
            errors.push(Field::SetupCode, Problem::Required);
        } else if code.len() > 64 {
            errors.push(Field::SetupCode, Problem::WrongSetupCode);
        }
        let organisation = super::validation::short_text(
            &mut errors,
            Field::Organisation,
            &self.organisation,
            true,
        );
        let programme =
            super::validation::short_text(&mut errors, Field::Programme, &self.programme, true);
        let name = super::validation::short_text(&mut errors, Field::Name, &self.name, true);
        let email = self.email.trim().to_lowercase();
        if email.is_empty() {
            errors.push(Field::Email, Problem::Required);
        } else if !valid_email(&email) {
            errors.push(Field::Email, Problem::NotAnEmail);
        }
        if let Some(problem) = new_password_problem(&self.password) {
            errors.push(Field::Password, problem);
        }
        let language = super::Lang::from_code(&self.language);
        if language.is_none() {
            errors.push(Field::Language, Problem::UnknownChoice);
        }
        match language {
            Some(language) if errors.is_empty() => Ok(Setup {
                code,
                organisation,
                programme,
                name,
                email,
                password: self.password.clone(),
                language,
            }),
            _ => Err(errors),
        }
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
        check_current_password(&mut errors, &self.current);
        check_new_password(&mut errors, &self.new, &self.again);
        done(errors)
    }
}

/// The current password typed again to change something of one's account
/// (two-step login).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CurrentPasswordInput {
    pub current: String,
}

impl CurrentPasswordInput {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        check_current_password(&mut errors, &self.current);
        done(errors)
    }
}

/// A code of a login's second step, as typed: the authenticator app's six
/// digits, or a recovery code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginCodeInput {
    pub code: String,
}

impl LoginCodeInput {
    /// The code tidied (spaces and dashes out, capitals), or its problem.
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let tidy = super::two_step::tidy_code(&self.code);
        let problem = if tidy.is_empty() {
            Some(Problem::Required)
        } else if tidy.len() > 32 || !tidy.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Some(Problem::WrongCode)
        } else {
            None
        };
        match problem {
            Some(problem) => Err(FieldErrors::one(Field::LoginCode, problem)),
            None => Ok(tidy),
        }
    }
}

super::role::text_key_enum!(
    /// How often a person wants the email digest of what they have to act
    /// on (a safeguarding concern is told at once all the same).
    #[derive(Default)]
    DigestFrequency {
        #[default]
        Daily = "daily",
        /// On Mondays.
        Weekly = "weekly",
        Off = "off",
    }
);

/// A person's preferences: the language of the app and of their emails,
/// and how often the digest comes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPreferences {
    pub language: super::Lang,
    pub digest: DigestFrequency,
}

/// Preferences as chosen in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountPreferencesInput {
    /// A language code (`en`, `ro`).
    pub language: String,
    /// A [`DigestFrequency`] key.
    pub digest: String,
}

impl AccountPreferencesInput {
    pub fn validate(&self) -> Result<AccountPreferences, FieldErrors> {
        let mut errors = FieldErrors::default();
        let language = super::Lang::from_code(self.language.trim());
        if language.is_none() {
            errors.push(Field::Language, Problem::UnknownChoice);
        }
        let digest =
            super::programme::choice::<DigestFrequency>(&mut errors, Field::Digest, &self.digest);
        match (language, digest) {
            (Some(language), Some(digest)) if errors.is_empty() => {
                Ok(AccountPreferences { language, digest })
            }
            _ => Err(errors),
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

    #[test]
    fn preferences_name_an_unknown_language_and_an_unknown_digest() {
        let input = |language: &str, digest: &str| AccountPreferencesInput {
            language: language.into(),
            digest: digest.into(),
        };

        assert_eq!(
            input("ro", "weekly").validate(),
            Ok(AccountPreferences {
                language: super::super::Lang::Ro,
                digest: DigestFrequency::Weekly
            })
        );
        let errors = input("xx", "hourly").validate().unwrap_err();
        assert_eq!(
            errors.problem(Field::Language),
            Some(Problem::UnknownChoice)
        );
        assert_eq!(errors.problem(Field::Digest), Some(Problem::UnknownChoice));
    }

    #[test]
    fn a_login_code_is_tidied_and_an_empty_or_strange_one_is_named() {
        let code = |c: &str| LoginCodeInput { code: c.into() }.validate();

        assert_eq!(code(" 123 456 "), Ok("123456".into()));
        assert_eq!(code("abcd-2345"), Ok("ABCD2345".into()));
        assert_eq!(
            code("  "),
            Err(FieldErrors::one(Field::LoginCode, Problem::Required))
        );
        assert_eq!(
            code("12\u{0}456"),
            Err(FieldErrors::one(Field::LoginCode, Problem::WrongCode))
        );
        assert_eq!(
            code(&"1".repeat(40)),
            Err(FieldErrors::one(Field::LoginCode, Problem::WrongCode))
        );
        assert!(CurrentPasswordInput::default().validate().is_err());
    }

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
    fn an_email_change_names_a_missing_password_and_a_wrong_address_together() {
        let errors = EmailChangeInput {
            current: String::new(),
            email: "not an address".into(),
        }
        .validate()
        .unwrap_err();

        assert_eq!(
            errors.problem(Field::CurrentPassword),
            Some(Problem::Required)
        );
        assert_eq!(errors.problem(Field::Email), Some(Problem::NotAnEmail));
    }

    #[test]
    fn an_email_change_keeps_the_new_address_in_lower_case() {
        let email = EmailChangeInput {
            current: "my password".into(),
            email: " Ana@Example.ORG ".into(),
        }
        .validate();

        assert_eq!(email, Ok("ana@example.org".to_string()));
    }

    #[test]
    fn a_reset_password_follows_the_rules_of_every_new_password() {
        let short = NewPasswordInput {
            new: "short".into(),
            again: "short".into(),
        };
        let differs = NewPasswordInput {
            new: "a long new password".into(),
            again: "a long other password".into(),
        };

        assert_eq!(
            short.validate().unwrap_err().problem(Field::NewPassword),
            Some(Problem::PasswordTooShort)
        );
        assert_eq!(
            differs
                .validate()
                .unwrap_err()
                .problem(Field::PasswordAgain),
            Some(Problem::PasswordMismatch)
        );
    }

    #[test]
    fn the_first_runs_form_names_every_problem_at_once() {
        let errors = SetupInput {
            email: "not an address".into(),
            password: "short".into(),
            language: "xx".into(),
            ..SetupInput::default()
        }
        .validate()
        .unwrap_err();

        for (field, problem) in [
            (Field::SetupCode, Problem::Required),
            (Field::Organisation, Problem::Required),
            (Field::Programme, Problem::Required),
            (Field::Name, Problem::Required),
            (Field::Email, Problem::NotAnEmail),
            (Field::Password, Problem::PasswordTooShort),
            (Field::Language, Problem::UnknownChoice),
        ] {
            assert_eq!(errors.problem(field), Some(problem), "{field:?}");
        }
    }

    #[test]
    fn a_setup_code_is_read_whatever_its_case_and_spaces() {
        let setup = SetupInput {
            code: " abcd-efgh ".into(),
            organisation: "Școala 5".into(),
            programme: "Părinți 2027".into(),
            name: "Ana Pop".into(),
            email: "Ana@Example.org".into(),
            password: "a long enough password".into(),
            language: "ro".into(),
        }
        .validate()
        .unwrap();

        assert_eq!(setup.code, "ABCD-EFGH");
        assert_eq!(setup.email, "ana@example.org");
    }

    #[test]
    fn a_link_purpose_reads_back_its_key() {
        for purpose in [LinkPurpose::Reset, LinkPurpose::Email] {
            assert_eq!(LinkPurpose::from_key(purpose.key()), Some(purpose));
        }
        assert_eq!(LinkPurpose::from_key("login"), None);
    }

    #[test]
    fn a_new_password_with_a_control_character_is_refused() {
        assert_eq!(
            new_password_problem("a long pass\u{0}word"),
            Some(Problem::ControlCharacter)
        );
    }
}
