//! The programme report: every figure of Table 1, the recruitment table,
//! the profiles, the statements and the meetings equals what the fixture
//! below implies (worked out by hand in each test), the narrative is saved
//! as typed, the period is checked, and the CSV and XLSX downloads hold the
//! same figures and are in the audit trail.

use crate::helpers::*;
use crate::recruitment::{mentee_form, mentor_form, move_to, register};
use crate::reports::{report_input, report_item, send_ok};
use app::model::*;
use chrono::Days;
use reqwest::{Client, StatusCode};
use serde_json::json;

async fn report(app: &TestApp, client: &Client, from: &str, to: &str) -> reqwest::Response {
    app.post_json(
        client,
        "/api/programme-report/get",
        json!({ "programme": app.world.programme_a, "from": from, "to": to }),
    )
    .await
}

async fn report_ok(app: &TestApp, client: &Client) -> ProgrammeReport {
    let response = report(app, client, "", "").await;
    assert_eq!(response.status(), StatusCode::OK);
    json(response).await
}

/// Ends a pair the way its manager's closing would leave it.
async fn end_pair(app: &TestApp, pair: PairId, end: EndKind, reason: Option<DropReason>) {
    let reason = reason
        .map(|r| format!("'{}'", r.key()))
        .unwrap_or("NULL".into());
    app.execute(
        &format!(
            "UPDATE pairs SET status = 'ended', ended_on = started_on, end_kind = '{}', \
             drop_reason = {reason} WHERE id = '{pair}' AND $1 IS NOT NULL",
            end.key()
        ),
        chrono::Utc::now(),
    )
    .await;
}

/// Programme A as the tests find it: four candidates through recruitment,
/// reports from both sides, two meetings; pair A2 completed, pair A3
/// dropped out because the family moved. Programme B has a meeting too
/// (it must not count).
async fn fixture(app: &TestApp) {
    let w = &app.world;
    let manager = app.as_user("manager@a.test").await;
    let ana = register(app, &manager, &mentee_form("Ana")).await;
    let bea = register(
        app,
        &manager,
        &RegistrationInput {
            gender: "male".into(),
            age: "52".into(),
            employment: "employed".into(),
            ..mentee_form("Bea")
        },
    )
    .await;
    register(
        app,
        &manager,
        &RegistrationInput {
            age: "20".into(),
            ..mentee_form("Cai")
        },
    )
    .await;
    let dan = register(app, &manager, &mentor_form("Dan", "Romanian", "Centre")).await;
    for (who, to, reason) in [
        (ana, Stage::Interest, ""),
        (ana, Stage::PreMatching, ""),
        (ana, Stage::Accepted, ""),
        (bea, Stage::Interest, ""),
        (bea, Stage::Dropped, "Moved away"),
        (dan, Stage::Accepted, ""),
    ] {
        let response = move_to(app, &manager, who, to, reason).await;
        assert_eq!(response.status(), StatusCode::OK, "{to:?}");
    }

    let mentor = app.as_user("mentor@a.test").await;
    let mentee = app.as_user("mentee@a.test").await;
    let mut theirs = report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentee);
    theirs.answers.insert(
        "s_voice".into(),
        AnswerInput {
            choice: "disagree".into(),
            text: "Too little time".into(),
        },
    );
    theirs.answers.insert(
        "change".into(),
        AnswerInput {
            choice: "yes".into(),
            text: "I talk to the teacher now".into(),
        },
    );
    assert_eq!(
        send_ok(app, &mentee, &[report_item(w, theirs)]).await,
        vec![SyncOutcome::Stored]
    );
    let mentors = [
        report_item(
            w,
            report_input(w, w.pair_a1, ReportKind::Midterm, Respondent::Mentor),
        ),
        report_item(
            w,
            report_input(w, w.pair_a2, ReportKind::Final, Respondent::Mentor),
        ),
    ];
    assert_eq!(
        send_ok(app, &mentor, &mentors).await,
        vec![SyncOutcome::Stored, SyncOutcome::Stored]
    );

    let logs = [
        item(w, log_input(w, w.pair_a1, 1, "Met at the library")),
        item(
            w,
            log_input(w, w.pair_a1, 2, "Called about the school trip"),
        ),
    ];
    assert_eq!(app.sync(&mentor, &logs).await.status(), StatusCode::OK);
    let mentor_b = app.as_user("mentor@b.test").await;
    let other = [item(w, log_input(w, w.pair_b, 1, "Programme B's meeting"))];
    assert_eq!(app.sync(&mentor_b, &other).await.status(), StatusCode::OK);

    end_pair(app, w.pair_a2, EndKind::Completed, None).await;
    end_pair(app, w.pair_a3, EndKind::DroppedOut, Some(DropReason::Moved)).await;
}

