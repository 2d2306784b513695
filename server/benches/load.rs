//! Many mentors syncing at once: 200 mentors (each with a mentee), logged
//! in, each sending a batch of new meeting logs every second or so through
//! the real sync path for 60 seconds, on SQLite (or PostgreSQL when
//! `PB_BENCH_POSTGRES_URL` names a server). Prints the requests, the
//! errors, the latency (p50, p99, max) and checks that the database holds
//! exactly the logs answered "stored". Numbers only.
//!
//! Beside them, `attackers` tasks flood the login with wrong passwords, as
//! fast as they are answered, each attempt from a new address (IPv4 and
//! IPv6 across the whole internet, through one proxy hop), for the
//! mentors' own accounts and for unknown ones: the syncs should not feel
//! it (p99 under 50 ms, no errors). Prints what the flood was answered.
//!
//!   cargo bench -p server --bench load -- [mentors] [seconds] [think ms] [logs per batch] [attackers]

mod common;

use app::api::auth::session::hash_password;
use app::api::context::Settings;
use app::model::*;
use app::store::{pairs, programmes, users, Db};
use chrono::Days;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::PASSWORD;

/// A programme with `mentors` mentors, each with one mentee and one pair.
async fn seed(db: &Db, mentors: usize, today: chrono::NaiveDate) -> Vec<(String, PairId)> {
    let hash = hash_password(PASSWORD).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let org = users::create_organisation(&mut tx, "Load network")
        .await
        .unwrap();
    let programme = programmes::create(
        &mut tx,
        org,
        &ProgrammeSettings::with_defaults("Load programme", Typology::Both, today - Days::new(60)),
        None,
        app::i18n::Lang::En,
    )
    .await
    .unwrap();
    let manager = users::create_user(&mut tx, "manager@load.test", "Load manager", None)
        .await
        .unwrap();
    users::add_membership(&mut tx, manager, programme, Role::Manager)
        .await
        .unwrap();
    let mut out = Vec::with_capacity(mentors);
    for m in 0..mentors {
        let email = format!("mentor{m}@load.test");
        let mentor = users::create_user(&mut tx, &email, &format!("Mentor {m}"), Some(&hash))
            .await
            .unwrap();
        users::add_membership(&mut tx, mentor, programme, Role::Mentor)
            .await
            .unwrap();
        let mentee = users::create_user(
            &mut tx,
            &format!("mentee{m}@load.test"),
            &format!("Mentee {m}"),
            None,
        )
        .await
        .unwrap();
        users::add_membership(&mut tx, mentee, programme, Role::Mentee)
            .await
            .unwrap();
        let started_on = today - Days::new(50);
        let pair = pairs::create(
            &mut tx,
            &pairs::NewPair {
                programme,
                mentor,
                mentee,
                manager,
                started_on,
                confirmed_on: Some(started_on),
                planned_end_on: started_on + chrono::Months::new(6),
                mentor_candidate: None,
                mentee_candidate: None,
            },
        )
        .await
        .unwrap();
        out.push((email, pair));
    }
    tx.commit().await.unwrap();
    out
}

