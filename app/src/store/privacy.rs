//! The data controller's duties: consent records, everything about a
//! person in one export, erasure (personal data anonymised, every count
//! kept) and the retention period after which an ended pair's personal data
//! is anonymised.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Column, Row};
use std::collections::BTreeMap;

/// What an erased or anonymised text becomes where the column may not be
/// empty; elsewhere it becomes empty.
pub const ERASED: &str = "—";

/// The programmes a person belongs to: their roles, their candidacies and
/// their pairs (a person removed from a programme stays its to export and
/// erase while it keeps their records).
#[tracing::instrument(name = "store.privacy.programmes_of", skip_all, err(Display))]
pub async fn programmes_of(db: &super::Db, person: PersonRef) -> StoreResult<Vec<ProgrammeId>> {
    let rows: Vec<(ProgrammeId,)> = match person {
        PersonRef::User(user) => on_db!(db, pool => sqlx::query_as(
            "SELECT programme_id FROM memberships WHERE user_id = $1 \
             UNION SELECT programme_id FROM candidates WHERE user_id = $1 \
             UNION SELECT programme_id FROM pairs WHERE mentor_id = $1 OR mentee_id = $1",
        )
        .bind(user)
        .fetch_all(pool)
        .await)?,
        PersonRef::Candidate(candidate) => on_db!(db, pool => sqlx::query_as(
            "SELECT programme_id FROM candidates WHERE id = $1",
        )
        .bind(candidate)
        .fetch_all(pool)
        .await)?,
    };
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

fn placeholders(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A `LIKE` pattern finding `text` anywhere, with its own `%` and `_`
/// taken literally.
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: UserId,
    display_name: String,
    email: String,
    erased_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: CandidateId,
    name: String,
    kind: String,
    programme: String,
    erased_at: Option<DateTime<Utc>>,
}

/// The people of `programmes` whose name or email holds `search` (all when
/// empty): everyone with a role there, and every candidate without an
/// account. Each with their places in those programmes only.
#[tracing::instrument(name = "store.privacy.people", skip_all, err(Display))]
pub async fn people(
    db: &super::Db,
    programmes: &[ProgrammeId],
    search: &str,
) -> StoreResult<Vec<PersonSummary>> {
    if programmes.is_empty() {
        return Ok(Vec::new());
    }
    let list = placeholders(2, programmes.len());
    let pattern = contains_pattern(search);
    let limit = crate::model::limits::PEOPLE_LISTED as i64;
    let users_sql = format!(
        "SELECT u.id, u.display_name, u.email, u.erased_at FROM users u \
         WHERE u.id IN (SELECT user_id FROM memberships WHERE programme_id IN ({list}) \
                        UNION SELECT user_id FROM candidates WHERE user_id IS NOT NULL AND programme_id IN ({list})) \
         AND (LOWER(u.display_name) LIKE $1 ESCAPE '\\' OR LOWER(u.email) LIKE $1 ESCAPE '\\') \
         ORDER BY LOWER(u.display_name), u.id LIMIT {limit}"
    );
    let candidates_sql = format!(
        "SELECT c.id, c.name, c.kind, p.name AS programme, c.erased_at FROM candidates c \
         JOIN programmes p ON p.id = c.programme_id \
         WHERE c.user_id IS NULL AND c.programme_id IN ({list}) AND LOWER(c.name) LIKE $1 ESCAPE '\\' \
         ORDER BY LOWER(c.name), c.id LIMIT {limit}"
    );
    let first = placeholders(1, programmes.len());
    let places_sql = format!(
        "SELECT m.user_id, m.role, p.name FROM memberships m JOIN programmes p ON p.id = m.programme_id \
         WHERE m.programme_id IN ({first}) \
         UNION SELECT c.user_id, 'candidate_' || c.kind, p.name FROM candidates c \
         JOIN programmes p ON p.id = c.programme_id \
         WHERE c.user_id IS NOT NULL AND c.programme_id IN ({first})"
    );
    let (users, candidates, places) = on_db!(db, pool => {
        let mut users = sqlx::query_as::<_, UserRow>(&users_sql).bind(&pattern);
        let mut candidates = sqlx::query_as::<_, CandidateRow>(&candidates_sql).bind(&pattern);
        let mut places = sqlx::query_as::<_, (UserId, String, String)>(&places_sql);
        for programme in programmes {
            users = users.bind(*programme);
            candidates = candidates.bind(*programme);
            places = places.bind(*programme);
        }
        let users = users.fetch_all(pool).await?;
        let candidates = candidates.fetch_all(pool).await?;
        let places = places.fetch_all(pool).await?;
        Ok::<_, sqlx::Error>((users, candidates, places))
    })?;
    let mut by_user: BTreeMap<UserId, Vec<(String, String)>> = BTreeMap::new();
    for (user, role, programme) in places {
        by_user.entry(user).or_default().push((role, programme));
    }
    let mut people: Vec<PersonSummary> = users
        .into_iter()
        .map(|u| PersonSummary {
            person: PersonRef::User(u.id),
            places: by_user.remove(&u.id).unwrap_or_default(),
            name: u.display_name,
            email: u.erased_at.is_none().then_some(u.email),
            erased: u.erased_at.is_some(),
        })
        .collect();
    people.extend(candidates.into_iter().map(|c| PersonSummary {
        person: PersonRef::Candidate(c.id),
        name: c.name,
        email: None,
        places: vec![(format!("candidate_{}", c.kind), c.programme)],
        erased: c.erased_at.is_some(),
    }));
    people.sort_by_key(|p| p.name.to_lowercase());
    Ok(people)
}

/// One person, with every place they hold (the caller checks the reader
/// may see them).
#[tracing::instrument(name = "store.privacy.summary", skip_all, err(Display))]
pub async fn summary(db: &super::Db, person: PersonRef) -> StoreResult<Option<PersonSummary>> {
    match person {
        PersonRef::User(user) => {
            let row: Option<UserRow> = on_db!(db, pool => sqlx::query_as(
                "SELECT id, display_name, email, erased_at FROM users WHERE id = $1",
            )
            .bind(user)
            .fetch_optional(pool)
            .await)?;
            let Some(row) = row else {
                return Ok(None);
            };
            let places: Vec<(String, String)> = on_db!(db, pool => sqlx::query_as(
                "SELECT m.role, p.name FROM memberships m JOIN programmes p ON p.id = m.programme_id \
                 WHERE m.user_id = $1 \
                 UNION SELECT 'candidate_' || c.kind, p.name FROM candidates c \
                 JOIN programmes p ON p.id = c.programme_id WHERE c.user_id = $1",
            )
            .bind(user)
            .fetch_all(pool)
            .await)?;
            Ok(Some(PersonSummary {
                person,
                name: row.display_name,
                email: row.erased_at.is_none().then_some(row.email),
                places,
                erased: row.erased_at.is_some(),
            }))
        }
        PersonRef::Candidate(candidate) => {
            let row: Option<CandidateRow> = on_db!(db, pool => sqlx::query_as(
                "SELECT c.id, c.name, c.kind, p.name AS programme, c.erased_at FROM candidates c \
                 JOIN programmes p ON p.id = c.programme_id WHERE c.id = $1",
            )
            .bind(candidate)
            .fetch_optional(pool)
            .await)?;
            Ok(row.map(|c| PersonSummary {
                person,
                name: c.name,
                email: None,
                places: vec![(format!("candidate_{}", c.kind), c.programme)],
                erased: c.erased_at.is_some(),
            }))
        }
    }
}

/// The candidates' ids that are the person: theirs by account, or the one.
fn candidates_of(person: PersonRef) -> &'static str {
    match person {
        PersonRef::User(_) => "SELECT id FROM candidates WHERE user_id = $1",
        PersonRef::Candidate(_) => "SELECT id FROM candidates WHERE id = $1",
    }
}

