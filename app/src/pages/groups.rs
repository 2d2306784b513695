//! Pages grouped into one lazy route each: the page is picked from the
//! path here, in the group's part of the app, so the mentor's first load
//! carries one route per group rather than one per page (every route and
//! every part costs code in the part every page loads). The entry pages
//! (`/`, `/login`, `/no-role` and the homes of mentees, managers and
//! coordinators) are a small part, so a manager's first page does not wait
//! for the whole office; the office (programmes and everything in them);
//! the mentor's pages after the home.

use crate::components::{ErrorKind, ErrorPage};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The current path while the group `owns` it, else the last one it owned.
/// When a link leads to another group's page, the location changes before
/// the router swaps the groups: the page shown must not follow a path that
/// is not its group's (the entry group would show `/` and send the person
/// back home).
fn owned_path(owns: fn(&str) -> bool) -> Memo<String> {
    let location = use_location();
    Memo::new(move |previous: Option<&String>| {
        let path = location.pathname.get();
        match previous {
            Some(previous) if !owns(&path) => previous.clone(),
            _ => path,
        }
    })
}

fn trimmed(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        path => path,
    }
}

fn office_owns(path: &str) -> bool {
    [
        "/programmes",
        "/invite/",
        "/pairs/",
        "/people",
        "/audit",
        "/forgot",
        "/reset/",
        "/confirm-email/",
        "/setup",
        "/two-step",
        "/paper",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
}

const ENTRY_PATHS: [&str; 9] = [
    "/",
    "/login",
    "/account",
    "/no-role",
    "/mentee",
    "/manager",
    "/manager/logs",
    "/coordinator",
    "/notifications",
];

fn entry_owns(path: &str) -> bool {
    ENTRY_PATHS.contains(&trimmed(path))
}

const MENTOR_PATHS: [&str; 9] = [
    "/mentor/concerns",
    "/mentor/log",
    "/mentor/logs",
    "/mentor/outbox",
    "/mentor/reports",
    "/mentor/report",
    "/mentor/goals",
    "/mentor/checks",
    // A mentee answering a report with their own login: the same form.
    "/mentee/report",
];

fn mentor_pages_own(path: &str) -> bool {
    MENTOR_PATHS.contains(&trimmed(path))
}

/// Which office page a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    Programmes,
    ProgrammeForm,
    Programme,
    Recruitment,
    Candidate,
    Training,
    Matching,
    Supervision,
    ProgrammeReport,
    Compare,
    Invite,
    GoOn,
    Mirror,
    PaperReport,
    PairGoals,
    PairConcerns,
    People,
    Person,
    Audit,
    Forgot,
    Reset,
    ConfirmEmail,
    Setup,
    TwoStep,
    Paper,
    NotFound,
}

fn page_of(path: &str) -> Page {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["programmes"] => Page::Programmes,
        ["programmes", "new"] | ["programmes", _, "edit"] => Page::ProgrammeForm,
        ["programmes", "compare"] => Page::Compare,
        ["programmes", _] => Page::Programme,
        ["programmes", _, "recruitment"] => Page::Recruitment,
        ["programmes", _, "candidates", _] => Page::Candidate,
        ["programmes", _, "training"] => Page::Training,
        ["programmes", _, "matching"] => Page::Matching,
        ["programmes", _, "supervision"] => Page::Supervision,
        ["programmes", _, "report"] => Page::ProgrammeReport,
        ["invite", _] => Page::Invite,
        ["pairs", "go-on"] => Page::GoOn,
        ["pairs", _, "reports"] => Page::Mirror,
        ["pairs", _, "reports", "paper"] => Page::PaperReport,
        ["pairs", _, "goals"] => Page::PairGoals,
        ["pairs", _, "concerns"] => Page::PairConcerns,
        ["people"] => Page::People,
        ["people", _] => Page::Person,
        ["audit"] => Page::Audit,
        ["forgot"] => Page::Forgot,
        ["reset", _] => Page::Reset,
        ["confirm-email", _] => Page::ConfirmEmail,
        ["setup"] => Page::Setup,
        ["two-step"] => Page::TwoStep,
        ["paper"] => Page::Paper,
        _ => Page::NotFound,
    }
}

