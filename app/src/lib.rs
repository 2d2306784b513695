//! Parent Bridge: the isomorphic application, compiled for the server
//! (`ssr`) and for the browser (`hydrate`).

pub mod api;
mod app;
pub mod boot;
pub mod components;
pub mod csp;
pub mod i18n;
pub mod model;
pub mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod render;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(feature = "ssr")]
pub use app::shell;
pub use app::App;
