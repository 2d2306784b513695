//! The one error type of the server functions. It crosses the network as
//! JSON, carries an HTTP status, and never carries internal details: those
//! are logged on the server.

use crate::i18n::Msg;
use crate::model::FieldErrors;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum AppError {
    /// No valid session: log in (again).
    #[error("not logged in")]
    Unauthenticated,
    #[error("wrong email or password")]
    BadCredentials,
    /// The password was right; the login waits for its second step (a
    /// code from the authenticator app, or setting one up).
    #[error("the login needs its second step")]
    SecondStep {
        step: crate::model::two_step::SecondStep,
    },
    /// Too many login attempts for this account from this address, or
    /// from this address: try again after the wait.
    #[error("too many login attempts; retry in {retry_after_seconds} seconds")]
    RateLimited { retry_after_seconds: u32 },
    /// The server is busy checking other passwords: try again shortly.
    #[error("busy; retry in {retry_after_seconds} seconds")]
    Busy { retry_after_seconds: u32 },
    /// Logged in, but this role or this object is not yours.
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Field-level problems the form shows next to each field.
    #[error("invalid input: {errors}")]
    Invalid { errors: FieldErrors },
    /// A malformed request (bad arguments, a batch with too many items).
    #[error("bad request: {reason}")]
    BadRequest { reason: String },
    /// The request's body is larger than the server reads.
    #[error("the request is larger than {limit_bytes} bytes")]
    TooLarge { limit_bytes: u64 },
    /// Something failed on the server; the details are in its log.
    #[error("internal server error")]
    Internal,
    /// The server could not be reached or did not answer properly. Only
    /// ever made in the browser; worth retrying.
    #[error("network error: {reason}")]
    Network { reason: String },
}

/// `AppError` as JSON, every variant's fields optional: read without
/// serde's buffering of internally tagged enums (smaller in the browser).
#[derive(Deserialize)]
struct RawAppError {
    error: String,
    retry_after_seconds: Option<u32>,
    errors: Option<FieldErrors>,
    reason: Option<String>,
    limit_bytes: Option<u64>,
    step: Option<crate::model::two_step::SecondStep>,
}

impl<'de> Deserialize<'de> for AppError {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawAppError::deserialize(deserializer)?;
        let missing = |field| serde::de::Error::missing_field(field);
        Ok(match raw.error.as_str() {
            "unauthenticated" => AppError::Unauthenticated,
            "bad_credentials" => AppError::BadCredentials,
            "second_step" => AppError::SecondStep {
                step: raw.step.ok_or_else(|| missing("step"))?,
            },
            "rate_limited" => AppError::RateLimited {
                retry_after_seconds: raw
                    .retry_after_seconds
                    .ok_or_else(|| missing("retry_after_seconds"))?,
            },
            "busy" => AppError::Busy {
                retry_after_seconds: raw
                    .retry_after_seconds
                    .ok_or_else(|| missing("retry_after_seconds"))?,
            },
            "forbidden" => AppError::Forbidden,
            "not_found" => AppError::NotFound,
            "invalid" => AppError::Invalid {
                errors: raw.errors.ok_or_else(|| missing("errors"))?,
            },
            "bad_request" => AppError::BadRequest {
                reason: raw.reason.unwrap_or_default(),
            },
            "too_large" => AppError::TooLarge {
                limit_bytes: raw.limit_bytes.ok_or_else(|| missing("limit_bytes"))?,
            },
            "internal" => AppError::Internal,
            "network" => AppError::Network {
                reason: raw.reason.unwrap_or_default(),
            },
            other => return Err(serde::de::Error::custom(format!("unknown error {other:?}"))),
        })
    }
}

