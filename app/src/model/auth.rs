//! How logins are throttled, worked out purely from what the database
//! counted: so every rule is tested without a clock or a server.

use std::net::IpAddr;

/// What to do with a login attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throttle {
    /// Check the password.
    Try,
    /// Refuse without checking; the person may try again after this many
    /// seconds.
    Wait { seconds: i64 },
}

/// The limits a server applies (its settings; the tests make them small).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginLimits {
    pub window_seconds: i64,
    /// Attempts for one account from one address before the delays begin.
    pub free_attempts: i64,
    pub first_delay_seconds: i64,
    pub max_delay_seconds: i64,
    /// Attempts from one address within the window, for any accounts (a
    /// wider network, an IPv6 /48 or IPv4 /24, gets 4 times as many; a
    /// still wider one, an IPv6 /32 or IPv4 /16, 16 times).
    pub per_address: i64,
    /// Attempts on one account, within the window, from addresses that
    /// never logged into it, before every such address waits (doubling
    /// from the first delay): guessing one password from many addresses
    /// gets no further than from one, while the owner's own addresses are
    /// not slowed.
    pub account_budget: i64,
}

impl Default for LoginLimits {
    fn default() -> Self {
        use super::limits::*;
        LoginLimits {
            window_seconds: LOGIN_WINDOW_MINUTES * 60,
            free_attempts: LOGIN_FREE_ATTEMPTS,
            first_delay_seconds: LOGIN_FIRST_DELAY_SECONDS,
            max_delay_seconds: LOGIN_MAX_DELAY_SECONDS,
            per_address: LOGIN_ATTEMPTS_PER_ADDRESS,
            account_budget: LOGIN_ACCOUNT_BUDGET,
        }
    }
}

/// What the database counted for one attempt, this attempt included (it
/// is recorded before it is counted, so attempts made at the same moment
/// each see the others and no more than the limit get through).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttemptCounts {
    /// Attempts for this account from this address within the window.
    pub account_address: i64,
    /// Milliseconds since the latest other attempt for this account from
    /// this address (`None`: there is none).
    pub since_previous_ms: Option<i64>,
    /// Attempts from this address within the window, for any account.
    pub address: i64,
    /// Seconds until the oldest attempt from this address leaves the window.
    pub address_frees_in_seconds: i64,
    /// Attempts from this address's wider networks within the window (see
    /// [`address_tiers`]).
    pub wide: i64,
    pub wider: i64,
    /// This address logged into this account before.
    pub address_known: bool,
    /// Attempts on this account within the window from addresses that never
    /// logged into it (this one included when it is one of them).
    pub account_unknown: i64,
    /// Milliseconds since the latest other of those (`None`: there is none).
    pub since_previous_unknown_ms: Option<i64>,
}

impl LoginLimits {
    /// The wait the `n`th attempt (1-based) must have after the one before.
    pub fn delay_before(&self, n: i64) -> i64 {
        self.delay_past(n, self.free_attempts)
    }

    /// The wait of the `n`th attempt when `free` go without one.
    fn delay_past(&self, n: i64, free: i64) -> i64 {
        if n <= free {
            return 0;
        }
        let doublings = (n - free - 1).clamp(0, 30) as u32;
        self.first_delay_seconds
            .saturating_mul(1i64 << doublings)
            .min(self.max_delay_seconds)
    }