/// The page of the current path, anew whenever the path changes (a page
/// whose query changes, like the recruitment board's tabs, follows it
/// itself).
#[component]
pub fn OfficePage() -> impl IntoView {
    let path = owned_path(office_owns);
    move || {
        let path = path.get();
        match page_of(&path) {
            Page::Programmes => view! { <super::programmes::ProgrammesPage/> }.into_any(),
            Page::ProgrammeForm => view! { <super::programmes::ProgrammeFormPage/> }.into_any(),
            Page::Programme => view! { <super::programmes::ProgrammeView/> }.into_any(),
            Page::Recruitment => view! { <super::recruitment::RecruitmentPage/> }.into_any(),
            Page::Candidate => view! { <super::recruitment::CandidatePage/> }.into_any(),
            Page::Training => view! { <super::training::TrainingPage/> }.into_any(),
            Page::Matching => view! { <super::matching::MatchingPage/> }.into_any(),
            Page::Supervision => view! { <super::supervision::SupervisionPage/> }.into_any(),
            Page::ProgrammeReport => {
                view! { <super::programme_report::ProgrammeReportPage/> }.into_any()
            }
            Page::Compare => view! { <super::programme_report::ComparePage/> }.into_any(),
            Page::Invite => view! { <super::invitations::InvitePage/> }.into_any(),
            Page::GoOn => view! { <super::go_on::GoOnPage/> }.into_any(),
            Page::Mirror => view! { <super::mirror::MirrorPage/> }.into_any(),
            Page::PaperReport => view! { <super::mirror::PaperReportPage/> }.into_any(),
            Page::PairGoals => view! { <super::goals::PairGoalsPage/> }.into_any(),
            Page::PairConcerns => view! { <super::concerns::PairConcernsPage/> }.into_any(),
            Page::People => view! { <super::privacy::PeoplePage/> }.into_any(),
            Page::Person => view! { <super::privacy::PersonView/> }.into_any(),
            Page::Audit => view! { <super::privacy::AuditPage/> }.into_any(),
            Page::Forgot => view! { <super::recover::ForgotPage/> }.into_any(),
            Page::Reset => view! { <super::recover::ResetPage/> }.into_any(),
            Page::ConfirmEmail => view! { <super::recover::ConfirmEmailPage/> }.into_any(),
            Page::Setup => view! { <super::recover::SetupPage/> }.into_any(),
            Page::TwoStep => view! { <super::recover::TwoStepSetupPage/> }.into_any(),
            Page::Paper => view! { <super::paper::PaperPage/> }.into_any(),
            Page::NotFound => view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any(),
        }
    }
}

/// `/`, `/login`, `/no-role`, `/mentee`, `/manager` (the manager's home),
/// `/manager/logs`, `/coordinator` or `/notifications` (all but the first
/// three with the office's texts).
#[component]
pub fn EntryPages() -> impl IntoView {
    use crate::components::OfficeTexts;
    let path = owned_path(entry_owns);
    move || match trimmed(&path.get()) {
        "/login" => view! { <super::login::LoginPage/> }.into_any(),
        "/no-role" => view! { <super::dispatch::NoRolePage/> }.into_any(),
        "/account" => {
            view! { <OfficeTexts><super::account::AccountPage/></OfficeTexts> }.into_any()
        }
        "/mentee" => view! { <OfficeTexts><super::mentee::MenteePage/></OfficeTexts> }.into_any(),
        "/manager" => {
            view! { <OfficeTexts><super::dashboard::DashboardPage/></OfficeTexts> }.into_any()
        }
        "/manager/logs" => {
            view! { <OfficeTexts><super::manager::ManagerLogsPage/></OfficeTexts> }.into_any()
        }
        "/notifications" => {
            view! { <OfficeTexts><super::notifications::NotificationsPage/></OfficeTexts> }
                .into_any()
        }
        "/coordinator" => {
            view! { <OfficeTexts><super::coordinator::CoordinatorPage/></OfficeTexts> }.into_any()
        }
        _ => view! { <super::dispatch::Dispatch/> }.into_any(),
    }
}

