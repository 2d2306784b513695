//! The server's secret, kept outside the database (a file only the
//! server's user may read, see `PB_SECRET_FILE`). It wraps every person's
//! storage key (what opens their phone's data), so that the database, or a
//! backup of it, does not open a lost phone.
//!
//! It wraps, the same way, each person's two-step login secret.
//!
//! A wrapped key is `w1:<nonce>:<ciphertext>:<tag>` (hex): the key XOR an
//! HMAC-SHA-256 stream of the secret, the purpose, the person and a random nonce, then
//! an HMAC tag over all of it (a value changed in the database, or wrapped
//! under another secret, does not unwrap).

use crate::model::UserId;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

const PREFIX: &str = "w1:";
/// What `wrap` wraps: a phone's storage key.
const STORAGE_KEY: &[u8] = b"pb.storage-key";

#[derive(Clone)]
pub struct ServerSecret([u8; 32]);

impl std::fmt::Debug for ServerSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerSecret(…)")
    }
}

/// A new random secret: for tests, and for a server told to keep none.
impl Default for ServerSecret {
    fn default() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        ServerSecret(bytes)
    }
}

/// Why the secret's file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the server secret {path} could not be read or made: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("the server secret {path} is not 64 hexadecimal digits: restore the file from where it was kept (without it no phone's storage key can be read)")]
    Malformed { path: String },
}

impl ServerSecret {
    /// Reads the secret from `path`, or makes it there (readable by its
    /// owner only) when there is no such file.
    pub fn load_or_create(path: &std::path::Path) -> Result<ServerSecret, SecretError> {
        let shown = path.display().to_string();
        let io = |source| SecretError::Io {
            path: shown.clone(),
            source,
        };
        match std::fs::read_to_string(path) {
            Ok(text) => Self::from_hex(text.trim()).ok_or(SecretError::Malformed {
                path: shown.clone(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                    super::create_private_folder(folder).map_err(io)?;
                }
                let secret = ServerSecret::default();
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(0o600);
                }
                use std::io::Write;
                let mut file = options.open(path).map_err(io)?;
                writeln!(file, "{}", hex::encode(secret.0)).map_err(io)?;
                file.sync_all().map_err(io)?;
                Ok(secret)
            }
            Err(e) => Err(io(e)),
        }
    }

    fn from_hex(text: &str) -> Option<ServerSecret> {
        let bytes = hex::decode(text).ok()?;
        Some(ServerSecret(bytes.try_into().ok()?))
    }

    fn mac(&self, purpose: &[u8], part: &[u8], user: UserId, nonce: &[u8]) -> HmacSha256 {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.0).expect("any key length");
        mac.update(purpose);
        mac.update(part);
        mac.update(user.as_uuid().as_bytes());
        mac.update(nonce);
        mac
    }

    /// Wraps `plain` (at most 32 bytes) for `user` and `purpose` (a
    /// value wrapped for one purpose does not unwrap for another).
    pub fn seal(&self, purpose: &[u8], user: UserId, plain: &[u8]) -> String {
        assert!(plain.len() <= 32, "at most 32 bytes are wrapped");
        let mut nonce = [0u8; 16];
        OsRng.fill_bytes(&mut nonce);
        let pad = self
            .mac(purpose, b".pad", user, &nonce)
            .finalize()
            .into_bytes();
        let cipher: Vec<u8> = plain.iter().zip(pad).map(|(a, b)| a ^ b).collect();
        let mut tag = self.mac(purpose, b".tag", user, &nonce);
        tag.update(&cipher);
        let tag = &tag.finalize().into_bytes()[..16];
        format!(
            "{PREFIX}{}:{}:{}",
            hex::encode(nonce),
            hex::encode(cipher),
            hex::encode(tag)
        )
    }

    /// What `seal` wrapped for `user` and `purpose`, when it is `len`
    /// bytes; `None` for anything else (changed, another person's, another
    /// secret's or purpose's, or not wrapped at all).
    pub fn open(&self, purpose: &[u8], user: UserId, stored: &str, len: usize) -> Option<Vec<u8>> {
        let mut parts = stored.strip_prefix(PREFIX)?.split(':');
        let nonce = hex::decode(parts.next()?).ok()?;
        let cipher = hex::decode(parts.next()?).ok()?;
        let tag = hex::decode(parts.next()?).ok()?;
        if parts.next().is_some() || nonce.len() != 16 || cipher.len() != len || tag.len() != 16 {
            return None;
        }
        let mut check = self.mac(purpose, b".tag", user, &nonce);
        check.update(&cipher);
        check.verify_truncated_left(&tag).ok()?;
        let pad = self
            .mac(purpose, b".pad", user, &nonce)
            .finalize()
            .into_bytes();
        Some(cipher.iter().zip(pad).map(|(a, b)| a ^ b).collect())
    }

    /// Wraps `key` (the 64 hex digits a phone receives) for `user`.
    pub fn wrap(&self, user: UserId, key: &str) -> Option<String> {
        let plain: [u8; 32] = hex::decode(key).ok()?.try_into().ok()?;
        Some(self.seal(STORAGE_KEY, user, &plain))
    }

    /// The key `wrap` wrapped for `user`; `None` for anything else.
    pub fn unwrap(&self, user: UserId, stored: &str) -> Option<String> {
        self.open(STORAGE_KEY, user, stored, 32).map(hex::encode)
    }

    /// A value as `wrap` writes it (an older database holds keys in clear).
    pub fn is_wrapped(stored: &str) -> bool {
        stored.starts_with(PREFIX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    #[test]
    fn a_wrapped_key_unwraps_to_itself_for_its_person_only() {
        let secret = ServerSecret::default();
        let (ana, dan) = (UserId::new(), UserId::new());

        let wrapped = secret.wrap(ana, KEY).unwrap();

        assert!(!wrapped.contains(KEY));
        assert!(ServerSecret::is_wrapped(&wrapped));
        assert_eq!(secret.unwrap(ana, &wrapped).as_deref(), Some(KEY));
        assert_eq!(secret.unwrap(dan, &wrapped), None);
        assert_ne!(
            secret.wrap(ana, KEY).unwrap(),
            wrapped,
            "a new nonce each time"
        );
    }

    #[test]
    fn another_secret_or_a_changed_value_unwraps_nothing() {
        let (secret, other) = (ServerSecret::default(), ServerSecret::default());
        let ana = UserId::new();
        let wrapped = secret.wrap(ana, KEY).unwrap();
        let mut changed = wrapped.clone().into_bytes();
        let at = PREFIX.len() + 40;
        changed[at] = if changed[at] == b'0' { b'1' } else { b'0' };

        assert_eq!(other.unwrap(ana, &wrapped), None);
        assert_eq!(
            secret.unwrap(ana, &String::from_utf8(changed).unwrap()),
            None
        );
        assert_eq!(
            secret.unwrap(ana, KEY),
            None,
            "a key in clear is not wrapped"
        );
        assert_eq!(secret.wrap(ana, "not hex"), None);
    }

    #[test]
    fn the_secret_file_is_made_once_readable_by_its_owner_only_and_read_back() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("data").join("server-secret");
        let ana = UserId::new();

        let made = ServerSecret::load_or_create(&path).unwrap();
        let read = ServerSecret::load_or_create(&path).unwrap();

        let wrapped = made.wrap(ana, KEY).unwrap();
        assert_eq!(read.unwrap(ana, &wrapped).as_deref(), Some(KEY));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "short\n").unwrap();
        assert!(matches!(
            ServerSecret::load_or_create(&path),
            Err(SecretError::Malformed { .. })
        ));
    }
}
