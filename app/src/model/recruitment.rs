//! Recruitment: candidates (mentors and mentees) moving through the stages
//! of the annex report's recruitment table, and the registration form
//! (Tool 1) with the profile the annex asks for. Nothing beyond a name is
//! kept until the person's consent is recorded.

use super::ids::{CandidateId, UserId};
use super::programme::choice;
use super::role::{text_key_enum, TextKey};
use super::validation::{optional_number_in, short_text, text_field, Field, FieldErrors, Problem};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

text_key_enum!(
    /// Who a candidate may become.
    CandidateKind {
        Mentor = "mentor",
        Mentee = "mentee",
    }
);

text_key_enum!(
    /// The stages of the annex's recruitment table, then the outcome.
    Stage {
        /// The person heard of the programme (how is recorded).
        Disclosure = "disclosure",
        Referral = "referral",
        Interest = "interest",
        SelfAssessment = "self_assessment",
        /// When required.
        Interview = "interview",
        PreMatching = "pre_matching",
        Accepted = "accepted",
        Dropped = "dropped",
    }
);

impl Stage {
    /// The stages of the recruitment table, in order (not the outcomes).
    pub const TABLE: [Stage; 6] = [
        Stage::Disclosure,
        Stage::Referral,
        Stage::Interest,
        Stage::SelfAssessment,
        Stage::Interview,
        Stage::PreMatching,
    ];

    pub fn order(self) -> usize {
        Stage::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// A candidate moves forward (a stage may be skipped: an interview is
    /// only held when required), drops out from any stage, and one who
    /// dropped out may come back to any stage.
    pub fn can_move_to(self, to: Stage) -> bool {
        match (self, to) {
            (from, to) if from == to => false,
            (_, Stage::Dropped) => true,
            (Stage::Dropped, _) => true,
            (Stage::Accepted, _) => false,
            (from, to) => to.order() > from.order(),
        }
    }
}

text_key_enum!(
    Gender {
        Female = "female",
        Male = "male",
        Other = "other",
        NotSaid = "not_said",
    }
);

text_key_enum!(
    /// The mentee's role with the child (Tool 1).
    RoleWithChild {
        Mother = "mother",
        Father = "father",
        Grandparent = "grandparent",
        Guardian = "guardian",
        Other = "other",
    }
);

text_key_enum!(
    Employment {
        Employed = "employed",
        SelfEmployed = "self_employed",
        Unemployed = "unemployed",
        HomeMaker = "home_maker",
        Student = "student",
        Retired = "retired",
        Other = "other",
    }
);

text_key_enum!(
    /// When a person can meet.
    Slot {
        WeekdayMornings = "weekday_mornings",
        WeekdayAfternoons = "weekday_afternoons",
        WeekdayEvenings = "weekday_evenings",
        Weekends = "weekends",
    }
);

text_key_enum!(
    /// How a person prefers to be reached.
    ContactWay {
        /// A phone call.
        Call = "call",
        Sms = "sms",
        WhatsApp = "whatsapp",
        Email = "email",
    }
);

impl ContactWay {
    /// A way that needs a phone number.
    pub fn needs_phone(self) -> bool {
        !matches!(self, ContactWay::Email)
    }
}

/// A phone number as typed (`+40 721 234 567`, `0721-234-567`,
/// `(01) 234 5678`): digits, spaces and `+ - ( ) . /`, a `+` only first,
/// 6 to 15 digits (the most a number has, ITU E.164). Kept as typed,
/// trimmed, so it reads as the person wrote it.
pub fn valid_phone(text: &str) -> bool {
    let text = text.trim();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let allowed = text
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " -()./".contains(c) || (c == '+' && i == 0));
    allowed && (6..=15).contains(&digits)
}

/// The number for a `tel:` or `sms:` link: the digits, after a `+` if
/// the number has one.
pub fn dial_string(phone: &str) -> String {
    let phone = phone.trim();
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if phone.starts_with('+') {
        format!("+{digits}")
    } else {
        digits
    }
}

