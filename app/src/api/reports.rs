//! The mid-term and final reports (Tools 3 and 4). Both sides of a pair
//! answer them, through the phone's outbox like meeting logs: the mentor for
//! themselves, the mentee with their own login or on the mentor's phone in
//! mentee mode. The mentee's answers are read by the mentee and the pair's
//! manager (the mirror view), never by the mentor: the mentor learns only
//! *that* the mentee answered, and when.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Receives reports from an outbox, with the per-item protocol of the
/// meeting logs: stored, already stored (a resend), conflict (a different
/// report under a known id; nothing overwritten) or rejected with every
/// reason (nothing stored). A pair has one report of each kind from each
/// side: a second one under another id is rejected (`report: already_used`).
#[server(endpoint = "reports/sync", input = Json)]
pub async fn sync_reports(items: Vec<ReportSyncItem>) -> Result<Vec<ReportSyncResult>, AppError> {
    use super::context::*;
    respond("reports/sync", async move {
        let (state, user) = (state()?, current_user()?);
        if !user.has_role(Role::Mentor) && !user.has_role(Role::Mentee) {
            return Err(AppError::Forbidden);
        }
        sync::receive(&state, &user, items).await
    })
    .await
}

/// What is due for the mentor's pairs: each report of each side, when it is
/// due and, once answered, when (never what the mentee answered).
#[server(endpoint = "reports/due")]
pub async fn reports_due() -> Result<Vec<ReportDue>, AppError> {
    use super::context::*;
    respond("reports/due", async move {
        let (state, user) = require(Role::Mentor)?;
        let pairs = crate::store::pairs::of_mentor(&state.db, user.id()).await?;
        let answered = crate::store::reports::answered_of_mentor(&state.db, user.id()).await?;
        Ok(due_list(&pairs, &answered))
    })
    .await
}

/// The person's own answers: a mentor's reports as a mentor, a mentee's as
/// a mentee (also those typed on the mentor's phone: the mentor, who sent
/// them, does not get them back).
#[server(endpoint = "reports/mine")]
pub async fn my_reports() -> Result<Vec<ReportView>, AppError> {
    use super::context::*;
    respond("reports/mine", async move {
        let (state, user) = (state()?, current_user()?);
        Ok(crate::store::reports::own(&state.db, user.id()).await?)
    })
    .await
}

