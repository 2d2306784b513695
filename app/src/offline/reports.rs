//! The reports on a phone: the draft of each report being filled (saved as
//! typed), and the reports in the outbox. A mentee's answers given on the
//! mentor's phone are kept only until the server has them; then the phone
//! keeps which report it was, and its date ([`Record::once_sent`]).
//!
//! This code is in lazily loaded parts of the app (the report pages).

use super::keys;
use super::outbox::{Entry, EntryKey, ItemState, Outbox, PutOutcome};
use super::storage::{get_json, set_json, KeyValue, StorageError};
use crate::model::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A report being filled. Its id is the id the report will have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    pub id: ReportId,
    pub report: ReportInput,
    pub saved_at: DateTime<Utc>,
    /// 1 for a report not sent yet; the next revision of a sent report
    /// being corrected.
    #[serde(default = "first_revision")]
    pub revision: u32,
}

/// A report in the outbox, as the report pages read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportItem {
    pub id: ReportId,
    pub revision: u32,
    /// The answers, until the server has them (a mentor's own report keeps
    /// them; of a mentee's, only which report and its date are left).
    pub report: ReportInput,
    pub state: ItemState,
}

impl ReportItem {
    fn of(entry: &Entry) -> Option<ReportItem> {
        Some(ReportItem {
            id: ReportId::from_uuid(entry.id),
            revision: entry.revision,
            report: entry.read()?,
            state: entry.state.clone(),
        })
    }

    pub fn key(&self) -> EntryKey {
        EntryKey {
            kind: Kind::Report,
            id: self.id.as_uuid(),
            revision: self.revision,
        }
    }

    pub fn is_for(&self, pair: &str, kind: ReportKind, respondent: Respondent) -> bool {
        self.report.pair_id == pair
            && self.report.kind == kind.key()
            && self.report.respondent == respondent.key()
    }

    fn is_mentors(&self) -> bool {
        self.report.respondent == Respondent::Mentor.key()
    }
}

pub struct Reports<S: KeyValue + Clone> {
    store: S,
    user: UserId,
}

impl<S: KeyValue + Clone> Reports<S> {
    pub fn new(store: S, user: UserId) -> Self {
        Reports { store, user }
    }

    fn outbox(&self) -> Outbox<S> {
        Outbox::new(self.store.clone(), self.user)
    }

    fn draft_key(&self, pair: &str, kind: ReportKind, respondent: Respondent) -> String {
        format!(
            "{}{pair}.{kind}.{respondent}",
            keys::report_drafts_prefix(self.user)
        )
    }

    pub fn draft(
        &self,
        pair: &str,
        kind: ReportKind,
        respondent: Respondent,
    ) -> Option<ReportDraft> {
        get_json(&self.store, &self.draft_key(pair, kind, respondent))
    }

    /// A new draft for this report, or the one being filled.
    pub fn draft_or_new(
        &self,
        pair: &str,
        kind: ReportKind,
        respondent: Respondent,
        now: DateTime<Utc>,
    ) -> ReportDraft {
        self.draft(pair, kind, respondent)
            .unwrap_or_else(|| ReportDraft {
                id: ReportId::new(),
                report: ReportInput {
                    pair_id: pair.to_string(),
                    kind: kind.key().to_string(),
                    respondent: respondent.key().to_string(),
                    ..ReportInput::default()
                },
                saved_at: now,
                revision: 1,
            })
    }

    pub fn save_draft(&self, draft: &ReportDraft) -> Result<(), StorageError> {
        let (kind, respondent) = draft_slot(draft)?;
        set_json(
            &self.store,
            &self.draft_key(&draft.report.pair_id, kind, respondent),
            draft,
        )
    }

    pub fn clear_draft(&self, pair: &str, kind: ReportKind, respondent: Respondent) {
        self.store.remove(&self.draft_key(pair, kind, respondent));
    }

    /// Every report in the outbox, oldest first.
    pub fn items(&self) -> Vec<ReportItem> {
        self.outbox()
            .entries_of(Kind::Report)
            .iter()
            .filter_map(ReportItem::of)
            .collect()
    }

    /// The reports the server has not acknowledged.
    pub fn waiting(&self) -> Vec<ReportItem> {
        self.items()
            .into_iter()
            .filter(|i| i.state == ItemState::Waiting)
            .collect()
    }

    /// Moves a checked draft into the outbox and clears the draft once the
    /// report is stored. A draft already in the outbox (a double tap) is
    /// not added twice; one that was refused is replaced by its correction.
    pub fn submit(
        &self,
        draft: &ReportDraft,
        report: &Report,
        now: DateTime<Utc>,
    ) -> Result<PutOutcome, StorageError> {
        let entry = Entry::new(draft.id.as_uuid(), draft.revision, report, now);
        let outcome = self.outbox().put(entry, None)?;
        self.clear_draft(
            &report.pair_id().to_string(),
            report.kind(),
            report.respondent(),
        );
        Ok(outcome)
    }