impl AppError {
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::Unauthenticated | AppError::BadCredentials | AppError::SecondStep { .. } => {
                S::UNAUTHORIZED
            }
            AppError::RateLimited { .. } | AppError::Busy { .. } => S::TOO_MANY_REQUESTS,
            AppError::Forbidden => S::FORBIDDEN,
            AppError::NotFound => S::NOT_FOUND,
            AppError::Invalid { .. } => S::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => S::BAD_REQUEST,
            AppError::TooLarge { .. } => S::PAYLOAD_TOO_LARGE,
            AppError::Internal => S::INTERNAL_SERVER_ERROR,
            AppError::Network { .. } => S::SERVICE_UNAVAILABLE,
        }
    }

    /// What to tell the person, in their language.
    pub fn message(&self) -> Msg {
        match self {
            AppError::Unauthenticated => Msg::SessionEnded,
            AppError::BadCredentials => Msg::WrongCredentials,
            AppError::SecondStep { .. } => Msg::TwoStepCodeAsked,
            AppError::RateLimited { .. } => Msg::TooManyAttempts,
            AppError::Busy { .. } => Msg::ServerBusy,
            AppError::Forbidden => Msg::ForbiddenText,
            AppError::NotFound => Msg::NotFoundText,
            // The first problem, for a place that shows no fields (a
            // button); a form shows each next to its field.
            AppError::Invalid { errors } => errors
                .iter()
                .next()
                .map(|e| crate::i18n::problem_message(e.problem))
                .unwrap_or(Msg::FixErrors),
            AppError::BadRequest { .. } => Msg::InvalidRequest,
            AppError::TooLarge { .. } => Msg::InvalidRequest,
            AppError::Internal => Msg::ServerError,
            AppError::Network { .. } => Msg::NetworkError,
        }
    }

    /// The seconds to wait before trying again, for a `Retry-After` header.
    pub fn retry_after_seconds(&self) -> Option<u32> {
        match self {
            AppError::RateLimited {
                retry_after_seconds,
            }
            | AppError::Busy {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            _ => None,
        }
    }

    /// A later retry of the same request may succeed by itself.
    pub fn is_transient(&self) -> bool {
        matches!(self, AppError::Network { .. } | AppError::Internal)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let error = Self::from_framework(value);
        // On the server this also covers requests that never reached the
        // function's body (arguments that do not parse): give them their status.
        #[cfg(feature = "ssr")]
        super::context::set_status(&error);
        error
    }
}

impl AppError {
    fn from_framework(value: ServerFnErrorErr) -> Self {
        match value {
            // Made in the browser: no answer.
            ServerFnErrorErr::Request(reason) => AppError::Network { reason },
            // On the server: the arguments did not parse. In the browser: the
            // answer was not ours (a proxy's error page, a captive portal).
            ServerFnErrorErr::Deserialization(reason) if cfg!(feature = "ssr") => {
                AppError::BadRequest { reason }
            }
            ServerFnErrorErr::Deserialization(reason) => AppError::Network { reason },
            // Made on the server: the request could not be read.
            ServerFnErrorErr::Args(reason)
            | ServerFnErrorErr::MissingArg(reason)
            | ServerFnErrorErr::UnsupportedRequestMethod(reason) => AppError::BadRequest { reason },
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "ssr"))]
                let _ = other;
                AppError::Internal
            }
        }
    }
}

/// A store error was logged where it happened (with the operation that
/// failed); the person is told only that something went wrong on our side.
#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for AppError {
    fn from(_: crate::store::StoreError) -> Self {
        AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, Problem};

    #[test]
    fn an_error_round_trips_as_json() {
        let error = AppError::Invalid {
            errors: FieldErrors::one(Field::Date, Problem::DateInFuture),
        };
        let bytes = error.ser();
        assert_eq!(AppError::de(bytes), error);
    }

    #[test]
    fn every_error_round_trips_as_json_in_the_same_shape() {
        let all = [
            AppError::Unauthenticated,
            AppError::BadCredentials,
            AppError::SecondStep {
                step: crate::model::two_step::SecondStep::Setup,
            },
            AppError::RateLimited {
                retry_after_seconds: 900,
            },
            AppError::Busy {
                retry_after_seconds: 1,
            },
            AppError::Forbidden,
            AppError::NotFound,
            AppError::Invalid {
                errors: FieldErrors::one(Field::Date, Problem::DateInFuture),
            },
            AppError::BadRequest {
                reason: "no".into(),
            },
            AppError::TooLarge { limit_bytes: 10 },
            AppError::Internal,
            AppError::Network {
                reason: "offline".into(),
            },
        ];
        for error in all {
            let json = serde_json::to_value(&error).unwrap();
            assert!(json["error"].is_string(), "{json}");
            assert_eq!(serde_json::from_value::<AppError>(json).unwrap(), error);
        }
        assert!(serde_json::from_str::<AppError>(r#"{"error":"rate_limited"}"#).is_err());
        assert!(serde_json::from_str::<AppError>(r#"{"error":"nonsense"}"#).is_err());
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn arguments_that_do_not_parse_are_a_bad_request() {
        let error =
            AppError::from_framework(ServerFnErrorErr::Deserialization("expected a uuid".into()));
        assert_eq!(error.status(), http::StatusCode::BAD_REQUEST);
    }

    #[test]
    fn no_answer_is_a_network_error() {
        let error = AppError::from_framework(ServerFnErrorErr::Request("offline".into()));
        assert!(error.is_transient());
    }

    #[test]
    fn denials_are_not_transient() {
        assert!(!AppError::Forbidden.is_transient());
        assert_eq!(AppError::Forbidden.status(), http::StatusCode::FORBIDDEN);
    }
}