#[tokio::test]
async fn table_1_counts_the_people_and_mentoring_processes_of_the_programme_only() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let t = report_ok(&app, &coordinator).await.table1;

    // One manager, who managed the completed pair A2; mentor A (pairs A1,
    // A2: A2 completed) and mentor 2 (A3, dropped out); three mentees, the
    // one of A2 completed. Programme B's pair is not among them.
    assert_eq!((t.managers, t.managers_completed), (1, 1));
    assert_eq!((t.mentors, t.mentors_completed), (2, 1));
    assert_eq!((t.mentees, t.mentees_completed), (3, 1));
    assert_eq!((t.pairs_matched, t.processes), (3, 3));
    assert_eq!((t.completed, t.dropped_out, t.not_confirmed), (1, 1, 0));
    assert_eq!(t.drop_reasons, vec![(DropReason::Moved, 1)]);
    assert_eq!(
        (t.format, t.typology, t.duration_months),
        (ProgrammeFormat::FaceToFace, Typology::Peer, 6)
    );
}

#[tokio::test]
async fn the_recruitment_table_and_the_profiles_follow_each_candidates_moves() {
    let app = spawn_app().await;
    fixture(&app).await;
    let manager = app.as_user("manager@a.test").await;

    let r = report_ok(&app, &manager).await;

    let mentees = r
        .recruitment
        .iter()
        .find(|t| t.kind == CandidateKind::Mentee)
        .unwrap();
    let row = |stage| {
        let row = mentees
            .rows
            .iter()
            .find(|r| r.stage == Some(stage))
            .unwrap();
        (row.entered, row.went_on, row.dropped)
    };
    // Ana, Bea and Cai were registered (disclosure); Ana and Bea showed
    // interest; Bea dropped out there; Ana went on to pre-matching and was
    // accepted; Cai is still at the first stage.
    assert_eq!(row(Stage::Disclosure), (3, 2, 0));
    assert_eq!(row(Stage::Referral), (0, 0, 0));
    assert_eq!(row(Stage::Interest), (2, 1, 1));
    assert_eq!(row(Stage::PreMatching), (1, 1, 0));
    assert_eq!(mentees.rows[2].reasons, vec![("Moved away".to_string(), 1)]);
    assert_eq!(mentees.accepted, 1);
    let mentors = r
        .recruitment
        .iter()
        .find(|t| t.kind == CandidateKind::Mentor)
        .unwrap();
    assert_eq!(
        (
            mentors.rows[0].entered,
            mentors.rows[0].went_on,
            mentors.accepted
        ),
        (1, 1, 1)
    );

    let (_, profile) = r
        .profiles
        .iter()
        .find(|(k, _)| *k == CandidateKind::Mentee)
        .unwrap();
    assert_eq!(profile.people, 3);
    assert_eq!(
        profile.gender,
        vec![(Some(Gender::Female), 2), (Some(Gender::Male), 1)]
    );
    assert_eq!(
        profile.age,
        vec![
            (AgeBand::Under25, 1),
            (AgeBand::From25To34, 1),
            (AgeBand::From45To54, 1)
        ]
    );
    assert_eq!(
        profile.employment,
        vec![
            (Some(Employment::Employed), 1),
            (Some(Employment::Unemployed), 2)
        ]
    );
    assert_eq!(profile.background, vec![("Roma".to_string(), 3)]);
}