text_key_enum!(
    /// How a person's consent was given.
    ConsentHow {
        /// In the app, by the person (an invitation's privacy notice).
        InApp = "in_app",
        /// Signed on paper.
        Paper = "paper",
        /// Said to the manager, who records it.
        Spoken = "spoken",
    }
);

/// The registration form (Tool 1) and the profile, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationInput {
    /// A [`CandidateKind`] key.
    pub kind: String,
    pub name: String,
    /// `"yes"` when the person consented.
    pub consent: String,
    /// `yyyy-mm-dd`.
    pub consent_on: String,
    /// A [`ConsentHow`] key.
    pub consent_how: String,
    pub gender: String,
    pub age: String,
    /// Mentees: a [`RoleWithChild`] key.
    pub role_with_child: String,
    /// Mentees.
    pub child_age: String,
    pub background: String,
    /// An [`Employment`] key.
    pub employment: String,
    /// Comma-separated.
    pub languages: String,
    pub area: String,
    /// [`Slot`] keys.
    pub availability: Vec<String>,
    pub school: String,
    pub class_name: String,
    /// How the person heard of the programme (the disclosure stage).
    pub heard_from: String,
    /// Mentors: `"yes"` for a parent (a peer mentor).
    pub is_parent: String,
    /// Mentors: the most mentees they take (up to the programme's).
    pub max_mentees: String,
    pub phone: String,
    /// A [`ContactWay`] key.
    pub contact_way: String,
}

/// The details a person consented to have kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub gender: Option<Gender>,
    pub age: Option<u32>,
    pub role_with_child: Option<RoleWithChild>,
    pub child_age: Option<u32>,
    pub background: String,
    pub employment: Option<Employment>,
    pub languages: Vec<String>,
    pub area: String,
    pub availability: Vec<Slot>,
    pub school: String,
    pub class_name: String,
    pub heard_from: String,
    pub is_parent: bool,
    pub max_mentees: Option<u32>,
    /// How to reach them: shown only to the programme's managers and the
    /// pair's mentor (see [`Candidate::without_contact`]).
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub contact_way: Option<ContactWay>,
}

/// Consent: given (on a date, in a way) or not yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    #[serde(with = "super::dates::iso_date")]
    pub given_on: NaiveDate,
    pub how: ConsentHow,
}

/// A registration that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    pub kind: CandidateKind,
    pub name: String,
    pub consent: Option<Consent>,
    /// Empty without consent.
    pub profile: Profile,
}

/// What the rules need besides the form.
#[derive(Clone, Copy, Debug)]
pub struct RegistrationContext {
    pub today: NaiveDate,
    /// The programme's limit on mentees per mentor.
    pub max_mentees: u32,
}

impl RegistrationInput {
    /// Applies every rule; returns every problem at once. Without consent
    /// only the name may be filled in.
    pub fn validate(&self, ctx: &RegistrationContext) -> Result<Registration, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = choice::<CandidateKind>(&mut errors, Field::Kind, &self.kind);
        let name = short_text(&mut errors, Field::Name, &self.name, true);
        let consented = match self.consent.trim() {
            "yes" => true,
            "" | "no" => false,
            _ => {
                errors.push(Field::Consent, Problem::UnknownChoice);
                false
            }
        };
        let consent = if consented {
            let given_on = match super::dates::parse_iso_date(&self.consent_on) {
                Some(date) if date > ctx.today => {
                    errors.push(Field::ConsentOn, Problem::DateInFuture);
                    None
                }
                Some(date) => Some(date),
                None if self.consent_on.trim().is_empty() => {
                    errors.push(Field::ConsentOn, Problem::Required);
                    None
                }
                None => {
                    errors.push(Field::ConsentOn, Problem::NotADate);
                    None
                }
            };
            let how = choice::<ConsentHow>(&mut errors, Field::ConsentHow, &self.consent_how);
            given_on
                .zip(how)
                .map(|(given_on, how)| Consent { given_on, how })
        } else {
            None
        };

