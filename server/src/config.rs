//! Settings, from command-line flags or the environment.

use app::api::context::Settings;
use app::model::limits::*;
use clap::Args;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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
    /// The file of the server's secret, which wraps every person's storage
    /// key (made, readable by the server's user only, when missing). Keep it
    /// out of the database's backups, and keep a copy of it apart: without
    /// it no phone's data opens by an online login.
    #[arg(long, env = "PB_SECRET_FILE", default_value = "data/server-secret")]
    pub secret_file: std::path::PathBuf,
    /// The folder with the built site (`pkg/`, icons, `sw.js`).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
    /// How many proxies of your own stand between the clients and this
    /// server (0: none). The client's address is read that many entries
    /// from the right of `X-Forwarded-For`; entries further left are
    /// written by the client and never believed.
    #[arg(long, env = "PB_PROXY_HOPS", default_value_t = 0)]
    pub proxy_hops: u8,
    /// The setting `PB_PROXY_HOPS` replaced: refused with a message, so
    /// a deployment that set it does not silently count every client as
    /// its proxy.
    #[arg(long, env = "PB_TRUST_PROXY", hide = true)]
    pub trust_proxy: Option<String>,
    /// Development only: cookies without `Secure` (and without the
    /// `__Host-` prefix), for a browser on plain HTTP other than localhost.
    #[arg(long, env = "PB_INSECURE_COOKIES", default_value_t = false)]
    pub insecure_cookies: bool,
    /// Minutes a mentor's or mentee's session may stay unused.
    #[arg(long, env = "PB_SESSION_IDLE_MINUTES", default_value_t = SESSION_IDLE_MINUTES)]
    pub session_idle_minutes: i64,
    /// Hours a mentor's or mentee's session lasts at most.
    #[arg(long, env = "PB_SESSION_MAX_HOURS", default_value_t = SESSION_MAX_HOURS)]
    pub session_max_hours: i64,
    /// Minutes a manager's or coordinator's session may stay unused.
    #[arg(long, env = "PB_OFFICE_SESSION_IDLE_MINUTES", default_value_t = OFFICE_SESSION_IDLE_MINUTES)]
    pub office_session_idle_minutes: i64,
    /// Hours a manager's or coordinator's session lasts at most.
    #[arg(long, env = "PB_OFFICE_SESSION_MAX_HOURS", default_value_t = OFFICE_SESSION_MAX_HOURS)]
    pub office_session_max_hours: i64,
    /// A PostgreSQL streaming replica of `DATABASE_URL` for the reads that
    /// can go there (the manager's home, log lists, the programme report,
    /// the comparison, the public page). A person's reads after their own
    /// write wait for it to have the write; when it lags or is down, reads
    /// go to the primary.
    #[arg(long, env = "PB_DATABASE_READ_URL", hide_env_values = true)]
    pub database_read_url: Option<String>,
    /// This server's name in `/healthz`, `/readyz` and the log, where
    /// several serve one database (default: the host's name and the port).
    #[arg(long, env = "PB_INSTANCE")]
    pub instance: Option<String>,
    /// Seconds between SIGTERM and the end of new work: `/readyz` answers
    /// 503 meanwhile, so a load balancer stops sending requests here first;
    /// the requests under way are then finished before the server stops.
    #[arg(long, env = "PB_DRAIN_SECONDS", default_value_t = 0)]
    pub drain_seconds: u64,
    /// A token Prometheus sends (`Authorization: Bearer …`) to read
    /// `/metrics`. Without it, `/metrics` answers this machine only.
    #[arg(long, env = "PB_METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,
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
    #[error("PB_TRUST_PROXY is gone: set PB_PROXY_HOPS to the number of proxies of yours in front of the server (1 for one reverse proxy)")]
    TrustProxyGone,
    #[error("PB_PUBLIC_URL is {0}: browsers drop Secure cookies on plain HTTP, so nobody could log in. Serve it over HTTPS, or set PB_INSECURE_COOKIES=true for development")]
    InsecurePublicUrl(String),
    #[error("set PB_PUBLIC_URL to the address people use (https://…): {0}, and the links in invitations and emails are never made from the host a request names")]
    PublicUrlRequired(String),
    #[error(
        "PB_INSTANCE may hold letters, digits and . _ : - only, at most 64 of them, not {0:?}"
    )]
    Instance(String),
    #[error("PB_METRICS_TOKEN must be at least 32 characters (it guards what the server counts)")]
    MetricsToken,
}

/// Security settings and the origin allowed besides the request's own host.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    pub settings: Settings,
    pub public_origin: Option<String>,
    /// Proxies of one's own in front of the server (see `PB_PROXY_HOPS`).
    pub proxy_hops: u8,
    pub site_root: String,
    /// This server's name among several (`PB_INSTANCE`).
    pub instance: String,
    /// Who may read `/metrics`: with a token, whoever sends it; without,
    /// this machine only.
    pub metrics_token: Option<String>,
    /// Whether this server still takes new work (see [`Health`]).
    pub health: Arc<Health>,
}