#[tokio::test]
async fn the_statements_change_and_competences_are_counted_per_report_and_side_without_names() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let response = report(&app, &coordinator, "", "").await;
    let body = response.text().await.unwrap();
    let r: ProgrammeReport = serde_json::from_str(&body).unwrap();

    let voice = r
        .statements
        .iter()
        .find(|s| s.question == Question::SVoice)
        .unwrap();
    // Mid-term: the mentor agreed, the mentee disagreed; final: the mentor
    // of A2 agreed; no mentee answered a final report.
    assert_eq!(
        voice
            .answers
            .map(|a| (a.disagree, a.agree, a.could_be_improved)),
        [(0, 1, 0), (1, 0, 0), (0, 1, 0), (0, 0, 0)]
    );
    let texts: Vec<&str> = voice.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(texts, ["Too little time"]);
    let change = |kind, respondent| {
        let c = r
            .change
            .iter()
            .find(|c| c.kind == kind && c.respondent == respondent)
            .unwrap();
        (c.reports, c.change.yes, c.change.no)
    };
    assert_eq!(change(ReportKind::Midterm, Respondent::Mentor), (1, 0, 1));
    assert_eq!(change(ReportKind::Midterm, Respondent::Mentee), (1, 1, 0));
    assert_eq!(change(ReportKind::Final, Respondent::Mentor), (1, 0, 1));
    assert_eq!(change(ReportKind::Final, Respondent::Mentee), (0, 0, 0));
    let understanding = r
        .competences
        .iter()
        .find(|c| c.question == Question::MUnderstanding)
        .unwrap();
    assert_eq!(
        (understanding.answers.yes, understanding.answers.no),
        (0, 1)
    );
    assert_eq!(r.satisfaction.would_change.no, 1);
    assert_eq!(r.satisfaction.comments.len(), 2);
    // Quotes carry no name: none of the people's names or emails is in it.
    for name in ["mentor@a.test", "mentee@a.test", "Ana", "Bea", "Dan"] {
        assert!(!body.contains(name), "{name} is in the report");
    }
    // Charts are drawn on the server, each with its title.
    let statements = r.chart("chart-statements").unwrap();
    assert!(statements
        .svg
        .contains("<title id=\"chart-statements-title\">"));
    assert!(r.chart("chart-recruitment-mentee").is_some());
}

#[tokio::test]
async fn meetings_are_counted_within_the_period_of_the_report() {
    let app = spawn_app().await;
    fixture(&app).await;
    let manager = app.as_user("manager@a.test").await;
    let w = &app.world;

    let all = report_ok(&app, &manager).await.meetings;
    let yesterday = (w.today - Days::new(1)).to_string();
    let last_day: ProgrammeReport =
        json(report(&app, &manager, &yesterday, &w.today.to_string()).await).await;

    // Two logs of 1 h 15 min in programme A (programme B's is not counted).
    assert_eq!((all.meetings, all.minutes), (2, 150));
    assert_eq!(all.by_form, vec![(MeetingForm::FaceToFace, 2)]);
    assert_eq!(all.by_month.iter().map(|m| m.meetings).sum::<u32>(), 2);
    assert_eq!(
        (last_day.meetings.meetings, last_day.meetings.minutes),
        (1, 75)
    );
    assert_eq!(last_day.from, w.today - Days::new(1));
}

#[tokio::test]
async fn a_wrong_period_is_refused_with_every_problem_at_once() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let both = report(&app, &coordinator, "yesterday", "2026-02-30").await;
    let reversed = report(&app, &coordinator, "2026-05-01", "2026-04-01").await;

    assert_eq!(both.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = both.text().await.unwrap();
    assert!(
        body.contains("\"from\"") && body.contains("\"to\""),
        "{body}"
    );
    assert_eq!(reversed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reversed.text().await.unwrap().contains("end_before_start"));
}

#[tokio::test]
async fn the_narrative_is_saved_as_typed_and_read_back_in_the_report() {
    let app = spawn_app().await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let manager = app.as_user("manager@a.test").await;
    let save = async |client: &Client, section: &str, text: &str| {
        app.post_json(
            client,
            "/api/programme-report/narrative",
            json!({ "programme": app.world.programme_a, "section": section, "text": text }),
        )
        .await
        .status()
    };

    assert_eq!(
        save(
            &coordinator,
            "introduction",
            "  Our school.\r\nSince 2019. "
        )
        .await,
        StatusCode::OK
    );
    assert_eq!(
        save(&manager, "challenges", "Winter.").await,
        StatusCode::OK
    );
    assert_eq!(
        save(&manager, "challenges", "Winter and snow.").await,
        StatusCode::OK
    );
    assert_eq!(
        save(&manager, "context", "a\u{0007}b").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        save(&manager, "nonsense", "x").await,
        StatusCode::BAD_REQUEST
    );

    let r = report_ok(&app, &manager).await;
    assert_eq!(
        r.narrative(NarrativeSection::Introduction),
        "Our school.\nSince 2019."
    );
    assert_eq!(
        r.narrative(NarrativeSection::Challenges),
        "Winter and snow."
    );
    assert_eq!(r.narrative(NarrativeSection::Context), "");
}

