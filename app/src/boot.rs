//! What the server knows when it renders a page, handed to the browser in
//! the page itself: who is logged in and, on a mentor's pages, their mentees
//! and newest logs. The browser starts from exactly what the server rendered,
//! so waking the page up changes nothing on screen.
//!
//! A *shell* is a page rendered for nobody (the service worker keeps shells
//! for offline use: they never hold a person's data); the browser fills it
//! from the phone's own data.

use crate::i18n::{Lang, Part};
use crate::model::{Identity, MeetingLogView, PairSummary};
use serde::{Deserialize, Serialize};

/// The request header that asks for a shell.
pub const SHELL_HEADER: &str = "x-pb-shell";

/// The id of the `<script type="application/json">` that carries the boot
/// data in the page.
pub const ELEMENT_ID: &str = "pb-boot";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boot {
    /// Rendered for nobody, to be kept for offline use.
    pub shell: bool,
    /// Who is logged in (`None` in a shell, or for nobody).
    pub identity: Option<Identity>,
    /// A mentor's data, on the mentor's pages.
    pub mentor: Option<MentorSnapshot>,
    /// The address of each language's texts, part by part.
    pub tables: Vec<(Lang, Part, String)>,
    /// The page uses the office texts (a manager's or coordinator's page).
    pub office: bool,
    /// The address of the office pages' stylesheet.
    pub office_stylesheet: String,
    /// How many notifications need the person (mentors and managers).
    #[serde(default)]
    pub notices: Option<u32>,
}

/// What a mentor's page shows: their pairs and newest logs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorSnapshot {
    pub pairs: Vec<PairSummary>,
    pub logs: Vec<MeetingLogView>,
}

impl Boot {
    /// The boot data of the page being rendered (server) or of the page the
    /// app started on (browser).
    pub fn current() -> Boot {
        #[cfg(feature = "ssr")]
        {
            leptos::prelude::use_context::<http::request::Parts>()
                .and_then(|parts| parts.extensions.get::<Boot>().cloned())
                .unwrap_or_default()
        }
        #[cfg(not(feature = "ssr"))]
        {
            browser::boot()
        }
    }

    /// The server knows who is logged in (it is not a shell).
    pub fn knows_identity(&self) -> bool {
        !self.shell
    }

    /// The boot data as the text of a `<script type="application/json">`:
    /// `<` is escaped so no text in it can close the element.
    pub fn to_script_text(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| "{}".to_string())
            .replace('<', "\\u003c")
    }

    /// The address of `lang`'s `part` of the texts.
    pub fn table_url(&self, lang: Lang, part: Part) -> Option<&str> {
        self.tables
            .iter()
            .find(|(l, p, _)| *l == lang && *p == part)
            .map(|(_, _, url)| url.as_str())
    }
}

/// A page of the office (managers, coordinators): it uses the office part
/// of the texts. Every other page uses the core only.
pub fn office_page(path: &str) -> bool {
    [
        "/manager",
        "/coordinator",
        // The mentee's page shows their goals (office texts).
        "/mentee",
        "/programmes",
        "/invite",
        "/pairs",
        // People and their data, the audit trail.
        "/people",
        "/audit",
        // The reports' questions are office texts (kept offline by the
        // service worker with every part of the texts).
        "/mentor/report",
        "/mentor/reports",
        // The goals' page, the meeting log form, the logs and the outbox
        // too (their texts are the office's: the mentor's home does not
        // load them).
        "/mentor/goals",
        "/mentor/log",
        "/mentor/logs",
        "/mentor/outbox",
        // The mentor's screening checks (online only).
        "/mentor/checks",
        // A safeguarding concern, and the notifications.
        "/mentor/concerns",
        "/notifications",
        // The person's own account, and the pages that recover one.
        "/account",
        "/forgot",
        "/reset",
        "/confirm-email",
        "/setup",
        "/two-step",
        // The blank tools to print.
        "/paper",
    ]
    .iter()
    .any(|prefix| path == *prefix || path.starts_with(&format!("{prefix}/")))
}

/// The office's stylesheet (`style/office.css`), served under a name with
/// its hash and linked from office pages only.
#[cfg(feature = "ssr")]
pub mod office_stylesheet {
    pub const CSS: &str = include_str!("../../style/office.css");

    /// `/style/office.<hash>.css`.
    pub fn url() -> &'static str {
        use sha2::{Digest, Sha256};
        use std::sync::OnceLock;
        static URL: OnceLock<String> = OnceLock::new();
        URL.get_or_init(|| {
            let hash = Sha256::digest(CSS.as_bytes());
            format!("/style/office.{}.css", hex::encode(&hash[..6]))
        })
    }
}

#[cfg(not(feature = "ssr"))]
mod browser {
    use super::{Boot, ELEMENT_ID};
    use std::sync::OnceLock;

    /// Read once from the page the app started on.
    pub fn boot() -> Boot {
        static BOOT: OnceLock<Boot> = OnceLock::new();
        BOOT.get_or_init(|| {
            if !cfg!(target_arch = "wasm32") {
                return Boot::default();
            }
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(ELEMENT_ID))
                .and_then(|e| e.text_content())
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or(Boot {
                    // Unreadable: behave as in a shell (the phone's data).
                    shell: true,
                    ..Boot::default()
                })
        })
        .clone()
    }
}
