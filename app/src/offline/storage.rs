//! The key-value store under the offline data: the browser's local storage
//! (through gloo-storage), a person's values encrypted by their vault, in
//! the app; memory in tests.

use crate::model::UserId;
use serde::{de::DeserializeOwned, Serialize};
use std::cell::RefCell;

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

/// The browser's local storage, with a person's values encrypted.
///
/// A person's values (keys made by `keys::person_prefix`) are read and
/// written in memory, decrypted, while their vault is open; each write is
/// encrypted and put in local storage right after (a write that is
/// superseded before it lands is dropped, so the newest value wins). Local
/// storage never holds them in plain text. While the vault is closed they
/// cannot be read or written. The few values that hold nothing about a
/// person go to local storage as they are.
#[derive(Clone, Copy, Default)]
pub struct BrowserStore;

/// The open vault's values, decrypted. (A few hundred at most: lists cost
/// the phone's download far less than maps.)
struct Mirror {
    user: UserId,
    values: Vec<(String, String)>,
    /// Each key's newest write, so an older encryption never lands last.
    writes: Vec<(String, u64)>,
    next_write: u64,
}

impl Mirror {
    fn get(&self, key: &str) -> Option<&String> {
        self.values.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn put(&mut self, key: &str, value: Option<String>) {
        self.values.retain(|(k, _)| k != key);
        if let Some(value) = value {
            self.values.push((key.to_string(), value));
        }
    }

    /// Records a write of `key`; its number.
    fn wrote(&mut self, key: &str) -> u64 {
        self.next_write += 1;
        self.writes.retain(|(k, _)| k != key);
        self.writes.push((key.to_string(), self.next_write));
        self.next_write
    }

    fn newest(&self, key: &str, write: u64) -> bool {
        self.writes.iter().any(|(k, w)| k == key && *w == write)
    }
}

thread_local! {
    static MIRROR: RefCell<Option<Mirror>> = const { RefCell::new(None) };
}

fn local() -> Option<web_sys::Storage> {
    use gloo_storage::Storage;
    cfg!(target_arch = "wasm32").then(gloo_storage::LocalStorage::raw)
}

fn full_or_other(error: wasm_bindgen::JsValue) -> StorageError {
    let name = js_sys::Reflect::get(&error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::Full
    } else {
        StorageError::Other(name)
    }
}

/// The key where a write checks there is room for its encrypted value.
const ROOM_CHECK: &str = "pb.v1.room_check";

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

    /// Opens `user`'s values, decrypted by the vault. A value kept before
    /// encryption existed (`sealed` false) is encrypted now.
    pub fn open(user: UserId, values: Vec<(String, String, bool)>) {
        let legacy: Vec<(String, String)> = values
            .iter()
            .filter(|(_, _, sealed)| !sealed)
            .map(|(k, v, _)| (k.clone(), v.clone()))
            .collect();
        MIRROR.with_borrow_mut(|m| {
            *m = Some(Mirror {
                user,
                values: values.into_iter().map(|(k, v, _)| (k, v)).collect(),
                writes: Vec::new(),
                next_write: 0,
            })
        });
        for (key, value) in legacy {
            Self::write_sealed(user, key, value);
        }
    }

    /// Whose values are open, if anyone's.
    pub fn open_for() -> Option<UserId> {
        MIRROR.with_borrow(|m| m.as_ref().map(|m| m.user))
    }

    /// Closes the values (they leave memory; local storage keeps them
    /// encrypted).
    pub fn close() {
        MIRROR.with_borrow_mut(|m| *m = None);
    }

    /// Deletes every value of `user`, in memory and in local storage.
    pub fn delete_person(user: UserId) {
        if Self::open_for() == Some(user) {
            Self::close();
        }
        if let Some(storage) = local() {
            for key in Self::stored_keys(&storage, &super::keys::person_prefix(user)) {
                let _ = storage.remove_item(&key);
            }
        }
    }

    /// Takes in a value another tab wrote (`None`: it removed it).
    pub async fn changed_elsewhere(key: String, value: Option<String>) {
        let Some(user) = super::keys::owner(&key).filter(|u| Self::open_for() == Some(*u)) else {
            return;
        };
        let value = match value {
            Some(text) => super::crypto::unseal(user, text).await,
            None => None,
        };
        MIRROR.with_borrow_mut(|m| {
            if let Some(m) = m.as_mut().filter(|m| m.user == user) {
                m.wrote(&key);
                m.put(&key, value);
            }
        });
    }

    fn write_sealed(user: UserId, key: String, value: String) {
        let write = MIRROR.with_borrow_mut(|m| Some(m.as_mut()?.wrote(&key)));
        let Some(write) = write else { return };
        leptos::task::spawn_local(async move {
            let sealed = super::crypto::seal(user, value).await;
            let newest = MIRROR.with_borrow(|m| {
                m.as_ref()
                    .is_some_and(|m| m.user == user && m.newest(&key, write))
            });
            if let (Some(sealed), true, Some(storage)) = (sealed, newest, local()) {
                if let Err(error) = storage.set_item(&key, &sealed) {
                    leptos::logging::warn!("could not keep {key}: {:?}", full_or_other(error));
                }
            }
        });
    }

    fn stored_keys(storage: &web_sys::Storage, prefix: &str) -> Vec<String> {
        let count = storage.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect()
    }

    /// The mirror, if `key` is a person's value: `Some(None)` when that
    /// person's values are not open.
    fn person_of(key: &str) -> Option<Option<UserId>> {
        let owner = super::keys::owner(key)?;
        Some((Self::open_for() == Some(owner)).then_some(owner))
    }
}

impl KeyValue for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        match Self::person_of(key) {
            Some(_) => MIRROR.with_borrow(|m| m.as_ref()?.get(key).cloned()),
            None => local()?.get_item(key).ok().flatten(),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let storage = local().ok_or(StorageError::Unavailable)?;
        match Self::person_of(key) {
            None => storage.set_item(key, value).map_err(full_or_other),
            Some(None) => Err(StorageError::Unavailable),
            Some(Some(user)) => {
                // Room for the encrypted value (base64 of the text, the
                // nonce and the tag), checked now: the write itself lands
                // a moment later.
                let room = "x".repeat(value.len() * 4 / 3 + 64);
                storage.set_item(ROOM_CHECK, &room).map_err(full_or_other)?;
                let _ = storage.remove_item(ROOM_CHECK);
                MIRROR.with_borrow_mut(|m| {
                    if let Some(m) = m.as_mut() {
                        m.put(key, Some(value.to_string()));
                    }
                });
                Self::write_sealed(user, key.to_string(), value.to_string());
                Ok(())
            }
        }
    }

    fn remove(&self, key: &str) {
        if let Some(Some(_)) = Self::person_of(key) {
            MIRROR.with_borrow_mut(|m| {
                if let Some(m) = m.as_mut() {
                    m.put(key, None);
                    m.wrote(key);
                }
            });
        }
        if let Some(storage) = local() {
            let _ = storage.remove_item(key);
        }
    }

    fn keys(&self, prefix: &str) -> Vec<String> {
        match Self::person_of(prefix) {
            Some(_) => MIRROR.with_borrow(|m| {
                m.as_ref()
                    .map(|m| {
                        m.values
                            .iter()
                            .filter(|(k, _)| k.starts_with(prefix))
                            .map(|(k, _)| k.clone())
                            .collect()
                    })
                    .unwrap_or_default()
            }),
            None => local()
                .map(|s| Self::stored_keys(&s, prefix))
                .unwrap_or_default(),
        }
    }
}