/// `SELECT id FROM candidates` that are the person, in the programmes
/// `$2`… (`within`, see [`Scope::within`]).
fn candidates_within(person: PersonRef, within: &str) -> String {
    format!("{} AND programme_id IN ({within})", candidates_of(person))
}

/// The programmes an export or an erasure is limited to: the caller's
/// organisation's. Bound after the person, as `$2`, `$3`, …
pub struct Scope<'a> {
    pub programmes: &'a [ProgrammeId],
    /// Every programme, whoever holds the person (the retention job).
    pub everywhere: bool,
}

impl<'a> Scope<'a> {
    /// The programmes of one organisation.
    pub fn of(programmes: &'a [ProgrammeId]) -> Scope<'a> {
        Scope {
            programmes,
            everywhere: false,
        }
    }

    /// Every programme.
    pub fn everywhere() -> Scope<'static> {
        Scope {
            programmes: &[],
            everywhere: true,
        }
    }

    /// The placeholders of the programmes, for `programme_id IN (…)`
    /// (no programme: nothing is in it).
    fn within(&self) -> String {
        if self.programmes.is_empty() {
            return "NULL".to_string();
        }
        placeholders(2, self.programmes.len())
    }
}

/// The consent records of the person: theirs by account, or the
/// candidate's, and those of the account the candidate got (records made
/// before and after an account are the same person's).
fn consents_condition(person: PersonRef) -> &'static str {
    match person {
        PersonRef::User(_) => {
            "k.user_id = $1 OR k.candidate_id IN (SELECT id FROM candidates WHERE user_id = $1)"
        }
        PersonRef::Candidate(_) => {
            "k.candidate_id = $1 OR k.user_id IN (SELECT user_id FROM candidates WHERE id = $1)"
        }
    }
}

#[derive(sqlx::FromRow)]
struct ConsentRow {
    purpose: ConsentPurpose,
    given: bool,
    how: Option<ConsentHow>,
    on_date: NaiveDate,
    recorded_by: String,
    recorder: UserId,
    subject: Option<UserId>,
    created_at: DateTime<Utc>,
}

/// Every consent record of the person, oldest first.
#[tracing::instrument(name = "store.privacy.consents_of", skip_all, err(Display))]
pub async fn consents_of(db: &super::Db, person: PersonRef) -> StoreResult<Vec<ConsentView>> {
    let sql = format!(
        "SELECT k.purpose, k.given, k.how, k.on_date, r.display_name AS recorded_by, \
         k.recorded_by AS recorder, k.user_id AS subject, k.created_at \
         FROM consents k JOIN users r ON r.id = k.recorded_by \
         WHERE {} ORDER BY k.created_at, k.on_date",
        consents_condition(person)
    );
    let rows: Vec<ConsentRow> = on_db!(db, pool => {
        let query = sqlx::query_as::<_, ConsentRow>(&sql);
        let query = match person {
            PersonRef::User(id) => query.bind(id),
            PersonRef::Candidate(id) => query.bind(id),
        };
        query.fetch_all(pool).await
    })?;
    Ok(rows
        .into_iter()
        .map(|r| ConsentView {
            purpose: r.purpose,
            given: r.given,
            how: r.how,
            on_date: r.on_date,
            recorded_by: r.recorded_by,
            by_self: r.subject == Some(r.recorder),
            recorded_at: r.created_at,
        })
        .collect())
}

