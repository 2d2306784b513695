//! The manager's home with thousands of pairs: a programme of 2,000 pairs
//! (active, getting to know, ended) and 100,000 meeting logs, some with a
//! challenge, a few concerns and reports, on SQLite (or on PostgreSQL when
//! `PB_BENCH_POSTGRES_URL` names a server). Prints the time of the
//! dashboard's queries, of the whole answer of the server function, and of
//! the page rendered on the server, over repeated runs. Numbers only.
//!
//!   cargo bench -p server --bench dashboard -- [pairs] [logs]
//!
//! Then the manager's log list and its search (the newest page, a word, a
//! mentor's challenges, a later page). Median, p95 and p99.
//!
//! `PB_BENCH_KEEP=1` keeps the database and prints where it is.

mod common;

use app::api::context::Settings;
use app::model::*;
use app::store::{users, Db};
use common::*;
use std::time::Instant;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let pair_count = args.first().copied().unwrap_or(2_000);
    let log_count = args.get(1).copied().unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let folder = tempfile::tempdir().unwrap();
        let (db, url) = database(folder.path()).await;
        db.migrate().await.unwrap();
        let today = app::model::dates::local_today();
        let started = Instant::now();
        let seeded = seed(&db, pair_count, log_count, today).await;
        println!(
            "{} · {pair_count} pairs, {log_count} meeting logs (seeded in {:.1} s)",
            db.engine(),
            started.elapsed().as_secs_f64()
        );
        let manager = users::find_user_by_email(&db, &seeded.manager_email)
            .await
            .unwrap()
            .unwrap()
            .id;

        // The queries alone.
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let facts = app::store::dashboard::of_manager(&db, manager)
                .await
                .unwrap();
            times.push(t.elapsed());
            assert_eq!(facts.len(), pair_count);
        }
        stats("dashboard queries (store)", times);

        // The server function's work: facts, alerts, sorting, a page.
        let state = server::cli::state(
            Db::connect(&url).await.unwrap(),
            &server::config::HttpConfig::new(
                Settings::default(),
                folder.path().display().to_string(),
            ),
            "127.0.0.1:0".parse().unwrap(),
        );
        let mut times = Vec::new();
        let mut alerts = 0;
        for sort in ["alerts", "last_meeting", "mentor", "per_month"]
            .iter()
            .cycle()
            .take(20)
        {
            let query = DashboardQuery {
                sort: (*sort).into(),
                ..Default::default()
            };
            let t = Instant::now();
            let board = app::api::dashboard::build(&state.db, manager, &query, today)
                .await
                .unwrap();
            times.push(t.elapsed());
            alerts = board.alert_total;
        }
        stats("dashboard built (queries, alerts, a page)", times);
        println!("{alerts:>44} alerts in all");

        // The page as a browser gets it: rendered on the server.
        let site = folder.path().join("site");
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(
            site.join("sw.js"),
            "const BUILD = \"__BUILD_ID__\";\nconst FILES = [\"__PRECACHE_FILES__\"];\n",
        )
        .unwrap();
        let config =
            server::config::HttpConfig::new(Settings::default(), site.display().to_string());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let router = server::http::router(server::cli::state(db.clone(), &config, addr), config);
        tokio::spawn(server::run(listener, router, std::future::pending()));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let login = client
            .post(format!("http://{addr}/api/auth/login"))
            .header("origin", format!("http://{addr}"))
            .form(&[
                ("email", seeded.manager_email.as_str()),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert!(login.status().is_success(), "the bench manager logs in");
        let mut times = Vec::new();
        let mut bytes = 0;
        for _ in 0..20 {
            let t = Instant::now();
            let response = client
                .get(format!("http://{addr}/manager"))
                .header("accept", "text/html")
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            bytes = response.bytes().await.unwrap().len();
            times.push(t.elapsed());
        }
        stats("page /manager rendered on the server", times);
        println!(
            "{:>44} KB of HTML (one page of {} pairs)",
            bytes / 1024,
            DASHBOARD_PAGE
        );

        // The log list and its search, as the page asks for them: the
        // newest page, a rare word (one log in a thousand), a common one
        // (one in ten), a mentor with "only with a challenge", and the
        // tenth page by its cursor.
        let (base, origin) = (format!("http://{addr}"), format!("http://{addr}"));
        let logs = |form: Vec<(&'static str, String)>| {
            client
                .post(format!("{base}/api/manager/logs"))
                .header("origin", &origin)
                .form(&form)
                .send()
        };
        time("log list, the newest page", 50, || logs(Vec::new())).await;
        for words in ["football", "homework"] {
            time(&format!("log search \"{words}\""), 50, || {
                logs(vec![("query[words]", words.to_string())])
            })
            .await;
        }
        let mentor = seeded.mentors[0].0.clone();
        let mentor_id = users::find_user_by_email(&db, &mentor)
            .await
            .unwrap()
            .unwrap()
            .id
            .to_string();
        time("log search, a mentor's challenges", 50, || {
            logs(vec![
                ("query[mentor]", mentor_id.clone()),
                ("query[challenge]", "yes".to_string()),
            ])
        })
        .await;
        let tenth = next_cursor(&client, &base, &origin).await;
        time("log list, the tenth page (keyset)", 50, || {
            logs(vec![("query[after]", tenth.clone())])
        })
        .await;
        db.close().await;
        // `PB_BENCH_KEEP=1` keeps the database, to look into.
        if std::env::var_os("PB_BENCH_KEEP").is_some() {
            println!("kept: {url}");
            let _ = folder.keep();
        }
    });
}
