//! The pages, by role. Every page but the mentor's home is a lazy route:
//! its code is a separate part of the app, fetched when the page is first
//! opened (and kept by the service worker for offline use), so a mentor's
//! phone downloads first only what the home page needs.

mod account;
mod concerns;
mod coordinator;
mod dashboard;
mod dispatch;
mod go_on;
mod goals;
mod groups;
mod invitations;
mod login;
mod manager;
mod matching;
mod meeting_form;
mod mentee;
mod mentor;
mod mirror;
mod notifications;
mod outbox;
mod paper;
mod privacy;
mod programme_report;
mod programmes;
mod recover;
mod recruitment;
mod reports;
mod screening;
mod supervision;
mod training;

pub use mentor::{LogCard, MentorHome};

pub use screening::ScreeningAlerts;

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
    /// `/mentor/log`, `/mentor/logs`, `/mentor/outbox`, `/mentor/reports`,
    /// `/mentor/report`, `/mentor/goals`, `/mentor/concerns`: the mentor's
    /// pages after the home, one part of the app (see `groups::MentorPages`).
    MentorPagesRoute => groups::MentorPages
);
lazy_page!(
    /// The pages people land on: `/`, `/login`, `/no-role`, the homes of
    /// mentees, managers and coordinators, the manager's logs and the
    /// notifications: one small part of the app
    /// (see `groups::EntryPages`).
    EntryRoute => groups::EntryPages
);
lazy_page!(
    /// The office's pages (programmes, recruitment, training, matching,
    /// supervision, invitations, a pair's reports, goals and concerns) and
    /// the journey's questions: one part of the app, loaded when first opened
    /// (see `groups::OfficePage`).
    OfficeRoute => office groups::OfficePage
);
