//! What the programme report counts, read in a handful of queries (the
//! counting itself is `model::programme_report::compute`, pure), and the
//! narrative sections.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    name: String,
    format: ProgrammeFormat,
    typology: Typology,
    duration_months: i32,
    country: String,
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: CandidateId,
    kind: CandidateKind,
    gender: Option<String>,
    age: Option<i32>,
    background: String,
    employment: Option<String>,
    created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct PairRow {
    mentor_id: UserId,
    mentee_id: UserId,
    manager_id: UserId,
    confirmed_on: Option<NaiveDate>,
    end_kind: Option<EndKind>,
    drop_reason: Option<String>,
}

/// The facts of `programme` between `from` and `to` (both included):
/// recruitment and profiles of everyone registered by `to`; the pairs whose
/// time overlaps the dates; the reports answered and the meetings held
/// within them. `None` when the programme does not exist.
#[tracing::instrument(name = "store.programme_report.facts", skip_all, err(Display))]
pub async fn facts(
    db: &super::Db,
    programme: ProgrammeId,
    from: NaiveDate,
    to: NaiveDate,
) -> StoreResult<Option<ReportFacts>> {
    let row: Option<ProgrammeRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT name, format, typology, duration_months, country FROM programmes WHERE id = $1",
    )
    .bind(programme)
    .fetch_optional(pool)
    .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let managers: Vec<(UserId,)> = on_db!(db, pool => sqlx::query_as(
        "SELECT user_id FROM memberships WHERE programme_id = $1 AND role = 'manager'",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;

    let candidates: Vec<CandidateRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, kind, gender, age, background, employment, created_at FROM candidates \
         WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    let moves: Vec<(CandidateId, Stage, Option<String>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT m.candidate_id, m.to_stage, m.reason FROM candidate_moves m \
         JOIN candidates c ON c.id = m.candidate_id WHERE c.programme_id = $1 \
         ORDER BY m.candidate_id, m.moved_at, m.id",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    let mut paths: BTreeMap<CandidateId, Vec<(Stage, Option<String>)>> = BTreeMap::new();
    for (candidate, stage, reason) in moves {
        paths.entry(candidate).or_default().push((stage, reason));
    }
    let last_day = to
        .and_hms_opt(23, 59, 59)
        .map(|t| t.and_utc())
        .unwrap_or_else(now);
    let candidates = candidates
        .into_iter()
        .filter(|c| c.created_at <= last_day)
        .map(|c| CandidateFacts {
            kind: c.kind,
            path: paths.remove(&c.id).unwrap_or_default(),
            // Anonymised rows hold "—": read as not recorded.
            gender: c.gender.as_deref().and_then(Gender::from_key),
            age: c.age.and_then(|a| u32::try_from(a).ok()),
            background: c.background,
            employment: c.employment.as_deref().and_then(Employment::from_key),
        })
        .collect();

    let pairs: Vec<PairRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT mentor_id, mentee_id, manager_id, confirmed_on, end_kind, drop_reason FROM pairs \
         WHERE programme_id = $1 AND started_on <= $3 AND (ended_on IS NULL OR ended_on >= $2)",
    )
    .bind(programme)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await)?;
    let pairs = pairs
        .into_iter()
        .map(|p| PairRecord {
            mentor: p.mentor_id.to_string(),
            mentee: p.mentee_id.to_string(),
            manager: p.manager_id.to_string(),
            confirmed: p.confirmed_on.is_some(),
            end_kind: p.end_kind,
            drop_reason: p.drop_reason.as_deref().and_then(DropReason::from_key),
        })
        .collect();

    let reports: Vec<(ReportId, ReportKind, Respondent, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT r.id, r.kind, r.respondent, r.answers FROM reports r JOIN pairs p ON p.id = r.pair_id \
         WHERE p.programme_id = $1 AND r.answered_on >= $2 AND r.answered_on <= $3 \
         AND NOT EXISTS (SELECT 1 FROM consents k \
           WHERE k.user_id = CASE WHEN r.respondent = 'mentor' THEN p.mentor_id ELSE p.mentee_id END \
           AND k.purpose = 'anonymised_results' AND NOT k.given AND NOT EXISTS (SELECT 1 FROM consents k2 \
             WHERE k2.user_id = k.user_id AND k2.purpose = k.purpose AND k2.given AND k2.created_at > k.created_at)) \
         ORDER BY r.answered_on, r.id",
    )
    .bind(programme)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await)?;
    let reports = reports
        .into_iter()
        .map(|(id, kind, respondent, answers)| ReportRecord {
            id,
            kind,
            respondent,
            answers: serde_json::from_str(&answers).unwrap_or_default(),
        })
        .collect();

    let marks: Vec<(ReportId, Question, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT q.report_id, q.question, q.text FROM publishable_quotes q \
         JOIN reports r ON r.id = q.report_id JOIN pairs p ON p.id = r.pair_id \
         WHERE p.programme_id = $1",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    let publishable = marks
        .into_iter()
        .map(|(report, question, text)| ((report, question), text))
        .collect();

    let logs: Vec<(NaiveDate, MeetingForm, i32)> = on_db!(db, pool => sqlx::query_as(
        "SELECT l.meeting_date, l.form, l.duration_minutes FROM meeting_logs l \
         JOIN pairs p ON p.id = l.pair_id \
         WHERE p.programme_id = $1 AND l.withdrawn_reason IS NULL \
         AND l.meeting_date >= $2 AND l.meeting_date <= $3",
    )
    .bind(programme)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await)?;
    let logs = logs
        .into_iter()
        .map(|(date, form, minutes)| LogRecord {
            date,
            form,
            minutes: minutes.max(0) as u32,
        })
        .collect();

    let measures: Vec<(MeasureState,)> = on_db!(db, pool => sqlx::query_as(
        "SELECT state FROM school_measures WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;

    Ok(Some(ReportFacts {
        programme: ReportProgramme {
            id: programme,
            name: row.name,
            format: row.format,
            typology: row.typology,
            duration_months: row.duration_months.max(0) as u32,
            country: row.country,
        },
        from,
        to,
        managers: managers.into_iter().map(|(m,)| m.to_string()).collect(),
        candidates,
        pairs,
        reports,
        logs,
        measures: measures.into_iter().map(|(m,)| m).collect(),
        narrative: narrative(db, programme).await?,
        publishable,
    }))
}

/// The narrative sections written so far.
#[tracing::instrument(name = "store.programme_report.narrative", skip_all, err(Display))]
pub async fn narrative(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<BTreeMap<NarrativeSection, String>> {
    let rows: Vec<(NarrativeSection, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT section, text FROM report_narratives WHERE programme_id = $1",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows.into_iter().collect())
}

/// Saves one section's text (the last save wins).
#[tracing::instrument(name = "store.programme_report.save_narrative", skip_all, err(Display))]
pub async fn save_narrative(
    tx: &mut Tx,
    programme: ProgrammeId,
    section: NarrativeSection,
    text: &str,
    by: UserId,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO report_narratives (programme_id, section, text, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (programme_id, section) \
         DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(programme)
    .bind(section)
    .bind(text)
    .bind(now())
    .bind(by)
    .execute(&mut *conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Marks an answer of a report of `programme` publishable (with its text as
/// it is now) or takes the mark away. Not found: no such answer with text
/// in a report of the programme.
#[tracing::instrument(name = "store.programme_report.mark_quote", skip_all, err(Display))]
pub async fn mark_quote(
    tx: &mut Tx,
    programme: ProgrammeId,
    report: ReportId,
    question: Question,
    publishable: bool,
    by: UserId,
) -> StoreResult<bool> {
    let answers: Option<(String,)> = on_tx!(tx, conn => sqlx::query_as(
        "SELECT r.answers FROM reports r JOIN pairs p ON p.id = r.pair_id \
         WHERE r.id = $1 AND p.programme_id = $2",
    )
    .bind(report)
    .bind(programme)
    .fetch_optional(&mut *conn)
    .await)?;
    let text = answers
        .and_then(|(a,)| serde_json::from_str::<BTreeMap<Question, Answer>>(&a).ok())
        .and_then(|a| a.get(&question).map(|a| a.text.trim().to_string()))
        .filter(|t| !t.is_empty());
    let Some(text) = text else {
        return Ok(false);
    };
    if publishable {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO publishable_quotes (report_id, question, text, marked_at, marked_by) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (report_id, question) \
             DO UPDATE SET text = excluded.text, marked_at = excluded.marked_at, marked_by = excluded.marked_by",
        )
        .bind(report)
        .bind(question)
        .bind(&text)
        .bind(now())
        .bind(by)
        .execute(&mut *conn)
        .await
        .map(|_| ()))?;
    } else {
        on_tx!(tx, conn => sqlx::query(
            "DELETE FROM publishable_quotes WHERE report_id = $1 AND question = $2",
        )
        .bind(report)
        .bind(question)
        .execute(&mut *conn)
        .await
        .map(|_| ()))?;
    }
    // The public page quotes only what is marked: made anew.
    on_tx!(tx, conn => sqlx::query(
        "DELETE FROM public_snapshots WHERE organisation_id = \
         (SELECT organisation_id FROM programmes WHERE id = $1)",
    )
    .bind(programme)
    .execute(&mut *conn)
    .await
    .map(|_| ()))?;
    Ok(true)
}

/// A yes/no setting of an organisation, as [`organisation_flags`] reads it.
#[derive(Clone, Copy, Debug)]
pub enum OrganisationFlag {
    /// Its aggregated results are on a public page.
    PublicImpact,
    /// Its coordinators and managers must use two-step login.
    RequireTwoStep,
}

/// The setting `flag` of each organisation, with its name.
#[tracing::instrument(
    name = "store.programme_report.organisation_flags",
    skip_all,
    err(Display)
)]
pub async fn organisation_flags(
    db: &super::Db,
    organisations: &[(OrganisationId, String)],
    flag: OrganisationFlag,
) -> StoreResult<Vec<(OrganisationId, String, bool)>> {
    // A column name from a closed set, never from input.
    let sql = match flag {
        OrganisationFlag::PublicImpact => "SELECT public_impact FROM organisations WHERE id = $1",
        OrganisationFlag::RequireTwoStep => {
            "SELECT require_two_step FROM organisations WHERE id = $1"
        }
    };
    let mut out = Vec::with_capacity(organisations.len());
    for (id, name) in organisations {
        let on: Option<(bool,)> = on_db!(db, pool => sqlx::query_as(sql)
            .bind(id)
            .fetch_optional(pool)
            .await)?;
        out.push((*id, name.clone(), on.is_some_and(|(on,)| on)));
    }
    Ok(out)
}

/// Turns an organisation's public impact page on or off.
#[tracing::instrument(name = "store.programme_report.set_public", skip_all, err(Display))]
pub async fn set_public(tx: &mut Tx, organisation: OrganisationId, on: bool) -> StoreResult<()> {
    on_tx!(tx, conn => {
        sqlx::query("UPDATE organisations SET public_impact = $2 WHERE id = $1")
            .bind(organisation)
            .bind(on)
            .execute(&mut *conn)
            .await?;
        // Published again: made anew.
        sqlx::query("DELETE FROM public_snapshots WHERE organisation_id = $1")
            .bind(organisation)
            .execute(&mut *conn)
            .await
            .map(|_| ())
    })?;
    Ok(())
}

/// The public page of the organisation as made for `month` (`yyyy-mm`)
/// in `lang`, if it was.
#[tracing::instrument(name = "store.programme_report.snapshot", skip_all, err(Display))]
pub async fn snapshot(
    db: &super::Db,
    organisation: OrganisationId,
    lang: &str,
    month: &str,
) -> StoreResult<Option<String>> {
    let html: Option<(String,)> = on_db!(db, pool => sqlx::query_as(
        "SELECT html FROM public_snapshots WHERE organisation_id = $1 AND lang = $2 AND month = $3",
    )
    .bind(organisation)
    .bind(lang)
    .bind(month)
    .fetch_optional(pool)
    .await)?;
    Ok(html.map(|(h,)| h))
}

/// Keeps the public page made for `month`, in place of an older one.
#[tracing::instrument(name = "store.programme_report.keep_snapshot", skip_all, err(Display))]
pub async fn keep_snapshot(
    db: &super::Db,
    organisation: OrganisationId,
    lang: &str,
    month: &str,
    html: &str,
) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO public_snapshots (organisation_id, lang, month, html, made_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (organisation_id, lang) DO UPDATE SET month = excluded.month, html = excluded.html, \
         made_at = excluded.made_at",
    )
    .bind(organisation)
    .bind(lang)
    .bind(month)
    .bind(html)
    .bind(super::now())
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// Drops every made public page (people's words were anonymised).
#[tracing::instrument(
    name = "store.programme_report.forget_snapshots",
    skip_all,
    err(Display)
)]
pub async fn forget_snapshots(db: &super::Db) -> StoreResult<()> {
    on_db!(db, pool => sqlx::query("DELETE FROM public_snapshots")
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// An organisation's name, and its programmes with their start.
pub type PublicOrganisation = (String, Vec<(ProgrammeId, NaiveDate)>);

/// The name and programmes of an organisation that publishes its impact
/// page; none when it does not (or does not exist).
#[tracing::instrument(name = "store.programme_report.public", skip_all, err(Display))]
pub async fn public(
    db: &super::Db,
    organisation: OrganisationId,
) -> StoreResult<Option<PublicOrganisation>> {
    let org: Option<(String,)> = on_db!(db, pool => sqlx::query_as(
        "SELECT name FROM organisations WHERE id = $1 AND public_impact = $2",
    )
    .bind(organisation)
    .bind(true)
    .fetch_optional(pool)
    .await)?;
    let Some((name,)) = org else {
        return Ok(None);
    };
    let programmes: Vec<(ProgrammeId, NaiveDate)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, starts_on FROM programmes WHERE organisation_id = $1 ORDER BY starts_on",
    )
    .bind(organisation)
    .fetch_all(pool)
    .await)?;
    Ok(Some((name, programmes)))
}
