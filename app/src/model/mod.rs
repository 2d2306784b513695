//! Domain types shared by the browser and the server, with their validation.
//! Pure and IO-free: the same rules run offline in the browser and again on
//! the server.

mod account;
mod audit;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod breached;
mod concern;
mod dashboard;
pub mod dates;
mod engagement;
mod goal;
mod ids;
mod invitation;
mod journey;
mod lang;
pub mod limits;
mod log_search;
mod matching;
mod meeting;
mod notification;
mod office;
mod privacy;
mod programme;
pub mod programme_report;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
mod recruitment;
mod report;
pub(crate) mod role;
mod schedule;
mod screening;
mod supervision;
mod sync;
mod training;
pub mod two_step;
mod validation;

pub use account::*;
pub use audit::*;
pub use concern::*;
pub use dashboard::*;
pub use engagement::*;
pub use goal::*;
pub use ids::*;
pub use invitation::*;
pub use journey::*;
pub use lang::*;
pub use limits::*;
pub use log_search::*;
pub use matching::*;
pub use meeting::*;
pub use notification::*;
pub use office::*;
pub use privacy::*;
pub use programme::*;
pub use programme_report::*;
pub use recruitment::*;
pub use report::*;
pub use role::*;
pub use schedule::*;
pub use screening::*;
pub use supervision::*;
pub use sync::*;
pub use training::*;
pub use validation::*;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Who is logged in, as the browser may know it (and cache for offline use).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub user_id: UserId,
    pub display_name: String,
    pub email: String,
    /// Every role the person holds in any programme, without repeats.
    pub roles: Vec<Role>,
}

impl Identity {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Mentors and mentees keep data on their phone (logs, reports,
    /// drafts), encrypted by their vault; the office keeps nothing there.
    pub fn keeps_data_on_phone(&self) -> bool {
        self.has(Role::Mentor) || self.has(Role::Mentee)
    }

    /// The page a person lands on after logging in.
    pub fn home_path(&self) -> &'static str {
        [
            (Role::Manager, "/manager"),
            (Role::Coordinator, "/coordinator"),
            (Role::Mentor, "/mentor"),
            (Role::Mentee, "/mentee"),
        ]
        .into_iter()
        .find(|(role, _)| self.has(*role))
        .map(|(_, path)| path)
        .unwrap_or("/no-role")
    }
}

/// A mentoring pair as the mentor and the manager see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PairSummary {
    pub id: PairId,
    pub programme_name: String,
    pub mentor_name: String,
    pub mentee_name: String,
    #[serde(with = "crate::model::dates::iso_date")]
    pub started_on: NaiveDate,
    #[serde(with = "crate::model::dates::iso_date::option")]
    pub ended_on: Option<NaiveDate>,
    /// (Missing from what older versions cached on a phone.)
    #[serde(default, with = "crate::model::dates::iso_date::option")]
    pub planned_end_on: Option<NaiveDate>,
    pub status: PairStatus,
    /// The pair's next report not answered by both sides, and when it is
    /// due: what the mentor's home says (filled for the mentor's own pairs;
    /// missing from what older versions cached on a phone). Two plain
    /// fields, so the first page's code stays small.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub next_report: Option<ReportKind>,
    #[serde(default, with = "crate::model::dates::iso_date::option")]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub next_report_on: Option<NaiveDate>,
    /// How the mentor reaches the mentee, from the mentee's registration
    /// (only the pair's mentor gets a summary): their phone number, the
    /// way they prefer, and their email when that is the way.
    #[serde(default)]
    pub mentee_phone: String,
    #[serde(default)]
    pub mentee_contact_way: Option<ContactWay>,
    #[serde(default)]
    pub mentee_email: String,
}

impl PairSummary {
    /// The pair whose id is `pair_id` as typed in a form (text), if any.
    pub fn find<'a>(pairs: &'a [PairSummary], pair_id: &str) -> Option<&'a PairSummary> {
        pairs.iter().find(|p| p.id.to_string() == pair_id)
    }

    pub fn dates(&self) -> PairDates {
        PairDates {
            started_on: self.started_on,
            ended_on: self.ended_on,
        }
    }
}