/// The mirror view of one pair, for a manager of its programme: both sides'
/// answers, mid-term and final.
#[server(endpoint = "reports/mirror", input = Json)]
pub async fn pair_mirror(pair: PairId) -> Result<Mirror, AppError> {
    use super::context::*;
    respond("reports/mirror", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(access) = crate::store::pairs::find(&state.db, pair).await? else {
            return Err(AppError::Forbidden);
        };
        manager_of(&state, &user, access.programme_id).await?;
        audit(
            &state,
            &user,
            crate::model::AuditAction::ReadReports,
            [pair.to_string()],
        )
        .await?;
        let (mentor_name, mentee_name) = crate::store::reports::names(&state.db, pair)
            .await?
            .unwrap_or_default();
        Ok(Mirror {
            pair_id: pair,
            mentor_name,
            mentee_name,
            reports: crate::store::reports::of_pair(&state.db, pair).await?,
            earlier: crate::store::reports::earlier_of_pair(&state.db, pair).await?,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
pub mod sync {
    use super::super::context::{AppState, CurrentUser};
    use super::AppError;
    use crate::model::*;
    use crate::store::reports::{self, Inserted, NewReport};
    use crate::store::{self, pairs};

    /// Whether `user` may answer `respondent`'s report of the pair: the
    /// mentor their own and (in mentee mode) the mentee's, the mentee their
    /// own. An unreadable respondent is checked as either side, so the
    /// report is refused for that, not for its pair.
    fn may_answer(access: &pairs::PairAccess, user: UserId, respondent: &str) -> bool {
        let mentor = access.is_mentor(user);
        let mentee = access.is_mentee(user);
        match Respondent::from_key(respondent.trim()) {
            Some(Respondent::Mentor) => mentor,
            Some(Respondent::Mentee) => mentor || mentee,
            None => mentor || mentee,
        }
    }

    /// Whether `user` may correct `respondent`'s report of the pair: only
    /// whoever answers it. The mentor never changes the mentee's answers,
    /// not even those given on the mentor's phone.
    fn may_correct(access: &pairs::PairAccess, user: UserId, respondent: &str) -> bool {
        match Respondent::from_key(respondent.trim()) {
            Some(Respondent::Mentor) => access.is_mentor(user),
            Some(Respondent::Mentee) => access.is_mentee(user),
            None => false,
        }
    }

    pub async fn receive(
        state: &AppState,
        user: &CurrentUser,
        items: Vec<ReportSyncItem>,
    ) -> Result<Vec<ReportSyncResult>, AppError> {
        if items.len() > MAX_SYNC_BATCH {
            return Err(AppError::BadRequest {
                reason: format!("at most {MAX_SYNC_BATCH} reports per request"),
            });
        }
        let latest_date = ValidationContext::latest_date_anywhere(store::now());
        let mut checked: Vec<Result<Report, ReportErrors>> = Vec::with_capacity(items.len());
        for item in &items {
            if !revision_in_range(item.revision) {
                checked.push(Err(ReportErrors::one(
                    Question::Report,
                    Problem::OutOfRange,
                )));
                continue;
            }
            let access = match PairId::parse(item.report.pair_id.trim()) {
                Ok(id) => pairs::find(&state.db, id).await?,
                Err(_) => None,
            };
            let respondent = &item.report.respondent;
            let pair = access
                .filter(|a| {
                    if item.revision > 1 {
                        may_correct(a, user.id(), respondent)
                    } else {
                        may_answer(a, user.id(), respondent)
                    }
                })
                .map(|a| a.dates());
            let check = item
                .report
                .validate(&ValidationContext { latest_date, pair })
                .and_then(|report| {
                    if report.content_hash() == item.content_hash {
                        Ok(report)
                    } else {
                        Err(ReportErrors::one(Question::Report, Problem::ContentDamaged))
                    }
                });
            checked.push(check);
        }

        let new_reports: Vec<NewReport> = items
            .iter()
            .zip(&checked)
            .filter_map(|(item, check)| {
                check.as_ref().ok().map(|report| NewReport {
                    id: item.id,
                    revision: item.revision,
                    author: user.id(),
                    report,
                    content_hash: &item.content_hash,
                })
            })
            .collect();
        let mut tx = state.db.begin().await?;
        let mut inserted = reports::insert(&mut tx, &new_reports).await?.into_iter();
        tx.commit().await?;

        let results: Vec<ReportSyncResult> = items
            .iter()
            .zip(checked)
            .map(|(item, check)| ReportSyncResult {
                id: item.id,
                outcome: match check {
                    Err(errors) => ReportOutcome::Rejected { errors },
                    Ok(_) => match inserted.next() {
                        Some(Inserted::New) => ReportOutcome::Stored,
                        Some(Inserted::Again) => ReportOutcome::AlreadyStored,
                        Some(Inserted::Taken) => ReportOutcome::Rejected {
                            errors: ReportErrors::one(Question::Report, Problem::AlreadyUsed),
                        },
                        Some(Inserted::MissingRevision) => ReportOutcome::Rejected {
                            errors: ReportErrors::one(Question::Report, Problem::MissingRevision),
                        },
                        Some(Inserted::Conflict | Inserted::Withdrawn) | None => {
                            ReportOutcome::Conflict
                        }
                    },
                },
            })
            .collect();
        let stored = results
            .iter()
            .filter(|r| r.outcome == ReportOutcome::Stored)
            .count();
        tracing::info!(author = %user.id(), received = items.len(), stored, "reports synced");
        Ok(results)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(text: &str) -> NaiveDate {
        dates::parse_iso_date(text).unwrap()
    }

    fn pair(planned_end_on: Option<NaiveDate>) -> PairSummary {
        PairSummary {
            id: PairId::new(),
            programme_name: "Pilot".into(),
            mentor_name: "Ana".into(),
            mentee_name: "Bianca".into(),
            started_on: day("2026-09-01"),
            ended_on: None,
            planned_end_on,
            status: PairStatus::Active,
            next_report: None,
            next_report_on: None,
        }
    }

    #[test]
    fn each_pair_with_a_planned_end_has_four_reports_due_unanswered_first() {
        let with_end = pair(Some(day("2027-03-01")));
        let without = pair(None);
        let answered = [(
            with_end.id,
            ReportKind::Midterm,
            Respondent::Mentor,
            day("2026-11-20"),
        )];
        let due = due_list(&[with_end.clone(), without], &answered);
        assert_eq!(due.len(), 4);
        assert_eq!(due[0].kind, ReportKind::Midterm);
        assert_eq!(due[0].respondent, Respondent::Mentee);
        assert_eq!(due[0].due_on, day("2026-11-30"));
        assert_eq!(due[3].answered_on, Some(day("2026-11-20")));
        assert!(due[1..3].iter().all(|d| d.due_on == day("2027-03-01")));
    }
}
