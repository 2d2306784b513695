//! The lock on what the phone keeps. Every value of a person is encrypted
//! (AES-GCM) with a data key of their own that is never extractable; the
//! cryptography and the key's keeping (IndexedDB) are in `public/vault.js`,
//! the decisions here, as small pure functions with tests:
//!
//! - the app opens with the key the phone keeps while it was used in the
//!   last [`OFFLINE_IDLE_LOCK_MINUTES`];
//! - else with the person's storage key from the server, which needs a
//!   session whose password was typed minutes ago (an online login always
//!   opens, and lifts a lock; a lost phone's old session does not);
//! - else (offline, or online with an older session) it asks for the app
//!   PIN, chosen at the first login on the phone; after [`MAX_PIN_TRIES`]
//!   wrong ones only an online login opens it. Nothing is deleted on the
//!   way: an unsent log waits.
//!
//! While open, the values are decrypted in memory (see
//! `storage::BrowserStore`); in local storage they are only ciphertext.

use crate::model::limits::{
    MAX_PIN_TRIES, OFFLINE_IDLE_LOCK_MINUTES, PIN_MAX_DIGITS, PIN_MIN_DIGITS,
};
/// What the phone holds for one person, as `vault.js` reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The data key is kept (the app was not locked).
    pub key: bool,
    /// Milliseconds since the app was last used (-1: never).
    pub idle_ms: i64,
    /// The phone has a vault for the person.
    pub record: bool,
    /// An app PIN was chosen.
    pub pin: bool,
    /// Wrong PINs in a row.
    pub tries: u32,
}

/// What the person sees instead of the app, if anything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Gate {
    /// Nothing to open (nobody, or not a mentor): the app as it is.
    #[default]
    Hidden,
    /// Opening (a moment, or a network round trip).
    Opening,
    /// First login on this phone: choose the app PIN.
    ChoosePin,
    /// Offline after the idle time: the app PIN, with the tries left.
    EnterPin { tries_left: u32 },
    /// Offline, and the PIN cannot open it (too many wrong ones, or none
    /// was chosen): an online login is needed. Unsent work stays.
    NeedLogin,
    /// Open: the app shows the person's data.
    Open,
}

impl Facts {
    /// From `vault.js`' numbers: key kept, idle milliseconds, vault made,
    /// PIN chosen, wrong PINs (anything missing reads as nothing kept).
    pub fn from_numbers(numbers: &[f64]) -> Facts {
        let at = |i: usize| numbers.get(i).copied().unwrap_or(0.0);
        Facts {
            key: at(0) > 0.0,
            idle_ms: numbers.get(1).map_or(-1, |n| *n as i64),
            record: at(2) > 0.0,
            pin: at(3) > 0.0,
            tries: at(4).max(0.0) as u32,
        }
    }
}

/// How long the app may be unused offline before the PIN is asked.
pub const IDLE_LIMIT_MS: i64 = OFFLINE_IDLE_LOCK_MINUTES * 60 * 1000;

/// The kept key opens the app: it was used within the idle time.
pub fn key_opens(facts: &Facts) -> bool {
    facts.key && (0..IDLE_LIMIT_MS).contains(&facts.idle_ms)
}

/// The app was unused for the idle time while open: lock it.
pub fn idle_expired(idle_ms: i64) -> bool {
    idle_ms >= IDLE_LIMIT_MS
}

/// Without the server's key (offline, or no session): the PIN, or an
/// online login when the PIN cannot open it any more.
pub fn without_server(facts: &Facts) -> Gate {
    if facts.pin && facts.tries < MAX_PIN_TRIES {
        Gate::EnterPin {
            tries_left: MAX_PIN_TRIES - facts.tries,
        }
    } else {
        Gate::NeedLogin
    }
}

/// Why a chosen PIN is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinProblem {
    /// Not 6 to 8 digits.
    Shape,
    /// The two entries differ.
    Mismatch,
}

/// Checks a PIN being chosen, typed twice.
pub fn check_new_pin(pin: &str, again: &str) -> Result<(), PinProblem> {
    let digits = pin.chars().count();
    if !(PIN_MIN_DIGITS..=PIN_MAX_DIGITS).contains(&digits)
        || !pin.chars().all(|c| c.is_ascii_digit())
    {
        return Err(PinProblem::Shape);
    }
    if pin != again {
        return Err(PinProblem::Mismatch);
    }
    Ok(())
}