    /// A refused report back in the form, under its id and revision, to be
    /// corrected. Only the mentor's own: a mentee's answers are not shown
    /// to the mentor.
    pub fn draft_from_item(&self, id: ReportId, now: DateTime<Utc>) -> Option<ReportDraft> {
        let item = self
            .items()
            .into_iter()
            .rev()
            .find(|i| i.id == id && matches!(i.state, ItemState::Rejected { .. }))
            .filter(ReportItem::is_mentors)?;
        Some(ReportDraft {
            id,
            report: item.report,
            saved_at: now,
            revision: item.revision,
        })
    }

    /// A sent report back in the form as its next revision, from the
    /// answers the phone kept: only the mentor's own (a mentee's answers
    /// are never kept once sent; their correction starts from the server's).
    pub fn correction_of(
        &self,
        pair: &str,
        kind: ReportKind,
        respondent: Respondent,
        now: DateTime<Utc>,
    ) -> Option<ReportDraft> {
        let item = self
            .items()
            .into_iter()
            .rev()
            .find(|i| i.is_for(pair, kind, respondent) && i.state.is_synced())
            .filter(ReportItem::is_mentors)?;
        Some(ReportDraft {
            id: item.id,
            report: item.report,
            saved_at: now,
            revision: item.revision + 1,
        })
    }

    /// Forgets a refused or conflicting report (the person chose to).
    pub fn discard(&self, item: &ReportItem) {
        self.outbox().discard(item.key());
    }
}

fn draft_slot(draft: &ReportDraft) -> Result<(ReportKind, Respondent), StorageError> {
    let kind = ReportKind::from_key(&draft.report.kind);
    let respondent = Respondent::from_key(&draft.report.respondent);
    kind.zip(respondent)
        .ok_or_else(|| StorageError::Other("a report draft names no report".into()))
}

