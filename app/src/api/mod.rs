//! Server functions, grouped by capability. Each one checks the session and
//! the permission first (role and object), then calls the store.

mod error;
pub use error::AppError;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod metrics;

pub mod accounts;
pub mod auth;
pub mod calendar;
pub mod concerns;
pub mod coordinator;
pub mod dashboard;
pub mod goals;
pub mod invitations;
pub mod journey;
pub mod manager;
pub mod matching;
pub mod mentee;
pub mod mentor;
pub mod notifications;
pub mod office;
pub mod privacy;
pub mod programme_report;
pub mod programmes;
pub mod recruitment;
pub mod reports;
pub mod screening;
pub mod setup;
pub mod supervision;
pub mod sync;
pub mod training;
pub mod two_step;
