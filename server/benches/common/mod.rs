//! What the benchmarks share: a database (SQLite, or PostgreSQL when
//! `PB_BENCH_POSTGRES_URL` names a server), a programme seeded in bulk with
//! pairs, meeting logs, concerns and reports, a log as a phone sends it,
//! and the way times are printed. (The cluster tests use it too.)
// Each benchmark takes the part it needs.
#![allow(dead_code)]

use app::api::auth::session::hash_password;
use app::model::*;
use app::store::{pairs, programmes, users, Db};
use chrono::{Days, NaiveDate, Utc};
use reqwest::{Client, StatusCode};
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "bench password 1";

/// A new, valid meeting log of `pair` on `date`, as a phone sends it.
pub fn log_item(pair: PairId, description: &str, date: NaiveDate) -> SyncItem {
    let log = MeetingLogInput {
        pair_id: pair.to_string(),
        date: date.to_string(),
        form: "telephone".into(),
        hours: "0".into(),
        minutes: "45".into(),
        description: description.into(),
        went_well_next_steps: "Yes. Next: the parents' evening.".into(),
        challenge: "no".into(),
        ..MeetingLogInput::default()
    };
    let ctx = ValidationContext {
        latest_date: NaiveDate::MAX,
        pair: Some(PairDates {
            started_on: NaiveDate::MIN,
            ended_on: None,
        }),
    };
    SyncItem {
        kind: Kind::MeetingLog,
        id: MeetingLogId::new().as_uuid(),
        revision: 1,
        content_hash: log.validate(&ctx).expect("a valid log").content_hash(),
        input: Payload::of(&log),
    }
}

pub fn stats(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |share: usize| times[(times.len() * share / 100).min(times.len() - 1)];
    println!(
        "{label:<44} median {:>8.1} ms   p95 {:>8.1} ms   p99 {:>8.1} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(at(95)),
        ms(at(99)),
        times.len()
    );
}

pub async fn database(folder: &std::path::Path) -> (Db, String) {
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

pub struct Seeded {
    pub manager_email: String,
    pub programme: ProgrammeId,
    /// The organisation's coordinator (who reads the programme report).
    pub coordinator_email: String,
    /// Every mentor (each can log in with [`PASSWORD`]) and their first pair.
    pub mentors: Vec<(String, PairId)>,
}

/// What to seed: one programme of `pairs` pairs and `logs` logs, its
/// pairs shared among managers `pairs_per_manager` each; `tag` keeps the
/// email addresses of several programmes apart.
pub struct Plan<'a> {
    pub pairs: usize,
    pub logs: usize,
    pub pairs_per_manager: usize,
    pub tag: &'a str,
}

pub async fn seed(db: &Db, pair_count: usize, log_count: usize, today: NaiveDate) -> Seeded {
    let plan = Plan {
        pairs: pair_count,
        logs: log_count,
        pairs_per_manager: pair_count.max(1),
        tag: "",
    };
    seed_plan(db, &plan, today).await
}

pub async fn seed_plan(db: &Db, plan: &Plan<'_>, today: NaiveDate) -> Seeded {
    let (pair_count, log_count, tag) = (plan.pairs, plan.logs, plan.tag);
    let hash = hash_password(PASSWORD).await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let org = users::create_organisation(&mut tx, &format!("Bench network{tag}"))
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
    let coordinator_email = format!("coordinator{tag}@bench.test");
    let coordinator = users::create_user(
        &mut tx,
        &coordinator_email,
        "Bench coordinator",
        Some(&hash),
    )
    .await
    .unwrap();
    users::add_membership(&mut tx, coordinator, programme, Role::Coordinator)
        .await
        .unwrap();
    let manager_count = pair_count.div_ceil(plan.pairs_per_manager.max(1)).max(1);
    let mut managers = Vec::with_capacity(manager_count);
    for m in 0..manager_count {
        let email = if m == 0 {
            format!("manager{tag}@bench.test")
        } else {
            format!("manager{tag}.{m}@bench.test")
        };
        let manager =
            users::create_user(&mut tx, &email, &format!("Bench manager {m}"), Some(&hash))
                .await
                .unwrap();
        users::add_membership(&mut tx, manager, programme, Role::Manager)
            .await
            .unwrap();
        managers.push(manager);
    }
    let manager_email = format!("manager{tag}@bench.test");
    let mentor_count = pair_count / 2 + 1;
    let mut mentors = Vec::with_capacity(mentor_count);
    for m in 0..mentor_count {
        let id = users::create_user(
            &mut tx,
            &format!("mentor{tag}-{m}@bench.test"),
            &format!("Mentor {m:04}"),
            Some(&hash),
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
            &format!("mentee{tag}-{p}@bench.test"),
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
                manager: managers[p / plan.pairs_per_manager.max(1)],
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
    // Ten everyday descriptions, and one in a thousand logs about
    // football: what the log search benchmark looks for.
    const TALKS: [&str; 10] = [
        "We talked about school.",
        "We read the school's letter together.",
        "A homework plan for the week.",
        "We visited the library.",
        "We practised for the parents' evening.",
        "We talked with the class teacher.",
        "We filled in the school's form.",
        "A walk and a talk about the week.",
        "We planned the visit to the school fair.",
        "We spoke about the child's friends.",
    ];
    let logs: Vec<(MeetingLogId, PairId, UserId, NaiveDate, bool, &str)> = (0..log_count)
        .map(|n| {
            let (pair, mentor, started_on) = pair_ids[n % pair_ids.len()];
            let span = (today - started_on).num_days().max(1) as u64;
            let date = started_on + Days::new((n as u64 * 13) % span);
            let talk = if n % 1000 == 999 {
                "The football club for the child."
            } else {
                TALKS[n % TALKS.len()]
            };
            (MeetingLogId::new(), pair, mentor, date, n % 17 == 0, talk)
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
            .bind(row.5)
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
    let mentors = pair_ids
        .iter()
        .step_by(2)
        .enumerate()
        .map(|(m, (pair, _, _))| (format!("mentor{tag}-{m}@bench.test"), *pair))
        .collect();
    Seeded {
        manager_email,
        programme,
        coordinator_email,
        mentors,
    }
}

/// Times `runs` calls of `call` (each must answer 200).
pub async fn time<F, Fut>(label: &str, runs: usize, mut call: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = reqwest::Result<reqwest::Response>>,
{
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let response = call().await.unwrap();
        let status = response.status();
        let _ = response.bytes().await.unwrap();
        times.push(started.elapsed());
        assert_eq!(status, StatusCode::OK, "{label}");
    }
    stats(label, times);
}

/// The cursor of the tenth page of the manager's whole list.
pub async fn next_cursor(manager: &Client, base: &str, origin: &str) -> String {
    let mut after = String::new();
    for _ in 0..9 {
        let page: app::model::LogPage = manager
            .post(format!("{base}/api/manager/logs"))
            .header("origin", origin)
            .form(&[("query[after]", after.as_str())])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        match page.next {
            Some(next) => after = next,
            None => break,
        }
    }
    after
}
