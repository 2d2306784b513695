//! Two-step login: after the password, a six-digit code from an
//! authenticator app (TOTP, RFC 6238: HMAC-SHA-1 of the 30-second step
//! since 1970, truncated) or a one-time recovery code. The codes are worked
//! out here, purely, so every rule is tested without a clock or a server.

use super::{Identity, OrganisationId};
use serde::{Deserialize, Serialize};

/// Seconds a code stands for.
pub const STEP_SECONDS: i64 = 30;
/// Steps either side of now a code is accepted for (a phone's clock a
/// little off, a code typed as it turned).
pub const STEP_DRIFT: i64 = 1;
/// Recovery codes made at a time.
pub const RECOVERY_CODES: usize = 10;
/// Minutes a password typed right waits for its second step.
pub const CHALLENGE_MINUTES: i64 = 5;
/// Codes tried for one password typed right before the password is asked
/// again.
pub const CHALLENGE_TRIES: i64 = 5;

/// The person's two-step login, as *My account* shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepState {
    /// A code is asked at every login.
    pub on: bool,
    /// Recovery codes not used yet.
    pub recovery_left: u32,
    /// An organisation of theirs requires it (it can not be turned off).
    pub required: bool,
    /// The organisations they coordinate, each with whether it requires
    /// two-step login of its coordinators and managers.
    pub organisations: Vec<(OrganisationId, String, bool)>,
}

/// A new authenticator to add: the secret as text (typed by hand), as an
/// `otpauth://` address, and that address as a QR code (SVG).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrolment {
    pub secret: String,
    pub uri: String,
    pub qr_svg: String,
}

/// Two-step login turned on: the recovery codes, shown once, and the
/// person now logged in when it was set up at login.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmed {
    pub recovery_codes: Vec<String>,
    pub identity: Option<Identity>,
}

/// What a login asks for after the password: a code, or the setting up of
/// two-step login an organisation requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondStep {
    Code,
    Setup,
}

/// The time step of `unix_seconds`.
pub fn step_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// What a person typed as a code, tidied: spaces and dashes out, letters
/// in capitals (a recovery code is read from paper).
pub fn tidy_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// Six digits: an authenticator's code (anything else may be a recovery
/// code).
pub fn is_totp_shape(tidy: &str) -> bool {
    tidy.len() == 6 && tidy.bytes().all(|b| b.is_ascii_digit())
}

/// RFC 4648 base32 without padding: how authenticator apps take a secret.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// The `otpauth://` address an authenticator app reads from a QR code.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let label = format!("{}:{}", encode(issuer), encode(account));
    format!(
        "otpauth://totp/{label}?secret={}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        base32(secret),
        encode(issuer)
    )
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(feature = "ssr")]
pub use crypto::*;

#[cfg(feature = "ssr")]
mod crypto {
    use super::*;
    use hmac::{Hmac, Mac};

    /// The six-digit code of `secret` at time step `step`.
    pub fn code_at(secret: &[u8], step: i64) -> String {
        let mut mac = <Hmac<sha1::Sha1> as Mac>::new_from_slice(secret).expect("any key length");
        mac.update(&step.to_be_bytes());
        let hash = mac.finalize().into_bytes();
        let offset = usize::from(hash[hash.len() - 1] & 0x0f);
        let number = u32::from_be_bytes([
            hash[offset] & 0x7f,
            hash[offset + 1],
            hash[offset + 2],
            hash[offset + 3],
        ]);
        format!("{:06}", number % 1_000_000)
    }

    /// The step `typed` is the code of, near `now_step` and after
    /// `last_step` (a code accepted once is not accepted again); compared
    /// in constant time.
    pub fn accepted_step(secret: &[u8], typed: &str, now_step: i64, last_step: i64) -> Option<i64> {
        if !is_totp_shape(typed) {
            return None;
        }
        let mut found = None;
        for step in now_step - STEP_DRIFT..=now_step + STEP_DRIFT {
            let code = code_at(secret, step);
            let same = code
                .bytes()
                .zip(typed.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
            if same && step > last_step && found.is_none() {
                found = Some(step);
            }
        }
        found
    }

    /// A new secret: 20 random bytes (160 bits, as RFC 4226 advises).
    pub fn new_secret() -> [u8; 20] {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut secret = [0u8; 20];
        OsRng.fill_bytes(&mut secret);
        secret
    }

    /// New recovery codes: two groups of four letters and digits nobody
    /// misreads (about 40 bits each).
    pub fn new_recovery_codes() -> Vec<String> {
        (0..RECOVERY_CODES)
            .map(|_| super::super::auth::random_code(2))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238's secret for SHA-1: "12345678901234567890".
    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[cfg(feature = "ssr")]
    #[test]
    fn codes_are_those_of_rfc_6238s_test_vectors() {
        // The RFC gives 8 digits; the last six are the 6-digit code.
        for (time, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            assert_eq!(code_at(RFC_SECRET, step_of(time)), eight[2..], "at {time}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_code_is_accepted_one_step_either_side_and_only_once() {
        let now = step_of(1_234_567_890);
        let code = code_at(RFC_SECRET, now - 1);

        assert_eq!(accepted_step(RFC_SECRET, &code, now, 0), Some(now - 1));
        assert_eq!(
            accepted_step(RFC_SECRET, &code, now, now - 1),
            None,
            "used once"
        );
        assert_eq!(
            accepted_step(RFC_SECRET, &code, now + 2, 0),
            None,
            "too old"
        );
        assert_eq!(accepted_step(RFC_SECRET, "12345", now, 0), None);
        assert_eq!(accepted_step(b"another secret", &code, now, 0), None);
    }

    #[test]
    fn base32_is_rfc_4648s_without_padding() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(RFC_SECRET), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    #[test]
    fn the_authenticator_address_names_the_issuer_and_the_account() {
        let uri = otpauth_uri("Parent Bridge", "ana@example.org", RFC_SECRET);

        assert_eq!(
            uri,
            "otpauth://totp/Parent%20Bridge:ana%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Parent%20Bridge&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn a_typed_code_is_tidied_and_only_six_digits_are_an_authenticators() {
        assert_eq!(tidy_code(" 123 456 "), "123456");
        assert_eq!(tidy_code("abcd-ef23"), "ABCDEF23");
        assert!(is_totp_shape("123456"));
        assert!(!is_totp_shape("ABCDEF23"));
        assert!(!is_totp_shape("12345a"));
    }
}