/// `/mentor/log`, `/mentor/logs`, `/mentor/outbox`, the reports or the goals. A change of the
/// query alone keeps the page (the logs' filter follows it by itself).
#[component]
pub fn MentorPages() -> impl IntoView {
    let path = owned_path(mentor_pages_own);
    move || {
        let path = path.get();
        match trimmed(&path) {
            "/mentor/log" => view! { <super::meeting_form::MeetingLogPage/> }.into_any(),
            "/mentor/logs" => view! { <super::mentor::MentorLogsPage/> }.into_any(),
            "/mentor/outbox" => view! { <super::outbox::OutboxPage/> }.into_any(),
            "/mentor/reports" => view! { <super::reports::ReportsPage/> }.into_any(),
            "/mentor/report" => view! { <super::reports::ReportFormPage/> }.into_any(),
            "/mentor/goals" => view! { <super::goals::MentorGoalsPage/> }.into_any(),
            "/mentor/checks" => view! { <super::screening::MyChecksPage/> }.into_any(),
            "/mentor/concerns" => view! { <super::concerns::MentorConcernsPage/> }.into_any(),
            "/mentee/report" => view! { <super::reports::MenteeReportPage/> }.into_any(),
            _ => view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_group_owns_its_paths_and_no_other() {
        assert!(entry_owns("/") && entry_owns("/login") && entry_owns("/manager/"));
        assert!(!entry_owns("/programmes") && !entry_owns("/mentor"));
        assert!(
            office_owns("/programmes") && office_owns("/invite/x") && office_owns("/pairs/go-on")
        );
        assert!(!office_owns("/manager") && !office_owns("/"));
        assert!(mentor_pages_own("/mentor/log") && !mentor_pages_own("/mentor"));
        assert!(mentor_pages_own("/mentor/concerns") && entry_owns("/manager/logs"));
        assert!(entry_owns("/notifications") && !office_owns("/notifications"));
    }

    #[test]
    fn every_page_of_the_office_group_starts_with_the_office_texts() {
        // Otherwise the page rendered on the server (with its texts) and the
        // one the browser wakes up (without them yet) differ, and it never
        // wakes up.
        for path in [
            "/programmes",
            "/programmes/abc/recruitment",
            "/invite/token",
            "/pairs/abc/reports",
            "/people",
            "/people/user:abc",
            "/audit",
            "/forgot",
            "/reset/token",
            "/confirm-email/token",
            "/setup",
            "/two-step",
            "/paper",
        ] {
            assert!(office_owns(path), "{path}");
            assert!(crate::boot::office_page(path), "{path}");
        }
    }

    #[test]
    fn each_office_path_names_its_page() {
        for (path, page) in [
            ("/programmes", Page::Programmes),
            ("/programmes/", Page::Programmes),
            ("/programmes/new", Page::ProgrammeForm),
            ("/programmes/abc/edit", Page::ProgrammeForm),
            ("/programmes/abc", Page::Programme),
            ("/programmes/abc/recruitment", Page::Recruitment),
            ("/programmes/abc/candidates/new", Page::Candidate),
            ("/programmes/abc/candidates/def", Page::Candidate),
            ("/programmes/abc/training", Page::Training),
            ("/programmes/abc/matching", Page::Matching),
            ("/programmes/abc/supervision", Page::Supervision),
            ("/invite/token", Page::Invite),
            ("/pairs/go-on", Page::GoOn),
            ("/pairs/abc/reports", Page::Mirror),
            ("/pairs/abc/reports/paper", Page::PaperReport),
            ("/pairs/abc/goals", Page::PairGoals),
            ("/paper", Page::Paper),
            ("/pairs/abc/concerns", Page::PairConcerns),
            ("/people", Page::People),
            ("/people/user:abc", Page::Person),
            ("/audit", Page::Audit),
            ("/programmes/abc/unknown", Page::NotFound),
            ("/pairs", Page::NotFound),
        ] {
            assert_eq!(page_of(path), page, "{path}");
        }
    }
}
