//! What every form shares: the fields and problems errors name, the list of
//! every problem of a form (never just the first), and the checks of free
//! texts and numbers. Each form's own rules are in its module.

use super::limits::MAX_TEXT_CHARS;
use super::role::text_key_enum;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

text_key_enum!(
    /// The fields of every form, as named in errors (a form shows each
    /// field's problem next to it).
    Field {
        /// The whole log rather than one field.
        Log = "log",
        Pair = "pair",
        Date = "date",
        Form = "form",
        Duration = "duration",
        Description = "description",
        WentWellNextSteps = "went_well_next_steps",
        Challenge = "challenge",
        ChallengeText = "challenge_text",
        // Programmes.
        Name = "name",
        Typology = "typology",
        ProgrammeFormat = "programme_format",
        DurationMonths = "duration_months",
        Meetings = "meetings",
        MaxMentees = "max_mentees",
        ChildAgeLimit = "child_age_limit",
        StartsOn = "starts_on",
        Country = "country",
        Language = "language",
        // The school engagement plan.
        MeasureState = "measure_state",
        Reason = "reason",
        Owner = "owner",
        DueOn = "due_on",
        // Invitations.
        Email = "email",
        Password = "password",
        PrivacyNotice = "privacy_notice",
        // My account.
        CurrentPassword = "current_password",
        NewPassword = "new_password",
        PasswordAgain = "password_again",
        SetupCode = "setup_code",
        /// A code from an authenticator app, or a recovery code.
        LoginCode = "login_code",
        /// How often the email digest comes.
        Digest = "digest",
        Organisation = "organisation",
        Programme = "programme",
        // Recruitment: the registration form (Tool 1) and the profile.
        Gender = "gender",
        Age = "age",
        RoleWithChild = "role_with_child",
        ChildAge = "child_age",
        Background = "background",
        Employment = "employment",
        Languages = "languages",
        Area = "area",
        Availability = "availability",
        School = "school",
        ClassName = "class_name",
        HeardFrom = "heard_from",
        Phone = "phone",
        ContactWay = "contact_way",
        IsParent = "is_parent",
        Consent = "consent",
        ConsentOn = "consent_on",
        ConsentHow = "consent_how",
        Stage = "stage",
        Kind = "kind",
        // Training.
        HeldOn = "held_on",
        TrainingFormat = "training_format",
        Topic = "topic",
        Item = "item",
        Score = "score",
        // Matching.
        Mentor = "mentor",
        Mentee = "mentee",
        Rank = "rank",
        // The pair's journey.
        GoOn = "go_on",
        Outcome = "outcome",
        DropReason = "drop_reason",
        EndedOn = "ended_on",
        Continues = "continues",
        // Goals.
        Goal = "goal",
        What = "what",
        Why = "why",
        FirstSteps = "first_steps",
        TargetDate = "target_date",
        WithdrawnReason = "withdrawn_reason",
        /// The goals a meeting log says were worked on.
        Goals = "goals",
        // Screening.
        CheckKind = "check_kind",
        CheckLabel = "check_label",
        ValidityMonths = "validity_months",
        CheckState = "check_state",
        Note = "note",
        ReferenceNumber = "reference_number",
        WaivedReason = "waived_reason",
        RefereeName = "referee_name",
        RefereeContact = "referee_contact",
        AskedOn = "asked_on",
        RefereeAnswer = "referee_answer",
        // Supervision.
        Notes = "notes",
        FollowUp = "follow_up",
        Attendees = "attendees",
        // Safeguarding concerns.
        Concern = "concern",
        ConcernAbout = "concern_about",
        Happened = "happened",
        DoneStraightAway = "done_straight_away",
        ActionKind = "action_kind",
        Details = "details",
        TakenOn = "taken_on",
        // The programme's follow-up.
        QuietDays = "quiet_days",
        // Consent, retention and the audit trail.
        Purpose = "purpose",
        ConsentChange = "consent_change",
        RetentionMonths = "retention_months",
        Action = "action",
        From = "from",
        To = "to",
        // The programme report.
        Narrative = "narrative",
        // The log search.
        Words = "words",
        /// Where the next page of a search starts.
        After = "after",
        /// A pair's manager.
        Manager = "manager",
        PlannedEnd = "planned_end",
        /// When an event starts (`hh:mm`), how long it lasts, where.
        StartsAt = "starts_at",
        Length = "length",
        Place = "place",
    }
);

