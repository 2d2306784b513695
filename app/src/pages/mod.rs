//! The pages, by role. Every page but the mentor's home is a lazy route:
//! its code is a separate part of the app, fetched when the page is first
//! opened (and kept by the service worker for offline use), so a mentor's
//! phone downloads first only what the home page needs.

mod coordinator;
mod dispatch;
mod go_on;
mod invitations;
mod login;
mod manager;
mod matching;
mod meeting_form;
mod mentee;
mod mentor;
mod outbox;
mod programmes;
mod recruitment;
mod training;

pub use mentor::{LogCard, MentorHome};

/// A lazy route for a page component that loads its own data. An office
/// page (`office`) shows once the office texts are there.
macro_rules! lazy_page {
    ($(#[$meta:meta])* $route:ident => office $page:path) => {
        $(#[$meta])*
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::*;
                use crate::components::OfficeTexts;
                view! { <OfficeTexts><$page/></OfficeTexts> }.into_any()
            }
        }
    };
    ($(#[$meta:meta])* $route:ident => $page:path) => {
        $(#[$meta])*
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                use leptos::prelude::*;
                view! { <$page/> }.into_any()
            }
        }
    };
}

lazy_page!(
    /// `/`: sends each person to their own home page.
    DispatchRoute => dispatch::Dispatch
);
lazy_page!(
    /// `/no-role`.
    NoRoleRoute => dispatch::NoRolePage
);
lazy_page!(
    /// `/login`.
    LoginRoute => login::LoginPage
);
lazy_page!(
    /// `/mentor/log`: the meeting log form.
    MeetingLogRoute => meeting_form::MeetingLogPage
);
lazy_page!(
    /// `/mentor/logs`: the mentor's logs.
    MentorLogsRoute => mentor::MentorLogsPage
);
lazy_page!(
    /// `/mentor/outbox`.
    OutboxRoute => outbox::OutboxPage
);
lazy_page!(
    /// `/manager`.
    ManagerRoute => office manager::ManagerPage
);
lazy_page!(
    /// `/coordinator`.
    CoordinatorRoute => office coordinator::CoordinatorPage
);
lazy_page!(
    /// `/mentee`.
    MenteeRoute => mentee::MenteePage
);
lazy_page!(
    /// `/programmes`: the programmes a person runs or manages in.
    ProgrammesRoute => office programmes::ProgrammesPage
);
lazy_page!(
    /// `/programmes/new` and `/programmes/:id/edit`.
    ProgrammeFormRoute => office programmes::ProgrammeFormPage
);
lazy_page!(
    /// `/programmes/:id`: where the programme stands, its engagement plan
    /// and invitations.
    ProgrammeRoute => office programmes::ProgrammeView
);
lazy_page!(
    /// `/programmes/:id/recruitment`.
    RecruitmentRoute => office recruitment::RecruitmentPage
);
lazy_page!(
    /// `/programmes/:id/candidates/new` and `/programmes/:id/candidates/:cid`.
    CandidateRoute => office recruitment::CandidatePage
);
lazy_page!(
    /// `/programmes/:id/training`.
    TrainingRoute => office training::TrainingPage
);
lazy_page!(
    /// `/programmes/:id/matching`.
    MatchingRoute => office matching::MatchingPage
);
lazy_page!(
    /// `/invite/:token`: accepting an invitation.
    InviteRoute => office invitations::InvitePage
);
lazy_page!(
    /// `/pairs/go-on`: a mentor or a mentee says whether they want to go
    /// on after getting to know each other.
    GoOnRoute => office go_on::GoOnPage
);
