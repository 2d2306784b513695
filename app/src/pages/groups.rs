//! Pages grouped into one lazy route each: the page is picked from the
//! path here, in the group's part of the app, so the mentor's first load
//! carries one route per group rather than one per page (every route and
//! every part costs code in the part every page loads). The office: the
//! manager's and the coordinator's pages; the mentor's pages after the
//! home; the public pages: `/`, `/login`, `/no-role` and the mentee's.

use crate::components::{ErrorKind, ErrorPage};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Which office page a path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Page {
    Manager,
    Coordinator,
    Programmes,
    ProgrammeForm,
    Programme,
    Recruitment,
    Candidate,
    Training,
    Matching,
    Invite,
    GoOn,
    NotFound,
}

fn page_of(path: &str) -> Page {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["manager"] => Page::Manager,
        ["coordinator"] => Page::Coordinator,
        ["programmes"] => Page::Programmes,
        ["programmes", "new"] | ["programmes", _, "edit"] => Page::ProgrammeForm,
        ["programmes", _] => Page::Programme,
        ["programmes", _, "recruitment"] => Page::Recruitment,
        ["programmes", _, "candidates", _] => Page::Candidate,
        ["programmes", _, "training"] => Page::Training,
        ["programmes", _, "matching"] => Page::Matching,
        ["invite", _] => Page::Invite,
        ["pairs", "go-on"] => Page::GoOn,
        _ => Page::NotFound,
    }
}

/// The page of the current path, anew whenever the path changes (a page
/// whose query changes, like the recruitment board's tabs, follows it
/// itself).
#[component]
pub fn OfficePage() -> impl IntoView {
    let location = use_location();
    move || {
        let path = location.pathname.get();
        match page_of(&path) {
            Page::Manager => view! { <super::manager::ManagerPage/> }.into_any(),
            Page::Coordinator => view! { <super::coordinator::CoordinatorPage/> }.into_any(),
            Page::Programmes => view! { <super::programmes::ProgrammesPage/> }.into_any(),
            Page::ProgrammeForm => view! { <super::programmes::ProgrammeFormPage/> }.into_any(),
            Page::Programme => view! { <super::programmes::ProgrammeView/> }.into_any(),
            Page::Recruitment => view! { <super::recruitment::RecruitmentPage/> }.into_any(),
            Page::Candidate => view! { <super::recruitment::CandidatePage/> }.into_any(),
            Page::Training => view! { <super::training::TrainingPage/> }.into_any(),
            Page::Matching => view! { <super::matching::MatchingPage/> }.into_any(),
            Page::Invite => view! { <super::invitations::InvitePage/> }.into_any(),
            Page::GoOn => view! { <super::go_on::GoOnPage/> }.into_any(),
            Page::NotFound => view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any(),
        }
    }
}

/// `/`, `/login`, `/no-role` or `/mentee`.
#[component]
pub fn PublicPage() -> impl IntoView {
    let location = use_location();
    move || match location.pathname.get().trim_end_matches('/') {
        "/login" => view! { <super::login::LoginPage/> }.into_any(),
        "/no-role" => view! { <super::dispatch::NoRolePage/> }.into_any(),
        "/mentee" => view! { <super::mentee::MenteePage/> }.into_any(),
        _ => view! { <super::dispatch::Dispatch/> }.into_any(),
    }
}

/// `/mentor/log`, `/mentor/logs` or `/mentor/outbox`. A change of the
/// query alone keeps the page (the logs' filter follows it by itself).
#[component]
pub fn MentorPages() -> impl IntoView {
    let location = use_location();
    move || {
        let path = location.pathname.get();
        match path.trim_end_matches('/') {
            "/mentor/log" => view! { <super::meeting_form::MeetingLogPage/> }.into_any(),
            "/mentor/logs" => view! { <super::mentor::MentorLogsPage/> }.into_any(),
            "/mentor/outbox" => view! { <super::outbox::OutboxPage/> }.into_any(),
            _ => view! { <ErrorPage kind=ErrorKind::NotFound/> }.into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_office_path_names_its_page() {
        for (path, page) in [
            ("/manager", Page::Manager),
            ("/coordinator", Page::Coordinator),
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
            ("/invite/token", Page::Invite),
            ("/pairs/go-on", Page::GoOn),
            ("/programmes/abc/unknown", Page::NotFound),
            ("/pairs", Page::NotFound),
        ] {
            assert_eq!(page_of(path), page, "{path}");
        }
    }
}
