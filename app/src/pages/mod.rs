//! The pages, by role.

mod coordinator;
mod dispatch;
mod login;
mod manager;
mod meeting_form;
mod mentee;
mod mentor;
mod outbox;

pub use coordinator::CoordinatorRoute;
pub use dispatch::{Dispatch, NoRolePage};
pub use login::LoginPage;
pub use manager::ManagerRoute;
pub use meeting_form::MeetingLogPage;
pub use mentee::MenteeRoute;
pub use mentor::{LogCard, MentorHome, MentorLogsPage};
pub use outbox::OutboxPage;
