//! The pages, by role. Every page but the mentor's home is a lazy route:
//! its code is a separate part of the app, fetched when the page is first
//! opened (and kept by the service worker for offline use), so a mentor's
//! phone downloads first only what the home page needs.

mod coordinator;
mod dispatch;
mod login;
mod manager;
mod meeting_form;
mod mentee;
mod mentor;
mod outbox;

pub use mentor::{LogCard, MentorHome};

/// A lazy route for a page component that loads its own data.
macro_rules! lazy_page {
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
    ManagerRoute => manager::ManagerPage
);
lazy_page!(
    /// `/coordinator`.
    CoordinatorRoute => coordinator::CoordinatorPage
);
lazy_page!(
    /// `/mentee`.
    MenteeRoute => mentee::MenteePage
);
