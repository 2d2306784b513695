//! The programme report of a large programme: 500 pairs and 20,000 meeting
//! logs by default, on SQLite (or on PostgreSQL when `PB_BENCH_POSTGRES_URL`
//! names a server). Prints the time to read the report's facts, to compute
//! the report, and to write it as PDF and as Word, over repeated runs.
//! Numbers only.
//!
//!   cargo bench -p server --bench report -- [pairs] [logs]

mod common;

use app::i18n::Lang;
use app::model::*;
use common::*;
use std::time::Instant;

const RUNS: usize = 10;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let pair_count = args.first().copied().unwrap_or(500);
    let log_count = args.get(1).copied().unwrap_or(20_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let folder = tempfile::tempdir().unwrap();
        let (db, _url) = database(folder.path()).await;
        db.migrate().await.unwrap();
        let today = app::model::dates::local_today();
        let started = Instant::now();
        let seeded = seed(&db, pair_count, log_count, today).await;
        println!(
            "{} · {pair_count} pairs, {log_count} meeting logs (seeded in {:.1} s)",
            db.engine(),
            started.elapsed().as_secs_f64()
        );
        let (from, to) = (today - chrono::Days::new(400), today);

        let mut times = Vec::new();
        let mut facts = None;
        for _ in 0..RUNS {
            let t = Instant::now();
            facts = app::store::programme_report::facts(&db, seeded.programme, from, to)
                .await
                .unwrap();
            times.push(t.elapsed());
        }
        stats("report facts read (store)", times);
        let facts = facts.expect("the programme exists");

        let mut times = Vec::new();
        let mut report = None;
        for _ in 0..RUNS {
            let t = Instant::now();
            let mut r = compute(&facts, false);
            r.charts = app::render::report::charts(&r, Lang::En);
            report = Some(r);
            times.push(t.elapsed());
        }
        stats("report computed, charts drawn (SVG)", times);
        let report = report.unwrap();
        println!(
            "{:>44} pairs matched, {} meetings counted",
            report.table1.pairs_matched, report.meetings.meetings
        );

        for (label, make) in [
            (
                "report written as PDF",
                app::render::document::pdf as fn(&ProgrammeReport, Lang) -> Result<Vec<u8>, String>,
            ),
            ("report written as Word (DOCX)", app::render::document::docx),
        ] {
            let mut times = Vec::new();
            let mut bytes = 0;
            for _ in 0..RUNS {
                let t = Instant::now();
                bytes = make(&report, Lang::En).unwrap().len();
                times.push(t.elapsed());
            }
            stats(label, times);
            println!("{:>44} KB", bytes / 1024);
        }
        db.close().await;
    });
}