        let profile = if consented {
            self.profile(&mut errors, kind, ctx)
        } else {
            // Nothing beyond the name is kept before consent.
            for (field, filled) in self.filled_profile_fields() {
                if filled {
                    errors.push(field, Problem::ProfileWithoutConsent);
                }
            }
            Profile::default()
        };
        match kind {
            Some(kind) if errors.is_empty() => Ok(Registration {
                kind,
                name,
                consent,
                profile,
            }),
            _ => Err(errors),
        }
    }

    fn filled_profile_fields(&self) -> Vec<(Field, bool)> {
        let filled = |s: &str| !s.trim().is_empty();
        vec![
            (Field::Gender, filled(&self.gender)),
            (Field::Age, filled(&self.age)),
            (Field::RoleWithChild, filled(&self.role_with_child)),
            (Field::ChildAge, filled(&self.child_age)),
            (Field::Background, filled(&self.background)),
            (Field::Employment, filled(&self.employment)),
            (Field::Languages, filled(&self.languages)),
            (Field::Area, filled(&self.area)),
            (Field::Availability, !self.availability.is_empty()),
            (Field::School, filled(&self.school)),
            (Field::ClassName, filled(&self.class_name)),
            (Field::HeardFrom, filled(&self.heard_from)),
            (Field::IsParent, self.is_parent.trim() == "yes"),
            (Field::MaxMentees, filled(&self.max_mentees)),
            (Field::Phone, filled(&self.phone)),
            (Field::ContactWay, filled(&self.contact_way)),
        ]
    }

    fn profile(
        &self,
        errors: &mut FieldErrors,
        kind: Option<CandidateKind>,
        ctx: &RegistrationContext,
    ) -> Profile {
        let gender = optional_choice::<Gender>(errors, Field::Gender, &self.gender);
        let age = optional_number_in(errors, Field::Age, &self.age, 14..=110);
        let mentee = kind == Some(CandidateKind::Mentee);
        let role_with_child = if mentee {
            optional_choice::<RoleWithChild>(errors, Field::RoleWithChild, &self.role_with_child)
        } else {
            None
        };
        let child_age = if mentee {
            optional_number_in(errors, Field::ChildAge, &self.child_age, 0..=25)
        } else {
            None
        };
        let background = short_text(errors, Field::Background, &self.background, false);
        let employment = optional_choice::<Employment>(errors, Field::Employment, &self.employment);
        let languages_text = short_text(errors, Field::Languages, &self.languages, false);
        let languages = split_languages(&languages_text);
        let area = short_text(errors, Field::Area, &self.area, false);
        let mut availability = Vec::new();
        for key in &self.availability {
            match Slot::from_key(key.trim()) {
                Some(slot) if !availability.contains(&slot) => availability.push(slot),
                Some(_) => {}
                None => errors.push(Field::Availability, Problem::UnknownChoice),
            }
        }
        availability.sort();
        let school = short_text(errors, Field::School, &self.school, false);
        let class_name = short_text(errors, Field::ClassName, &self.class_name, false);
        let heard_from = text_field(errors, Field::HeardFrom, &self.heard_from, false);
        let is_parent = kind == Some(CandidateKind::Mentor) && self.is_parent.trim() == "yes";
        let max_mentees = if kind == Some(CandidateKind::Mentor) {
            optional_number_in(
                errors,
                Field::MaxMentees,
                &self.max_mentees,
                1..=ctx.max_mentees,
            )
        } else {
            None
        };
        let phone = short_text(errors, Field::Phone, &self.phone, false);
        if !phone.is_empty() && !valid_phone(&phone) {
            errors.push(Field::Phone, Problem::NotAPhone);
        }
        let contact_way =
            optional_choice::<ContactWay>(errors, Field::ContactWay, &self.contact_way);
        if contact_way.is_some_and(ContactWay::needs_phone) && phone.is_empty() {
            errors.push(Field::Phone, Problem::Required);
        }
        Profile {
            gender,
            age,
            role_with_child,
            child_age,
            background,
            employment,
            languages,
            area,
            availability,
            school,
            class_name,
            heard_from,
            is_parent,
            max_mentees,
            phone,
            contact_way,
        }
    }

    /// The form filled with what is stored.
    pub fn from_candidate(c: &Candidate) -> RegistrationInput {
        let p = &c.profile;
        let key = |k: Option<&'static str>| k.unwrap_or_default().to_string();
        RegistrationInput {
            kind: c.kind.key().into(),
            name: c.name.clone(),
            consent: if c.consent.is_some() { "yes" } else { "no" }.into(),
            consent_on: c
                .consent
                .as_ref()
                .map(|c| super::dates::format_iso_date(c.given_on))
                .unwrap_or_default(),
            consent_how: key(c.consent.as_ref().map(|c| c.how.key())),
            gender: key(p.gender.map(Gender::key)),
            age: p.age.map(|a| a.to_string()).unwrap_or_default(),
            role_with_child: key(p.role_with_child.map(RoleWithChild::key)),
            child_age: p.child_age.map(|a| a.to_string()).unwrap_or_default(),
            background: p.background.clone(),
            employment: key(p.employment.map(Employment::key)),
            languages: p.languages.join(", "),
            area: p.area.clone(),
            availability: p.availability.iter().map(|s| s.key().to_string()).collect(),
            school: p.school.clone(),
            class_name: p.class_name.clone(),
            heard_from: p.heard_from.clone(),
            is_parent: if p.is_parent { "yes" } else { "" }.into(),
            max_mentees: p.max_mentees.map(|n| n.to_string()).unwrap_or_default(),
            phone: p.phone.clone(),
            contact_way: key(p.contact_way.map(ContactWay::key)),
        }
    }
}