#[cfg(test)]
mod tests {
    use super::super::storage::MemoryStore;
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-22T10:00:00Z".parse().unwrap()
    }

    fn ctx() -> ValidationContext {
        ValidationContext {
            latest_date: NaiveDateExt::day("2026-11-22"),
            pair: Some(PairDates {
                started_on: NaiveDateExt::day("2026-09-01"),
                ended_on: None,
            }),
        }
    }

    struct NaiveDateExt;
    impl NaiveDateExt {
        fn day(text: &str) -> chrono::NaiveDate {
            dates::parse_iso_date(text).unwrap()
        }
    }

    /// A draft answered completely for `respondent`.
    fn filled(
        reports: &Reports<MemoryStore>,
        pair: &str,
        respondent: Respondent,
    ) -> (ReportDraft, Report) {
        let mut draft = reports.draft_or_new(pair, ReportKind::Midterm, respondent, now());
        draft.report.date = "2026-11-20".into();
        draft.report.months = "2".into();
        for item in items(ReportKind::Midterm, respondent) {
            let (choice, text) = match item.scale {
                Scale::Agreement => ("agree", ""),
                Scale::YesNo => ("yes", "We read together now."),
                Scale::Text => ("", "A lot."),
            };
            draft.report.answers.insert(
                item.question.key().into(),
                AnswerInput {
                    choice: choice.into(),
                    text: text.into(),
                },
            );
        }
        let report = draft.report.validate(&ctx()).unwrap();
        (draft, report)
    }

    fn setup() -> (Reports<MemoryStore>, String) {
        let reports = Reports::new(MemoryStore::default(), UserId::new());
        (reports, PairId::new().to_string())
    }

    fn record(reports: &Reports<MemoryStore>, draft: &ReportDraft, outcome: SyncOutcome) {
        let answer = SyncAnswer {
            kind: Kind::Report,
            id: draft.id.as_uuid(),
            revision: draft.revision,
            outcome,
        };
        reports.outbox().record(&answer, now()).unwrap();
    }

    fn item(reports: &Reports<MemoryStore>, id: ReportId) -> ReportItem {
        reports.items().into_iter().find(|i| i.id == id).unwrap()
    }

    #[test]
    fn a_draft_is_kept_per_report_and_comes_back_with_its_id() {
        let (reports, pair) = setup();
        let mut draft = reports.draft_or_new(&pair, ReportKind::Midterm, Respondent::Mentor, now());
        draft.report.months = "3".into();
        reports.save_draft(&draft).unwrap();

        let again = reports.draft_or_new(&pair, ReportKind::Midterm, Respondent::Mentor, now());
        let other = reports.draft_or_new(&pair, ReportKind::Midterm, Respondent::Mentee, now());

        assert_eq!(again, draft);
        assert_ne!(other.id, draft.id);
        assert_eq!(other.report.months, "");
    }

    #[test]
    fn a_submitted_report_waits_in_the_outbox_once_and_its_draft_is_gone() {
        let (reports, pair) = setup();
        let (draft, report) = filled(&reports, &pair, Respondent::Mentor);

        reports.submit(&draft, &report, now()).unwrap();
        reports.submit(&draft, &report, now()).unwrap();

        let waiting = reports.waiting();
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].id, draft.id);
        assert!(reports
            .draft(&pair, ReportKind::Midterm, Respondent::Mentor)
            .is_none());
        assert_eq!(
            reports.outbox().waiting()[0].content_hash,
            report.content_hash()
        );
    }

    #[test]
    fn once_the_server_has_a_mentees_report_the_phone_keeps_only_which_and_its_date() {
        let (reports, pair) = setup();
        let (draft, report) = filled(&reports, &pair, Respondent::Mentee);
        reports.submit(&draft, &report, now()).unwrap();

        record(&reports, &draft, SyncOutcome::Stored);

        let item = item(&reports, draft.id);
        assert_eq!(item.state, ItemState::Synced { at: now() });
        assert!(item.report.answers.is_empty());
        assert_eq!(item.report.months, "");
        assert_eq!(item.report.date, "2026-11-20");
        assert!(item.is_for(&pair, ReportKind::Midterm, Respondent::Mentee));
        assert!(reports.draft_from_item(draft.id, now()).is_none());
    }

    #[test]
    fn a_sent_report_of_the_mentor_is_corrected_as_its_next_revision_under_the_same_id() {
        let (reports, pair) = setup();
        let (draft, report) = filled(&reports, &pair, Respondent::Mentor);
        reports.submit(&draft, &report, now()).unwrap();
        record(&reports, &draft, SyncOutcome::Stored);

        let mut correction = reports
            .correction_of(&pair, ReportKind::Midterm, Respondent::Mentor, now())
            .unwrap();
        correction.report.months = "3".into();
        let corrected = correction.report.validate(&ctx()).unwrap();
        reports.submit(&correction, &corrected, now()).unwrap();

        assert_eq!((correction.id, correction.revision), (draft.id, 2));
        let waiting = reports.outbox().waiting();
        assert_eq!(waiting.len(), 1);
        let sent = waiting[0].sync_item();
        assert_eq!((sent.id, sent.revision), (draft.id.as_uuid(), 2));
        assert_eq!(waiting[0].read::<ReportInput>().unwrap().months, "3");
        // Sent again, the correction is one entry (the sent revision is
        // superseded).
        reports.submit(&correction, &corrected, now()).unwrap();
        assert_eq!(reports.items().len(), 1);
    }

    #[test]
    fn a_mentees_sent_answers_are_not_on_the_phone_to_start_a_correction_from() {
        let (reports, pair) = setup();
        let (draft, report) = filled(&reports, &pair, Respondent::Mentee);
        reports.submit(&draft, &report, now()).unwrap();
        record(&reports, &draft, SyncOutcome::Stored);

        assert_eq!(
            reports.correction_of(&pair, ReportKind::Midterm, Respondent::Mentee, now()),
            None
        );
    }

    #[test]
    fn a_refused_report_keeps_its_reasons_and_the_mentor_can_correct_it_under_the_same_id() {
        let (reports, pair) = setup();
        let (draft, report) = filled(&reports, &pair, Respondent::Mentor);
        reports.submit(&draft, &report, now()).unwrap();
        let errors = Reasons::from(ReportErrors::one(Question::Date, Problem::DateInFuture));

        record(
            &reports,
            &draft,
            SyncOutcome::Rejected {
                errors: errors.clone(),
            },
        );

        assert_eq!(
            item(&reports, draft.id).state,
            ItemState::Rejected { errors }
        );
        assert!(reports.waiting().is_empty());
        let correction = reports.draft_from_item(draft.id, now()).unwrap();
        assert_eq!((correction.id, correction.revision), (draft.id, 1));
        reports.submit(&correction, &report, now()).unwrap();
        assert_eq!(reports.waiting().len(), 1);
    }

    #[test]
    fn the_reasons_of_a_refused_report_come_back_by_question() {
        let mut errors = ReportErrors::one(Question::Date, Problem::DateInFuture);
        errors.push(Question::Report, Problem::AlreadyUsed);

        let back = ReportErrors::from(&Reasons::from(errors.clone()));

        assert_eq!(back, errors);
    }
}
