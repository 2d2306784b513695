//! Every limit of Parent Bridge, in one place: what the forms accept, what a
//! sync request may carry, what the phone keeps, how sessions and logins
//! are bounded. The browser and the server read the same numbers, and the
//! translated messages quote them from here.

/// The longest meeting a log may record, in minutes (8 hours).
pub const MAX_DURATION_MINUTES: u32 = 8 * 60;

/// The longest text a free-text field may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// The longest narrative section of a programme report, in characters.
pub const NARRATIVE_MAX_CHARS: usize = 20_000;

/// The most items one sync request may carry (the server refuses more).
pub const MAX_SYNC_BATCH: usize = 100;

/// The largest body the server reads for a sync request, in bytes. Larger
/// requests are answered 413 before they are read.
pub const MAX_SYNC_BODY_BYTES: usize = 1024 * 1024;

/// The largest body of any other server function call, in bytes.
pub const MAX_API_BODY_BYTES: usize = 256 * 1024;

/// How many items the phone puts in one sync request at most.
pub const SYNC_BATCH_ITEMS: usize = 50;

/// How many bytes the phone puts in one sync request at most: well below
/// [`MAX_SYNC_BODY_BYTES`], so a batch is never refused for its size.
pub const SYNC_BATCH_BYTES: usize = MAX_SYNC_BODY_BYTES / 2;

/// Retries of a sync that got no answer: from 2 s, doubling, at most 5 min.
pub const SYNC_RETRY_BASE_MS: u64 = 2_000;
pub const SYNC_RETRY_MAX_MS: u64 = 300_000;

/// How many recent logs the phone keeps for reading offline: the first
/// page of the mentor's list (older pages are read online).
pub const CACHED_LOGS: usize = 100;

/// How long the app may stay unused offline before it asks for the app PIN
/// again, in minutes.
pub const OFFLINE_IDLE_LOCK_MINUTES: i64 = 30;

/// A phone's storage key (what opens its data without the PIN) is handed
/// only to a session whose person typed their password this many minutes
/// ago or less: a stolen phone with a live session gets the PIN, not the
/// key.
pub const STORAGE_KEY_LOGIN_MINUTES: i64 = 10;

/// How many wrong app PINs in a row make the phone require an online login.
pub const MAX_PIN_TRIES: u32 = 5;

/// The app PIN's length in digits: short enough to type on a phone, long
/// enough that its PBKDF2 (below) does not fall to a brute force of every
/// PIN in seconds (a million PINs, each about a second on a phone).
pub const PIN_MIN_DIGITS: usize = 6;
pub const PIN_MAX_DIGITS: usize = 8;

/// PBKDF2-SHA-256 rounds that turn the app PIN into the key wrapping the
/// phone's data key (about a second on a cheap phone).
pub const PIN_KDF_ITERATIONS: u32 = 310_000;

/// How long a synced item stays listed in the phone's outbox, in days.
pub const KEEP_SYNCED_DAYS: i64 = 7;

/// How many logs one page of the office's log search shows.
pub const LOG_PAGE_SIZE: usize = 50;

/// At most this many words of a log search are looked for (the rest are
/// ignored rather than making the search slower and slower).
pub const MAX_SEARCH_WORDS: usize = 8;

/// Passwords: at least this many characters...
pub const MIN_PASSWORD_CHARS: usize = 12;
/// ...and at most this many bytes (longer ones are refused before hashing).
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// The longest email address (RFC 5321).
pub const MAX_EMAIL_BYTES: usize = 254;

/// The most goals one meeting log may say were worked on.
pub const MAX_GOALS_PER_LOG: usize = 20;

/// The longest validity of a screening check, in months (ten years).
pub const MAX_VALIDITY_MONTHS: u32 = 120;

/// The most versions one goal, meeting log or report may have (its first
/// included): corrections are a few, never thousands.
pub const MAX_REVISIONS: u32 = 200;

