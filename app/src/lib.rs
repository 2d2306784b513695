//! Parent Bridge: the isomorphic application, compiled for the server
//! (`ssr`) and for the browser (`hydrate`).

pub mod api;
pub mod i18n;
pub mod model;
#[cfg(feature = "ssr")]
pub mod store;