#[tokio::test]
async fn the_csv_download_holds_the_same_figures_in_the_readers_language_and_is_audited() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let programme = app.world.programme_a;

    let response = coordinator
        .get(app.url(&format!(
            "/api/programme-report/csv?programme={programme}&from=&to="
        )))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| {
        response
            .headers()
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(header("content-type"), vec!["text/csv; charset=utf-8"]);
    assert!(
        header("content-disposition")[0].starts_with("attachment; filename=\"programme-report-")
    );
    assert_eq!(header("cache-control"), vec!["no-store"]);
    let body = response.text().await.unwrap();
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "Section,Item,Column,Value");
    for line in [
        "Table 1: pilot action configuration,Total nr. of mentors / who completed the pilot,People,2",
        "Table 1: pilot action configuration,Total nr. of mentors / who completed the pilot,Completed,1",
        "Table 1: pilot action configuration,Total nr. of mentoring processes,Value,3",
        "Recruitment of Mentees,Expression of interest,Dropped out,1",
        "Meetings,Face-to-face,Form of meeting,2",
    ] {
        assert!(lines.contains(&line), "{line} is missing from\n{body}");
    }
    assert!(
        !body.contains("Too little time"),
        "free text is left out of the file"
    );
    let audit = app::store::audit::of_object(&app.db, "programme", &programme.to_string())
        .await
        .unwrap();
    assert!(audit.iter().any(|e| e.action == "exported_report"));
}

#[tokio::test]
async fn the_report_page_renders_on_the_server_with_its_tables_and_charts() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let page = coordinator
        .get(app.url(&format!("/programmes/{}/report", app.world.programme_a)))
        .send()
        .await
        .unwrap();

    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Table 1: pilot action configuration"));
    assert!(html.contains("data-testid=\"t1-mentors\""));
    assert!(html.contains("<svg"));
    assert!(app.server_panics().is_empty());
}

/// The fields of a CSV text's lines (quotes undone).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    let (mut line, mut field, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => line.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                line.push(std::mem::take(&mut field));
                lines.push(std::mem::take(&mut line));
            }
            (c, _) => field.push(c),
        }
    }
    lines
}

/// A figure's value as written (numbers compared as numbers: the
/// spreadsheet stores 2.0 hours as the number 2).
fn value(text: &str) -> String {
    match text.parse::<f64>() {
        Ok(n) => format!("{n}"),
        Err(_) => text.to_string(),
    }
}

#[tokio::test]
async fn the_xlsx_download_read_back_equals_the_csv_one_sheet_per_table() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let programme = app.world.programme_a;
    let download = |format: &str| {
        coordinator
            .get(app.url(&format!(
                "/api/programme-report/{format}?programme={programme}&from=&to="
            )))
            .send()
    };
    let csv = download("csv").await.unwrap().text().await.unwrap();

    let response = download("xlsx").await.unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .ends_with(".xlsx\""));
    let bytes = response.bytes().await.unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let text = |cell: Option<&Data>| cell.map(|d| d.to_string()).unwrap_or_default();
    let mut from_sheets = Vec::new();
    for name in book.sheet_names() {
        assert!(name.chars().count() <= 31);
        let sheet = book.worksheet_range(&name).unwrap();
        let section = text(sheet.get_value((0, 0)));
        let (rows, columns) = sheet.end().unwrap();
        for row in 3..=rows {
            let item = text(sheet.get_value((row, 0)));
            for column in 1..=columns {
                let cell = text(sheet.get_value((row, column)));
                if !cell.is_empty() {
                    let heading = text(sheet.get_value((2, column)));
                    from_sheets.push([section.clone(), item.clone(), heading, value(&cell)]);
                }
            }
        }
    }
    let mut from_csv: Vec<[String; 4]> = parse_csv(&csv)
        .into_iter()
        .skip(1)
        .map(|f| [f[0].clone(), f[1].clone(), f[2].clone(), value(&f[3])])
        .collect();
    assert!(from_csv.len() > 40, "the fixture fills the report");
    assert!(book.sheet_names().len() >= 10, "one sheet per table");
    from_csv.sort();
    from_sheets.sort();
    assert_eq!(from_sheets, from_csv);
    let audit = app::store::audit::of_object(&app.db, "programme", &programme.to_string())
        .await
        .unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|e| e.action == "exported_report")
            .count(),
        2,
        "each download is in the audit trail"
    );
}