/// One of a closed set, or nothing when left empty.
fn optional_choice<T: TextKey>(errors: &mut FieldErrors, field: Field, key: &str) -> Option<T> {
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    let value = T::from_key(key);
    if value.is_none() {
        errors.push(field, Problem::UnknownChoice);
    }
    value
}

/// `"Romanian, romani ,English"` → `["Romanian", "romani", "English"]`.
pub fn split_languages(text: &str) -> Vec<String> {
    let mut languages: Vec<String> = Vec::new();
    for language in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        if !languages.iter().any(|l| l.eq_ignore_ascii_case(language)) {
            languages.push(language.to_string());
        }
    }
    languages
}

/// The age from which the programme warns that a child is past its scope.
pub fn child_past_scope(child_age: Option<u32>, age_limit: u32) -> bool {
    child_age.is_some_and(|age| age >= age_limit)
}

/// A candidate as the manager sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: CandidateId,
    pub kind: CandidateKind,
    pub name: String,
    pub stage: Stage,
    /// Why they dropped out, when they did.
    pub drop_reason: Option<String>,
    pub consent: Option<Consent>,
    /// Who recorded the consent.
    pub consent_recorded_by: Option<String>,
    pub profile: Profile,
    /// Their account, once they have one.
    pub user_id: Option<UserId>,
    #[serde(with = "super::dates::moment")]
    pub created_at: DateTime<Utc>,
}

impl Candidate {
    /// The candidate as someone who may not reach them sees them (the
    /// organisation's coordinator): without their phone and way of contact.
    pub fn without_contact(mut self) -> Candidate {
        self.profile.phone.clear();
        self.profile.contact_way = None;
        self
    }
}

/// One move between stages: when, by whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMove {
    pub from: Option<Stage>,
    pub to: Stage,
    pub reason: Option<String>,
    pub by_name: String,
    #[serde(with = "super::dates::moment")]
    pub at: DateTime<Utc>,
}

/// A request to move a candidate, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoveInput {
    /// A [`Stage`] key.
    pub to: String,
    /// Required when dropping out.
    pub reason: String,
}