impl HttpConfig {
    /// A server of this machine with `settings`, serving the site in
    /// `site_root`: no public address, no proxy, no metrics token (the
    /// tests and benchmarks change what they need).
    pub fn new(settings: Settings, site_root: impl Into<String>) -> Self {
        HttpConfig {
            settings,
            public_origin: None,
            proxy_hops: 0,
            site_root: site_root.into(),
            instance: "local".to_string(),
            metrics_token: None,
            health: Arc::default(),
        }
    }
}

/// Whether a server takes new work: it stops before it ends (SIGTERM), so
/// that a load balancer, asking `/readyz`, sends the next requests to
/// another server while this one finishes the requests it has.
#[derive(Debug, Default)]
pub struct Health {
    /// Between binding its port and having applied its migrations: every
    /// request but `/healthz` and `/readyz` is answered 503.
    starting: AtomicBool,
    draining: AtomicBool,
}

impl Health {
    /// A server that has not finished starting.
    pub fn starting() -> Health {
        Health {
            starting: AtomicBool::new(true),
            draining: AtomicBool::new(false),
        }
    }

    /// Whether the server is still starting (`true`) or has started.
    pub fn set_starting(&self, starting: bool) {
        self.starting.store(starting, Ordering::SeqCst);
    }

    pub fn is_starting(&self) -> bool {
        self.starting.load(Ordering::SeqCst)
    }

    /// From now on `/readyz` answers 503.
    pub fn drain(&self) {
        self.draining.store(true, Ordering::SeqCst);
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::SeqCst)
    }
}

/// The host's name, as the kernel knows it.
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
}

/// Whether `name` is fit for a log line and a JSON answer.
pub fn valid_instance(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'))
}

impl ServeArgs {
    pub fn http_config(&self) -> Result<HttpConfig, ConfigError> {
        if self.trust_proxy.is_some() {
            return Err(ConfigError::TrustProxyGone);
        }
        for (value, name) in [
            (self.session_idle_minutes, "PB_SESSION_IDLE_MINUTES"),
            (self.session_max_hours, "PB_SESSION_MAX_HOURS"),
            (
                self.office_session_idle_minutes,
                "PB_OFFICE_SESSION_IDLE_MINUTES",
            ),
            (self.office_session_max_hours, "PB_OFFICE_SESSION_MAX_HOURS"),
        ] {
            if value <= 0 {
                return Err(ConfigError::NotPositive(name));
            }
        }
        let public_origin = match &self.public_url {
            None => None,
            Some(url) => Some(origin_of(url).ok_or_else(|| ConfigError::PublicUrl(url.clone()))?),
        };
        // Links people are sent (invitations, emails) start with this
        // origin, never with a request's `Host`, which its sender chooses.
        let mail_on = self.mail.config().is_some();
        let link_origin = match &public_origin {
            Some(origin) => origin.clone(),
            None if !self.addr.ip().is_loopback() => {
                return Err(ConfigError::PublicUrlRequired(format!(
                    "the server listens on {}, not on this machine only",
                    self.addr
                )))
            }
            None if mail_on => {
                return Err(ConfigError::PublicUrlRequired("email is on".to_string()))
            }
            None => format!("http://{}", self.addr),
        };
        let instance = match &self.instance {
            Some(name) if valid_instance(name.trim()) => name.trim().to_string(),
            Some(name) => return Err(ConfigError::Instance(name.clone())),
            None => format!("{}:{}", host_name(), self.addr.port()),
        };
        let metrics_token = match self.metrics_token.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(token) if token.len() < 32 => return Err(ConfigError::MetricsToken),
            Some(token) => Some(token.to_string()),
        };
        let secure = !self.insecure_cookies;
        if let Some(origin) = public_origin.as_deref() {
            if secure && origin.starts_with("http://") && !is_loopback_origin(origin) {
                return Err(ConfigError::InsecurePublicUrl(origin.to_string()));
            }
        }
        Ok(HttpConfig {
            settings: Settings {
                session_idle: chrono::Duration::minutes(self.session_idle_minutes),
                session_absolute: chrono::Duration::hours(self.session_max_hours),
                office_session_idle: chrono::Duration::minutes(self.office_session_idle_minutes),
                office_session_absolute: chrono::Duration::hours(self.office_session_max_hours),
                secure_cookies: secure,
                public_origin: public_origin.clone(),
                link_origin,
                mail_enabled: mail_on,
                ..Settings::default()
            },
            public_origin,
            proxy_hops: self.proxy_hops,
            site_root: self.site_root.clone(),
            instance,
            metrics_token,
            health: Arc::new(Health::starting()),
        })
    }
}