/// A stored meeting log, for reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MeetingLogView {
    pub id: MeetingLogId,
    pub pair_id: PairId,
    pub mentor_name: String,
    pub mentee_name: String,
    #[serde(with = "crate::model::dates::iso_date")]
    pub date: NaiveDate,
    pub form: MeetingForm,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i32"))]
    pub duration_minutes: u32,
    pub description: String,
    pub went_well_next_steps: String,
    pub challenge: Option<String>,
    #[serde(with = "crate::model::dates::moment")]
    pub created_at: DateTime<Utc>,
    /// 1 for a log as first sent, then one more for each correction.
    /// (Missing from what older versions cached on a phone.)
    #[serde(default = "first_revision")]
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i32"))]
    pub revision: u32,
    /// Set when the log was withdrawn (it then no longer counts).
    #[serde(default)]
    pub withdrawn_reason: Option<String>,
    /// The goals worked on, with their progress (read separately).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub goals: Vec<GoalWorkInput>,
}

impl MeetingLogView {
    /// The form of this log as stored, to correct it: the next revision
    /// starts from it.
    pub fn input(&self) -> MeetingLogInput {
        MeetingLogInput {
            pair_id: self.pair_id.to_string(),
            date: dates::format_iso_date(self.date),
            form: self.form.key().to_string(),
            hours: (self.duration_minutes / 60).to_string(),
            minutes: (self.duration_minutes % 60).to_string(),
            description: self.description.clone(),
            went_well_next_steps: self.went_well_next_steps.clone(),
            challenge: if self.challenge.is_some() {
                "yes"
            } else {
                "no"
            }
            .to_string(),
            challenge_text: self.challenge.clone().unwrap_or_default(),
            goals: self.goals.clone(),
            withdrawn_reason: self.withdrawn_reason.clone().unwrap_or_default(),
        }
    }
}

/// The revision a log, goal or report has when first sent.
pub fn first_revision() -> u32 {
    1
}

/// One version of a meeting log, for the manager's history of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLogRevision {
    pub revision: u32,
    pub author_name: String,
    #[serde(with = "crate::model::dates::moment")]
    pub created_at: DateTime<Utc>,
    pub log: MeetingLogView,
}

/// What a mentee sees of their own mentoring.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MenteePair {
    pub id: PairId,
    pub programme_name: String,
    pub mentor_name: String,
    #[serde(with = "crate::model::dates::iso_date")]
    pub started_on: NaiveDate,
    #[serde(with = "crate::model::dates::iso_date::option")]
    pub ended_on: Option<NaiveDate>,
    #[serde(with = "crate::model::dates::iso_date::option")]
    pub planned_end_on: Option<NaiveDate>,
    pub status: PairStatus,
    /// The day the mentee asked to end the mentoring (until the pair is
    /// closed).
    #[serde(default, with = "crate::model::dates::iso_date::option")]
    pub end_asked_on: Option<NaiveDate>,
    /// The pair's meetings, newest first (withdrawn logs left out).
    #[serde(default)]
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub meetings: Vec<MenteeMeeting>,
}

/// A meeting as the mentee sees it: when, in what form and how long; never
/// what the mentor wrote of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MenteeMeeting {
    pub pair_id: PairId,
    #[serde(with = "crate::model::dates::iso_date")]
    pub date: NaiveDate,
    pub form: MeetingForm,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i32"))]
    pub duration_minutes: u32,
}

impl MenteePair {
    /// The pair as the report form reads it (the mentee's own name is not
    /// needed: they answer for themselves).
    pub fn summary(&self) -> PairSummary {
        PairSummary {
            id: self.id,
            programme_name: self.programme_name.clone(),
            mentor_name: self.mentor_name.clone(),
            mentee_name: String::new(),
            started_on: self.started_on,
            ended_on: self.ended_on,
            planned_end_on: self.planned_end_on,
            status: self.status,
            next_report: None,
            next_report_on: None,
            mentee_phone: String::new(),
            mentee_contact_way: None,
            mentee_email: String::new(),
        }
    }
}

/// Aggregates of one programme, as a coordinator sees them: counts only,
/// never the content of a log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProgrammeStats {
    pub programme_id: ProgrammeId,
    pub programme_name: String,
    pub organisation_name: String,
    pub active_pairs: i64,
    pub ended_pairs: i64,
    pub mentors: i64,
    pub mentees: i64,
    pub meetings: i64,
    pub meeting_minutes: i64,
    pub meetings_with_challenge: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(roles: Vec<Role>) -> Identity {
        Identity {
            user_id: UserId::new(),
            display_name: "A".into(),
            email: "a@example.org".into(),
            roles,
        }
    }

    #[test]
    fn a_manager_who_also_mentors_lands_on_the_manager_page() {
        assert_eq!(
            identity(vec![Role::Mentor, Role::Manager]).home_path(),
            "/manager"
        );
    }

    #[test]
    fn a_mentor_lands_on_the_mentor_page() {
        assert_eq!(identity(vec![Role::Mentor]).home_path(), "/mentor");
    }
}