/// `vault.js` as the server serves it, under its hash.
#[cfg(feature = "ssr")]
pub mod script {
    const SOURCE: &str = include_str!("../../../public/vault.js");

    /// Without its comments and indentation (a phone downloads it first).
    pub fn source() -> &'static str {
        use std::sync::OnceLock;
        static SHORT: OnceLock<String> = OnceLock::new();
        SHORT.get_or_init(|| {
            SOURCE
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    /// `/js/vault.<hash>.js`.
    pub fn url() -> &'static str {
        use sha2::{Digest, Sha256};
        use std::sync::OnceLock;
        static URL: OnceLock<String> = OnceLock::new();
        URL.get_or_init(|| {
            let hash = Sha256::digest(source().as_bytes());
            format!("/js/vault.{}.js", hex::encode(&hash[..6]))
        })
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn the_served_script_keeps_every_line_of_code_and_drops_the_comments() {
            let short = super::source();

            assert!(!short.contains("// "));
            assert!(short.contains("export async function seal(u, text) {"));
            assert!(short.contains("const SEALED = \"pbx1:\";"));
            assert_eq!(
                short.lines().count(),
                super::SOURCE
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with("//"))
                    .count()
            );
        }
    }
}

pub use browser::*;

/// The calls into `vault.js` (loaded by the page's start script as
/// `window.__pbVault`) and the flows built of them.
mod browser {
    use super::*;
    use crate::model::limits::PIN_KDF_ITERATIONS;
    use crate::model::UserId;
    use crate::offline::crypto::{call, user_arg};
    use crate::offline::storage::BrowserStore;
    use wasm_bindgen::JsValue;

    async fn flag(name: &str, args: &[JsValue]) -> bool {
        call(name, args).await.ok().and_then(|v| v.as_bool()) == Some(true)
    }

    pub async fn facts(user: UserId) -> Facts {
        let numbers: Vec<f64> = match call("facts", &[user_arg(user)]).await {
            Ok(v) => js_sys::Array::from(&v)
                .iter()
                .filter_map(|n| n.as_f64())
                .collect(),
            Err(_) => Vec::new(),
        };
        Facts::from_numbers(&numbers)
    }

    /// Opens `user`'s data if it can without the person (the kept key, or
    /// the server's): else what the person must do.
    pub async fn open(user: UserId) -> Gate {
        let facts = facts(user).await;
        // (Without a chosen PIN only the server opens it: the PIN is
        // chosen with the key the server unwraps.)
        if key_opens(&facts) && facts.pin && flag("use_key", &[user_arg(user)]).await {
            return fill(user).await;
        }
        let recovered = call("recover", &[user_arg(user)])
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        match recovered.as_str() {
            "open" => fill(user).await,
            // The mirror opens now (nothing kept yet); the PIN is chosen
            // before anything else is shown.
            "new" => {
                let _ = fill(user).await;
                Gate::ChoosePin
            }
            "broken" => {
                // Made with a storage key the server no longer has (its
                // data was reset): what it holds cannot be read by anyone.
                destroy(user).await;
                Box::pin(open(user)).await
            }
            _ => {
                lock(user).await;
                without_server(&facts)
            }
        }
    }

    /// Decrypts `user`'s values into memory.
    async fn fill(user: UserId) -> Gate {
        let prefix = crate::offline::keys::person_prefix(user);
        let Ok(loaded) = call("load", &[user_arg(user), prefix.into()]).await else {
            return Gate::NeedLogin;
        };
        let flat: Vec<wasm_bindgen::JsValue> = js_sys::Array::from(&loaded).iter().collect();
        let values = flat
            .chunks_exact(3)
            .filter_map(|c| Some((c[0].as_string()?, c[1].as_string()?, c[2].is_truthy())))
            .collect();
        BrowserStore::open(user, values);
        Gate::Open
    }

    pub async fn choose_pin(user: UserId, pin: &str) -> bool {
        flag(
            "set_pin",
            &[user_arg(user), pin.into(), PIN_KDF_ITERATIONS.into()],
        )
        .await
    }

    /// The PIN typed offline: open, or the PIN again (or a login).
    pub async fn enter_pin(user: UserId, pin: &str) -> Gate {
        if flag("unlock", &[user_arg(user), pin.into()]).await {
            return fill(user).await;
        }
        without_server(&facts(user).await)
    }

