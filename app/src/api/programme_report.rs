//! The programme report: the coordinators of the organisation and the
//! managers of the programme read it, write its narrative and download its
//! data. Every download is in the audit trail.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, GetUrl, Json, Streaming};

/// The report of `programme` for the dates given (empty: the whole
/// programme so far), with its charts in the reader's language.
#[server(endpoint = "programme-report/get", input = Json)]
pub async fn get_programme_report(
    programme: ProgrammeId,
    from: String,
    to: String,
) -> Result<ProgrammeReport, AppError> {
    use super::context::*;
    respond("programme-report/get", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        let (from, to) =
            report_period(&from, &to, view.settings.starts_on, today()).map_err(invalid)?;
        let db = reads(&state).await;
        let Some(facts) = crate::store::programme_report::facts(&db, programme, from, to).await?
        else {
            return Err(AppError::NotFound);
        };
        let mut report = compute(&facts, true);
        report.charts = crate::render::report::charts(&report, request_language());
        audit(
            &state,
            &user,
            AuditAction::ReadProgrammeReport,
            [programme.to_string()],
        )
        .await?;
        Ok(report)
    })
    .await
}

/// The programmes of the organisations the person coordinates, side by
/// side on their main figures (each over its whole time so far), for the
/// year they started in and the country asked for (empty: all).
#[server(endpoint = "programme-report/compare", input = Json)]
pub async fn compare_programmes(year: String, country: String) -> Result<Comparison, AppError> {
    use super::context::*;
    use chrono::Datelike;
    respond("programme-report/compare", async move {
        let (state, user) = require(Role::Coordinator)?;
        let (year, country) = comparison_filters(&year, &country).map_err(invalid)?;
        let today = today();
        let db = reads(&state).await;
        let mut all = Vec::new();
        for view in crate::store::programmes::of_coordinator(&db, user.id()).await? {
            let starts = view.settings.starts_on;
            let (from, to) = report_period("", "", starts, today).map_err(invalid)?;
            let facts = crate::store::programme_report::facts(&db, view.id, from, to).await?;
            if let Some(facts) = facts {
                all.push(ProgrammeFigures::of(&compute(&facts, false), starts.year()));
            }
        }
        let mut comparison = compare(all, year, country);
        let organisations =
            crate::store::programmes::coordinated_organisations(&db, user.id()).await?;
        comparison.organisations = crate::store::programme_report::organisation_flags(
            &db,
            &organisations,
            crate::store::programme_report::OrganisationFlag::PublicImpact,
        )
        .await?;
        Ok(comparison)
    })
    .await
}

/// Publishes (or withdraws) the organisation's public impact page:
/// aggregated results only, at `/impact/<organisation>`.
#[server(endpoint = "programme-report/public", input = Json)]
pub async fn set_public_impact(organisation: OrganisationId, on: bool) -> Result<(), AppError> {
    use super::context::*;
    respond("programme-report/public", async move {
        let (state, user) = (state()?, current_user()?);
        if !coordinates(&state, &user, organisation).await? {
            return Err(AppError::Forbidden);
        }
        let mut tx = state.db.begin().await?;
        crate::store::programme_report::set_public(&mut tx, organisation, on).await?;
        tx.commit().await?;
        audit(
            &state,
            &user,
            AuditAction::PublicImpactChanged,
            [organisation.to_string()],
        )
        .await?;
        Ok(())
    })
    .await
}

