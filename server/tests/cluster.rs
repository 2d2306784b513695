//! Parent Bridge scaled out behaves as one server does: each test starts
//! its own `make cluster` (`scripts/cluster.sh start`: a PostgreSQL primary
//! with a streaming replica, two app servers, HAProxy in front) from
//! nothing, with the demo data, and stops it at the end.
//!
//! They need PostgreSQL, HAProxy and the release build, and take the same
//! ports, so they are not part of a plain `cargo test` (`test = false` in
//! `Cargo.toml`): `scripts/test-cluster.sh`, a phase of `make test`, runs
//! them one at a time (`cargo test -p server --test cluster --
//! --test-threads=1`).

#[path = "../benches/common/mod.rs"]
mod common;
#[path = "api/helpers.rs"]
#[allow(dead_code)]
mod helpers;

use app::model::*;
use app::store::Db;
use chrono::Days;
use helpers::{record_item, SmtpSink};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const DEMO_PASSWORD: &str = "parent-bridge-demo";
/// Where each test looks for free ports: the balancer's from the first,
/// four in a row (primary, replica, two app servers) from the second. A
/// fixed set failed the whole suite when something else held one of them.
const BALANCER_PORTS_FROM: u16 = 3190;
const BASE_PORTS_FROM: u16 = 54360;

fn port_is_free(port: u16) -> bool {
    std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
}