/// A batch of `n` new logs for `pair`, as a phone sends it.
fn batch(pair: PairId, today: chrono::NaiveDate, n: usize, round: usize) -> Vec<SyncItem> {
    let date = today - Days::new(1 + (round % 40) as u64);
    (0..n)
        .map(|i| {
            let text =
                format!("Load meeting {round}.{i}: homework routines and the next school visit.");
            common::log_item(pair, &text, date)
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: usize,
    /// Each kind of error (status and answer) and how often it came.
    error_kinds: std::collections::BTreeMap<String, usize>,
    stored: usize,
}

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let mentors = args.first().copied().unwrap_or(200) as usize;
    let seconds = args.get(1).copied().unwrap_or(60);
    let think_ms = args.get(2).copied().unwrap_or(1000);
    let per_batch = args.get(3).copied().unwrap_or(5) as usize;
    let attackers = args.get(4).copied().unwrap_or(0) as usize;
    // The server's own warnings and errors (RUST_LOG) go to stderr.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let folder = tempfile::tempdir().unwrap();
        let (db, _) = common::database(folder.path()).await;
        db.migrate().await.unwrap();
        let today = app::model::dates::local_today();
        let people = seed(&db, mentors, today).await;
        let site = folder.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("sw.js"), "const BUILD = \"__BUILD_ID__\";\n").unwrap();
        // Behind one proxy: the flood's addresses come in X-Forwarded-For
        // (a mentor's request without one is its socket's).
        let config = server::config::HttpConfig {
            proxy_hops: 1,
            ..server::config::HttpConfig::new(Settings::default(), site.display().to_string())
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = server::http::router(server::cli::state(db.clone(), &config, addr), config);
        tokio::spawn(server::run(listener, router, std::future::pending()));
        let origin = format!("http://{addr}");

        // Everyone logs in first, one after the other (a login hashes on
        // purpose; a burst of 200 is answered 429, as it should be), each
        // from their own phone's address (200 logins from one address are
        // a flood the address limits stop).
        let mut clients = Vec::with_capacity(mentors);
        for (n, (email, pair)) in people.iter().enumerate() {
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap();
            let phone = format!("100.{}.{}.7", n % 250, n / 250);
            let login = client
                .post(format!("{origin}/api/auth/login"))
                .header("origin", &origin)
                .header("x-forwarded-for", phone)
                .form(&[("email", email.as_str()), ("password", PASSWORD)])
                .send()
                .await
                .unwrap();
            assert!(login.status().is_success(), "{email} logs in: {}", login.status());
            clients.push((client, *pair));
        }
        println!(
            "{} · {mentors} mentors syncing {per_batch} logs every {think_ms} ms (plus the answer's time) for {seconds} s",
            db.engine()
        );

        let deadline = Instant::now() + Duration::from_secs(seconds);
        let tally = Arc::new(std::sync::Mutex::new(Tally::default()));
        let flood = Arc::new(std::sync::Mutex::new(std::collections::BTreeMap::<String, usize>::new()));
        let mut tasks = Vec::new();
        let emails: Arc<Vec<String>> = Arc::new(people.iter().map(|(e, _)| e.clone()).collect());
        for attacker in 0..attackers {
            let (flood, origin, emails) = (flood.clone(), origin.clone(), emails.clone());
            tasks.push(tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut n: u64 = 0;
                while Instant::now() < deadline {
                    n += 1;
                    // A new address each time, spread over the whole space.
                    let seed = (attacker as u64) << 32 | n;
                    let mixed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                    let address = if n.is_multiple_of(2) {
                        std::net::IpAddr::from((mixed as u32 | 0x0100_0000).to_be_bytes()).to_string()
                    } else {
                        let mut bytes = [0u8; 16];
                        bytes[..8].copy_from_slice(&mixed.to_be_bytes());
                        bytes[8..].copy_from_slice(&mixed.rotate_left(17).to_be_bytes());
                        bytes[0] = 0x20;
                        std::net::IpAddr::from(bytes).to_string()
                    };
                    let email = if n.is_multiple_of(3) {
                        format!("nobody{n}@flood.test")
                    } else {
                        emails[(mixed % emails.len() as u64) as usize].clone()
                    };
                    let answer = client
                        .post(format!("{origin}/api/auth/login"))
                        .header("origin", &origin)
                        .header("x-forwarded-for", &address)
                        .form(&[("email", email.as_str()), ("password", "guess guess guess")])
                        .send()
                        .await;
                    let kind = match answer {
                        Ok(r) => {
                            let status = r.status();
                            let body = r.text().await.unwrap_or_default();
                            let error = serde_json::from_str::<serde_json::Value>(&body)
                                .ok()
                                .and_then(|v| v["error"].as_str().map(str::to_string))
                                .unwrap_or_default();
                            format!("{} {error}", status.as_u16())
                        }
                        Err(e) => format!("no answer: {e}"),
                    };
                    *flood.lock().unwrap().entry(kind).or_default() += 1;
                }
            }));
        }
        for (n, (client, pair)) in clients.into_iter().enumerate() {
            let (tally, origin) = (tally.clone(), origin.clone());
            tasks.push(tokio::spawn(async move {
                // Phones do not start in step.
                tokio::time::sleep(Duration::from_millis((n as u64 * 37) % think_ms.max(1))).await;
                let mut round = 0;
                while Instant::now() < deadline {
                    let items = batch(pair, today, per_batch, round);
                    round += 1;
                    let started = Instant::now();
                    let response = client
                        .post(format!("{origin}/api/sync"))
                        .header("origin", &origin)
                        .json(&serde_json::json!({ "items": items }))
                        .send()
                        .await;
                    let outcome = match response {
                        Ok(r) if r.status().is_success() => r
                            .json::<Vec<SyncAnswer>>()
                            .await
                            .map_err(|e| format!("an answer that is not a sync result: {e}")),
                        Ok(r) => Err(format!(
                            "{}: {}",
                            r.status(),
                            r.text().await.unwrap_or_default()
                        )),
                        Err(e) => Err(format!("no answer: {e}")),
                    };
                    let took = started.elapsed();
                    {
                        let mut t = tally.lock().unwrap();
                        t.latencies.push(took);
                        match outcome {
                            Ok(results) => {
                                t.stored += results
                                    .iter()
                                    .filter(|r| r.outcome == SyncOutcome::Stored)
                                    .count()
                            }
                            Err(why) => {
                                t.errors += 1;
                                *t.error_kinds.entry(why).or_default() += 1;
                            }
                        }
                    }
                    tokio::time::sleep(Duration::from_millis(think_ms)).await;
                }
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let tally = Arc::try_unwrap(tally).ok().unwrap().into_inner().unwrap();
        let mut latencies = tally.latencies;
        latencies.sort();
        let at = |q: f64| {
            latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)].as_secs_f64()
                * 1000.0
        };
        let in_db = app::store::meetings::count(&db).await.unwrap() as usize;
        if attackers > 0 {
            let flood = flood.lock().unwrap();
            let total: usize = flood.values().sum();
            println!(
                "login flood:      {attackers} attackers, {total} attempts ({:.0}/s), none right",
                total as f64 / seconds as f64
            );
            for (kind, times) in flood.iter() {
                println!("  {times} × {kind}");
            }
        }
        println!("requests:         {}", latencies.len());
        println!("errors:           {}", tally.errors);
        for (why, times) in &tally.error_kinds {
            println!("  {times} × {}", why.chars().take(300).collect::<String>());
        }
        println!(
            "latency:          p50 {:.1} ms   p99 {:.1} ms   max {:.1} ms",
            at(0.50),
            at(0.99),
            latencies.last().unwrap().as_secs_f64() * 1000.0
        );
        println!(
            "throughput:       {:.0} requests/s, {:.0} logs/s",
            latencies.len() as f64 / seconds as f64,
            tally.stored as f64 / seconds as f64
        );
        println!(
            "logs stored:      {} answered stored, {} in the database{}",
            tally.stored,
            in_db,
            if in_db == tally.stored { "" } else { "  (MISMATCH)" }
        );
        if in_db != tally.stored || tally.errors > 0 {
            std::process::exit(1);
        }
    });
}
