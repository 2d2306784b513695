//! The manager's home with thousands of pairs: a programme of 2,000 pairs
//! (active, getting to know, ended) and 100,000 meeting logs, some with a
//! challenge, a few concerns and reports, on SQLite (or on PostgreSQL when
//! `PB_BENCH_POSTGRES_URL` names a server). Prints the time of the
//! dashboard's queries, of the whole answer of the server function, and of
//! the page rendered on the server, over repeated runs. Numbers only.
//!
//!   cargo bench -p server --bench dashboard -- [pairs] [logs]
//!
//! `PB_BENCH_KEEP=1` keeps the database and prints where it is.

use app::api::auth::session::hash_password;
use app::api::context::Settings;
use app::model::*;
use app::store::{pairs, programmes, users, Db};
use chrono::{Days, NaiveDate, Utc};
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench password 1";

fn stats(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "{label:<44} median {:>8.1} ms   p95 {:>8.1} ms   ({} runs)",
        ms(median),
        ms(p95),
        times.len()
    );
}

async fn database(folder: &std::path::Path) -> (Db, String) {
    match std::env::var("PB_BENCH_POSTGRES_URL") {
        Ok(server) if !server.is_empty() => {
            let admin = Db::connect(&server).await.expect("PostgreSQL is reachable");
            let name = format!("pb_bench_{}", uuid::Uuid::new_v4().simple());
            let Db::Postgres(pool) = &admin else {
                panic!("PB_BENCH_POSTGRES_URL must be a postgres: URL")
            };
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(pool)
                .await
                .unwrap();
            admin.close().await;
            let (base, _) = server.rsplit_once('/').unwrap();
            let url = format!("{base}/{name}");
            (Db::connect(&url).await.unwrap(), url)
        }
        _ => {
            let url = format!("sqlite:{}", folder.join("bench.db").display());
            (Db::connect(&url).await.unwrap(), url)
        }
    }
}

/// Runs `sql` with the values of `rows` (each row's values in order), in
/// statements of up to `chunk` rows.
macro_rules! insert_rows {
    ($db:expr, $head:expr, $columns:expr, $rows:expr, |$q:ident, $row:ident| $bind:expr) => {{
        for chunk in $rows.chunks(400) {
            let mut sql = String::from($head);
            let mut n = 0;
            for (i, _) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push(',');
                }
                sql.push('(');
                for c in 0..$columns {
                    if c > 0 {
                        sql.push(',');
                    }
                    n += 1;
                    sql.push_str(&format!("${n}"));
                }
                sql.push(')');
            }
            match $db {
                Db::Sqlite(pool) => {
                    let mut $q = sqlx::query(&sql);
                    for $row in chunk {
                        $q = $bind;
                    }
                    $q.execute(pool).await.unwrap();
                }
                Db::Postgres(pool) => {
                    let mut $q = sqlx::query(&sql);
                    for $row in chunk {
                        $q = $bind;
                    }
                    $q.execute(pool).await.unwrap();
                }
            }
        }
    }};
}

struct Seeded {
    manager_email: String,
}