/// A pair getting to know each other is confirmed within this many days
/// (the model: "a couple of weeks"); later is an alert.
pub const CONFIRM_WITHIN_DAYS: i64 = 21;

/// A report due within this many days shows as due soon.
pub const DUE_SOON_DAYS: i64 = 14;

/// An active pair with no meeting logged for this many days is an alert,
/// unless the programme sets its own number (within the bounds below).
pub const DEFAULT_QUIET_DAYS: u32 = 14;
pub const MIN_QUIET_DAYS: u32 = 7;
pub const MAX_QUIET_DAYS: u32 = 60;

/// How many pairs one page of the manager's home shows.
pub const DASHBOARD_PAGE: usize = 100;

/// How many alerts the manager's home lists (the rest behind a link).
pub const DASHBOARD_ALERTS: usize = 50;

/// A mentor whose first pair started this many days ago or less is new: a
/// check-in call is due if none was logged (a programme's first quarter).
pub const NEW_MENTOR_DAYS: i64 = 90;

/// How long read notifications stay listed, in days (unread ones stay).
pub const EVENTS_KEPT_DAYS: i64 = 30;

/// How many times an email is tried before it is given up.
pub const MAX_EMAIL_ATTEMPTS: u32 = 10;

/// Logins are counted over this window, in minutes.
pub const LOGIN_WINDOW_MINUTES: i64 = 15;

/// Attempts one account may make from one address within the window
/// before each further one must wait (never a lock of the account: the
/// right password from elsewhere still works).
pub const LOGIN_FREE_ATTEMPTS: i64 = 5;

/// The wait before the first attempt past the free ones, in seconds; each
/// further attempt doubles it, up to [`LOGIN_MAX_DELAY_SECONDS`].
pub const LOGIN_FIRST_DELAY_SECONDS: i64 = 30;
pub const LOGIN_MAX_DELAY_SECONDS: i64 = 15 * 60;

/// Attempts from one address (an IPv6 /64 counts as one) within the
/// window, for any accounts, before it must wait for the window to pass.
pub const LOGIN_ATTEMPTS_PER_ADDRESS: i64 = 50;

/// Attempts on one account within the window from addresses that never
/// logged into it, before each further one from such an address waits.
pub const LOGIN_ACCOUNT_BUDGET: i64 = 20;

/// A session of a manager or a coordinator ends after this many minutes
/// unused, and this many hours after login (mentors work offline for days
/// and keep the longer ones below).
pub const OFFICE_SESSION_IDLE_MINUTES: i64 = 30;
pub const OFFICE_SESSION_MAX_HOURS: i64 = 12;

/// A mentor's or a mentee's session: 7 days unused, 30 days at most.
pub const SESSION_IDLE_MINUTES: i64 = 7 * 24 * 60;
pub const SESSION_MAX_HOURS: i64 = 30 * 24;

/// A programme keeps the personal data of an ended pair this many months
/// by default, then anonymises it; a coordinator may choose from
/// [`RETENTION_MONTHS_MIN`] to [`RETENTION_MONTHS_MAX`].
pub const RETENTION_MONTHS_DEFAULT: u32 = 24;
pub const RETENTION_MONTHS_MIN: u32 = 1;
pub const RETENTION_MONTHS_MAX: u32 = 120;

/// The audit trail's search shows this many records a page.
pub const AUDIT_PAGE_SIZE: usize = 100;

/// The people list shows at most this many people (a search narrows it).
pub const PEOPLE_LISTED: usize = 300;

/// The public impact page shows no count below this (nor a share of fewer
/// answers): "fewer than 5" instead, so nobody can be singled out.
pub const PUBLIC_MIN_COUNT: u32 = 5;

/// The client address of an audit record is kept this many months, then
/// blanked (the record itself stays): long enough to look into an
/// incident, not a log of where people were for years.
pub const AUDIT_ADDRESS_MONTHS: u32 = 6;
