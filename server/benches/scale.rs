//! Parent Bridge at a network's scale, through `make cluster` (a PostgreSQL
//! primary and streaming replica, two app servers, HAProxy): 10,000 pairs
//! and 1,000,000 meeting logs (100 a pair), in four programmes of 2,000
//! pairs and ten of 200 (a manager sees every pair of the programmes they
//! manage). Prints, through the balancer, the time of a manager's home of
//! 200 pairs and of 2,000 (the page and its server function), of their log
//! list, of a programme report of 2,000 pairs; then 200 mentors syncing as
//! fast as they are answered, against one app server and against both
//! through the balancer: requests/s, p50, p99, errors. Numbers only.
//!
//!   scripts/bench-scale.sh [logs per pair] [seconds]
//!
//! (It reads the cluster's addresses from `PB_CLUSTER_*`, as
//! `scripts/cluster.sh start` prints them.)

mod common;

use app::model::*;
use app::store::Db;
use chrono::Days;
use common::*;
use reqwest::{Client, StatusCode};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn setting(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: run scripts/bench-scale.sh"))
}

fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
}

async fn log_in(base: &str, email: &str, address: &str) -> Client {
    let client = browser();
    let response = client
        .post(format!("{base}/api/auth/login"))
        .header("origin", base)
        .header("x-forwarded-for", address)
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{email} logs in");
    client
}

/// A batch of new logs for `pair`, as a phone sends it.
fn batch(pair: PairId, round: usize) -> Vec<SyncItem> {
    let date = app::model::dates::local_today() - Days::new(1 + (round % 10) as u64);
    (0..5)
        .map(|i| {
            let text = format!("Scale meeting {round}.{i}: homework and the next school visit.");
            log_item(pair, &text, date)
        })
        .collect()
}

/// 200 phones syncing against `base` for `seconds`, each sending its next
/// batch as soon as the last is answered.
async fn syncing(label: &str, base: &str, phones: &[(Client, PairId)], seconds: u64) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(Mutex::new(0usize));
    let mut tasks = Vec::new();
    for (client, pair) in phones.iter().cloned() {
        let (latencies, errors, base) = (latencies.clone(), errors.clone(), base.to_string());
        tasks.push(tokio::spawn(async move {
            let mut round = 0;
            while Instant::now() < deadline {
                let items = batch(pair, round);
                round += 1;
                let started = Instant::now();
                let answer = client
                    .post(format!("{base}/api/sync"))
                    .header("origin", &base)
                    .json(&serde_json::json!({ "items": items }))
                    .send()
                    .await;
                let ok = match answer {
                    Ok(r) if r.status().is_success() => r
                        .json::<Vec<SyncAnswer>>()
                        .await
                        .is_ok_and(|a| a.iter().all(|a| a.outcome == SyncOutcome::Stored)),
                    _ => false,
                };
                latencies.lock().unwrap().push(started.elapsed());
                if !ok {
                    *errors.lock().unwrap() += 1;
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let mut latencies = latencies.lock().unwrap().clone();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} {:>6.0} requests/s ({:>5.0} logs/s)   p50 {:>6.1} ms   p99 {:>6.1} ms   errors {}",
        latencies.len() as f64 / seconds as f64,
        latencies.len() as f64 * 5.0 / seconds as f64,
        ms(at(0.50)),
        ms(at(0.99)),
        errors.lock().unwrap()
    );
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let logs_per_pair = args.first().copied().unwrap_or(100);
    let seconds = args.get(1).copied().unwrap_or(20) as u64;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let balancer = setting("PB_CLUSTER_URL");
        let app_1 = setting("PB_CLUSTER_APP_1");
        let app_2 = setting("PB_CLUSTER_APP_2");
        let primary = Db::connect(&setting("PB_CLUSTER_PRIMARY_URL")).await.unwrap();
        let today = app::model::dates::local_today();

        let started = Instant::now();
        let sizes: Vec<usize> = [2_000; 4].into_iter().chain([200; 10]).collect();
        let mut seeded = Vec::new();
        for (p, pairs) in sizes.iter().enumerate() {
            let plan = Plan {
                pairs: *pairs,
                logs: pairs * logs_per_pair,
                pairs_per_manager: 200,
                tag: &format!(".p{p}"),
            };
            seeded.push(seed_plan(&primary, &plan, today).await);
        }
        let total_pairs: usize = sizes.iter().sum();
        if let Db::Postgres(pool) = &primary {
            sqlx::query("ANALYZE").execute(pool).await.unwrap();
        }
        println!(
            "postgres (primary + streaming replica, 2 app servers, HAProxy) · {total_pairs} pairs, {} meeting logs (seeded in {:.0} s)",
            total_pairs * logs_per_pair,
            started.elapsed().as_secs_f64()
        );
        // The replica has it all before anything is timed.
        let replica = Db::connect(&setting("PB_CLUSTER_REPLICA_URL")).await.unwrap();
        loop {
            let count = app::store::meetings::count(&replica).await.unwrap_or(0) as usize;
            if count >= total_pairs * logs_per_pair {
                break;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }

        let first = &seeded[0];
        let small = &seeded[4];
        let coordinator = log_in(&app_2, &first.coordinator_email, "10.9.0.2").await;
        let origin = balancer.clone();
        for (pairs, programme) in [(200, small), (2_000, first)] {
            let manager = log_in(&app_1, &programme.manager_email, "10.9.0.1").await;
            time(&format!("manager's home, the page ({pairs} pairs)"), 40, || {
                manager.get(format!("{balancer}/manager")).send()
            })
            .await;
            time(&format!("manager's home, its server function ({pairs})"), 40, || {
                manager
                    .post(format!("{balancer}/api/manager/dashboard"))
                    .header("origin", &origin)
                    .json(&serde_json::json!({ "query": DashboardQuery::default() }))
                    .send()
            })
            .await;
            time(&format!("manager's log list (newest of {pairs} pairs)"), 40, || {
                manager
                    .post(format!("{balancer}/api/manager/logs"))
                    .header("origin", &origin)
                    .send()
            })
            .await;
            // A rare word (one log in a thousand) and a common one (one in
            // ten), each a page of 50 at most.
            for words in ["football", "homework"] {
                time(&format!("log search \"{words}\" ({pairs} pairs)"), 40, || {
                    manager
                        .post(format!("{balancer}/api/manager/logs"))
                        .header("origin", &origin)
                        .form(&[("query[words]", words)])
                        .send()
                })
                .await;
            }
            let next_page = next_cursor(&manager, &balancer, &origin).await;
            time(&format!("log search, a later page ({pairs} pairs)"), 40, || {
                manager
                    .post(format!("{balancer}/api/manager/logs"))
                    .header("origin", &origin)
                    .form(&[("query[after]", next_page.as_str())])
                    .send()
            })
            .await;
        }
        time("programme report (2,000 pairs)", 10, || {
            coordinator
                .post(format!("{balancer}/api/programme-report/get"))
                .header("origin", &origin)
                .json(&serde_json::json!({ "programme": first.programme, "from": "", "to": "" }))
                .send()
        })
        .await;

        // 200 phones, each logged in from its own address.
        let mut phones = Vec::new();
        for (n, (email, pair)) in first.mentors.iter().take(200).enumerate() {
            let server = if n % 2 == 0 { &app_1 } else { &app_2 };
            phones.push((log_in(server, email, &format!("10.10.{}.{}", n / 250, n % 250 + 1)).await, *pair));
        }
        syncing("200 mentors syncing, one app server", &app_1, &phones, seconds).await;
        syncing("200 mentors syncing, two through HAProxy", &balancer, &phones, seconds).await;
    });
}
