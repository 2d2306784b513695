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
    /// Attempts from one address, for any accounts, within the window.
    pub per_address: i64,
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
}

impl LoginLimits {
    /// The wait the `n`th attempt (1-based) must have after the one before.
    pub fn delay_before(&self, n: i64) -> i64 {
        if n <= self.free_attempts {
            return 0;
        }
        let doublings = (n - self.free_attempts - 1).clamp(0, 30) as u32;
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
        let delay_ms = self.delay_before(counts.account_address) * 1000;
        let waited_ms = counts.since_previous_ms.unwrap_or(i64::MAX);
        if waited_ms < delay_ms {
            Throttle::Wait {
                seconds: (delay_ms - waited_ms + 999) / 1000,
            }
        } else {
            Throttle::Try
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(account_address: i64, since: Option<i64>, address: i64) -> AttemptCounts {
        AttemptCounts {
            account_address,
            since_previous_ms: since.map(|s| s * 1000),
            address,
            address_frees_in_seconds: 600,
        }
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
}