/// Records a consent given or withdrawn, by `by` for the person.
#[tracing::instrument(name = "store.privacy.record_consent", skip_all, err(Display))]
pub async fn record_consent(
    tx: &mut Tx,
    person: PersonRef,
    purpose: ConsentPurpose,
    given: bool,
    how: Option<ConsentHow>,
    on_date: NaiveDate,
    by: UserId,
) -> StoreResult<()> {
    let (user, candidate) = match person {
        PersonRef::User(user) => (Some(user), None),
        PersonRef::Candidate(candidate) => (None, Some(candidate)),
    };
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO consents (id, user_id, candidate_id, purpose, given, how, on_date, recorded_by, created_at) \
         VALUES ($1, COALESCE($2, (SELECT user_id FROM candidates WHERE id = $3)), $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(ConsentId::new())
    .bind(user)
    .bind(candidate)
    .bind(purpose)
    .bind(given)
    .bind(how)
    .bind(on_date)
    .bind(by)
    .bind(now())
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// `SELECT` list of `columns`, each read as text (`expr AS name` or a
/// column, qualified or not): every engine gives every value as text, so
/// the export reads any table the same way.
fn as_text(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| {
            let (expr, name) = match c.split_once(" AS ") {
                Some((expr, name)) => (expr, name),
                None => (*c, c.rsplit('.').next().unwrap_or(c)),
            };
            format!("CAST({expr} AS TEXT) AS {name}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A section of a person's export: its name, its query (`$1` is the
/// person) and whether the query names the programmes of the scope (`$2`…).
struct ExportQuery {
    name: &'static str,
    sql: String,
    scoped: bool,
}

impl ExportQuery {
    fn scoped(name: &'static str, sql: String) -> Self {
        Self {
            name,
            sql,
            scoped: true,
        }
    }
    fn unscoped(name: &'static str, sql: String) -> Self {
        Self {
            name,
            sql,
            scoped: false,
        }
    }
}

/// The sections of a person's export, each limited to the programmes of
/// `within` (their placeholders). The person's account is theirs wherever
/// they are; their activity (logins, what they read) only when they belong
/// to no programme outside the scope (`whole`).
fn export_queries(person: PersonRef, within: &str, whole: bool) -> Vec<ExportQuery> {
    let candidates = candidates_within(person, within);
    let pairs = format!(
        "SELECT id FROM pairs WHERE (mentor_id = $1 OR mentee_id = $1) AND programme_id IN ({within})"
    );
    let mut sections = Vec::new();
    if let PersonRef::User(_) = person {
        sections.push(ExportQuery::unscoped(
            "account",
            format!(
                "SELECT {} FROM users WHERE id = $1",
                as_text(&[
                    "id",
                    "email",
                    "display_name",
                    "language",
                    "created_at",
                    "erased_at"
                ])
            ),
        ));
        sections.push(ExportQuery::scoped(
            "roles",
            format!(
                "SELECT {} FROM memberships m JOIN programmes p ON p.id = m.programme_id \
                 WHERE m.user_id = $1 AND m.programme_id IN ({within})",
                as_text(&["p.name AS programme", "m.role", "m.created_at"])
            ),
        ));
    }
    sections.push(ExportQuery::scoped(
        "registrations",
        format!(
            "SELECT {} FROM candidates c JOIN programmes p ON p.id = c.programme_id WHERE c.id IN ({candidates})",
            as_text(&[
                "c.id", "p.name AS programme", "c.kind", "c.name", "c.stage", "c.drop_reason",
                "c.consent_on", "c.consent_how", "c.gender", "c.age", "c.role_with_child",
                "c.child_age", "c.background", "c.employment", "c.languages", "c.area",
                "c.availability", "c.school", "c.class_name", "c.heard_from", "c.is_parent",
                "c.max_mentees", "c.phone", "c.contact_way", "c.created_at", "c.erased_at",
            ])
        ),
    ));
    sections.push(ExportQuery::scoped(
        "consents",
        format!(
            "SELECT {} FROM consents k JOIN users r ON r.id = k.recorded_by \
             WHERE ({}) AND (k.candidate_id IS NULL OR k.candidate_id IN ({candidates})) \
             ORDER BY k.created_at",
            as_text(&[
                "k.purpose",
                "k.given",
                "k.how",
                "k.on_date",
                "r.display_name AS recorded_by",
                "k.created_at"
            ]),
            consents_condition(person)
        ),
    ));
    sections.push(ExportQuery::scoped(
        "training",
        format!(
            "SELECT {} FROM training_attendance a JOIN trainings t ON t.id = a.training_id \
             WHERE a.candidate_id IN ({candidates}) ORDER BY t.held_on",
            as_text(&["t.held_on", "t.topic", "t.format"])
        ),
    ));
    sections.push(ExportQuery::scoped(
        "screening",
        format!(
            "SELECT {} FROM screening_checks s JOIN screening_requirements q ON q.id = s.requirement_id \
             WHERE s.candidate_id IN ({candidates}) ORDER BY s.recorded_at",
            as_text(&[
                "q.label AS check_name", "s.state", "s.checked_on", "s.note", "s.reference_number",
                "s.waived_reason", "s.recorded_at",
            ])
        ),
    ));
    sections.push(ExportQuery::scoped(
        "references",
        format!(
            "SELECT {} FROM referees WHERE candidate_id IN ({candidates}) ORDER BY created_at",
            as_text(&["name", "contact", "asked_on", "answer", "created_at"])
        ),
    ));
    if let PersonRef::User(_) = person {
        sections.push(ExportQuery::scoped(
            "pairs",
            format!(
                "SELECT {} FROM pairs pr JOIN programmes p ON p.id = pr.programme_id \
                 JOIN users mentor ON mentor.id = pr.mentor_id JOIN users mentee ON mentee.id = pr.mentee_id \
                 WHERE pr.id IN ({pairs}) ORDER BY pr.started_on",
                as_text(&[
                    "pr.id", "p.name AS programme", "mentor.display_name AS mentor",
                    "mentee.display_name AS mentee", "pr.status", "pr.started_on", "pr.confirmed_on",
                    "pr.planned_end_on", "pr.ended_on", "pr.end_kind", "pr.end_reason", "pr.drop_reason",
                    "pr.end_asked_on", "pr.end_asked_reason",
                ])
            ),
        ));
        sections.push(ExportQuery::scoped(
            "meeting_logs",
            format!(
                "SELECT {} FROM meeting_logs l WHERE l.pair_id IN ({pairs}) ORDER BY l.meeting_date, l.id",
                as_text(&[
                    "l.id", "l.pair_id", "l.meeting_date", "l.form", "l.duration_minutes", "l.description",
                    "l.went_well_next_steps", "l.has_challenge", "l.challenge_text", "l.withdrawn_reason",
                    "l.created_at",
                ])
            ),
        ));
        sections.push(ExportQuery::scoped(
            "goals",
            format!(
                "SELECT {} FROM goals g WHERE g.pair_id IN ({pairs}) ORDER BY g.created_at",
                as_text(&[
                    "g.id",
                    "g.pair_id",
                    "g.what",
                    "g.why",
                    "g.first_steps",
                    "g.target_date",
                    "g.withdrawn_reason",
                    "g.created_at",
                ])
            ),
        ));
        // Each side's own answers: a mentee's are not their mentor's to
        // take, and the other way round.
        sections.push(ExportQuery::scoped(
            "reports",
            format!(
                "SELECT {} FROM reports r WHERE r.pair_id IN ({pairs}) AND (\
                 (r.respondent = 'mentor' AND r.pair_id IN (SELECT id FROM pairs WHERE mentor_id = $1)) OR \
                 (r.respondent = 'mentee' AND r.pair_id IN (SELECT id FROM pairs WHERE mentee_id = $1))) \
                 ORDER BY r.answered_on",
                as_text(&[
                    "r.id", "r.pair_id", "r.kind", "r.respondent", "r.answered_on", "r.months", "r.weeks",
                    "r.answers", "r.created_at",
                ])
            ),
        ));
        sections.push(ExportQuery::scoped(
            "check_ins",
            format!(
                "SELECT {} FROM check_ins WHERE mentor_id = $1 AND programme_id IN ({within}) ORDER BY held_on",
                as_text(&["held_on", "notes", "follow_up", "created_at"])
            ),
        ));
        sections.push(ExportQuery::scoped(
            "notifications",
            format!(
                "SELECT {} FROM notifications n WHERE n.user_id = $1 AND {} ORDER BY n.created_at",
                as_text(&["n.kind", "n.created_at", "n.read_at"]),
                notifications_within(within)
            ),
        ));
        if whole {
            sections.push(ExportQuery::unscoped(
                "activity",
                format!(
                    "SELECT {} FROM audit_events WHERE user_id = $1 ORDER BY id DESC LIMIT 1000",
                    as_text(&["at", "action", "object_kind", "object_id", "ip"])
                ),
            ));
        }
    }
    sections
}

/// A condition on notifications `n`: about something of the programmes
/// `within` (a challenge discussed at one of their group meetings, a
/// concern of one of their pairs).
fn notifications_within(within: &str) -> String {
    format!(
        "((n.kind = 'challenge_discussed' AND n.subject_id IN (SELECT CAST(a.id AS TEXT) FROM agenda_items a \
         JOIN group_meetings g ON g.id = a.meeting_id WHERE g.programme_id IN ({within}))) OR \
         (n.kind = 'concern_acknowledged' AND n.subject_id IN (SELECT CAST(c.id AS TEXT) FROM concerns c \
         JOIN pairs pr ON pr.id = c.pair_id WHERE pr.programme_id IN ({within}))))"
    )
}

/// Everything the programme holds about the person, section by section.
/// Safeguarding concerns are not part of it: whether to share one is the
/// coordinator's decision, case by case (a child's protection comes first).
#[tracing::instrument(name = "store.privacy.export", skip_all, err(Display))]
pub async fn export(
    db: &super::Db,
    person: PersonRef,
    scope: &Scope<'_>,
) -> StoreResult<Vec<ExportSection>> {
    if scope.programmes.is_empty() {
        return Ok(Vec::new());
    }
    let whole = programmes_of(db, person)
        .await?
        .iter()
        .all(|p| scope.programmes.contains(p));
    let mut sections = Vec::new();
    for ExportQuery { name, sql, scoped } in export_queries(person, &scope.within(), whole) {
        let records: Vec<BTreeMap<String, String>> = on_db!(db, pool => {
            let mut query = sqlx::query(&sql);
            query = match person {
                PersonRef::User(id) => query.bind(id),
                PersonRef::Candidate(id) => query.bind(id),
            };
            if scoped {
                for programme in scope.programmes {
                    query = query.bind(*programme);
                }
            }
            query.fetch_all(pool).await.map(|rows| {
                rows.iter()
                    .map(|row| {
                        row.columns()
                            .iter()
                            .enumerate()
                            .filter_map(|(i, column)| {
                                let value: Option<String> = row.try_get(i).ok().flatten();
                                value.map(|v| (column.name().to_string(), v))
                            })
                            .collect()
                    })
                    .collect()
            })
        })?;
        sections.push(ExportSection {
            name: name.to_string(),
            records,
        });
    }
    Ok(sections)
}

/// The sections the office writes about a person (screening notes,
/// referees' answers, check-in notes): a person's own download leaves them
/// out, as the app never shows them to the person (their manager shares
/// them on request).
const WRITTEN_BY_THE_OFFICE: [&str; 3] = ["screening", "references", "check_ins"];

/// What a person downloads of themselves (their right of access without
/// asking anyone): everything every programme holds of theirs, but for
/// [`WRITTEN_BY_THE_OFFICE`], and of the meeting logs only those they
/// wrote (a mentee's pair's logs are their mentor's words).
#[tracing::instrument(name = "store.privacy.export_own", skip_all, err(Display))]
pub async fn export_own(db: &super::Db, user: UserId) -> StoreResult<Vec<ExportSection>> {
    let me = PersonRef::User(user);
    let programmes = programmes_of(db, me).await?;
    let mut sections = export(db, me, &Scope::of(&programmes)).await?;
    sections.retain(|s| !WRITTEN_BY_THE_OFFICE.contains(&s.name.as_str()));
    let mentored: Vec<(PairId,)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id FROM pairs WHERE mentor_id = $1",
    )
    .bind(user)
    .fetch_all(pool)
    .await)?;
    let mentored: Vec<String> = mentored.into_iter().map(|(p,)| p.to_string()).collect();
    for section in sections.iter_mut().filter(|s| s.name == "meeting_logs") {
        section
            .records
            .retain(|r| r.get("pair_id").is_some_and(|p| mentored.contains(p)));
    }
    Ok(sections)
}

/// A report's answers with every free text taken out: the choices stay (the
/// programme report counts them).
pub fn answers_without_texts(answers: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(answers) {
        Ok(serde_json::Value::Object(mut map)) => {
            for answer in map.values_mut() {
                if let Some(answer) = answer.as_object_mut() {
                    answer.remove("text");
                }
            }
            serde_json::Value::Object(map).to_string()
        }
        // Not what the app writes: nothing of it is kept.
        _ => "{}".to_string(),
    }
}

/// Anonymises what was written in and about a pair: logs, goals, reports'
/// texts, reasons; with `concerns`, the safeguarding concerns too. Dates,
/// durations, choices and counts stay.
async fn anonymise_pair(tx: &mut Tx, pair: PairId, concerns: bool) -> StoreResult<()> {
    let at = now();
    let mut statements = vec![
        "UPDATE meeting_logs SET description = '—', went_well_next_steps = '', \
         challenge_text = CASE WHEN challenge_text IS NULL THEN NULL ELSE '—' END, \
         withdrawn_reason = CASE WHEN withdrawn_reason IS NULL THEN NULL ELSE '—' END WHERE pair_id = $1",
        "UPDATE meeting_log_revisions SET description = '—', went_well_next_steps = '', \
         challenge_text = CASE WHEN challenge_text IS NULL THEN NULL ELSE '—' END, \
         withdrawn_reason = CASE WHEN withdrawn_reason IS NULL THEN NULL ELSE '—' END \
         WHERE log_id IN (SELECT id FROM meeting_logs WHERE pair_id = $1)",
        "UPDATE goals SET what = '—', why = '', first_steps = '', \
         withdrawn_reason = CASE WHEN withdrawn_reason IS NULL THEN NULL ELSE '—' END WHERE pair_id = $1",
        "UPDATE goal_revisions SET what = '—', why = '', first_steps = '', \
         withdrawn_reason = CASE WHEN withdrawn_reason IS NULL THEN NULL ELSE '—' END \
         WHERE goal_id IN (SELECT id FROM goals WHERE pair_id = $1)",
        "UPDATE pair_confirmations SET reason = CASE WHEN reason IS NULL THEN NULL ELSE '—' END WHERE pair_id = $1",
        "UPDATE pair_changes SET reason = '—' WHERE pair_id = $1",
        "UPDATE agenda_items SET topic = '—', outcome = CASE WHEN outcome = '' THEN '' ELSE '—' END \
         WHERE log_id IN (SELECT id FROM meeting_logs WHERE pair_id = $1)",
    ];
    if concerns {
        statements.push("UPDATE concerns SET happened = '—', done = '—' WHERE pair_id = $1");
        statements.push(
            "UPDATE concern_actions SET details = CASE WHEN details = '' THEN '' ELSE '—' END \
             WHERE concern_id IN (SELECT id FROM concerns WHERE pair_id = $1)",
        );
    }
    let reports: Vec<(ReportId, String)> = on_tx!(tx, conn => {
        for sql in &statements {
            sqlx::query(sql).bind(pair).execute(&mut *conn).await?;
        }
        sqlx::query(
            "UPDATE pairs SET end_reason = CASE WHEN end_reason IS NULL THEN NULL ELSE '—' END, \
             end_asked_reason = CASE WHEN end_asked_reason IS NULL THEN NULL ELSE '—' END, \
             drop_reason = CASE WHEN drop_reason IS NULL THEN NULL ELSE '—' END, anonymised_at = $2 WHERE id = $1",
        )
        .bind(pair)
        .bind(at)
        .execute(&mut *conn)
        .await?;
        sqlx::query_as("SELECT id, answers FROM reports WHERE pair_id = $1")
            .bind(pair)
            .fetch_all(&mut *conn)
            .await
    })?;
    for (report, answers) in reports {
        let revisions: Vec<(i32, String)> = on_tx!(tx, conn => {
            sqlx::query("UPDATE reports SET answers = $2 WHERE id = $1")
                .bind(report)
                .bind(answers_without_texts(&answers))
                .execute(&mut *conn)
                .await?;
            // The copies of texts marked publishable go with them.
            sqlx::query("DELETE FROM publishable_quotes WHERE report_id = $1")
                .bind(report)
                .execute(&mut *conn)
                .await?;
            sqlx::query_as("SELECT revision, answers FROM report_revisions WHERE report_id = $1")
                .bind(report)
                .fetch_all(&mut *conn)
                .await
        })?;
        for (revision, answers) in revisions {
            on_tx!(tx, conn => sqlx::query(
                "UPDATE report_revisions SET answers = $3 WHERE report_id = $1 AND revision = $2",
            )
            .bind(report)
            .bind(revision)
            .bind(answers_without_texts(&answers))
            .execute(conn)
            .await
            .map(|_| ()))?;
        }
    }
    Ok(())
}

/// Anonymises a candidate's registration, references and screening notes.
async fn anonymise_candidate(tx: &mut Tx, candidate: CandidateId) -> StoreResult<()> {
    let statements = [
        "UPDATE candidate_moves SET reason = CASE WHEN reason IS NULL THEN NULL ELSE '—' END WHERE candidate_id = $1",
        "UPDATE referees SET name = '—', contact = '—', answer = '' WHERE candidate_id = $1",
        "UPDATE screening_checks SET note = '', reference_number = '', \
         waived_reason = CASE WHEN waived_reason IS NULL THEN NULL ELSE '—' END WHERE candidate_id = $1",
        "UPDATE invitations SET name = NULL WHERE candidate_id = $1",
    ];
    on_tx!(tx, conn => {
        sqlx::query(
            "UPDATE candidates SET name = '—', drop_reason = CASE WHEN drop_reason IS NULL THEN NULL ELSE '—' END, \
             gender = NULL, age = NULL, role_with_child = NULL, child_age = NULL, background = '', \
             employment = NULL, languages = '', area = '', availability = '', school = '', class_name = '', \
             heard_from = '', phone = '', contact_way = NULL, erased_at = $2 WHERE id = $1",
        )
        .bind(candidate)
        .bind(now())
        .execute(&mut *conn)
        .await?;
        for sql in statements {
            sqlx::query(sql).bind(candidate).execute(&mut *conn).await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// Erases a person within the programmes of `scope`: what identifies them,
/// what they wrote and what was written about them there is deleted or
/// anonymised; the rows stay so that every count (pairs, meetings, hours,
/// answers) stays right, and the consents and the audit trail keep that it
/// happened. When they belong to no programme outside the scope, the
/// account goes too: their sessions end, they can no longer log in
/// ([`Erasure::Everywhere`]); otherwise their roles in the scope end and
/// their candidacies there are no longer linked to the account
/// ([`Erasure::FromOrganisation`]). Safeguarding concerns stay until the
/// programme's retention period ends (the duty to protect a child comes
/// before erasure).
#[tracing::instrument(name = "store.privacy.erase", skip_all, err(Display))]
pub async fn erase(tx: &mut Tx, person: PersonRef, scope: &Scope<'_>) -> StoreResult<Erasure> {
    let within = scope.within();
    // A quote of theirs may be on a public page: every one is made anew.
    on_tx!(tx, conn => sqlx::query("DELETE FROM public_snapshots")
        .execute(conn)
        .await
        .map(|_| ()))?;
    let user = match person {
        PersonRef::User(user) => Some(user),
        PersonRef::Candidate(candidate) => {
            let linked: Option<(Option<UserId>,)> = on_tx!(tx, conn => sqlx::query_as(
                "SELECT user_id FROM candidates WHERE id = $1",
            )
            .bind(candidate)
            .fetch_optional(conn)
            .await)?;
            anonymise_candidate(tx, candidate).await?;
            linked.and_then(|(user,)| user)
        }
    };
    let Some(user) = user else {
        return Ok(Erasure::Everywhere);
    };
    let elsewhere: Vec<(ProgrammeId,)> = if scope.everywhere {
        Vec::new()
    } else {
        on_tx!(tx, conn => {
            let sql = format!(
                "SELECT programme_id FROM memberships WHERE user_id = $1 AND programme_id NOT IN ({within}) \
                 UNION SELECT programme_id FROM candidates WHERE user_id = $1 AND programme_id NOT IN ({within})"
            );
            let mut query = sqlx::query_as(&sql).bind(user);
            for programme in scope.programmes {
                query = query.bind(*programme);
            }
            query.fetch_all(conn).await
        })?
    };
    // Erased everywhere: every pair, candidacy and note of theirs, in any
    // programme (one they have left too).
    let erasure = if elsewhere.is_empty() {
        Erasure::Everywhere
    } else {
        Erasure::FromOrganisation
    };
    let (within, programmes) = match erasure {
        Erasure::Everywhere => ("SELECT id FROM programmes".to_string(), &[][..]),
        Erasure::FromOrganisation => (within, scope.programmes),
    };
    let scoped = |sql: &str| {
        sql.replace("{notifications}", &notifications_within("{within}"))
            .replace("{within}", &within)
    };
    let (pairs, candidates): (Vec<(PairId,)>, Vec<(CandidateId,)>) = on_tx!(tx, conn => {
        let pairs_sql = scoped(
            "SELECT id FROM pairs WHERE (mentor_id = $1 OR mentee_id = $1) AND programme_id IN ({within})",
        );
        let candidates_sql =
            scoped("SELECT id FROM candidates WHERE user_id = $1 AND programme_id IN ({within})");
        let mut pairs = sqlx::query_as(&pairs_sql).bind(user);
        let mut candidates = sqlx::query_as(&candidates_sql).bind(user);
        for programme in programmes {
            pairs = pairs.bind(*programme);
            candidates = candidates.bind(*programme);
        }
        let pairs = pairs.fetch_all(&mut *conn).await?;
        let candidates = candidates.fetch_all(&mut *conn).await?;
        Ok::<_, sqlx::Error>((pairs, candidates))
    })?;
    for (pair,) in pairs {
        anonymise_pair(tx, pair, false).await?;
    }
    for (candidate,) in candidates {
        anonymise_candidate(tx, candidate).await?;
    }
    let mut statements = vec![
        "UPDATE check_ins SET notes = '—', follow_up = '' WHERE mentor_id = $1 AND programme_id IN ({within})",
        "UPDATE agenda_items SET topic = '—', outcome = CASE WHEN outcome = '' THEN '' ELSE '—' END \
         WHERE raised_by = $1 AND meeting_id IN (SELECT id FROM group_meetings WHERE programme_id IN ({within}))",
        "UPDATE invitations SET name = NULL WHERE used_by = $1 AND programme_id IN ({within})",
    ];
    if erasure == Erasure::FromOrganisation {
        statements.extend([
            "DELETE FROM notifications AS n WHERE n.user_id = $1 AND {notifications}",
            "UPDATE candidates SET user_id = NULL WHERE user_id = $1 AND programme_id IN ({within})",
            "DELETE FROM memberships WHERE user_id = $1 AND programme_id IN ({within})",
        ]);
    }
    on_tx!(tx, conn => {
        for sql in &statements {
            let sql = scoped(sql);
            let mut query = sqlx::query(&sql).bind(user);
            for programme in programmes {
                query = query.bind(*programme);
            }
            query.execute(&mut *conn).await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    if erasure == Erasure::FromOrganisation {
        return Ok(erasure);
    }
    let statements = [
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM account_links WHERE user_id = $1",
        "DELETE FROM notifications WHERE user_id = $1",
        "DELETE FROM digests WHERE user_id = $1",
        "DELETE FROM emails WHERE user_id = $1",
        "DELETE FROM login_attempts WHERE email = (SELECT email FROM users WHERE id = $1)",
        "DELETE FROM login_known_addresses WHERE email = (SELECT email FROM users WHERE id = $1)",
    ];
    on_tx!(tx, conn => {
        for sql in statements {
            sqlx::query(sql).bind(user).execute(&mut *conn).await?;
        }
        sqlx::query(
            "UPDATE users SET display_name = '—', email = $2, password_hash = NULL, storage_key = NULL, erased_at = $3 WHERE id = $1",
        )
        .bind(user)
        .bind(format!("erased-{user}@erased.invalid"))
        .bind(now())
        .execute(&mut *conn)
        .await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(erasure)
}

/// The retention of each of `programmes`, by name.
#[tracing::instrument(name = "store.privacy.retention", skip_all, err(Display))]
pub async fn retention(
    db: &super::Db,
    programmes: &[ProgrammeId],
) -> StoreResult<Vec<(ProgrammeId, String, u32)>> {
    if programmes.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, name, retention_months FROM programmes WHERE id IN ({}) ORDER BY name",
        placeholders(1, programmes.len())
    );
    let rows: Vec<(ProgrammeId, String, i32)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql);
        for programme in programmes {
            query = query.bind(*programme);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, name, months)| (id, name, months.max(0) as u32))
        .collect())
}

#[tracing::instrument(name = "store.privacy.set_retention", skip_all, err(Display))]
pub async fn set_retention(tx: &mut Tx, programme: ProgrammeId, months: u32) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query("UPDATE programmes SET retention_months = $2 WHERE id = $1")
        .bind(programme)
        .bind(months as i32)
        .execute(conn)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// What the retention job did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anonymised {
    pub pairs: usize,
    /// Mentees erased because every pair of theirs is anonymised now.
    pub mentees: usize,
    /// Candidates never matched, quiet for the retention period:
    /// anonymised with their referees and screening notes.
    pub candidates: usize,
    /// Audit records whose client address was blanked.
    pub addresses: u64,
    /// The programmes it touched.
    pub programmes: Vec<ProgrammeId>,
}

/// The day a pair ended `months` ago or more is anonymised (its day of
/// the month, or the month's last day).
pub fn retention_ends(ended_on: NaiveDate, months: u32) -> NaiveDate {
    ended_on
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Anonymises every ended pair whose programme's retention period has
/// passed on `today`, with its safeguarding concerns, and erases each of
/// their mentees who has no other pair still kept. Mentors keep their
/// accounts (they mentor again; erasure is on request). Each pair in its
/// own transaction: a failure leaves the others done and itself untouched.
#[tracing::instrument(name = "store.privacy.anonymise_expired", skip_all, err(Display))]
pub async fn anonymise_expired(db: &super::Db, today: NaiveDate) -> StoreResult<Anonymised> {
    let rows: Vec<(PairId, ProgrammeId, NaiveDate, i32, UserId)> = on_db!(db, pool => sqlx::query_as(
        "SELECT pr.id, pr.programme_id, pr.ended_on, p.retention_months, pr.mentee_id FROM pairs pr \
         JOIN programmes p ON p.id = pr.programme_id \
         WHERE pr.ended_on IS NOT NULL AND pr.anonymised_at IS NULL",
    )
    .fetch_all(pool)
    .await)?;
    let mut done = Anonymised::default();
    for (pair, programme, ended_on, months, mentee) in rows {
        if retention_ends(ended_on, months.max(1) as u32) > today {
            continue;
        }
        let mut tx = db.begin().await?;
        anonymise_pair(&mut tx, pair, true).await?;
        let (kept, others): ((i64,), (i64,)) = on_tx!(&mut tx, conn => {
            let kept = sqlx::query_as(
                "SELECT COUNT(*) FROM pairs WHERE mentee_id = $1 AND anonymised_at IS NULL",
            )
            .bind(mentee)
            .fetch_one(&mut *conn)
            .await?;
            let others = sqlx::query_as(
                "SELECT COUNT(*) FROM memberships WHERE user_id = $1 AND role <> 'mentee'",
            )
            .bind(mentee)
            .fetch_one(&mut *conn)
            .await?;
            Ok::<_, sqlx::Error>((kept, others))
        })?;
        let erase_mentee = kept.0 == 0 && others.0 == 0;
        if erase_mentee {
            erase(&mut tx, PersonRef::User(mentee), &Scope::everywhere()).await?;
        }
        tx.commit().await?;
        done.pairs += 1;
        done.mentees += usize::from(erase_mentee);
        if !done.programmes.contains(&programme) {
            done.programmes.push(programme);
        }
    }
    // Candidates who never became part of a pair of their programme, with
    // no move since the retention period: nothing keeps them.
    let candidates: Vec<(CandidateId, ProgrammeId, DateTime<Utc>, i32)> = on_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.programme_id, \
         COALESCE((SELECT MAX(m.moved_at) FROM candidate_moves m WHERE m.candidate_id = c.id), c.created_at), \
         p.retention_months FROM candidates c JOIN programmes p ON p.id = c.programme_id \
         WHERE c.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM pairs pr \
           WHERE pr.programme_id = c.programme_id AND c.user_id IS NOT NULL \
           AND (pr.mentor_id = c.user_id OR pr.mentee_id = c.user_id))",
    )
    .fetch_all(pool)
    .await)?;
    for (candidate, programme, last_moved, months) in candidates {
        if retention_ends(last_moved.date_naive(), months.max(1) as u32) > today {
            continue;
        }
        let mut tx = db.begin().await?;
        anonymise_candidate(&mut tx, candidate).await?;
        tx.commit().await?;
        done.candidates += 1;
        if !done.programmes.contains(&programme) {
            done.programmes.push(programme);
        }
    }
    // The audit trail keeps what was done, not for ever from where.
    let before = today
        .checked_sub_months(chrono::Months::new(
            crate::model::limits::AUDIT_ADDRESS_MONTHS,
        ))
        .unwrap_or(NaiveDate::MIN)
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or_default();
    done.addresses = on_db!(db, pool => sqlx::query(
        "UPDATE audit_events SET ip = '' WHERE at < $1 AND ip <> ''",
    )
    .bind(before)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done)
}

/// The retention job, as the server runs it every hour and the
/// `anonymise-expired` command once: [`anonymise_expired`], and a record in
/// the audit trail for each programme it touched (by nobody, from the
/// server itself).
#[tracing::instrument(name = "store.privacy.apply_retention", skip_all, err(Display))]
pub async fn apply_retention(db: &super::Db, today: NaiveDate) -> StoreResult<Anonymised> {
    let done = anonymise_expired(db, today).await?;
    for programme in &done.programmes {
        super::audit::record(
            db,
            None,
            AuditAction::Anonymised,
            &programme.to_string(),
            "server",
        )
        .await?;
    }
    if done.pairs > 0 || done.candidates > 0 {
        // Anonymised quotes leave the public pages.
        super::programme_report::forget_snapshots(db).await?;
        tracing::info!(
            pairs = done.pairs,
            mentees = done.mentees,
            candidates = done.candidates,
            "retention: ended pairs and quiet candidates anonymised"
        );
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reports_texts_go_and_its_choices_stay() {
        let answers = r#"{"q1":{"choice":"agree"},"q2":{"choice":"could_be_improved","text":"more time"},"q3":{"text":"my son"}}"#;
        let kept: serde_json::Value =
            serde_json::from_str(&answers_without_texts(answers)).unwrap();
        assert_eq!(
            kept,
            serde_json::json!({"q1":{"choice":"agree"},"q2":{"choice":"could_be_improved"},"q3":{}})
        );
        assert_eq!(answers_without_texts("not json"), "{}");
    }

    #[test]
    fn retention_counts_whole_months_from_the_end_of_the_pair() {
        let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap();
        assert_eq!(retention_ends(day("2025-01-31"), 1), day("2025-02-28"));
        assert_eq!(retention_ends(day("2025-06-15"), 24), day("2027-06-15"));
    }

    #[test]
    fn a_search_pattern_takes_wildcards_literally() {
        assert_eq!(contains_pattern(" 50%_Ana "), "%50\\%\\_ana%");
    }

    #[test]
    fn the_export_reads_every_column_as_text() {
        assert_eq!(
            as_text(&["id", "p.name AS programme", "m.role"]),
            "CAST(id AS TEXT) AS id, CAST(p.name AS TEXT) AS programme, CAST(m.role AS TEXT) AS role"
        );
    }
}
