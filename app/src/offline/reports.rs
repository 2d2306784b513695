//! The reports on a phone: the draft of each report being filled (saved as
//! typed), and the outbox of reports on their way to the server, with the
//! meeting logs' rules: the phone makes the id, the content hash goes with
//! it, a resend is harmless, and what the server refuses stays on the phone
//! with its reasons. A mentee's answers given on the mentor's phone are
//! kept only until the server has them; then the phone keeps the date alone.
//!
//! This code is in lazily loaded parts of the app (the report pages, and
//! [`super::extras::sync_extra`]); the part every page loads only asks
//! [`has_reports`].

use super::keys;
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

/// Where a report in the outbox stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReportState {
    Waiting,
    /// The server has it.
    Sent {
        at: DateTime<Utc>,
    },
    /// The server refused it; nothing was stored.
    Rejected {
        errors: ReportErrors,
    },
    /// The server holds a different report under this id.
    Conflict,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItem {
    pub id: ReportId,
    pub pair_id: String,
    pub kind: String,
    pub respondent: String,
    /// The date the report is for.
    pub date: String,
    /// The answers, until the server has them (a mentor's own report keeps
    /// them; a mentee's is emptied).
    pub report: Option<ReportInput>,
    pub content_hash: String,
    pub saved_at: DateTime<Utc>,
    pub state: ReportState,
    /// (Missing from what older versions put in the outbox: revision 1.)
    #[serde(default = "first_revision")]
    pub revision: u32,
}

impl ReportItem {
    pub fn sync_item(&self) -> Option<ReportSyncItem> {
        Some(ReportSyncItem {
            id: self.id,
            revision: self.revision,
            content_hash: self.content_hash.clone(),
            report: self.report.clone()?,
        })
    }

    pub fn is_for(&self, pair: &str, kind: ReportKind, respondent: Respondent) -> bool {
        self.pair_id == pair && self.kind == kind.key() && self.respondent == respondent.key()
    }
}

/// Whether `user` has any report on this phone (the part every page loads
/// asks this before loading the code that sends them).
pub fn has_reports(store: &impl KeyValue, user: UserId) -> bool {
    !store.keys(&keys::reports_prefix(user)).is_empty()
}

pub struct Reports<S: KeyValue> {
    store: S,
    user: UserId,
}

impl<S: KeyValue> Reports<S> {
    pub fn new(store: S, user: UserId) -> Self {
        Reports { store, user }
    }

