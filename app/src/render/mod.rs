//! What the server writes for readers outside the app: the programme
//! report's charts, tables and spreadsheets (`report`), the report as PDF
//! and Word (`document`), the public impact page (`impact`) and the emails
//! (`mail`). Each is made from the data, in the reader's language.

pub mod document;
pub mod impact;
pub mod mail;
pub mod report;
