//! What the audit trail records: every login, every denial, every read of
//! a pair's confidential data by the office, every export, erasure and
//! consent.

use super::role::text_key_enum;

text_key_enum!(
    /// What was done.
    AuditAction {
        LoggedIn = "logged_in",
        LoginFailed = "login_failed",
        /// A server function or page refused the person (role or object).
        Denied = "denied",
        /// A manager or coordinator read a pair's meeting logs.
        ReadLogs = "read_logs",
        /// ... a pair's mid-term and final reports (the mirror view).
        ReadReports = "read_reports",
        /// ... a candidate's registration data.
        ReadRegistration = "read_registration",
        /// ... a safeguarding concern.
        ReadConcern = "read_concern",
        /// ... a mentor candidate's screening.
        ReadScreening = "read_screening",
        /// Everything about a person was exported.
        Exported = "exported",
        /// A person's personal data was erased.
        Erased = "erased",
        /// The personal data of a programme's ended pairs was anonymised
        /// at the end of its retention period.
        Anonymised = "anonymised",
        ConsentRecorded = "consent_recorded",
        ConsentWithdrawn = "consent_withdrawn",
        /// A programme report was downloaded (CSV or XLSX).
        ExportedReport = "exported_report",
        /// A person's sessions were ended: by themselves, or by their
        /// manager for a lost phone.
        SessionsEnded = "sessions_ended",
        /// A person changed their password.
        PasswordChanged = "password_changed",
        /// A person got a role by accepting an invitation.
        RoleGranted = "role_granted",
        /// A manager read a pair's goals and their history.
        ReadGoals = "read_goals",
        /// A manager read a programme's supervision (the mentors'
        /// challenges).
        ReadSupervision = "read_supervision",
        /// A programme report was read in the app.
        ReadProgrammeReport = "read_programme_report",
        /// A person's page (their consents, their places) was read.
        ReadPerson = "read_person",
        /// The audit trail was searched.
        SearchedAudit = "searched_audit",
        /// A programme's retention period was changed.
        RetentionChanged = "retention_changed",
        /// An organisation's public impact page was published or withdrawn.
        PublicImpactChanged = "public_impact_changed",
        /// A person set a new password with a reset link.
        PasswordReset = "password_reset",
        /// A manager made a reset link for a person.
        ResetLinkMade = "reset_link_made",
        /// A person confirmed a new email address.
        EmailChanged = "email_changed",
        /// An invitation was withdrawn before it was used.
        InvitationWithdrawn = "invitation_withdrawn",
        /// The first organisation and its coordinator were set up in the
        /// browser.
        SetUp = "set_up",
        /// A person's role in a programme was ended (their records stay).
        RemovedFromProgramme = "removed_from_programme",
        /// A person turned two-step login on (or made new recovery codes).
        TwoStepOn = "two_step_on",
        /// A person turned two-step login off.
        TwoStepOff = "two_step_off",
        /// A person logged in with a recovery code.
        RecoveryCodeUsed = "recovery_code_used",
        /// An organisation began or stopped requiring two-step login.
        TwoStepRequiredChanged = "two_step_required_changed",
        /// A record of the office was corrected (a training, a check-in,
        /// a group meeting, a pair's manager or planned end).
        ChangedRecord = "changed_record",
        /// A record of the office was removed.
        RemovedRecord = "removed_record",
    }
);

impl AuditAction {
    /// What kind of thing the record's object id names.
    pub fn object_kind(self) -> &'static str {
        match self {
            AuditAction::LoggedIn
            | AuditAction::LoginFailed
            | AuditAction::Exported
            | AuditAction::Erased
            | AuditAction::ConsentRecorded
            | AuditAction::ConsentWithdrawn
            | AuditAction::SessionsEnded
            | AuditAction::PasswordChanged
            | AuditAction::PasswordReset
            | AuditAction::ResetLinkMade
            | AuditAction::EmailChanged
            | AuditAction::RemovedFromProgramme
            | AuditAction::TwoStepOn
            | AuditAction::TwoStepOff
            | AuditAction::RecoveryCodeUsed
            | AuditAction::RoleGranted
            | AuditAction::ReadPerson
            | AuditAction::SearchedAudit => "person",
            AuditAction::ReadGoals => "pair",
            AuditAction::ReadSupervision
            | AuditAction::ReadProgrammeReport
            | AuditAction::RetentionChanged => "programme",
            AuditAction::PublicImpactChanged
            | AuditAction::SetUp
            | AuditAction::TwoStepRequiredChanged => "organisation",
            AuditAction::InvitationWithdrawn => "invitation",
            // The object id names the kind: `training/<id>`, `pair/<id>`.
            AuditAction::ChangedRecord | AuditAction::RemovedRecord => "record",
            AuditAction::Denied => "request",
            AuditAction::ReadLogs | AuditAction::ReadReports => "pair",
            AuditAction::ReadRegistration | AuditAction::ReadScreening => "candidate",
            AuditAction::ReadConcern => "concern",
            AuditAction::Anonymised | AuditAction::ExportedReport => "programme",
        }
    }
}
