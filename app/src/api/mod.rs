//! Server functions, grouped by capability. Each one checks the session and
//! the permission first (role and object), then calls the store.

mod error;
pub use error::AppError;

#[cfg(feature = "ssr")]
pub mod context;

pub mod auth;
pub mod concerns;
pub mod coordinator;
pub mod dashboard;
pub mod goals;
#[cfg(feature = "ssr")]
pub mod impact;
pub mod invitations;
pub mod journey;
pub mod manager;
pub mod matching;
pub mod mentee;
pub mod mentor;
pub mod notifications;
pub mod privacy;
pub mod programme_report;
pub mod programmes;
pub mod recruitment;
#[cfg(feature = "ssr")]
pub mod report_document;
#[cfg(feature = "ssr")]
pub mod report_render;
pub mod reports;
pub mod screening;
pub mod supervision;
pub mod sync;
pub mod training;
