//! Everything that touches browser storage lives here and nowhere else: the
//! key-value store, the person's local data (caches and drafts), the one
//! outbox of every kind of record, the sync engine and the service worker.
//! Every storage key is made in `keys`.

pub mod concerns;
pub mod crypto;
pub mod engine;
pub mod goals;
pub mod keys;
pub mod local;
pub mod outbox;
pub mod pwa;
pub mod reports;
pub mod runner;
pub mod storage;
pub mod vault;

pub use engine::{provide_offline, use_offline, Offline, SyncStatus};
pub use local::Draft;
pub use outbox::{Entry, EntryKey, ItemState, PutOutcome};
pub use storage::StorageError;