/// `http://localhost…`, `http://127.…` or `http://[::1]…`: browsers keep
/// `Secure` cookies there even without HTTPS.
fn is_loopback_origin(origin: &str) -> bool {
    let authority = origin
        .split_once("://")
        .map_or(origin, |(_, rest)| rest)
        .to_ascii_lowercase();
    // The host without its port: `[::1]:3000`, `127.0.0.1:3000`, `localhost`.
    let host = match authority.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default().to_string(),
        None => authority.split(':').next().unwrap_or_default().to_string(),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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

    fn serve_args(env: &[&str]) -> Result<ServeArgs, clap::Error> {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            serve: ServeArgs,
        }
        use clap::Parser;
        let mut argv = vec!["parent-bridge"];
        argv.extend_from_slice(env);
        Cli::try_parse_from(argv).map(|c| c.serve)
    }

    #[test]
    fn cookies_are_secure_unless_the_development_flag_says_otherwise() {
        let config = serve_args(&[]).unwrap().http_config().unwrap();
        assert!(config.settings.secure_cookies);
        let config = serve_args(&["--insecure-cookies"])
            .unwrap()
            .http_config()
            .unwrap();
        assert!(!config.settings.secure_cookies);
    }

    #[test]
    fn a_public_url_on_plain_http_is_refused_unless_it_is_this_machine_or_development() {
        let refused = serve_args(&["--public-url", "http://mentoring.example.org"])
            .unwrap()
            .http_config();
        assert!(matches!(refused, Err(ConfigError::InsecurePublicUrl(_))));
        for fine in [
            vec!["--public-url", "https://mentoring.example.org"],
            vec!["--public-url", "http://127.0.0.1:3000"],
            vec!["--public-url", "http://localhost:3000"],
            vec![
                "--public-url",
                "http://mentoring.example.org",
                "--insecure-cookies",
            ],
        ] {
            assert!(serve_args(&fine).unwrap().http_config().is_ok(), "{fine:?}");
        }
    }

    #[test]
    fn only_an_address_of_this_machine_is_loopback_not_a_name_that_starts_like_one() {
        for origin in [
            "http://localhost:3000",
            "http://127.0.0.1",
            "http://127.1.2.3:80",
            "http://[::1]:3000",
        ] {
            assert!(is_loopback_origin(origin), "{origin}");
        }
        for origin in [
            "http://127.evil.tld",
            "http://localhost.evil.tld",
            "http://[::2]:3000",
            "http://10.0.0.1",
        ] {
            assert!(!is_loopback_origin(origin), "{origin}");
        }
    }

    #[test]
    fn links_come_from_the_public_url_and_without_one_only_a_server_of_this_machine_starts() {
        let open = serve_args(&["--addr", "0.0.0.0:3000"])
            .unwrap()
            .http_config();
        let mail = serve_args(&["--smtp-url", "smtp://mail.example.org"])
            .unwrap()
            .http_config();
        let local = serve_args(&[]).unwrap().http_config().unwrap();
        let public = serve_args(&[
            "--addr",
            "0.0.0.0:3000",
            "--public-url",
            "https://m.example.org/x",
        ])
        .unwrap()
        .http_config()
        .unwrap();

        assert!(matches!(open, Err(ConfigError::PublicUrlRequired(_))));
        assert!(matches!(mail, Err(ConfigError::PublicUrlRequired(_))));
        assert_eq!(local.settings.link_origin, "http://127.0.0.1:3000");
        assert_eq!(public.settings.link_origin, "https://m.example.org");
    }

    #[test]
    fn the_old_trust_proxy_setting_is_refused_with_what_replaced_it() {
        let error = serve_args(&["--trust-proxy", "true"])
            .unwrap()
            .http_config()
            .unwrap_err();
        assert!(error.to_string().contains("PB_PROXY_HOPS"));
    }

    #[test]
    fn every_session_length_must_be_positive() {
        let error = serve_args(&["--office-session-idle-minutes", "0"])
            .unwrap()
            .http_config()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "PB_OFFICE_SESSION_IDLE_MINUTES must be positive"
        );
    }

    #[test]
    fn an_instance_is_named_by_its_host_and_port_unless_named_and_a_bad_name_is_refused() {
        let named = serve_args(&["--instance", "app-2"])
            .unwrap()
            .http_config()
            .unwrap();
        let unnamed = serve_args(&["--addr", "127.0.0.1:3101"])
            .unwrap()
            .http_config()
            .unwrap();
        let bad = serve_args(&["--instance", "two words\n"])
            .unwrap()
            .http_config();

        assert_eq!(named.instance, "app-2");
        assert!(unnamed.instance.ends_with(":3101"), "{}", unnamed.instance);
        assert!(matches!(bad, Err(ConfigError::Instance(_))));
    }

    #[test]
    fn a_metrics_token_shorter_than_32_characters_is_refused() {
        let short = serve_args(&["--metrics-token", "secret"])
            .unwrap()
            .http_config();
        let long = serve_args(&["--metrics-token", &"k".repeat(32)])
            .unwrap()
            .http_config()
            .unwrap();

        assert!(matches!(short, Err(ConfigError::MetricsToken)));
        assert_eq!(long.metrics_token.as_deref(), Some("k".repeat(32).as_str()));
    }
}