    /// Locks: the decrypted values leave memory, the key leaves IndexedDB.
    pub async fn lock(user: UserId) {
        BrowserStore::close();
        let _ = call("lock", &[user_arg(user)]).await;
    }

    /// Deletes everything `user` kept on the phone, and the vault.
    pub async fn destroy(user: UserId) {
        BrowserStore::delete_person(user);
        let _ = call("destroy", &[user_arg(user)]).await;
    }

    /// The person used the app (the idle time starts again).
    pub fn touch(user: UserId) {
        leptos::task::spawn_local(async move {
            let _ = call("touch", &[user_arg(user)]).await;
        });
    }

    /// Milliseconds since the app was last used.
    pub async fn idle_ms(user: UserId) -> i64 {
        facts(user).await.idle_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(key: bool, idle_minutes: i64, pin: bool, tries: u32) -> Facts {
        Facts {
            key,
            idle_ms: idle_minutes * 60 * 1000,
            record: true,
            pin,
            tries,
        }
    }

    #[test]
    fn the_kept_key_opens_the_app_within_the_idle_time_only() {
        assert!(key_opens(&facts(true, 0, true, 0)));
        assert!(key_opens(&facts(
            true,
            OFFLINE_IDLE_LOCK_MINUTES - 1,
            true,
            0
        )));
        assert!(!key_opens(&facts(true, OFFLINE_IDLE_LOCK_MINUTES, true, 0)));
        assert!(!key_opens(&facts(false, 0, true, 0)));
        // Never used (no time recorded): not by the kept key.
        assert!(!key_opens(&Facts {
            key: true,
            idle_ms: -1,
            ..Facts::default()
        }));
    }

    #[test]
    fn offline_the_pin_is_asked_with_the_tries_left_until_five_wrong_ones() {
        assert_eq!(
            without_server(&facts(false, 40, true, 0)),
            Gate::EnterPin { tries_left: 5 }
        );
        assert_eq!(
            without_server(&facts(false, 40, true, 4)),
            Gate::EnterPin { tries_left: 1 }
        );
        assert_eq!(without_server(&facts(false, 40, true, 5)), Gate::NeedLogin);
    }

    #[test]
    fn offline_without_a_chosen_pin_only_an_online_login_opens() {
        assert_eq!(without_server(&facts(true, 40, false, 0)), Gate::NeedLogin);
        assert_eq!(without_server(&Facts::default()), Gate::NeedLogin);
    }

    #[test]
    fn the_idle_time_ends_at_the_limit() {
        assert!(!idle_expired(IDLE_LIMIT_MS - 1));
        assert!(idle_expired(IDLE_LIMIT_MS));
    }

    #[test]
    fn a_new_pin_has_six_to_eight_digits_typed_the_same_twice() {
        assert_eq!(check_new_pin("258025", "258025"), Ok(()));
        assert_eq!(check_new_pin("12345678", "12345678"), Ok(()));
        assert_eq!(check_new_pin("2580", "2580"), Err(PinProblem::Shape));
        assert_eq!(check_new_pin("12345", "12345"), Err(PinProblem::Shape));
        assert_eq!(check_new_pin("123", "123"), Err(PinProblem::Shape));
        assert_eq!(
            check_new_pin("123456789", "123456789"),
            Err(PinProblem::Shape)
        );
        assert_eq!(check_new_pin("12a456", "12a456"), Err(PinProblem::Shape));
        assert_eq!(check_new_pin("١٢٣٤٥٦", "١٢٣٤٥٦"), Err(PinProblem::Shape));
        assert_eq!(check_new_pin("258025", "258026"), Err(PinProblem::Mismatch));
    }

    #[test]
    fn the_facts_are_read_from_the_numbers_vault_js_reports() {
        let facts = Facts::from_numbers(&[1.0, 1200.0, 1.0, 1.0, 2.0]);

        assert_eq!(
            facts,
            Facts {
                key: true,
                idle_ms: 1200,
                record: true,
                pin: true,
                tries: 2
            }
        );
        // Nothing reported (the script failed to load): nothing kept, never
        // used, so nothing opens without the server.
        let nothing = Facts::from_numbers(&[]);
        assert_eq!(nothing.idle_ms, -1);
        assert!(!key_opens(&nothing));
        assert_eq!(without_server(&nothing), Gate::NeedLogin);
    }
}