/// Downloads the report in `format` as the coordinator of programme A, in
/// `language`.
async fn download_as(app: &TestApp, format: &str, language: &str) -> reqwest::Response {
    let coordinator = app.as_user("coordinator@a.test").await;
    let programme = app.world.programme_a;
    coordinator
        .get(app.url(&format!(
            "/api/programme-report/{format}?programme={programme}&from=&to="
        )))
        .header("accept-language", language)
        .send()
        .await
        .unwrap()
}

/// What a poppler tool prints about a file (`pdftotext`, `pdffonts`: the
/// tests read the PDF as a reader's program would).
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" { vec!["-"] } else { vec![] })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian's poppler-utils, installed by scripts/setup.sh --test) could not run: {e}"));
    assert!(output.status.success(), "{tool} failed: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn the_pdf_holds_table_1_and_the_narrative_with_its_fonts_embedded_and_page_numbers() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let programme = app.world.programme_a;
    let saved = app
        .post_json(
            &coordinator,
            "/api/programme-report/narrative",
            json!({ "programme": programme, "section": "challenges", "text": "Winter and snow." }),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);

    let response = download_as(&app, "pdf", "en").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .ends_with(".pdf\""));
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = poppler("pdftotext", &["-layout"], &pdf);
    let squeezed: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // Table 1 as the fixture implies it (see the Table 1 test above).
    assert!(text.contains("Table 1: pilot action configuration"));
    // (A long label wraps: its figures are on its first line.)
    for (label, figures) in [
        ("Total nr. of mentors /", " 2 1"),
        ("Total nr. of mentees /", " 3 1"),
        ("Total nr. of mentoring processes", " 3"),
    ] {
        assert!(
            squeezed
                .iter()
                .any(|l| l.starts_with(label) && l.ends_with(figures)),
            "{label:?} with {figures:?} is missing from\n{text}"
        );
    }
    assert!(text.contains("Winter and snow."), "the narrative is in it");
    let pages = text.matches('\u{c}').count().max(1);
    assert!(pages >= 3, "the whole annex: {pages} pages");
    assert!(text.contains(&format!("Page 1 of {pages}")));
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert!(!text.contains("Too little time"), "free text stays out");
    for name in ["Ana", "Elena", "Gabriela"] {
        assert!(
            !text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == name),
            "{name} appears in the PDF"
        );
    }
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    assert!(
        rows.iter()
            .all(|r| r.contains("DejaVuSans") && r.contains(" yes ")),
        "every font is embedded:\n{fonts}"
    );
    let audit = app::store::audit::of_object(&app.db, "programme", &programme.to_string())
        .await
        .unwrap();
    assert!(audit.iter().any(|e| e.action == "exported_report"));
}

#[tokio::test]
async fn the_pdf_is_in_the_readers_language() {
    let app = spawn_app().await;
    fixture(&app).await;

    let pdf = download_as(&app, "pdf", "ro").await.bytes().await.unwrap();

    let text = poppler("pdftotext", &[], &pdf);
    assert!(text.contains("Tabelul 1: configurația acțiunii pilot"));
    assert!(text.contains("Pagina 1 din"));
}

#[tokio::test]
async fn the_word_file_holds_table_1_with_real_headings_and_page_numbers() {
    use std::io::Read;
    let app = spawn_app().await;
    fixture(&app).await;

    let response = download_as(&app, "docx", "en").await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let bytes = response.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // The words of each cell, in order.
    let words: Vec<&str> = xml
        .split("<w:t")
        .skip(1)
        // <w:t> and <w:t xml:space=…>, not <w:tbl>, <w:tc>…
        .filter(|t| t.starts_with('>') || t.starts_with(' '))
        .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
        .filter_map(|t| t.split("</w:t>").next())
        .collect();
    let after = |label: &str, n: usize| -> Vec<&str> {
        let at = words
            .iter()
            .position(|w| *w == label)
            .unwrap_or_else(|| panic!("{label:?} is missing"));
        words[at + 1..at + 1 + n].to_vec()
    };
    assert_eq!(
        after("Total nr. of mentors / who completed the pilot", 2),
        ["2", "1"]
    );
    assert_eq!(
        after("Total nr. of mentees / who completed the pilot", 2),
        ["3", "1"]
    );
    assert_eq!(after("Total nr. of mentoring processes", 1), ["3"]);
    assert!(xml.contains("w:val=\"Heading1\""));
    assert!(!xml.contains("Too little time"));
    let mut footer = String::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if file.name().unwrap().starts_with("word/footer") {
            file.read_to_string(&mut footer).unwrap();
        }
    }
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
}