async fn seed(db: &Db, pair_count: usize, log_count: usize, today: NaiveDate) -> Seeded {
    let hash = hash_password(PASSWORD).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let org = users::create_organisation(&mut tx, "Bench network")
        .await
        .unwrap();
    let programme = programmes::create(
        &mut tx,
        org,
        &ProgrammeSettings::with_defaults(
            "Bench programme",
            Typology::Both,
            today - Days::new(400),
        ),
        None,
        app::i18n::Lang::En,
    )
    .await
    .unwrap();
    let manager_email = "manager@bench.test".to_string();
    let manager = users::create_user(&mut tx, &manager_email, "Bench manager", Some(&hash))
        .await
        .unwrap();
    users::add_membership(&mut tx, manager, programme, Role::Manager)
        .await
        .unwrap();
    let mentor_count = pair_count / 2 + 1;
    let mut mentors = Vec::with_capacity(mentor_count);
    for m in 0..mentor_count {
        let id = users::create_user(
            &mut tx,
            &format!("mentor{m}@bench.test"),
            &format!("Mentor {m:04}"),
            None,
        )
        .await
        .unwrap();
        users::add_membership(&mut tx, id, programme, Role::Mentor)
            .await
            .unwrap();
        mentors.push(id);
    }
    let mut pair_ids = Vec::with_capacity(pair_count);
    for p in 0..pair_count {
        let mentee = users::create_user(
            &mut tx,
            &format!("mentee{p}@bench.test"),
            &format!("Mentee {p:04}"),
            None,
        )
        .await
        .unwrap();
        users::add_membership(&mut tx, mentee, programme, Role::Mentee)
            .await
            .unwrap();
        // Pairs started over the last year; one in ten still getting to
        // know each other.
        let started_on = today - Days::new(20 + (p as u64 * 7) % 340);
        let confirmed_on = (p % 10 != 0).then(|| started_on + Days::new(14));
        let id = pairs::create(
            &mut tx,
            &pairs::NewPair {
                programme,
                mentor: mentors[p / 2],
                mentee,
                manager,
                started_on,
                confirmed_on,
                planned_end_on: started_on + chrono::Months::new(6),
                mentor_candidate: None,
                mentee_candidate: None,
            },
        )
        .await
        .unwrap();
        pair_ids.push((id, mentors[p / 2], started_on));
    }
    tx.commit().await.unwrap();

    // The logs, in bulk: each pair's meetings spread since it started.
    let now = Utc::now();
    let logs: Vec<(MeetingLogId, PairId, UserId, NaiveDate, bool)> = (0..log_count)
        .map(|n| {
            let (pair, mentor, started_on) = pair_ids[n % pair_ids.len()];
            let span = (today - started_on).num_days().max(1) as u64;
            let date = started_on + Days::new((n as u64 * 13) % span);
            (MeetingLogId::new(), pair, mentor, date, n % 17 == 0)
        })
        .collect();
    insert_rows!(
        db,
        "INSERT INTO meeting_logs (id, pair_id, author_id, meeting_date, form, duration_minutes, description, \
         went_well_next_steps, has_challenge, challenge_text, content_hash, created_at, updated_at) VALUES ",
        13,
        logs,
        |q, row| q
            .bind(row.0)
            .bind(row.1)
            .bind(row.2)
            .bind(row.3)
            .bind("face_to_face")
            .bind(60)
            .bind("We talked about school.")
            .bind("Next: a visit.")
            .bind(row.4)
            .bind(row.4.then_some("A hard week at home."))
            .bind("bench")
            .bind(now)
            .bind(now)
    );
    // A concern in one pair of fifty; a mid-term report in one of three.
    let concerns: Vec<(ConcernId, PairId, UserId)> = pair_ids
        .iter()
        .step_by(50)
        .map(|(pair, mentor, _)| (ConcernId::new(), *pair, *mentor))
        .collect();
    insert_rows!(
        db,
        "INSERT INTO concerns (id, pair_id, author_id, about, happened, done, content_hash, created_at) VALUES ",
        8,
        concerns,
        |q, row| q
            .bind(row.0)
            .bind(row.1)
            .bind(row.2)
            .bind("child")
            .bind("Something worrying.")
            .bind("Called the manager.")
            .bind("bench")
            .bind(now)
    );
    let reports: Vec<(ReportId, PairId, UserId)> = pair_ids
        .iter()
        .step_by(3)
        .map(|(pair, mentor, _)| (ReportId::new(), *pair, *mentor))
        .collect();
    insert_rows!(
        db,
        "INSERT INTO reports (id, pair_id, kind, respondent, answered_on, months, weeks, answers, content_hash, \
         author_id, created_at) VALUES ",
        11,
        reports,
        |q, row| q
            .bind(row.0)
            .bind(row.1)
            .bind("midterm")
            .bind("mentor")
            .bind(today)
            .bind(3)
            .bind(0)
            .bind("{}")
            .bind("bench")
            .bind(row.2)
            .bind(now)
    );
    Seeded { manager_email }
}

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
            &server::config::HttpConfig {
                settings: Settings::default(),
                public_origin: None,
                proxy_hops: 0,
                site_root: folder.path().display().to_string(),
            },
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
            let board = app::api::dashboard::build(&state, manager, &query, today)
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
        let config = server::config::HttpConfig {
            settings: Settings::default(),
            public_origin: None,
            proxy_hops: 0,
            site_root: site.display().to_string(),
        };
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
        db.close().await;
        // `PB_BENCH_KEEP=1` keeps the database, to look into.
        if std::env::var_os("PB_BENCH_KEEP").is_some() {
            println!("kept: {url}");
            let _ = folder.keep();
        }
    });
}
