//! What one server counts for `/metrics` (Prometheus scrapes it in the
//! OpenMetrics text format): requests by route and status, their latency,
//! the sync items by kind and outcome, the emails sent and failed, and, read
//! when scraped, the email queue's length and the database pool's use.
//!
//! Each server counts its own; Prometheus adds them up across servers (the
//! `instance` label is its own).

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::time::Duration;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: String,
    /// The route's pattern (`/pairs/{id}`), never the address asked for: a
    /// label per address would grow without end.
    pub route: String,
    pub status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub method: String,
    pub route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SyncLabels {
    /// `meeting_log`, `goal`, `report`, `concern`.
    pub kind: String,
    /// `stored`, `already_stored`, `conflict`, `rejected`.
    pub outcome: String,
}

type HistogramFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// The counters of one server process.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: HistogramFamily,
    sync_items: Family<SyncLabels, Counter>,
    emails_sent: Counter,
    emails_failed: Counter,
    email_queue: Gauge,
    pool_connections: Gauge,
    pool_idle: Gauge,
}

/// Request latency buckets: 1 ms to about 8 s, doubling.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 14))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("parent_bridge");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency: HistogramFamily = Family::new_with_constructor(latency_histogram);
        let sync_items = Family::<SyncLabels, Counter>::default();
        let emails_sent = Counter::default();
        let emails_failed = Counter::default();
        let email_queue = Gauge::default();
        let pool_connections = Gauge::default();
        let pool_idle = Gauge::default();
        registry.register(
            "http_requests",
            "Requests answered, by method, route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request, by method and route",
            latency.clone(),
        );
        registry.register(
            "sync_items",
            "Items phones sent, by kind and by what became of them",
            sync_items.clone(),
        );
        registry.register(
            "emails_sent",
            "Emails handed to the mail server",
            emails_sent.clone(),
        );
        registry.register(
            "email_failures",
            "Attempts to send an email that failed (each is tried again later)",
            emails_failed.clone(),
        );
        registry.register(
            "email_queue",
            "Emails waiting to be sent, across every server (read when scraped)",
            email_queue.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Connections this server holds to the database",
            pool_connections.clone(),
        );
        registry.register(
            "db_pool_idle",
            "Of those, the ones not in use",
            pool_idle.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            sync_items,
            emails_sent,
            emails_failed,
            email_queue,
            pool_connections,
            pool_idle,
        }
    }
}

impl Metrics {
    /// One answered request.
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_string(),
                route: route.to_string(),
                status: status.to_string(),
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                method: method.to_string(),
                route: route.to_string(),
            })
            .observe(took.as_secs_f64());
    }

    /// `count` items of `kind` that ended as `outcome`.
    pub fn sync_items(&self, kind: &str, outcome: &str, count: u64) {
        if count > 0 {
            self.sync_items
                .get_or_create(&SyncLabels {
                    kind: kind.to_string(),
                    outcome: outcome.to_string(),
                })
                .inc_by(count);
        }
    }

    pub fn email_sent(&self) {
        self.emails_sent.inc();
    }

    pub fn email_failed(&self) {
        self.emails_failed.inc();
    }

    /// The text Prometheus reads, with the figures read at this moment.
    pub fn render(&self, email_queue: i64, pool_connections: u32, pool_idle: usize) -> String {
        self.email_queue.set(email_queue);
        self.pool_connections.set(i64::from(pool_connections));
        self.pool_idle.set(pool_idle as i64);
        let mut text = String::new();
        // Writing to a String does not fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }
}

/// The content type of [`Metrics::render`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_counts_requests_sync_items_and_emails_under_their_labels() {
        let metrics = Metrics::default();

        metrics.request("GET", "/mentor", 200, Duration::from_millis(3));
        metrics.request("GET", "/mentor", 200, Duration::from_millis(5));
        metrics.sync_items("meeting_log", "stored", 3);
        metrics.sync_items("goal", "conflict", 0);
        metrics.email_failed();
        let text = metrics.render(7, 5, 2);

        assert!(
            text.contains(
                r#"parent_bridge_http_requests_total{method="GET",route="/mentor",status="200"} 2"#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#"parent_bridge_http_request_duration_seconds_count{method="GET",route="/mentor"} 2"#),
            "{text}"
        );
        assert!(
            text.contains(
                r#"parent_bridge_sync_items_total{kind="meeting_log",outcome="stored"} 3"#
            ),
            "{text}"
        );
        assert!(!text.contains(r#"kind="goal""#), "{text}");
        assert!(
            text.contains("parent_bridge_email_failures_total 1"),
            "{text}"
        );
        assert!(text.contains("parent_bridge_email_queue 7"), "{text}");
        assert!(text.contains("parent_bridge_db_pool_idle 2"), "{text}");
        assert!(text.ends_with("# EOF\n"), "{text}");
    }
}