    fn item_key(&self, id: ReportId) -> String {
        format!("{}{id}", keys::reports_prefix(self.user))
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

    /// Every report on the phone, oldest first.
    pub fn items(&self) -> Vec<ReportItem> {
        let mut items: Vec<ReportItem> = self
            .store
            .keys(&keys::reports_prefix(self.user))
            .iter()
            .filter_map(|key| get_json(&self.store, key))
            .collect();
        items.sort_by_key(|i| (i.saved_at, i.id));
        items
    }

    pub fn item(&self, id: ReportId) -> Option<ReportItem> {
        get_json(&self.store, &self.item_key(id))
    }

    pub fn waiting(&self) -> Vec<ReportItem> {
        self.items()
            .into_iter()
            .filter(|i| i.state == ReportState::Waiting)
            .collect()
    }

    /// Moves a checked draft into the outbox and clears the draft once the
    /// item is stored. A draft already in the outbox (a double tap) is not
    /// added twice; one that was refused is replaced by its correction.
    pub fn submit(
        &self,
        draft: &ReportDraft,
        report: &Report,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        // A correction replaces the item of the revision the server has;
        // anything else under this id (a double tap) stays as it is.
        let pending = self.item(draft.id).is_some_and(|i| {
            let corrects_sent =
                draft.revision > i.revision && matches!(i.state, ReportState::Sent { .. });
            !corrects_sent && !matches!(i.state, ReportState::Rejected { .. })
        });
        if !pending {
            let input = ReportInput::from(report);
            let item = ReportItem {
                id: draft.id,
                pair_id: input.pair_id.clone(),
                kind: input.kind.clone(),
                respondent: input.respondent.clone(),
                date: input.date.clone(),
                report: Some(input),
                content_hash: report.content_hash(),
                saved_at: now,
                state: ReportState::Waiting,
                revision: draft.revision,
            };
            set_json(&self.store, &self.item_key(item.id), &item)?;
        }
        self.clear_draft(
            &report.pair_id().to_string(),
            report.kind(),
            report.respondent(),
        );
        Ok(())
    }

    /// Records what the server said about one report.
    pub fn record(
        &self,
        result: &ReportSyncResult,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let Some(mut item) = self.item(result.id) else {
            return Ok(());
        };
        item.state = match &result.outcome {
            ReportOutcome::Stored | ReportOutcome::AlreadyStored => {
                // The mentee's answers leave the mentor's phone.
                if item.respondent == Respondent::Mentee.key() {
                    item.report = None;
                }
                ReportState::Sent { at: now }
            }
            ReportOutcome::Conflict => ReportState::Conflict,
            ReportOutcome::Rejected { errors } => ReportState::Rejected {
                errors: errors.clone(),
            },
        };
        set_json(&self.store, &self.item_key(item.id), &item)
    }

    /// A refused report back in the form, under its id, to be corrected.
    /// Only the mentor's own: a mentee's answers are not shown to the mentor.
    pub fn draft_from_item(&self, id: ReportId, now: DateTime<Utc>) -> Option<ReportDraft> {
        let item = self.item(id)?;
        if item.respondent != Respondent::Mentor.key() {
            return None;
        }
        Some(ReportDraft {
            id,
            report: item.report?,
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
        let item = self.items().into_iter().rev().find(|i| {
            i.is_for(pair, kind, respondent) && matches!(i.state, ReportState::Sent { .. })
        })?;
        Some(ReportDraft {
            id: item.id,
            report: item.report?,
            saved_at: now,
            revision: item.revision + 1,
        })
    }

    /// Forgets a refused or conflicting report (the person chose to).
    pub fn discard(&self, id: ReportId) {
        self.store.remove(&self.item_key(id));
    }
}

fn draft_slot(draft: &ReportDraft) -> Result<(ReportKind, Respondent), StorageError> {
    let kind = ReportKind::from_key(&draft.report.kind);
    let respondent = Respondent::from_key(&draft.report.respondent);
    kind.zip(respondent)
        .ok_or_else(|| StorageError::Other("a report draft names no report".into()))
}

/// Sends the waiting reports in batches of at most [`MAX_SYNC_BATCH`] and
/// records what the server said of each. The number answered.
pub async fn send<S, F, Fut>(
    reports: &Reports<S>,
    transport: F,
    now: impl Fn() -> DateTime<Utc>,
) -> Result<usize, crate::api::AppError>
where
    S: KeyValue,
    F: Fn(Vec<ReportSyncItem>) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<ReportSyncResult>, crate::api::AppError>>,
{
    let waiting: Vec<ReportSyncItem> = reports
        .waiting()
        .iter()
        .filter_map(ReportItem::sync_item)
        .collect();
    let mut answered = 0;
    for batch in waiting.chunks(MAX_SYNC_BATCH) {
        let results = transport(batch.to_vec()).await?;
        for result in &results {
            // A full phone: the item stays waiting and is sent again.
            let _ = reports.record(result, now());
            answered += 1;
        }
    }
    Ok(answered)
}

#[cfg(test)]
mod tests {
    use super::super::storage::MemoryStore;
    use super::*;
    use crate::api::AppError;
    use std::cell::RefCell;

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
        assert_eq!(waiting[0].content_hash, report.content_hash());
        assert!(reports
            .draft(&pair, ReportKind::Midterm, Respondent::Mentor)
            .is_none());
        assert!(has_reports(&reports.store, reports.user));
    }

    #[test]
    fn once_the_server_has_a_mentees_report_the_phone_keeps_only_its_date() {
        let (reports, pair) = setup();
        let (draft, report) = filled(&reports, &pair, Respondent::Mentee);
        reports.submit(&draft, &report, now()).unwrap();

        reports
            .record(
                &ReportSyncResult {
                    id: draft.id,
                    outcome: ReportOutcome::Stored,
                },
                now(),
            )
            .unwrap();

        let item = reports.item(draft.id).unwrap();
        assert_eq!(item.state, ReportState::Sent { at: now() });
        assert_eq!(item.report, None);
        assert_eq!(item.date, "2026-11-20");
        assert!(reports.draft_from_item(draft.id, now()).is_none());
    }

    #[test]
    fn a_sent_report_of_the_mentor_is_corrected_as_its_next_revision_under_the_same_id() {
        let (reports, pair) = setup();
        let (draft, report) = filled(&reports, &pair, Respondent::Mentor);
        reports.submit(&draft, &report, now()).unwrap();
        let stored = ReportSyncResult {
            id: draft.id,
            outcome: ReportOutcome::Stored,
        };
        reports.record(&stored, now()).unwrap();

        let mut correction = reports
            .correction_of(&pair, ReportKind::Midterm, Respondent::Mentor, now())
            .unwrap();
        correction.report.months = "3".into();
        let corrected = correction.report.validate(&ctx()).unwrap();
        reports.submit(&correction, &corrected, now()).unwrap();

        assert_eq!((correction.id, correction.revision), (draft.id, 2));
        let waiting = reports.waiting();
        assert_eq!(waiting.len(), 1);
        let item = waiting[0].sync_item().unwrap();
        assert_eq!((item.id, item.revision), (draft.id, 2));
        assert_eq!(item.report.months, "3");
        // Sent again, the correction is one item; a mentee's report is never
        // offered for correction on the mentor's phone.
        reports.submit(&correction, &corrected, now()).unwrap();
        assert_eq!(reports.items().len(), 1);
    }

    #[test]
    fn a_mentees_sent_answers_are_not_on_the_phone_to_start_a_correction_from() {
        let (reports, pair) = setup();
        let (draft, report) = filled(&reports, &pair, Respondent::Mentee);
        reports.submit(&draft, &report, now()).unwrap();
        let stored = ReportSyncResult {
            id: draft.id,
            outcome: ReportOutcome::Stored,
        };
        reports.record(&stored, now()).unwrap();

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
        let errors = ReportErrors::one(Question::Date, Problem::DateInFuture);

        reports
            .record(
                &ReportSyncResult {
                    id: draft.id,
                    outcome: ReportOutcome::Rejected {
                        errors: errors.clone(),
                    },
                },
                now(),
            )
            .unwrap();

        assert_eq!(
            reports.item(draft.id).unwrap().state,
            ReportState::Rejected { errors }
        );
        assert!(reports.waiting().is_empty());
        let correction = reports.draft_from_item(draft.id, now()).unwrap();
        assert_eq!(correction.id, draft.id);
        reports.submit(&correction, &report, now()).unwrap();
        assert_eq!(reports.waiting().len(), 1);
    }

    #[test]
    fn sending_records_each_answer_and_a_failed_send_leaves_everything_waiting() {
        let (reports, pair) = setup();
        let (mine, mine_report) = filled(&reports, &pair, Respondent::Mentor);
        let (theirs, theirs_report) = filled(&reports, &pair, Respondent::Mentee);
        reports.submit(&mine, &mine_report, now()).unwrap();
        reports.submit(&theirs, &theirs_report, now()).unwrap();
        let sent = RefCell::new(Vec::new());

        let offline = futures::executor::block_on(send(
            &reports,
            |_| async {
                Err::<Vec<ReportSyncResult>, _>(AppError::Network {
                    reason: "offline".into(),
                })
            },
            now,
        ));
        assert!(offline.is_err());
        assert_eq!(reports.waiting().len(), 2);

        let answered = futures::executor::block_on(send(
            &reports,
            |items: Vec<ReportSyncItem>| {
                sent.borrow_mut().extend(items.iter().map(|i| i.id));
                let results = items
                    .iter()
                    .map(|i| ReportSyncResult {
                        id: i.id,
                        outcome: if i.id == mine.id {
                            ReportOutcome::Stored
                        } else {
                            ReportOutcome::AlreadyStored
                        },
                    })
                    .collect();
                async move { Ok(results) }
            },
            now,
        ))
        .unwrap();

        assert_eq!(answered, 2);
        assert_eq!(sent.borrow().len(), 2);
        assert!(reports.waiting().is_empty());
        assert!(reports.item(mine.id).unwrap().report.is_some());
        assert!(reports.item(theirs.id).unwrap().report.is_none());
    }
}
