//! End-to-end tests of the HTTP API: a real server, a real database (SQLite,
//! or PostgreSQL with `PB_TEST_POSTGRES_URL`), real HTTP requests.

mod account_links;
mod accounts;
mod auth;
mod calendar;
mod cli;
mod concerns;
mod corrections;
mod dashboard;
mod goals;
mod helpers;
mod journey;
mod log_search;
mod meeting_logs;
mod migrations;
mod notifications;
mod office;
mod operations;
mod pages;
mod permissions;
mod privacy;
mod programme_report;
mod programmes;
mod reach;
mod recruitment;
mod reports;
mod screening;
mod supervision;
mod sync;
mod sync_props;
mod trust;
mod two_step;
