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
            | AuditAction::ConsentWithdrawn => "person",
            AuditAction::Denied => "request",
            AuditAction::ReadLogs | AuditAction::ReadReports => "pair",
            AuditAction::ReadRegistration | AuditAction::ReadScreening => "candidate",
            AuditAction::ReadConcern => "concern",
            AuditAction::Anonymised | AuditAction::ExportedReport => "programme",
        }
    }
}