/// The balancer's port and the first of four free ports in a row.
fn free_ports() -> (u16, u16) {
    let balancer = (BALANCER_PORTS_FROM..BALANCER_PORTS_FROM + 100)
        .find(|p| port_is_free(*p))
        .expect("a free port for the balancer");
    let base = (0..25)
        .map(|n| BASE_PORTS_FROM + 4 * n)
        .find(|b| (*b..*b + 4).all(port_is_free))
        .expect("four free ports in a row for PostgreSQL and the app servers");
    (balancer, base)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A running cluster; stopped (and its folder deleted) when dropped.
struct Cluster {
    dir: PathBuf,
    url: String,
    apps: [String; 2],
    primary: Db,
    replica: Db,
    env: Vec<(String, String)>,
}

impl Cluster {
    /// Starts a cluster with these settings for both app servers.
    async fn start(env: &[(&str, &str)]) -> Cluster {
        let dir = std::env::temp_dir().join(format!("pb-cluster-test-{}", uuid::Uuid::new_v4()));
        let (balancer_port, base_port) = free_ports();
        let mut all: Vec<(String, String)> = vec![
            ("PB_CLUSTER_PORT".into(), balancer_port.to_string()),
            ("PB_CLUSTER_BASE".into(), base_port.to_string()),
            // reqwest sends no Secure cookie over plain HTTP.
            ("PB_INSECURE_COOKIES".into(), "true".into()),
        ];
        all.extend(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let output = Command::new(root().join("scripts/cluster.sh"))
            .arg("start")
            .arg(&dir)
            .envs(all.iter().cloned())
            .output()
            .expect("scripts/cluster.sh runs");
        let settings: BTreeMap<String, String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let cluster_dir = dir.clone();
        let stop_on_failure = scopeguard(move || stop(&cluster_dir));
        assert!(
            output.status.success(),
            "the cluster starts:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let primary = Db::connect(&settings["PB_CLUSTER_PRIMARY_URL"])
            .await
            .unwrap();
        let replica = Db::connect(&settings["PB_CLUSTER_REPLICA_URL"])
            .await
            .unwrap();
        std::mem::forget(stop_on_failure);
        Cluster {
            dir,
            url: settings["PB_CLUSTER_URL"].clone(),
            apps: [
                settings["PB_CLUSTER_APP_1"].clone(),
                settings["PB_CLUSTER_APP_2"].clone(),
            ],
            primary,
            replica,
            env: all,
        }
    }

    /// Runs `scripts/cluster.sh <command> DIR <server>`.
    fn script(&self, command: &str, server: usize) {
        let status = Command::new(root().join("scripts/cluster.sh"))
            .arg(command)
            .arg(&self.dir)
            .arg(server.to_string())
            .envs(self.env.iter().cloned())
            .status()
            .unwrap();
        assert!(status.success(), "cluster.sh {command} {server}");
    }

    /// A client as a browser is, logged in as `email` through the balancer.
    async fn as_user(&self, base: &str, email: &str, password: &str) -> Client {
        let client = browser();
        let response = post(&client, base, "/api/auth/login")
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{email} logs in");
        client
    }

    /// The server log of both app servers.
    fn logs(&self) -> String {
        (1..=2)
            .map(|n| {
                std::fs::read_to_string(self.dir.join(format!("app-{n}.log"))).unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    async fn sql_count(db: &Db, sql: &str) -> i64 {
        match db {
            Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
            Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        }
    }

    async fn replica_sql(&self, sql: &str) {
        let Db::Postgres(pool) = &self.replica else {
            unreachable!()
        };
        sqlx::query(sql).execute(pool).await.unwrap();
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let logs = self.logs();
        let panics: Vec<&str> = logs.lines().filter(|l| l.contains("panic")).collect();
        stop(&self.dir);
        if !std::thread::panicking() {
            assert!(
                panics.is_empty(),
                "an app server panicked:\n{}",
                panics.join("\n")
            );
        }
    }
}

fn stop(dir: &std::path::Path) {
    let _ = Command::new(root().join("scripts/cluster.sh"))
        .arg("stop")
        .arg(dir)
        .status();
}

/// Runs `f` when dropped (unless forgotten).
fn scopeguard(f: impl FnOnce()) -> impl Drop {
    struct Guard<F: FnOnce()>(Option<F>);
    impl<F: FnOnce()> Drop for Guard<F> {
        fn drop(&mut self) {
            if let Some(f) = self.0.take() {
                f()
            }
        }
    }
    Guard(Some(f))
}

fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// A POST as the app's own pages make it.
fn post(client: &Client, base: &str, path: &str) -> reqwest::RequestBuilder {
    client
        .post(format!("{base}{path}"))
        .header("origin", base.to_string())
}

fn served_by(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("x-served-by")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

async fn first_pair(cluster: &Cluster, client: &Client) -> PairId {
    let pairs: Value = post(client, &cluster.url, "/api/mentor/pairs")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    PairId::parse(pairs[0]["id"].as_str().unwrap()).unwrap()
}

/// A new log of yesterday, as a phone sends it.
fn yesterdays_log(pair: PairId, description: &str) -> SyncItem {
    common::log_item(
        pair,
        description,
        app::model::dates::local_today() - Days::new(1),
    )
}

async fn sync(cluster: &Cluster, client: &Client, items: &[SyncItem]) -> Vec<SyncOutcome> {
    let response = post(client, &cluster.url, "/api/sync")
        .json(&json!({ "items": items }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let answers: Vec<SyncAnswer> = response.json().await.unwrap();
    answers.into_iter().map(|a| a.outcome).collect()
}

/// The descriptions of the logs an endpoint lists (a list, or a page of
/// the manager's search).
async fn descriptions(client: &Client, base: &str, endpoint: &str) -> Vec<String> {
    let answer: Value = post(client, base, endpoint)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let logs = answer
        .get("logs")
        .and_then(Value::as_array)
        .or(answer.as_array())
        .cloned()
        .unwrap_or_default();
    logs.iter()
        .map(|l| l["description"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn requests_through_the_balancer_land_on_both_servers_and_a_session_made_on_one_works_on_the_other(
) {
    let cluster = Cluster::start(&[]).await;
    let mentor = cluster
        .as_user(&cluster.url, "mentor@example.org", DEMO_PASSWORD)
        .await;

    let mut servers = HashSet::new();
    let mut ids = HashSet::new();
    for _ in 0..6 {
        let response = post(&mentor, &cluster.url, "/api/mentor/pairs")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        servers.insert(served_by(&response));
        ids.insert(
            response.headers()["x-request-id"]
                .to_str()
                .unwrap()
                .to_string(),
        );
    }
    let on_one = cluster
        .as_user(&cluster.apps[0], "manager@example.org", DEMO_PASSWORD)
        .await;
    let on_other = post(&on_one, &cluster.apps[1], "/api/manager/logs")
        .send()
        .await
        .unwrap();

    assert_eq!(
        servers,
        HashSet::from(["app-1".to_string(), "app-2".to_string()])
    );
    assert_eq!(ids.len(), 6, "one id per request: {ids:?}");
    assert_eq!(on_other.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_replica_serves_the_office_and_a_mentors_next_page_shows_the_log_they_just_wrote_even_while_it_lags(
) {
    let cluster = Cluster::start(&[]).await;
    let mentor = cluster
        .as_user(&cluster.url, "mentor@example.org", DEMO_PASSWORD)
        .await;
    let manager = cluster
        .as_user(&cluster.url, "manager@example.org", DEMO_PASSWORD)
        .await;
    let pair = first_pair(&cluster, &mentor).await;
    // The replica stops replaying: it lags behind every write from now on.
    cluster.replica_sql("SELECT pg_wal_replay_pause()").await;

    let outcomes = sync(
        &cluster,
        &mentor,
        &[yesterdays_log(pair, "Written while the replica lags")],
    )
    .await;
    let mut mentor_sees = Vec::new();
    for _ in 0..4 {
        // Through the balancer: each read lands on either server.
        mentor_sees.push(descriptions(&mentor, &cluster.url, "/api/mentor/logs").await);
    }
    let manager_saw = descriptions(&manager, &cluster.url, "/api/manager/logs").await;
    cluster.replica_sql("SELECT pg_wal_replay_resume()").await;
    let mut manager_sees = Vec::new();
    for _ in 0..50 {
        manager_sees = descriptions(&manager, &cluster.url, "/api/manager/logs").await;
        if manager_sees
            .iter()
            .any(|d| d == "Written while the replica lags")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    assert_eq!(outcomes, vec![SyncOutcome::Stored]);
    for seen in &mentor_sees {
        assert!(
            seen.iter().any(|d| d == "Written while the replica lags"),
            "the mentor's own write, read back: {seen:?}"
        );
    }
    assert!(
        !manager_saw
            .iter()
            .any(|d| d == "Written while the replica lags"),
        "the manager's list came from the paused replica"
    );
    assert!(!manager_saw.is_empty(), "the replica holds the demo's logs");
    assert!(
        manager_sees
            .iter()
            .any(|d| d == "Written while the replica lags"),
        "the replica caught up"
    );
}

#[tokio::test]
async fn the_public_page_read_from_the_replica_is_made_once_on_the_primary_and_served_by_both_servers(
) {
    let cluster = Cluster::start(&[]).await;
    let coordinator = cluster
        .as_user(&cluster.url, "coordinator@example.org", DEMO_PASSWORD)
        .await;
    let Db::Postgres(pool) = &cluster.primary else {
        unreachable!()
    };
    let organisation: uuid::Uuid = sqlx::query_scalar("SELECT id FROM organisations LIMIT 1")
        .fetch_one(pool)
        .await
        .unwrap();
    let published = post(&coordinator, &cluster.url, "/api/programme-report/public")
        .json(&json!({ "organisation": organisation, "on": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(published.status(), StatusCode::OK);

    // Anyone, without a session: until the replica has the publishing, the
    // page is not there yet; then every request finds it.
    let visitor = browser();
    let mut answers = Vec::new();
    for _ in 0..100 {
        let response = visitor
            .get(format!("{}/impact/{organisation}", cluster.url))
            .send()
            .await
            .unwrap();
        let ok = response.status() == StatusCode::OK;
        answers.push((response.status(), served_by(&response)));
        if ok && answers.iter().filter(|(s, _)| *s == StatusCode::OK).count() == 4 {
            break;
        }
        if !ok {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    let served: Vec<&(StatusCode, String)> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::OK)
        .collect();
    assert_eq!(served.len(), 4, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|(s, _)| *s == StatusCode::OK || *s == StatusCode::NOT_FOUND),
        "{answers:?}"
    );
    let servers: HashSet<&str> = served.iter().map(|(_, by)| by.as_str()).collect();
    assert_eq!(servers.len(), 2, "{answers:?}");
    assert_eq!(
        Cluster::sql_count(&cluster.primary, "SELECT COUNT(*) FROM public_snapshots").await,
        1
    );
}

#[tokio::test]
async fn with_two_servers_each_digest_and_each_concerns_email_goes_once() {
    let sink = SmtpSink::start();
    // Digest hour 0: both servers make today's digests as they start.
    let cluster = Cluster::start(&[("PB_SMTP_URL", &sink.url), ("PB_DIGEST_HOUR", "0")]).await;
    sink.wait_for(1).await;
    // Both servers had their chance at the queue.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let digests = sink.received();
    let mentor = cluster
        .as_user(&cluster.url, "mentor@example.org", DEMO_PASSWORD)
        .await;
    let pair = first_pair(&cluster, &mentor).await;
    let concern = ConcernInput {
        pair_id: pair.to_string(),
        about: "child".into(),
        happened: "Told me something at the school gate that worries me.".into(),
        done: "I stayed with them and called the manager.".into(),
        log_id: String::new(),
    };

    let outcomes = sync(
        &cluster,
        &mentor,
        &[record_item::<Concern>(
            ConcernId::new().as_uuid(),
            1,
            &concern,
        )],
    )
    .await;
    sink.wait_for(digests.len() + 1).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let all = sink.received();

    assert!(!digests.is_empty(), "the demo's people had digests to get");
    let per_person = |mails: &[helpers::ReceivedMail]| {
        let mut count = BTreeMap::new();
        for mail in mails {
            for to in &mail.to {
                *count.entry(to.clone()).or_insert(0) += 1;
            }
        }
        count
    };
    let digest_counts = per_person(&digests);
    assert!(digest_counts.values().all(|n| *n == 1), "{digest_counts:?}");
    assert_eq!(outcomes, vec![SyncOutcome::Stored]);
    let concern_mails = &all[digests.len()..];
    let concern_counts = per_person(concern_mails);
    assert!(!concern_counts.is_empty(), "the concern was told by email");
    assert!(
        concern_counts.values().all(|n| *n == 1),
        "{concern_counts:?}"
    );
    assert_eq!(
        Cluster::sql_count(
            &cluster.primary,
            "SELECT COUNT(*) FROM emails WHERE sent_at IS NULL"
        )
        .await,
        0
    );
}

/// Sends `items` until every one is answered stored or already stored, as
/// a phone's outbox does (a failed request is sent again after a pause);
/// how many requests failed.
async fn sync_until_answered(base: &str, client: &Client, items: &[SyncItem]) -> usize {
    let mut failures = 0;
    loop {
        let answer = post(client, base, "/api/sync")
            .json(&json!({ "items": items }))
            .send()
            .await;
        if let Ok(response) = answer {
            if response.status() == StatusCode::OK {
                if let Ok(answers) = response.json::<Vec<SyncAnswer>>().await {
                    assert!(
                        answers.iter().all(|a| matches!(
                            a.outcome,
                            SyncOutcome::Stored | SyncOutcome::AlreadyStored
                        )),
                        "{answers:?}"
                    );
                    return failures;
                }
            }
        }
        failures += 1;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn losing_a_server_while_200_mentors_sync_loses_and_duplicates_nothing() {
    const MENTORS: usize = 200;
    const ROUNDS: usize = 6;
    const PER_BATCH: usize = 3;
    let cluster = Arc::new(Cluster::start(&[]).await);
    // A programme of their own: each mentor with two pairs, syncing to
    // the first.
    let plan = common::Plan {
        pairs: 2 * MENTORS,
        logs: 0,
        pairs_per_manager: 2 * MENTORS,
        tag: ".cluster",
    };
    let seeded = common::seed_plan(&cluster.primary, &plan, app::model::dates::local_today()).await;
    let mentors = &seeded.mentors[..MENTORS];
    // Each phone logs in from its own address (through the balancer they
    // would all be this machine's, and 200 logins from one address are a
    // flood the login limits stop), on either server: the sessions are
    // the database's.
    let mut clients = Vec::new();
    for (m, (email, pair)) in mentors.iter().enumerate() {
        let client = browser();
        let login = post(&client, &cluster.apps[m % 2], "/api/auth/login")
            .header(
                "x-forwarded-for",
                format!("10.8.{}.{}", m / 250, m % 250 + 1),
            )
            .form(&[("email", email.as_str()), ("password", common::PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), StatusCode::OK, "{email} logs in");
        clients.push((client, *pair));
    }
    let failures = Arc::new(AtomicUsize::new(0));
    let sent = Arc::new(std::sync::Mutex::new(Vec::new()));
    let started = Instant::now();

    let mut phones = Vec::new();
    for (client, pair) in clients {
        let (cluster, failures, sent) = (cluster.clone(), failures.clone(), sent.clone());
        phones.push(tokio::spawn(async move {
            for round in 0..ROUNDS {
                let items: Vec<SyncItem> = (0..PER_BATCH)
                    .map(|i| yesterdays_log(pair, &format!("Cluster meeting {round}.{i}")))
                    .collect();
                sent.lock().unwrap().extend(items.iter().map(|i| i.id));
                let failed = sync_until_answered(&cluster.url, &client, &items).await;
                failures.fetch_add(failed, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        }));
    }
    // One server dies mid-run (SIGKILL) and comes back; then the other is
    // stopped as a deployment stops it (SIGTERM: drains, finishes) and
    // comes back.
    let outage = {
        let cluster = cluster.clone();
        tokio::task::spawn_blocking(move || {
            std::thread::sleep(Duration::from_millis(500));
            cluster.script("kill", 1);
            std::thread::sleep(Duration::from_secs(2));
            cluster.script("restart", 1);
            cluster.script("term", 2);
            cluster.script("restart", 2);
        })
    };
    for phone in phones {
        phone.await.unwrap();
    }
    outage.await.unwrap();
    let took = started.elapsed();

    let sent = sent.lock().unwrap().clone();
    let stored = Cluster::sql_count(
        &cluster.primary,
        "SELECT COUNT(*) FROM meeting_logs WHERE description LIKE 'Cluster meeting %'",
    )
    .await;
    println!(
        "{MENTORS} mentors, {} logs in {:.1} s across a SIGKILL and a SIGTERM: {} requests failed and were sent again",
        sent.len(),
        took.as_secs_f64(),
        failures.load(Ordering::Relaxed)
    );
    assert_eq!(sent.len(), MENTORS * ROUNDS * PER_BATCH);
    assert_eq!(sent.iter().collect::<HashSet<_>>().len(), sent.len());
    assert_eq!(stored as usize, sent.len(), "every log stored, once");
    let Ok(cluster) = Arc::try_unwrap(cluster) else {
        panic!("the cluster is still shared")
    };
    drop(cluster);
}
