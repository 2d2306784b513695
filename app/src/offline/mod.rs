//! Everything that touches browser storage lives here and nowhere else: the
//! key-value store, the mentor's local data (cache, draft, outbox), the sync
//! engine and the service worker. Every storage key is made in `local` (and
//! the few that belong to no person, in `keys`).

pub mod concerns;
pub mod engine;
pub mod extras;
pub mod goals;
pub mod keys;
pub mod local;
pub mod pwa;
pub mod reports;
pub mod runner;
pub mod storage;
pub mod vault;

pub use engine::{provide_offline, use_offline, Offline, SyncStatus};
pub use local::{Draft, ItemState, OutboxItem, PutOutcome};
pub use storage::StorageError;
