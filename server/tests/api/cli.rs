//! The `parent-bridge` command, run as a process.

use crate::helpers::*;
use app::store::users;
use reqwest::StatusCode;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_parent-bridge"))
        .args(args)
        .env("DATABASE_URL", url)
        .env_remove("PB_ENV")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

#[tokio::test]
async fn demo_loads_once_and_lists_the_accounts() {
    let folder = tempfile::tempdir().unwrap();
    let (db, url) = fresh_db(folder.path()).await;

    let first = run(&url, &["demo"], "");
    let second = run(&url, &["demo"], "");

    assert!(first.status.success(), "{}", text(&first.stderr));
    let out = text(&first.stdout);
    for email in [
        "coordinator@example.org",
        "manager@example.org",
        "mentor@example.org",
        "mentor2@example.org",
        "mentee@example.org",
    ] {
        assert!(out.contains(email), "{out}");
    }
    assert!(out.contains("parent-bridge-demo"));
    assert!(second.status.success());
    assert!(text(&second.stdout).contains("already there"));
    assert_eq!(app::store::meetings::count(&db).await.unwrap(), 5);
    let mentor = users::find_user_by_email(&db, "mentor@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        app::store::pairs::of_mentor(&db, mentor.id)
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn the_demo_programme_stands_at_every_stage() {
    use app::model::*;
    let folder = tempfile::tempdir().unwrap();
    let (db, url) = fresh_db(folder.path()).await;

    let out = run(&url, &["demo"], "");

    assert!(out.status.success(), "{}", text(&out.stderr));
    let programme = users::find_programmes(&db, app::store::demo::PROGRAMME)
        .await
        .unwrap()[0];
    let candidates = app::store::recruitment::of_programme(&db, programme)
        .await
        .unwrap();
    for stage in Stage::ALL {
        assert!(
            candidates.iter().any(|c| c.stage == *stage),
            "a candidate at {stage:?}"
        );
    }
    let today = chrono::Utc::now().date_naive();
    let facts = app::store::programmes::facts(&db, programme, today)
        .await
        .unwrap();
    assert!(facts.trainings_held >= 1 && facts.trained_mentors >= 3);
    assert_eq!((facts.pairs_active, facts.pairs_getting_to_know), (3, 1));
    assert_eq!(facts.unmatched_mentees, 2, "two mentees wait for a mentor");
    let items = app::store::training::items(&db, programme).await.unwrap();
    let assessed = app::store::training::self_assessments(&db, programme, &items)
        .await
        .unwrap();
    assert!(
        assessed
            .iter()
            .filter(|r| r
                .scores
                .iter()
                .all(|(before, after)| before.is_some() && after.is_some()))
            .count()
            >= 3
    );
    let preferences = app::store::matching::preferences(&db, programme)
        .await
        .unwrap();
    assert_eq!(
        (preferences.mentees.len(), preferences.mentors.len()),
        (2, 2)
    );
    assert!(!app::store::engagement::plan(&db, programme)
        .await
        .unwrap()
        .is_empty());
    // Every pair knows the candidates it was matched from.
    let (mentors, _) = app::store::matching::matchable(&db, programme)
        .await
        .unwrap();
    let elena = mentors
        .iter()
        .find(|m| m.profile.name == "Elena Ionescu")
        .unwrap();
    assert_eq!(elena.profile.free_places, 0, "her two pairs count");
    // The programme report has mid-term answers from both sides of a pair.
    let year_ago = today - chrono::Days::new(365);
    let facts = app::store::programme_report::facts(&db, programme, year_ago, today)
        .await
        .unwrap()
        .unwrap();
    let report = compute(&facts, false);
    let answered: Vec<(ReportKind, Respondent, u32)> = report
        .change
        .iter()
        .map(|c| (c.kind, c.respondent, c.reports))
        .filter(|(_, _, n)| *n > 0)
        .collect();
    assert_eq!(
        answered,
        vec![
            (ReportKind::Midterm, Respondent::Mentor, 1),
            (ReportKind::Midterm, Respondent::Mentee, 1)
        ]
    );
}

#[tokio::test]
async fn demo_data_is_refused_in_production() {
    let folder = tempfile::tempdir().unwrap();
    let (db, url) = fresh_db(folder.path()).await;

    let output = Command::new(env!("CARGO_BIN_EXE_parent-bridge"))
        .arg("demo")
        .env("DATABASE_URL", &url)
        .env("PB_ENV", "production")
        .output()
        .unwrap();

    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("never loaded"));
    db.migrate().await.unwrap();
    assert!(
        users::find_organisation(&db, app::store::demo::ORGANISATION)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn create_user_reads_the_password_and_the_person_can_log_in() {
    let app = spawn_app().await;
    let url = app.database_url.clone();

    let output = run(
        &url,
        &[
            "create-user",
            "--email",
            "New.Mentor@a.test",
            "--name",
            "New Mentor",
            "--role",
            "mentor",
            "--programme",
            "Pilot A",
        ],
        "a long enough password\n",
    );

    assert!(output.status.success(), "{}", text(&output.stderr));
    let response = app
        .post(
            &client(),
            "/api/auth/login",
            &[
                ("email", "new.mentor@a.test"),
                ("password", "a long enough password"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn create_user_refuses_bad_input_with_a_clear_message_and_stores_nothing() {
    let app = spawn_app().await;
    let url = app.database_url.clone();
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &[
                "--email",
                "x@a.test",
                "--name",
                "X",
                "--role",
                "admin",
                "--programme",
                "Pilot A",
            ],
            "pw long enough\n",
            "role must be",
        ),
        (
            &[
                "--email",
                "not-an-email",
                "--name",
                "X",
                "--role",
                "mentor",
                "--programme",
                "Pilot A",
            ],
            "pw long enough\n",
            "not an email",
        ),
        (
            &[
                "--email",
                "x@a.test",
                "--name",
                "X",
                "--role",
                "mentor",
                "--programme",
                "No Such",
            ],
            "pw long enough\n",
            "no programme",
        ),
        (
            &[
                "--email",
                "x@a.test",
                "--name",
                "X",
                "--role",
                "mentor",
                "--programme",
                "Pilot A",
            ],
            "short\n",
            "at least 12",
        ),
        (
            &[
                "--email",
                "x@a.test",
                "--name",
                "X",
                "--role",
                "mentor",
                "--programme",
                "Pilot A",
                "--no-login",
            ],
            "",
            "only a mentee",
        ),
    ];
    for (args, stdin, message) in cases {
        let mut all = vec!["create-user"];
        all.extend_from_slice(args);

        let output = run(&url, &all, stdin);

        assert!(!output.status.success(), "{args:?} succeeded");
        assert!(
            text(&output.stderr).contains(message),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
    assert!(users::find_user_by_email(&app.db, "x@a.test")
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn an_unknown_database_kind_is_a_clear_error() {
    let output = run("mysql://localhost/db", &["migrate"], "");

    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("must start with sqlite: or postgres:"));
}

#[tokio::test]
async fn backup_copies_a_running_sqlite_database_whole_and_never_overwrites_a_file() {
    let folder = tempfile::tempdir().unwrap();
    let (db, url) = fresh_db(folder.path()).await;
    assert!(run(&url, &["demo"], "").status.success());
    let target = folder.path().join("copy.db");
    let target_arg = target.display().to_string();

    let backup = run(&url, &["backup", "--to", &target_arg], "");
    let again = run(&url, &["backup", "--to", &target_arg], "");

    if matches!(db, app::store::Db::Postgres(_)) {
        // PostgreSQL is backed up with its own tools: the command says so.
        assert!(!backup.status.success());
        assert!(
            text(&backup.stderr).contains("pg_dump"),
            "{}",
            text(&backup.stderr)
        );
        return;
    }
    assert!(backup.status.success(), "{}", text(&backup.stderr));
    assert!(text(&backup.stdout).contains("Backup written to"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "a backup is for the server's user only"
        );
    }
    let copy = app::store::Db::connect(&format!("sqlite:{target_arg}"))
        .await
        .unwrap();
    assert_eq!(
        app::store::meetings::count(&copy).await.unwrap(),
        app::store::meetings::count(&db).await.unwrap()
    );
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("exists already"));
}

#[tokio::test]
async fn anonymise_expired_applies_the_retention_on_a_given_day_and_refuses_a_bad_date() {
    let folder = tempfile::tempdir().unwrap();
    let (_db, url) = fresh_db(folder.path()).await;
    assert!(run(&url, &["demo"], "").status.success());

    let far_future = run(&url, &["anonymise-expired", "--date", "2100-01-01"], "");
    let bad = run(&url, &["anonymise-expired", "--date", "next week"], "");

    assert!(far_future.status.success(), "{}", text(&far_future.stderr));
    assert!(
        text(&far_future.stdout).contains("Retention on 2100-01-01:"),
        "{}",
        text(&far_future.stdout)
    );
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("yyyy-mm-dd"));
}

#[tokio::test]
async fn two_step_off_turns_off_a_persons_two_step_login_and_names_an_unknown_email() {
    let folder = tempfile::tempdir().unwrap();
    let (db, url) = fresh_db(folder.path()).await;
    assert!(run(&url, &["demo"], "").status.success());
    let manager = users::find_user_by_email(&db, "manager@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    assert!(app::store::two_step::begin(&db, manager, "w1:sealed")
        .await
        .unwrap());
    let mut tx = db.begin().await.unwrap();
    assert!(app::store::two_step::confirm(&mut tx, manager, 1)
        .await
        .unwrap());
    tx.commit().await.unwrap();

    let off = run(
        &url,
        &["two-step-off", "--email", "manager@example.org"],
        "",
    );
    let unknown = run(&url, &["two-step-off", "--email", "nobody@example.org"], "");

    assert!(off.status.success(), "{}", text(&off.stderr));
    assert!(app::store::two_step::find(&db, manager)
        .await
        .unwrap()
        .is_none());
    assert!(!unknown.status.success());
    assert!(text(&unknown.stderr).contains("nobody@example.org"));
}