text_key_enum!(
    /// Why a value was refused. Each has a translated message.
    Problem {
        Required = "required",
        NotADate = "not_a_date",
        DateInFuture = "date_in_future",
        DateBeforePairStart = "date_before_pair_start",
        NotANumber = "not_a_number",
        MinutesOutOfRange = "minutes_out_of_range",
        DurationTooShort = "duration_too_short",
        DurationTooLong = "duration_too_long",
        TooLong = "too_long",
        UnknownChoice = "unknown_choice",
        UnknownPair = "unknown_pair",
        NotYourPair = "not_your_pair",
        PairEnded = "pair_ended",
        ContentDamaged = "content_damaged",
        /// An invisible control character (other than a line break or a
        /// tab), as pasted from another app.
        ControlCharacter = "control_character",
        /// The item alone is larger than a sync request may be.
        TooLarge = "too_large",
        /// The server could not read the item as sent.
        Unreadable = "unreadable",
        /// The server failed to store the item while it stored others.
        NotAccepted = "not_accepted",
        /// A number outside what the field allows.
        OutOfRange = "out_of_range",
        /// A period whose end comes before its start (named on the end).
        EndBeforeStart = "end_before_start",
        /// Not a phone number (see `recruitment::valid_phone`).
        NotAPhone = "not_a_phone",
        NotAnEmail = "not_an_email",
        PasswordTooShort = "password_too_short",
        PasswordTooLong = "password_too_long",
        /// A password known from breaches (see `model::breached`).
        BreachedPassword = "breached_password",
        /// The password typed to confirm who one is is not right.
        WrongPassword = "wrong_password",
        /// The new password, typed twice, differs.
        PasswordMismatch = "password_mismatch",
        /// A box that must be ticked (the privacy notice was read).
        MustAccept = "must_accept",
        /// Details of a person typed before their consent was recorded.
        ProfileWithoutConsent = "profile_without_consent",
        /// A date in the future where only a past one makes sense.
        NotYet = "not_yet",
        /// A move between recruitment stages that is not allowed.
        StageNotAllowed = "stage_not_allowed",
        /// Someone who is not an accepted candidate of the programme.
        NotAcceptedCandidate = "not_accepted_candidate",
        /// A mentor with no free place left.
        MentorFull = "mentor_full",
        /// A mentee who already has a mentor.
        AlreadyMatched = "already_matched",
        /// The same rank given twice.
        DuplicateRank = "duplicate_rank",
        /// The mentor is not the kind the programme's typology asks for.
        TypologyMismatch = "typology_mismatch",
        /// Taken already (a programme's name, an account's email).
        AlreadyUsed = "already_used",
        /// An invitation for a person whose account has a login already:
        /// only that account, logged in, may accept it.
        HasAccount = "has_account",
        /// A reset link for a person who has no login (they need an
        /// invitation).
        NoLogin = "no_login",
        /// The server sends no email, and the change needs one.
        MailOff = "mail_off",
        /// The first run's setup code is not the one the server printed.
        WrongSetupCode = "wrong_setup_code",
        /// Not the authenticator's code of now (or used already), nor an
        /// unused recovery code.
        WrongCode = "wrong_code",
        /// Two-step login turned off where an organisation requires it.
        TwoStepRequired = "two_step_required",
        /// Two-step login required of others by someone without it.
        TwoStepFirst = "two_step_first",
        /// A pair confirmed before both sides said they want to go on.
        NotBothYes = "not_both_yes",
        /// A step for a pair getting to know each other, on one that is not.
        NotGettingToKnow = "not_getting_to_know",
        /// A goal that is not one of the pair's.
        UnknownGoal = "unknown_goal",
        /// The same goal named twice.
        DuplicateGoal = "duplicate_goal",
        /// A change of a goal whose earlier change the server does not have.
        MissingRevision = "missing_revision",
        /// A change of a withdrawn goal.
        Withdrawn = "withdrawn",
        /// A mentor whose required screening checks are not all passed.
        ScreeningIncomplete = "screening_incomplete",
        /// A group meeting whose agenda has a challenge discussed (its
        /// mentor was told the outcome): it can not be removed.
        HasDiscussedItems = "has_discussed_items",
        /// A change that changes nothing.
        NothingChanged = "nothing_changed",
        /// Not a time of day (`hh:mm`).
        NotATime = "not_a_time",
    }
);