    pub fn decide(&self, counts: AttemptCounts) -> Throttle {
        if counts.address > self.per_address {
            return Throttle::Wait {
                seconds: counts.address_frees_in_seconds.max(1),
            };
        }
        if counts.wide > self.per_address.saturating_mul(4)
            || counts.wider > self.per_address.saturating_mul(16)
        {
            return Throttle::Wait {
                seconds: self.window_seconds.max(1),
            };
        }
        let wait = |delay_seconds: i64, since_ms: Option<i64>| {
            let delay_ms = delay_seconds * 1000;
            let waited_ms = since_ms.unwrap_or(i64::MAX);
            (waited_ms < delay_ms).then(|| (delay_ms - waited_ms + 999) / 1000)
        };
        let own = wait(
            self.delay_before(counts.account_address),
            counts.since_previous_ms,
        );
        let account = if counts.address_known {
            None
        } else {
            wait(
                self.delay_past(counts.account_unknown, self.account_budget),
                counts.since_previous_unknown_ms,
            )
        };
        match own.max(account) {
            Some(seconds) => Throttle::Wait { seconds },
            None => Throttle::Try,
        }
    }
}

/// A bucket of login attempts per address, kept in memory and asked
/// before any database work: a flood from one address is refused without
/// a write or a password hash. Holds `capacity` attempts, refilled at
/// `capacity` per `window_ms`; the time is given (tests need no clock).
#[derive(Debug)]
pub struct AttemptBuckets {
    capacity: f64,
    per_ms: f64,
    buckets: std::collections::HashMap<String, (f64, i64)>,
}

impl AttemptBuckets {
    /// The most addresses kept; full buckets are forgotten past it.
    const MAX_ADDRESSES: usize = 100_000;

    pub fn new(capacity: i64, window_ms: i64) -> AttemptBuckets {
        let capacity = capacity.max(1) as f64;
        AttemptBuckets {
            capacity,
            per_ms: capacity / window_ms.max(1) as f64,
            buckets: std::collections::HashMap::new(),
        }
    }

    /// Takes one attempt for `address` at `now_ms`: `Err(seconds)` to wait
    /// when its bucket is empty.
    pub fn take(&mut self, address: &str, now_ms: i64) -> Result<(), i64> {
        if self.buckets.len() >= Self::MAX_ADDRESSES {
            let (capacity, per_ms) = (self.capacity, self.per_ms);
            self.buckets.retain(|_, (tokens, at)| {
                *tokens + (now_ms - *at).max(0) as f64 * per_ms < capacity
            });
        }
        let (tokens, at) = self
            .buckets
            .entry(address.to_string())
            .or_insert((self.capacity, now_ms));
        *tokens = (*tokens + (now_ms - *at).max(0) as f64 * self.per_ms).min(self.capacity);
        *at = now_ms;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err((((1.0 - *tokens) / self.per_ms) / 1000.0).ceil().max(1.0) as i64)
        }
    }
}

/// The wider networks of an address, counted besides the address itself:
/// an IPv6 address's /48 and /32 (one site, one provider's customer), an
/// IPv4 address's /24 and /16.
pub fn address_tiers(ip: IpAddr) -> (String, String) {
    let v4 = |v4: std::net::Ipv4Addr| {
        let o = v4.octets();
        (
            format!("{}.{}.{}.0/24", o[0], o[1], o[2]),
            format!("{}.{}.0.0/16", o[0], o[1]),
        )
    };
    match ip {
        IpAddr::V4(a) => v4(a),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(a) => v4(a),
            None => {
                let s = v6.segments();
                (
                    format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2]),
                    format!("{:x}:{:x}::/32", s[0], s[1]),
                )
            }
        },
    }
}

/// What a browser's `User-Agent` says it is, as its person would
/// recognise it in the list of their sessions: "Android, Chrome".
pub fn device_of(user_agent: &str) -> String {
    let has = |needle: &str| user_agent.contains(needle);
    let system = if has("Android") {
        "Android"
    } else if has("iPhone") {
        "iPhone"
    } else if has("iPad") {
        "iPad"
    } else if has("Windows") {
        "Windows"
    } else if has("Mac OS X") || has("Macintosh") {
        "Mac"
    } else if has("CrOS") {
        "Chromebook"
    } else if has("Linux") {
        "Linux"
    } else {
        ""
    };
    let browser = if has("Firefox/") || has("FxiOS/") {
        "Firefox"
    } else if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        "Edge"
    } else if has("SamsungBrowser/") {
        "Samsung Internet"
    } else if has("OPR/") {
        "Opera"
    } else if has("Chrome/") || has("CriOS/") || has("Chromium/") {
        "Chrome"
    } else if has("Safari/") {
        "Safari"
    } else {
        ""
    };
    match (system, browser) {
        ("", "") => String::new(),
        (s, "") => s.to_string(),
        ("", b) => b.to_string(),
        (s, b) => format!("{s}, {b}"),
    }
}

