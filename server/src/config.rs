//! Settings, from command-line flags or the environment.

use app::api::context::Settings;
use clap::Args;
use std::net::SocketAddr;

/// Where the database is; shared by every command.
#[derive(Args, Clone, Debug)]
pub struct DbArgs {
    /// `sqlite:path/to/file.db` (embedded, the default) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite:data/parent-bridge.db"
    )]
    pub database_url: String,
}

#[derive(Args, Clone, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address and port to listen on.
    #[arg(long, env = "PB_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// The address people use, e.g. `https://mentoring.example.org`. An
    /// `https` address makes cookies `Secure`; requests whose `Origin` is
    /// neither this nor the request's own host are refused.
    #[arg(long, env = "PB_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The folder with the built site (`pkg/`, icons, `sw.js`).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// Trust `X-Forwarded-For` (only behind a proxy you run).
    #[arg(long, env = "PB_TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,
    /// Minutes a session may stay unused.
    #[arg(long, env = "PB_SESSION_IDLE_MINUTES", default_value_t = 7 * 24 * 60)]
    pub session_idle_minutes: i64,
    /// Hours a session lasts at most.
    #[arg(long, env = "PB_SESSION_MAX_HOURS", default_value_t = 30 * 24)]
    pub session_max_hours: i64,
    #[command(flatten)]
    pub mail: MailArgs,
}

/// How email is sent; without `PB_SMTP_URL` the app keeps its own
/// notifications only.
#[derive(Args, Clone, Debug)]
pub struct MailArgs {
    /// `smtps://user:password@host:465` (TLS), `smtp://user:password@host:587?tls=required`
    /// (STARTTLS), or `smtp://host:25` (plain: a relay on the same machine only).
    #[arg(long, env = "PB_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of every email.
    #[arg(
        long,
        env = "PB_MAIL_FROM",
        default_value = "Parent Bridge <noreply@localhost>"
    )]
    pub mail_from: String,
    /// The hour (0-23, the server's local time) the daily digests are sent.
    #[arg(long, env = "PB_DIGEST_HOUR", default_value_t = 7)]
    pub digest_hour: u32,
}

impl MailArgs {
    /// The mail settings, if email is configured.
    pub fn config(&self) -> Option<crate::mail::MailConfig> {
        let url = self.smtp_url.as_deref()?.trim();
        (!url.is_empty()).then(|| crate::mail::MailConfig {
            smtp_url: url.to_string(),
            from: self.mail_from.clone(),
            digest_hour: Some(self.digest_hour),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("PB_PUBLIC_URL must start with http:// or https://, not {0:?}")]
    PublicUrl(String),
    #[error("{0} must be positive")]
    NotPositive(&'static str),
}

/// Security settings and the origin allowed besides the request's own host.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    pub settings: Settings,
    pub public_origin: Option<String>,
    pub trust_proxy: bool,
    pub site_root: String,
}

impl ServeArgs {
    pub fn http_config(&self) -> Result<HttpConfig, ConfigError> {
        if self.session_idle_minutes <= 0 {
            return Err(ConfigError::NotPositive("PB_SESSION_IDLE_MINUTES"));
        }
        if self.session_max_hours <= 0 {
            return Err(ConfigError::NotPositive("PB_SESSION_MAX_HOURS"));
        }
        let public_origin = match &self.public_url {
            None => None,
            Some(url) => Some(origin_of(url).ok_or_else(|| ConfigError::PublicUrl(url.clone()))?),
        };
        let secure = public_origin
            .as_deref()
            .is_some_and(|o| o.starts_with("https://"));
        Ok(HttpConfig {
            settings: Settings {
                session_idle: chrono::Duration::minutes(self.session_idle_minutes),
                session_absolute: chrono::Duration::hours(self.session_max_hours),
                secure_cookies: secure,
                public_origin: public_origin.clone(),
                mail_enabled: self.mail.config().is_some(),
                ..Settings::default()
            },
            public_origin,
            trust_proxy: self.trust_proxy,
            site_root: self.site_root.clone(),
        })
    }
}

/// `scheme://host[:port]` of a URL, without path.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_of_a_url_drops_its_path() {
        assert_eq!(
            origin_of("https://Mentoring.example.org/app?x=1").as_deref(),
            Some("https://mentoring.example.org")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(origin_of("ftp://example.org"), None);
        assert_eq!(origin_of("example.org"), None);
    }
}