impl MoveInput {
    /// The stage to move to, and the reason when dropping out.
    pub fn validate(&self, from: Stage) -> Result<(Stage, Option<String>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let to = choice::<Stage>(&mut errors, Field::Stage, &self.to);
        if let Some(to) = to {
            if !from.can_move_to(to) {
                errors.push(Field::Stage, Problem::StageNotAllowed);
            }
        }
        let dropping = to == Some(Stage::Dropped);
        let reason = text_field(&mut errors, Field::Reason, &self.reason, dropping);
        match to {
            Some(to) if errors.is_empty() => Ok((to, dropping.then_some(reason))),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> RegistrationContext {
        RegistrationContext {
            today: NaiveDate::from_ymd_opt(2027, 1, 10).unwrap(),
            max_mentees: 2,
        }
    }

    fn mentee() -> RegistrationInput {
        RegistrationInput {
            kind: "mentee".into(),
            name: "Ioana Marin".into(),
            consent: "yes".into(),
            consent_on: "2027-01-09".into(),
            consent_how: "paper".into(),
            gender: "female".into(),
            age: "34".into(),
            role_with_child: "mother".into(),
            child_age: "8".into(),
            languages: "Romanian, romani ,romanian".into(),
            availability: vec!["weekends".into(), "weekday_mornings".into()],
            ..RegistrationInput::default()
        }
    }

    #[test]
    fn a_consented_registration_keeps_the_profile() {
        let r = mentee().validate(&ctx()).unwrap();
        assert_eq!(r.kind, CandidateKind::Mentee);
        assert_eq!(r.consent.unwrap().how, ConsentHow::Paper);
        assert_eq!(r.profile.role_with_child, Some(RoleWithChild::Mother));
        assert_eq!(r.profile.languages, vec!["Romanian", "romani"]);
        assert_eq!(
            r.profile.availability,
            vec![Slot::WeekdayMornings, Slot::Weekends]
        );
    }

    #[test]
    fn a_phone_number_is_kept_as_typed_and_a_way_that_needs_one_requires_it() {
        let reachable = RegistrationInput {
            phone: " +40 721-234 567 ".into(),
            contact_way: "whatsapp".into(),
            ..mentee()
        };
        let r = reachable.validate(&ctx()).unwrap();
        assert_eq!(r.profile.phone, "+40 721-234 567");
        assert_eq!(r.profile.contact_way, Some(ContactWay::WhatsApp));
        assert_eq!(dial_string(&r.profile.phone), "+40721234567");
        assert_eq!(dial_string("(021) 234.5678"), "0212345678");

        let by_email = RegistrationInput {
            contact_way: "email".into(),
            ..mentee()
        };
        assert!(by_email.validate(&ctx()).is_ok(), "email needs no phone");
        for (phone, way, problem) in [
            ("", "sms", Problem::Required),
            ("12345", "", Problem::NotAPhone),
            ("1234567890123456", "", Problem::NotAPhone),
            ("0721 23x 567", "", Problem::NotAPhone),
            ("0721+234567", "", Problem::NotAPhone),
        ] {
            let input = RegistrationInput {
                phone: phone.into(),
                contact_way: way.into(),
                ..mentee()
            };
            let errors = input.validate(&ctx()).unwrap_err();
            assert_eq!(
                errors.problem(Field::Phone),
                Some(problem),
                "{phone:?} {way:?}"
            );
        }
        let pigeon = RegistrationInput {
            contact_way: "pigeon".into(),
            ..mentee()
        };
        assert_eq!(
            pigeon
                .validate(&ctx())
                .unwrap_err()
                .problem(Field::ContactWay),
            Some(Problem::UnknownChoice)
        );
    }

    #[test]
    fn the_coordinator_sees_a_candidate_without_their_phone_or_way_of_contact() {
        let profile = Profile {
            phone: "0721 234 567".into(),
            contact_way: Some(ContactWay::Call),
            age: Some(34),
            ..Profile::default()
        };
        let candidate = Candidate {
            id: CandidateId::new(),
            kind: CandidateKind::Mentee,
            name: "Ioana".into(),
            stage: Stage::Interest,
            drop_reason: None,
            consent: None,
            consent_recorded_by: None,
            profile,
            user_id: None,
            created_at: Utc::now(),
        };

        let seen = candidate.without_contact();

        assert_eq!(
            (seen.profile.phone.as_str(), seen.profile.contact_way),
            ("", None)
        );
        assert_eq!(seen.profile.age, Some(34), "the rest of the profile stays");
    }

    #[test]
    fn without_consent_only_the_name_is_kept_and_anything_else_is_refused() {
        let bare = RegistrationInput {
            kind: "mentee".into(),
            name: "Florin".into(),
            ..RegistrationInput::default()
        };
        let r = bare.validate(&ctx()).unwrap();
        assert_eq!(r.consent, None);
        assert_eq!(r.profile, Profile::default());

        let too_much = RegistrationInput {
            consent: "no".into(),
            ..mentee()
        };
        let errors = too_much.validate(&ctx()).unwrap_err();
        assert_eq!(
            errors.problem(Field::Age),
            Some(Problem::ProfileWithoutConsent)
        );
        assert_eq!(
            errors.problem(Field::Languages),
            Some(Problem::ProfileWithoutConsent)
        );
    }

    #[test]
    fn consent_needs_its_date_and_how_it_was_given() {
        let errors = RegistrationInput {
            consent_on: "2027-01-11".into(),
            consent_how: "".into(),
            ..mentee()
        }
        .validate(&ctx())
        .unwrap_err();
        assert_eq!(
            errors.problem(Field::ConsentOn),
            Some(Problem::DateInFuture)
        );
        assert_eq!(errors.problem(Field::ConsentHow), Some(Problem::Required));
    }

    #[test]
    fn a_child_of_twelve_or_more_is_past_the_programmes_scope() {
        assert!(!child_past_scope(Some(11), 12));
        assert!(child_past_scope(Some(12), 12));
        assert!(!child_past_scope(None, 12));
    }

    #[test]
    fn a_mentor_takes_at_most_the_programmes_mentees() {
        let mentor = RegistrationInput {
            kind: "mentor".into(),
            max_mentees: "3".into(),
            is_parent: "yes".into(),
            ..mentee()
        };
        assert_eq!(
            mentor
                .validate(&ctx())
                .unwrap_err()
                .problem(Field::MaxMentees),
            Some(Problem::OutOfRange)
        );
        let ok = RegistrationInput {
            max_mentees: "2".into(),
            ..mentor
        }
        .validate(&ctx())
        .unwrap();
        assert!(ok.profile.is_parent);
        assert_eq!(ok.profile.role_with_child, None, "a mentee's field only");
    }

    #[test]
    fn candidates_move_forward_may_skip_and_may_drop_out_from_anywhere() {
        assert!(Stage::Interest.can_move_to(Stage::PreMatching));
        assert!(!Stage::PreMatching.can_move_to(Stage::Interest));
        assert!(Stage::Accepted.can_move_to(Stage::Dropped));
        assert!(!Stage::Accepted.can_move_to(Stage::Interview));
        assert!(Stage::Dropped.can_move_to(Stage::Interest));
        let (to, reason) = MoveInput {
            to: "dropped".into(),
            reason: "Moved to another town.".into(),
        }
        .validate(Stage::Referral)
        .unwrap();
        assert_eq!(
            (to, reason.as_deref()),
            (Stage::Dropped, Some("Moved to another town."))
        );
        assert_eq!(
            MoveInput {
                to: "dropped".into(),
                reason: String::new()
            }
            .validate(Stage::Referral)
            .unwrap_err()
            .problem(Field::Reason),
            Some(Problem::Required)
        );
    }
}