/// The address the limits count by: an IPv4 address as it is, an IPv6
/// address by its /64 (one household or phone gets a whole /64, so
/// counting single IPv6 addresses would count nothing).
pub fn address_group(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The client's address behind `hops` proxies of one's own: the last of
/// them is the peer of the connection, and each appended the address it
/// saw to `X-Forwarded-For`, so the client is the `hops`th entry from the
/// right. Entries further left were written by the client and are never
/// believed. With no proxy (`hops` 0), or a header that does not parse,
/// the peer is the client.
pub fn client_address(peer: IpAddr, forwarded_for: Option<&str>, hops: usize) -> IpAddr {
    if hops == 0 {
        return peer;
    }
    let Some(header) = forwarded_for else {
        return peer;
    };
    let entries: Vec<&str> = header
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let index = entries.len().saturating_sub(hops);
    entries
        .get(index)
        .and_then(|entry| parse_forwarded_address(entry))
        .unwrap_or(peer)
}

/// An address as proxies write it: `1.2.3.4`, `1.2.3.4:5678`,
/// `2001:db8::1` or `[2001:db8::1]:5678`.
fn parse_forwarded_address(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(socket) = entry.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    entry
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(ip, _)| ip.parse().ok())
}

/// `groups` groups of four random letters and digits, joined by dashes,
/// without the ones read wrongly (0/O, 1/I/L): about 20 bits a group.
#[cfg(feature = "ssr")]
pub fn random_code(groups: usize) -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut chars = Vec::with_capacity(groups * 4);
    while chars.len() < groups * 4 {
        let mut byte = [0u8; 1];
        OsRng.fill_bytes(&mut byte);
        // Only bytes below a multiple of the alphabet's length: each
        // letter equally likely.
        if usize::from(byte[0]) < ALPHABET.len() * (256 / ALPHABET.len()) {
            chars.push(ALPHABET[usize::from(byte[0]) % ALPHABET.len()] as char);
        }
    }
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The first run's setup code, while the server has no organisation: made
/// at start, forgotten once used.
#[cfg(feature = "ssr")]
#[derive(Clone, Default)]
pub struct SetupCode(std::sync::Arc<std::sync::Mutex<Option<String>>>);

#[cfg(feature = "ssr")]
impl SetupCode {
    /// Four groups of four letters and digits (about 80 bits), without the
    /// ones read wrongly (0/O, 1/I/L).
    pub fn make() -> String {
        random_code(4)
    }

    pub fn set(&self, code: Option<String>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = code;
    }

    pub fn is_open(&self) -> bool {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }

    /// Whether `typed` is the code (compared in constant time).
    pub fn matches(&self, typed: &str) -> bool {
        let code = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let Some(code) = code.as_deref() else {
            return false;
        };
        let (a, b) = (code.as_bytes(), typed.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::limits::{LOGIN_ACCOUNT_BUDGET, LOGIN_ATTEMPTS_PER_ADDRESS};

    fn counts(account_address: i64, since: Option<i64>, address: i64) -> AttemptCounts {
        AttemptCounts {
            account_address,
            since_previous_ms: since.map(|s| s * 1000),
            address,
            address_frees_in_seconds: 600,
            wide: address,
            wider: address,
            address_known: false,
            account_unknown: account_address,
            since_previous_unknown_ms: since.map(|s| s * 1000),
        }
    }

    #[test]
    fn many_addresses_guessing_one_account_wait_past_its_budget_but_its_owner_does_not() {
        let limits = LoginLimits::default();
        // The 21st attempt from addresses that never logged in, each its
        // first from its address, a second after the one before.
        let stranger = AttemptCounts {
            account_unknown: LOGIN_ACCOUNT_BUDGET + 1,
            since_previous_unknown_ms: Some(1_000),
            ..counts(1, None, 1)
        };
        let owner = AttemptCounts {
            address_known: true,
            account_unknown: LOGIN_ACCOUNT_BUDGET + 5,
            ..stranger
        };

        assert_eq!(limits.decide(stranger), Throttle::Wait { seconds: 29 });
        assert_eq!(limits.decide(owner), Throttle::Try);
        let twenty_fifth = AttemptCounts {
            account_unknown: LOGIN_ACCOUNT_BUDGET + 5,
            since_previous_unknown_ms: Some(0),
            ..stranger
        };
        assert_eq!(limits.decide(twenty_fifth), Throttle::Wait { seconds: 480 });
    }

    #[test]
    fn the_wider_networks_of_an_address_have_limits_of_their_own() {
        let limits = LoginLimits::default();
        let per = LOGIN_ATTEMPTS_PER_ADDRESS;
        let site = AttemptCounts {
            wide: 4 * per + 1,
            ..counts(1, None, 1)
        };
        let provider = AttemptCounts {
            wider: 16 * per + 1,
            ..counts(1, None, 1)
        };
        let below = AttemptCounts {
            wide: 4 * per,
            wider: 16 * per,
            ..counts(1, None, 1)
        };

        assert!(matches!(limits.decide(site), Throttle::Wait { .. }));
        assert!(matches!(limits.decide(provider), Throttle::Wait { .. }));
        assert_eq!(limits.decide(below), Throttle::Try);
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(
            address_tiers(ip("2001:db8:5:6::1")),
            ("2001:db8:5::/48".to_string(), "2001:db8::/32".to_string())
        );
        assert_eq!(
            address_tiers(ip("203.0.113.66")),
            ("203.0.113.0/24".to_string(), "203.0.0.0/16".to_string())
        );
    }

    #[test]
    fn an_addresss_bucket_refuses_a_flood_and_fills_again_with_time() {
        let mut buckets = AttemptBuckets::new(3, 900_000);
        for _ in 0..3 {
            assert_eq!(buckets.take("203.0.113.66", 0), Ok(()));
        }

        assert_eq!(buckets.take("203.0.113.66", 0), Err(300));
        assert_eq!(buckets.take("198.51.100.7", 0), Ok(()), "another address");
        assert_eq!(
            buckets.take("203.0.113.66", 300_000),
            Ok(()),
            "a third of the window later"
        );
        assert!(buckets.take("203.0.113.66", 300_000).is_err());
    }

    #[test]
    fn the_first_five_attempts_of_an_account_from_an_address_are_tried_at_once() {
        let limits = LoginLimits::default();
        for n in 1..=5 {
            assert_eq!(limits.decide(counts(n, Some(0), n)), Throttle::Try);
        }
    }

    #[test]
    fn each_attempt_past_the_free_ones_waits_twice_as_long_up_to_fifteen_minutes() {
        let limits = LoginLimits::default();
        assert_eq!(limits.delay_before(6), 30);
        assert_eq!(limits.delay_before(7), 60);
        assert_eq!(limits.delay_before(8), 120);
        assert_eq!(limits.delay_before(12), 900);
        assert_eq!(limits.delay_before(1_000), 900);
        assert_eq!(
            limits.decide(counts(6, Some(10), 6)),
            Throttle::Wait { seconds: 20 }
        );
        // A part of a second left is a whole second to wait.
        let almost = AttemptCounts {
            since_previous_ms: Some(29_001),
            ..counts(6, None, 6)
        };
        assert_eq!(limits.decide(almost), Throttle::Wait { seconds: 1 });
        assert_eq!(limits.decide(counts(6, Some(30), 6)), Throttle::Try);
    }

    #[test]
    fn attempts_made_at_the_same_moment_see_each_other_and_wait() {
        // Five failures, then two attempts at once: each counts the other.
        let limits = LoginLimits::default();
        assert_eq!(
            limits.decide(counts(7, Some(0), 7)),
            Throttle::Wait { seconds: 60 }
        );
    }

    #[test]
    fn an_address_past_its_limit_waits_for_the_window_whatever_the_account() {
        let limits = LoginLimits::default();
        assert_eq!(
            limits.decide(counts(1, None, 51)),
            Throttle::Wait { seconds: 600 }
        );
        assert_eq!(limits.decide(counts(1, None, 50)), Throttle::Try);
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_and_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_group(a), "2001:db8:1:2::/64");
        assert_eq!(address_group(a), address_group(b));
        assert_ne!(address_group(a), address_group(c));
        assert_eq!(
            address_group("::ffff:192.0.2.7".parse().unwrap()),
            "192.0.2.7"
        );
        assert_eq!(address_group("192.0.2.7".parse().unwrap()), "192.0.2.7");
    }

    #[test]
    fn the_client_is_read_from_the_right_of_x_forwarded_for_by_the_number_of_proxies() {
        let peer: IpAddr = "10.0.0.2".parse().unwrap();
        // The client wrote "6.6.6.6" itself; one proxy appended what it saw.
        let header = Some("6.6.6.6, 203.0.113.9");
        assert_eq!(client_address(peer, header, 0), peer);
        assert_eq!(
            client_address(peer, header, 1),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        // Two proxies: the second from the right.
        let header = Some("6.6.6.6, 203.0.113.9, 10.0.0.1");
        assert_eq!(
            client_address(peer, header, 2),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        // Fewer entries than proxies: the leftmost, written by a proxy.
        assert_eq!(
            client_address(peer, Some("203.0.113.9"), 2),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        // Ports and brackets as proxies write them; nonsense is ignored.
        assert_eq!(
            client_address(peer, Some("[2001:db8::1]:443"), 1),
            "2001:db8::1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_address(peer, Some("198.51.100.4:5555"), 1),
            "198.51.100.4".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_address(peer, Some("not an address"), 1), peer);
        assert_eq!(client_address(peer, None, 1), peer);
    }

    #[test]
    fn a_device_is_named_by_its_system_and_browser() {
        let android = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36";
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        let windows =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0";
        let samsung = "Mozilla/5.0 (Linux; Android 13; SM-A515F) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0 Mobile Safari/537.36";

        assert_eq!(device_of(android), "Android, Chrome");
        assert_eq!(device_of(iphone), "iPhone, Safari");
        assert_eq!(device_of(windows), "Windows, Firefox");
        assert_eq!(device_of(samsung), "Android, Samsung Internet");
        assert_eq!(device_of("curl/8.0"), "");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_setup_code_is_four_groups_of_four_letters_nobody_misreads() {
        let code = SetupCode::make();

        let groups: Vec<&str> = code.split('-').collect();
        assert_eq!(groups.len(), 4, "{code}");
        assert!(groups.iter().all(|g| g.len() == 4));
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
        assert_ne!(code, SetupCode::make());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn only_the_setup_code_itself_matches_and_none_once_it_is_used() {
        let setup = SetupCode::default();
        setup.set(Some("ABCD-EFGH-JKMN-PQRS".into()));

        assert!(setup.matches("ABCD-EFGH-JKMN-PQRS"));
        assert!(!setup.matches("ABCD-EFGH-JKMN-PQRT"));
        assert!(!setup.matches("ABCD"));
        setup.set(None);
        assert!(!setup.matches("ABCD-EFGH-JKMN-PQRS"));
        assert!(!setup.is_open());
    }
}
