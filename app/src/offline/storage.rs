//! The key-value store under the offline data: the browser's local storage
//! (through gloo-storage) in the app, memory in tests.

use serde::{de::DeserializeOwned, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser refused to store more (its quota is used up).
    #[error("the phone's storage for this site is full")]
    Full,
    /// Local storage is switched off or missing.
    #[error("local storage is not available")]
    Unavailable,
    #[error("could not store the data: {0}")]
    Other(String),
}

/// Text values under text keys. Each `set` is atomic on its own, which is why
/// the outbox keeps one key per item: two tabs never lose each other's items.
pub trait KeyValue {
    fn get(&self, key: &str) -> Option<String>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str);
    /// Every key that starts with `prefix`.
    fn keys(&self, prefix: &str) -> Vec<String>;
}

pub fn get_json<T: DeserializeOwned>(store: &impl KeyValue, key: &str) -> Option<T> {
    store
        .get(key)
        .and_then(|text| serde_json::from_str(&text).ok())
}

pub fn set_json<T: Serialize>(
    store: &impl KeyValue,
    key: &str,
    value: &T,
) -> Result<(), StorageError> {
    let text = serde_json::to_string(value).map_err(|e| StorageError::Other(e.to_string()))?;
    store.set(key, &text)
}

/// In memory, with an optional size limit to play a full phone in tests.
#[derive(Clone, Default)]
pub struct MemoryStore {
    data: std::rc::Rc<std::cell::RefCell<std::collections::BTreeMap<String, String>>>,
    limit_bytes: Option<usize>,
}

impl MemoryStore {
    pub fn with_limit(limit_bytes: usize) -> Self {
        MemoryStore {
            limit_bytes: Some(limit_bytes),
            ..Default::default()
        }
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.data.borrow().get(key).cloned()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if let Some(limit) = self.limit_bytes {
            let others: usize = self
                .data
                .borrow()
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > limit {
                return Err(StorageError::Full);
            }
        }
        self.data
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) {
        self.data.borrow_mut().remove(key);
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        self.data
            .borrow()
            .keys()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect()
    }
}

/// The browser's local storage.
#[derive(Clone, Copy, Default)]
pub struct BrowserStore;

impl BrowserStore {
    /// `None` when the browser has local storage switched off, and always on
    /// the server.
    pub fn available() -> Option<BrowserStore> {
        if !cfg!(target_arch = "wasm32") {
            return None;
        }
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .map(|_| BrowserStore)
    }
}

impl KeyValue for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::raw()
            .get_item(key)
            .ok()
            .flatten()
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::raw()
            .set_item(key, value)
            .map_err(|error| {
                let name = js_sys::Reflect::get(&error, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .unwrap_or_default();
                if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
                    StorageError::Full
                } else {
                    StorageError::Other(name)
                }
            })
    }

    fn remove(&self, key: &str) {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::delete(key);
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        use gloo_storage::Storage;
        let raw = gloo_storage::LocalStorage::raw();
        let count = raw.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| raw.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect()
    }
}