/// Marks (or unmarks) the "in what way" answer of the statement s_voice of
/// `report` as the coordinator of programme A.
async fn mark(app: &TestApp, report: ReportId, question: &str, publishable: bool) -> StatusCode {
    let coordinator = app.as_user("coordinator@a.test").await;
    app.post_json(
        &coordinator,
        "/api/programme-report/quote",
        json!({ "programme": app.world.programme_a, "report": report, "question": question, "publishable": publishable }),
    )
    .await
    .status()
}

async fn pdf_text(app: &TestApp) -> String {
    let pdf = download_as(app, "pdf", "en").await.bytes().await.unwrap();
    poppler("pdftotext", &[], &pdf)
}

#[tokio::test]
async fn a_quote_reaches_the_pdf_and_the_word_file_only_while_marked_publishable() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let quoted = report_ok(&app, &coordinator)
        .await
        .statements
        .into_iter()
        .flat_map(|s| s.quotes)
        .find(|q| q.text == "Too little time")
        .expect("the fixture's answer is quoted in the app");
    assert!(!quoted.publishable);
    assert!(!pdf_text(&app).await.contains("Too little time"));

    assert_eq!(
        mark(&app, quoted.report, "s_voice", true).await,
        StatusCode::OK
    );

    let marked = report_ok(&app, &coordinator)
        .await
        .statements
        .into_iter()
        .flat_map(|s| s.quotes)
        .find(|q| q.text == "Too little time")
        .unwrap();
    assert!(marked.publishable);
    assert!(pdf_text(&app).await.contains("“Too little time”"));
    let docx = download_as(&app, "docx", "en").await.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx.to_vec())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("Too little time"));
    // The other answers with text were not marked: they stay out.
    assert!(!pdf_text(&app).await.contains("I talk to the teacher now"));

    assert_eq!(
        mark(&app, quoted.report, "s_voice", false).await,
        StatusCode::OK
    );
    assert!(!pdf_text(&app).await.contains("Too little time"));
}

#[tokio::test]
async fn only_an_answer_with_text_in_a_report_of_the_programme_can_be_marked() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let report = report_ok(&app, &coordinator)
        .await
        .statements
        .into_iter()
        .flat_map(|s| s.quotes)
        .next()
        .unwrap()
        .report;

    // No such report; an answer without text; a question that is no key.
    assert_eq!(
        mark(&app, ReportId::new(), "s_voice", true).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        mark(&app, report, "s_wellbeing", true).await,
        StatusCode::NOT_FOUND
    );
    assert_ne!(
        mark(&app, report, "no_such_question", true).await,
        StatusCode::OK
    );
    let b = app.as_user("coordinator@b.test").await;
    let other = app
        .post_json(
            &b,
            "/api/programme-report/quote",
            json!({ "programme": app.world.programme_a, "report": report, "question": "s_voice", "publishable": true }),
        )
        .await;
    assert_eq!(other.status(), StatusCode::FORBIDDEN);
}

/// The fixture, with programme A in Romania.
async fn fixture_in_romania(app: &TestApp) {
    fixture(app).await;
    app.execute(
        &format!(
            "UPDATE programmes SET country = 'Romania' WHERE id = '{}' AND $1 IS NOT NULL",
            app.world.programme_a
        ),
        chrono::Utc::now(),
    )
    .await;
}

async fn compare(app: &TestApp, client: &Client, year: &str, country: &str) -> reqwest::Response {
    app.post_json(
        client,
        "/api/programme-report/compare",
        json!({ "year": year, "country": country }),
    )
    .await
}