/// Saves one narrative section of the programme's report.
#[server(endpoint = "programme-report/narrative", input = Json)]
pub async fn save_narrative(
    programme: ProgrammeId,
    section: NarrativeSection,
    text: String,
) -> Result<(), AppError> {
    use super::context::*;
    respond("programme-report/narrative", async move {
        let (state, user) = (state()?, current_user()?);
        programme_access(&state, &user, programme).await?;
        let text = check_narrative(&text).map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        crate::store::programme_report::save_narrative(
            &mut tx,
            programme,
            section,
            &text,
            user.id(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Marks an answer quoted in the report fit (or no longer fit) for readers
/// outside the organisation: the PDF, the Word file and the public page
/// quote only those marked.
#[server(endpoint = "programme-report/quote", input = Json)]
pub async fn mark_quote(
    programme: ProgrammeId,
    report: ReportId,
    question: Question,
    publishable: bool,
) -> Result<(), AppError> {
    use super::context::*;
    respond("programme-report/quote", async move {
        let (state, user) = (state()?, current_user()?);
        programme_access(&state, &user, programme).await?;
        let mut tx = state.db.begin().await?;
        let found = crate::store::programme_report::mark_quote(
            &mut tx,
            programme,
            report,
            question,
            publishable,
            user.id(),
        )
        .await?;
        if !found {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The report's numbers as a CSV file (one line per figure: section, item,
/// column, value, in the reader's language; no free text, no name). A GET,
/// so that a link downloads it.
#[server(endpoint = "programme-report/csv", input = GetUrl, output = Streaming)]
pub async fn report_csv(
    programme: ProgrammeId,
    from: String,
    to: String,
) -> Result<ByteStream<AppError>, AppError> {
    use super::context::*;
    respond("programme-report/csv", async move {
        export(
            programme,
            &from,
            &to,
            "csv",
            "text/csv; charset=utf-8",
            |report, lang| Ok(crate::render::report::csv(report, lang).into_bytes()),
        )
        .await
    })
    .await
}

/// The same figures as an XLSX workbook, one sheet per table of the report.
#[server(endpoint = "programme-report/xlsx", input = GetUrl, output = Streaming)]
pub async fn report_xlsx(
    programme: ProgrammeId,
    from: String,
    to: String,
) -> Result<ByteStream<AppError>, AppError> {
    use super::context::*;
    respond("programme-report/xlsx", async move {
        export(
            programme,
            &from,
            &to,
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            |report, lang| {
                crate::render::report::xlsx(report, lang).map_err(|error| {
                    tracing::error!(%error, "the report's workbook could not be written");
                    AppError::Internal
                })
            },
        )
        .await
    })
    .await
}

/// The whole report as a PDF, for readers outside the organisation: the
/// narrative, every table and chart; no free-text answer and no name.
#[server(endpoint = "programme-report/pdf", input = GetUrl, output = Streaming)]
pub async fn report_pdf(
    programme: ProgrammeId,
    from: String,
    to: String,
) -> Result<ByteStream<AppError>, AppError> {
    use super::context::*;
    respond("programme-report/pdf", async move {
        export(
            programme,
            &from,
            &to,
            "pdf",
            "application/pdf",
            |report, lang| {
                crate::render::document::pdf(report, lang).map_err(|error| {
                    tracing::error!(%error, "the report's PDF could not be written");
                    AppError::Internal
                })
            },
        )
        .await
    })
    .await
}

/// The same document as a Word file, for partners who edit it further.
#[server(endpoint = "programme-report/docx", input = GetUrl, output = Streaming)]
pub async fn report_docx(
    programme: ProgrammeId,
    from: String,
    to: String,
) -> Result<ByteStream<AppError>, AppError> {
    use super::context::*;
    respond("programme-report/docx", async move {
        export(
            programme,
            &from,
            &to,
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            |report, lang| {
                crate::render::document::docx(report, lang).map_err(|error| {
                    tracing::error!(%error, "the report's Word file could not be written");
                    AppError::Internal
                })
            },
        )
        .await
    })
    .await
}

/// A download of the report: who may read it, for the period asked, made
/// by `make` in the reader's language, in the audit trail, as a file named
/// after the programme's period.
#[cfg(feature = "ssr")]
async fn export(
    programme: ProgrammeId,
    from: &str,
    to: &str,
    extension: &str,
    content_type: &str,
    make: impl FnOnce(&ProgrammeReport, crate::i18n::Lang) -> Result<Vec<u8>, AppError> + Send + 'static,
) -> Result<ByteStream<AppError>, AppError> {
    use super::context::*;
    let (state, user) = (state()?, current_user()?);
    let (view, _) = programme_access(&state, &user, programme).await?;
    let (from, to) = report_period(from, to, view.settings.starts_on, today()).map_err(invalid)?;
    let db = reads(&state).await;
    let Some(facts) = crate::store::programme_report::facts(&db, programme, from, to).await? else {
        return Err(AppError::NotFound);
    };
    let report = compute(&facts, false);
    // Writing a file of a large programme takes tens of milliseconds of
    // CPU: off the threads that answer requests.
    let lang = request_language();
    let bytes = tokio::task::spawn_blocking(move || make(&report, lang))
        .await
        .map_err(|error| {
            tracing::error!(%error, "writing the report's file stopped");
            AppError::Internal
        })??;
    audit(
        &state,
        &user,
        AuditAction::ExportedReport,
        [programme.to_string()],
    )
    .await?;
    set_header(http::header::CONTENT_TYPE, content_type);
    set_header(
        http::header::CONTENT_DISPOSITION,
        &format!("attachment; filename=\"programme-report-{from}-{to}.{extension}\""),
    );
    let chunk: Result<Vec<u8>, AppError> = Ok(bytes);
    Ok(ByteStream::new(futures::stream::once(async move { chunk })))
}
