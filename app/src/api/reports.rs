//! The mid-term and final reports (Tools 3 and 4). Both sides of a pair
//! answer them, through the phone's outbox and [`super::sync`]: the mentor for
//! themselves, the mentee with their own login or on the mentor's phone in
//! mentee mode. The mentee's answers are read by the mentee and the pair's
//! manager (the mirror view), never by the mentor: the mentor learns only
//! *that* the mentee answered, and when.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// What is due for the mentor's pairs: each report of each side, when it is
/// due and, once answered, when (never what the mentee answered).
#[server(endpoint = "reports/due")]
pub async fn reports_due() -> Result<Vec<ReportDue>, AppError> {
    use super::context::*;
    respond("reports/due", async move {
        let (state, user) = require(Role::Mentor)?;
        let pairs = crate::store::pairs::of_mentor(&state.db, user.id()).await?;
        let answered = crate::store::pairs::reports_answered(&state.db, user.id()).await?;
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
            started_on: access.started_on,
            ended_on: access.ended_on,
            mentor_name,
            mentee_name,
            reports: crate::store::reports::of_pair(&state.db, pair).await?,
            earlier: crate::store::reports::earlier_of_pair(&state.db, pair).await?,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
impl super::sync::Receive for Report {
    /// The mentor answers their own report and (in mentee mode) the
    /// mentee's, the mentee their own. A correction only by whoever
    /// answers it: the mentor never changes the mentee's answers, not even
    /// those given on the mentor's phone.
    fn may_write(
        access: &crate::store::pairs::PairAccess,
        user: &super::context::CurrentUser,
        input: &ReportInput,
        revision: u32,
    ) -> bool {
        // A paper answer: typed in once by a manager of the programme, for
        // either side.
        if input.on_paper {
            return revision == 1 && user.manages(access.programme_id);
        }
        let mentor = access.is_mentor(user.id());
        let mentee = access.is_mentee(user.id());
        match (Respondent::from_key(input.respondent.trim()), revision > 1) {
            (Some(Respondent::Mentor), _) => mentor,
            (Some(Respondent::Mentee), false) => mentor || mentee,
            (Some(Respondent::Mentee), true) => mentee,
            // Refused for the respondent, not for the pair.
            (None, false) => mentor || mentee,
            (None, true) => false,
        }
    }

    async fn insert(
        tx: &mut crate::store::Tx,
        items: &[crate::store::New<'_, Self>],
    ) -> crate::store::StoreResult<Vec<crate::store::Inserted>> {
        crate::store::reports::insert(tx, items).await
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
            mentee_phone: String::new(),
            mentee_contact_way: None,
            mentee_email: String::new(),
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
