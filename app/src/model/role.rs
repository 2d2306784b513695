//! Roles and the other small closed vocabularies of the domain. Each has a
//! stable text key, used in the database, in URLs and as translation key.

use serde::Deserialize;

/// A closed set of values stored and sent as stable text keys.
pub trait TextKey: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn key(self) -> &'static str;
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.key() == key)
    }
}

macro_rules! text_key_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),*
        }

        // Written and read as their keys, by hand: serde's derived
        // visitors are larger, and every one of them is in the browser.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(<Self as $crate::model::TextKey>::key(*self))
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::model::role::key_from(deserializer, <Self as $crate::model::TextKey>::from_key)
            }
        }

        impl $crate::model::TextKey for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),*];
            fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key),*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(<Self as $crate::model::TextKey>::key(*self))
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::model::UnknownKey;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <Self as $crate::model::TextKey>::from_key(s).ok_or_else(|| $crate::model::UnknownKey(s.to_string()))
            }
        }
    };
}
pub(crate) use text_key_enum;

/// Reads a key and turns it into a value of a closed set.
pub fn key_from<'de, D: serde::Deserializer<'de>, T>(
    deserializer: D,
    from_key: fn(&str) -> Option<T>,
) -> Result<T, D::Error> {
    let key = <std::borrow::Cow<'de, str> as Deserialize>::deserialize(deserializer)?;
    from_key(&key).ok_or_else(|| serde::de::Error::custom(UnknownKey(key.into_owned())))
}

/// A text that is not one of the keys of a closed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value: {0:?}")]
pub struct UnknownKey(pub String);

text_key_enum!(
    /// What a person does in a programme. A person may hold several roles.
    Role {
        Coordinator = "coordinator",
        Manager = "manager",
        Mentor = "mentor",
        Mentee = "mentee",
    }
);

text_key_enum!(
    /// Whether a mentoring pair is still meeting.
    PairStatus {
        /// Matched, in the first weeks, until both confirm.
        GettingToKnow = "getting_to_know",
        Active = "active",
        Ended = "ended",
    }
);

text_key_enum!(
    /// Peer mentoring (parents mentor parents), non-peer (educators mentor
    /// parents), or both in one programme.
    Typology {
        Peer = "peer",
        NonPeer = "non_peer",
        Both = "both",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_key() {
        for role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Some(*role));
        }
    }

    #[test]
    fn an_unknown_role_key_is_refused() {
        assert!("admin".parse::<Role>().is_err());
    }

    #[test]
    fn roles_serialise_as_their_keys() {
        assert_eq!(
            serde_json::to_string(&Role::Manager).unwrap(),
            "\"manager\""
        );
    }
}