/// One refused value: which field, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// Every refused value of one form, in field order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn one(field: Field, problem: Problem) -> Self {
        Self(vec![FieldError { field, problem }])
    }
    pub fn push(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldError { field, problem });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }
    /// The first problem of one field, to show next to it.
    pub fn problem(&self, field: Field) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.problem))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// A control character a text may not hold: everything but the line
/// break and the tab (a carriage return is made a line break first).
pub(crate) fn is_forbidden_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Checks a free-text field and returns it as stored: trimmed, with every
/// line break written `\n`.
pub(crate) fn text_field(
    errors: &mut FieldErrors,
    field: Field,
    value: &str,
    required: bool,
) -> String {
    let value = value.trim().replace("\r\n", "\n").replace('\r', "\n");
    if required && value.is_empty() {
        errors.push(field, Problem::Required);
    } else if value.chars().count() > MAX_TEXT_CHARS {
        errors.push(field, Problem::TooLong);
    } else if value.chars().any(is_forbidden_control) {
        errors.push(field, Problem::ControlCharacter);
    }
    value
}

pub(crate) fn number_field(text: &str) -> Result<u32, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.parse::<u32>().map_err(|_| Problem::NotANumber)
}

/// The longest short text (a name, a place, a topic), in characters.
pub const MAX_SHORT_TEXT_CHARS: usize = 200;

/// Checks a one-line text: trimmed, at most [`MAX_SHORT_TEXT_CHARS`], no
/// control characters (not even a line break).
pub(crate) fn short_text(
    errors: &mut FieldErrors,
    field: Field,
    value: &str,
    required: bool,
) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        errors.push(field, Problem::Required);
    } else if value.chars().count() > MAX_SHORT_TEXT_CHARS {
        errors.push(field, Problem::TooLong);
    } else if value.chars().any(char::is_control) {
        errors.push(field, Problem::ControlCharacter);
    }
    value.to_string()
}

/// A date written `yyyy-mm-dd`; `None` (with the problem) when it is
/// missing and `required`, or is not a date.
pub(crate) fn date_field(
    errors: &mut FieldErrors,
    field: Field,
    text: &str,
    required: bool,
) -> Option<chrono::NaiveDate> {
    if text.trim().is_empty() {
        if required {
            errors.push(field, Problem::Required);
        }
        return None;
    }
    let date = super::dates::parse_iso_date(text);
    if date.is_none() {
        errors.push(field, Problem::NotADate);
    }
    date
}

/// A whole number in `range`, required.
pub(crate) fn number_in(
    errors: &mut FieldErrors,
    field: Field,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Option<u32> {
    if text.trim().is_empty() {
        errors.push(field, Problem::Required);
        return None;
    }
    match number_field(text) {
        Err(problem) => {
            errors.push(field, problem);
            None
        }
        Ok(n) if !range.contains(&n) => {
            errors.push(field, Problem::OutOfRange);
            None
        }
        Ok(n) => Some(n),
    }
}

/// A whole number in `range`, or nothing when left empty.
pub(crate) fn optional_number_in(
    errors: &mut FieldErrors,
    field: Field,
    text: &str,
    range: std::ops::RangeInclusive<u32>,
) -> Option<u32> {
    if text.trim().is_empty() {
        None
    } else {
        number_in(errors, field, text, range)
    }
}

/// What the rules need to know besides the form itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidationContext {
    /// The latest date a meeting may have taken place: today, where the
    /// mentor is.
    pub latest_date: NaiveDate,
    /// The dates of the chosen pair, or `None` if the pair is not one of the
    /// mentor's.
    pub pair: Option<PairDates>,
}

/// When a pair started and, if it has, when it ended: meetings fall between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairDates {
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

impl ValidationContext {
    /// The server does not know the mentor's time zone; it accepts any date
    /// that is already "today" somewhere on Earth (UTC+14).
    pub fn latest_date_anywhere(now: DateTime<Utc>) -> NaiveDate {
        (now + Duration::hours(14)).date_naive()
    }
}