#[tokio::test]
async fn the_comparison_shows_the_organisations_programmes_with_their_main_figures() {
    let app = spawn_app().await;
    fixture_in_romania(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let report = report_ok(&app, &coordinator).await;

    let response = compare(&app, &coordinator, "", "").await;

    assert_eq!(response.status(), StatusCode::OK);
    let c: Comparison = json(response).await;
    // Programme B belongs to another organisation.
    let ids: Vec<ProgrammeId> = c.programmes.iter().map(|p| p.id).collect();
    assert_eq!(ids, [app.world.programme_a]);
    let a = &c.programmes[0];
    // As in the Table 1 and meetings tests: three pairs, all confirmed, one
    // completed; two meetings of programme A.
    assert_eq!((a.pairs, a.processes, a.completed), (3, 3, 1));
    assert_eq!(a.completion(), Some(33));
    assert_eq!(a.meetings, 2);
    assert_eq!(a.meetings_per_pair().as_deref(), Some("0.7"));
    assert_eq!(a.minutes, report.meetings.minutes);
    // s_voice in the final reports: only the mentor of A2 answered, agreeing.
    let voice = a
        .agree
        .iter()
        .find(|(q, _)| *q == Question::SVoice)
        .unwrap();
    assert_eq!(voice.1, Some(100));
    assert_eq!(report.country, "Romania");
    assert_eq!(c.countries, ["Romania"]);
    assert_eq!(c.years, [a.year]);
}

#[tokio::test]
async fn the_comparison_filters_by_year_and_country_and_refuses_a_year_that_is_not_one() {
    let app = spawn_app().await;
    fixture_in_romania(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let all: Comparison = json(compare(&app, &coordinator, "", "").await).await;
    let year = all.years[0].to_string();
    let country = all.countries[0].clone();

    let kept: Comparison = json(compare(&app, &coordinator, &year, &country).await).await;
    let other_year: Comparison = json(compare(&app, &coordinator, "2001", "").await).await;
    let other_country: Comparison = json(compare(&app, &coordinator, "", "Atlantis").await).await;
    let bad = compare(&app, &coordinator, "last year", "").await;

    assert_eq!(kept.programmes.len(), 1);
    assert_eq!(
        (kept.year, kept.country),
        (Some(all.years[0]), Some(country))
    );
    assert!(other_year.programmes.is_empty());
    assert!(other_country.programmes.is_empty());
    assert_eq!(other_country.countries, all.countries, "the choices stay");
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let manager = app.as_user("manager@a.test").await;
    assert_eq!(
        compare(&app, &manager, "", "").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_comparison_page_renders_on_the_server_with_its_table() {
    let app = spawn_app().await;
    fixture_in_romania(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;

    let page = coordinator
        .get(app.url("/programmes/compare?year=&country=Romania"))
        .send()
        .await
        .unwrap();

    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("data-testid=\"comparison\""), "{html}");
    assert!(html.contains("Meetings per pair"));
    assert!(app.server_panics().is_empty());
}

async fn publish(app: &TestApp, client: &Client, on: bool) -> StatusCode {
    app.post_json(
        client,
        "/api/programme-report/public",
        json!({ "organisation": app.world.organisation_a, "on": on }),
    )
    .await
    .status()
}

async fn public_page(app: &TestApp) -> reqwest::Response {
    // Nobody logged in: the page is public.
    Client::new()
        .get(app.url(&format!("/impact/{}", app.world.organisation_a)))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_public_page_exists_only_once_published_and_shows_no_count_below_five() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    assert_eq!(public_page(&app).await.status(), StatusCode::NOT_FOUND);

    assert_eq!(publish(&app, &coordinator, true).await, StatusCode::OK);
    let response = public_page(&app).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "public, max-age=600");
    let html = response.text().await.unwrap();
    assert!(!html.contains("<script"), "it needs no JavaScript");
    // Three pairs, one completed, two meetings: each fewer than 5.
    assert!(html.contains("School A: the results of our parent-to-parent mentoring"));
    assert!(
        html.contains("<th scope=\"row\">Pairs matched</th><td>fewer than 5</td>"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"row\">Meetings</th><td>fewer than 5</td>"));
    assert!(html.contains("not shown (fewer than 5 agree, or fewer than 5 do not)"));
    for private in [
        "Too little time",
        "I talk to the teacher now",
        "Ana",
        "mentor@a.test",
    ] {
        assert!(!html.contains(private), "{private} is on the public page");
    }
    let compared: Comparison = json(compare(&app, &coordinator, "", "").await).await;
    assert_eq!(
        compared.organisations,
        [(app.world.organisation_a, "School A".to_string(), true)]
    );

    assert_eq!(publish(&app, &coordinator, false).await, StatusCode::OK);
    assert_eq!(public_page(&app).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_public_page_quotes_an_answer_only_once_marked_publishable() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let quoted = report_ok(&app, &coordinator)
        .await
        .statements
        .into_iter()
        .flat_map(|s| s.quotes)
        .find(|q| q.text == "Too little time")
        .unwrap();
    assert_eq!(
        mark(&app, quoted.report, "s_voice", true).await,
        StatusCode::OK
    );

    // Published after the mark: the page is made anew.
    assert_eq!(publish(&app, &coordinator, true).await, StatusCode::OK);
    let html = public_page(&app).await.text().await.unwrap();

    assert!(html.contains("<q>Too little time</q>"), "{html}");
    assert!(!html.contains("I talk to the teacher now"));
    let manager = app.as_user("manager@a.test").await;
    assert_eq!(publish(&app, &manager, false).await, StatusCode::FORBIDDEN);
}

/// Every quote of the report, of every section.
fn quotes_of(report: &ProgrammeReport) -> Vec<String> {
    serde_json::to_value(report)
        .unwrap()
        .to_string()
        .split("\"text\":\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
async fn a_mentee_who_withdrew_consent_to_anonymised_results_is_left_out_of_the_report() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    let before = quotes_of(&report_ok(&app, &coordinator).await);
    let mentee = app.as_user("mentee@a.test").await;

    let withdrawn = app
        .post_json(
            &mentee,
            "/api/privacy/my_consent",
            json!({ "purpose": "anonymised_results", "given": false }),
        )
        .await;
    let after = quotes_of(&report_ok(&app, &coordinator).await);
    app.post_json(
        &mentee,
        "/api/privacy/my_consent",
        json!({ "purpose": "anonymised_results", "given": true }),
    )
    .await;
    let given_again = quotes_of(&report_ok(&app, &coordinator).await);

    assert_eq!(withdrawn.status(), StatusCode::OK);
    assert!(before.iter().any(|q| q == "Too little time"), "{before:?}");
    assert!(!after.iter().any(|q| q == "Too little time"), "{after:?}");
    assert!(!after.iter().any(|q| q == "I talk to the teacher now"));
    assert_eq!(given_again, before);
}

#[tokio::test]
async fn the_public_page_stays_as_made_for_the_month_until_it_is_published_again() {
    let app = spawn_app().await;
    fixture(&app).await;
    let coordinator = app.as_user("coordinator@a.test").await;
    assert_eq!(publish(&app, &coordinator, true).await, StatusCode::OK);
    let first = public_page(&app).await.text().await.unwrap();

    // A new meeting log: the month's page does not change with it.
    let mentor = app.as_user("mentor@a.test").await;
    let w = &app.world;
    let logs: Vec<SyncItem> = (3..9)
        .map(|d| item(w, log_input(w, w.pair_a1, d, "Met at the school gate")))
        .collect();
    assert_eq!(
        app.sync_ok(&mentor, &logs).await,
        vec![SyncOutcome::Stored; 6]
    );
    let same_month = public_page(&app).await.text().await.unwrap();
    // The month turns (the page was made last month).
    app.execute(
        "UPDATE public_snapshots SET month = '2000-01' WHERE $1 IS NOT NULL",
        chrono::Utc::now(),
    )
    .await;
    let next_month = public_page(&app).await.text().await.unwrap();

    assert_eq!(same_month, first);
    assert!(
        first.contains("<th scope=\"row\">Meetings</th><td>fewer than 5</td>"),
        "{first}"
    );
    assert!(
        next_month.contains("<th scope=\"row\">Meetings</th><td>8</td>"),
        "{next_month}"
    );
}

#[tokio::test]
async fn the_pdf_and_the_word_file_write_counts_of_fewer_than_five_people_as_such_and_leave_their_charts_out(
) {
    let app = spawn_app().await;
    // Two women and one man among the mentees (see `fixture`).
    fixture(&app).await;

    let pdf = pdf_text(&app).await;
    let docx = download_as(&app, "docx", "en").await.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx.to_vec())).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();

    // (The PDF's text without its spaces and lines: cells come one a line.)
    let flat: String = pdf.split_whitespace().collect();
    assert!(
        flat.contains("Female<5Male<5"),
        "the mentees' gender table hides its small counts:\n{pdf}"
    );
    assert!(!flat.contains("Female2") && !flat.contains("Male1"));
    assert!(
        !pdf.contains("Gender of mentors and mentees"),
        "the gender chart is left out"
    );
    assert!(pdf.contains("counts of 1 to 4 people are written"));
    assert!(xml.contains("&lt; 5"), "the Word file too");
    assert!(!xml.contains("Gender of mentors and mentees"));
    // The office's own report keeps every figure.
    let coordinator = app.as_user("coordinator@a.test").await;
    let report = report_ok(&app, &coordinator).await;
    assert!(report
        .profiles
        .iter()
        .any(|(_, p)| p.gender.contains(&(Some(Gender::Female), 2))));
}
