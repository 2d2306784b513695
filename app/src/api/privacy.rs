//! The data controller's duties, in the office: the people of one's
//! programmes, their consents (managers and coordinators record them),
//! everything about a person exported, erasure, each programme's retention
//! period (coordinators) and the audit trail's search (coordinators).
//! Every export, erasure and consent record goes into the audit trail.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

/// The programmes the person may see people of: those they coordinate
/// (their organisation's) and those they manage. The first list is the
/// coordinated ones.
#[cfg(feature = "ssr")]
async fn office_programmes(
    state: &super::context::AppState,
    user: &super::context::CurrentUser,
) -> Result<(Vec<ProgrammeId>, Vec<ProgrammeId>), AppError> {
    let coordinated: Vec<ProgrammeId> =
        crate::store::programmes::of_coordinator(&state.db, user.id())
            .await?
            .into_iter()
            .map(|v| v.id)
            .collect();
    let mut all = coordinated.clone();
    for view in crate::store::programmes::of_manager(&state.db, user.id()).await? {
        if !all.contains(&view.id) {
            all.push(view.id);
        }
    }
    Ok((all, coordinated))
}

/// How the reader may act about a person: refused unless the person
/// belongs to a programme the reader manages or coordinates. When the
/// reader coordinates one of them, the programmes the reader coordinates
/// (their organisations'): what an export and an erasure are limited to;
/// otherwise none (the reader may not export or erase).
#[cfg(feature = "ssr")]
async fn person_access(
    state: &super::context::AppState,
    user: &super::context::CurrentUser,
    person: PersonRef,
) -> Result<Vec<ProgrammeId>, AppError> {
    let theirs = crate::store::privacy::programmes_of(&state.db, person).await?;
    let (all, coordinated) = office_programmes(state, user).await?;
    if !theirs.iter().any(|p| all.contains(p)) {
        return Err(AppError::Forbidden);
    }
    if theirs.iter().any(|p| coordinated.contains(p)) {
        Ok(coordinated)
    } else {
        Ok(Vec::new())
    }
}

/// The people of the reader's programmes whose name or email holds
/// `search` (managers and coordinators).
#[server(endpoint = "privacy/people", input = Json)]
pub async fn people(search: String) -> Result<Vec<PersonSummary>, AppError> {
    use super::context::*;
    respond("privacy/people", async move {
        let (state, user) = (state()?, current_user()?);
        if !user.has_role(Role::Manager) && !user.has_role(Role::Coordinator) {
            return Err(AppError::Forbidden);
        }
        let (all, _) = office_programmes(&state, &user).await?;
        // Nobody's name holds a control character (and PostgreSQL refuses
        // a NUL in a query's text): searched for without them.
        let search: String = search.chars().filter(|c| !c.is_control()).collect();
        Ok(crate::store::privacy::people(&state.db, &all, &search).await?)
    })
    .await
}

/// A person's page: who, where, their consents.
#[server(endpoint = "privacy/person", input = Json)]
pub async fn person(person: PersonRef) -> Result<PersonPage, AppError> {
    use super::context::*;
    respond("privacy/person", async move {
        let (state, user) = (state()?, current_user()?);
        let coordinates = !person_access(&state, &user, person).await?.is_empty();
        let Some(summary) = crate::store::privacy::summary(&state.db, person).await? else {
            return Err(AppError::NotFound);
        };
        let consents = crate::store::privacy::consents_of(&state.db, person).await?;
        if person != PersonRef::User(user.id()) {
            audit(&state, &user, AuditAction::ReadPerson, [person.to_string()]).await?;
        }
        let has_login = match person {
            PersonRef::User(id) => crate::store::users::find_user(&state.db, id)
                .await?
                .is_some_and(|u| u.password_hash.is_some()),
            PersonRef::Candidate(_) => false,
        };
        let (office, _) = office_programmes(&state, &user).await?;
        let mut memberships = Vec::new();
        if let PersonRef::User(id) = person {
            for m in crate::store::users::memberships(&state.db, id).await? {
                if !office.contains(&m.programme_id) {
                    continue;
                }
                let Some(view) = crate::store::programmes::find(&state.db, m.programme_id).await?
                else {
                    continue;
                };
                let removable = id != user.id()
                    && super::accounts::may_remove(&state, &user, &view, m.role).await?;
                memberships.push(MembershipView {
                    programme: m.programme_id,
                    programme_name: view.settings.name.clone(),
                    role: m.role,
                    removable,
                });
            }
        }
        Ok(PersonPage {
            summary,
            consents,
            coordinates,
            is_self: person == PersonRef::User(user.id()),
            has_login,
            memberships,
        })
    })
    .await
}

/// Records a consent given or withdrawn, for the person (a manager or
/// coordinator of one of their programmes records it on their behalf).
#[server(endpoint = "privacy/record_consent", input = Json)]
pub async fn record_consent(person: PersonRef, input: ConsentInput) -> Result<(), AppError> {
    use super::context::*;
    respond("privacy/record_consent", async move {
        let (state, user) = (state()?, current_user()?);
        person_access(&state, &user, person).await?;
        let record = input.validate(today()).map_err(invalid)?;
        let Some(summary) = crate::store::privacy::summary(&state.db, person).await? else {
            return Err(AppError::NotFound);
        };
        if summary.erased {
            return Err(AppError::NotFound);
        }
        let mut tx = state.db.begin().await?;
        crate::store::privacy::record_consent(
            &mut tx,
            person,
            record.purpose,
            record.given,
            Some(record.how),
            record.on_date,
            user.id(),
        )
        .await?;
        tx.commit().await?;
        let action = if record.given {
            AuditAction::ConsentRecorded
        } else {
            AuditAction::ConsentWithdrawn
        };
        audit(&state, &user, action, [person.to_string()]).await?;
        Ok(())
    })
    .await
}

/// Everything the programmes hold about a person (a coordinator of one of
/// their programmes). A GET, so that a link downloads it as a file
/// (`download`); the readable page shows the same. Every export is in the
/// audit trail.
#[server(endpoint = "privacy/export", input = GetUrl, output = Json)]
pub async fn export_person(person: String, download: bool) -> Result<PersonExport, AppError> {
    use super::context::*;
    respond("privacy/export", async move {
        let (state, user) = (state()?, current_user()?);
        let Some(person) = PersonRef::parse(&person) else {
            return Err(AppError::NotFound);
        };
        let programmes = person_access(&state, &user, person).await?;
        if programmes.is_empty() {
            return Err(AppError::Forbidden);
        }
        let Some(summary) = crate::store::privacy::summary(&state.db, person).await? else {
            return Err(AppError::NotFound);
        };
        let scope = crate::store::privacy::Scope::of(&programmes);
        let sections = crate::store::privacy::export(&state.db, person, &scope).await?;
        audit(&state, &user, AuditAction::Exported, [person.to_string()]).await?;
        if download {
            append_header(
                http::header::CONTENT_DISPOSITION,
                &format!(
                    "attachment; filename=\"parent-bridge-{}-{}.json\"",
                    person.to_string().replace(':', "-"),
                    today()
                ),
            );
        }
        Ok(PersonExport {
            person,
            name: summary.name,
            exported_at: chrono::Utc::now(),
            sections,
        })
    })
    .await
}

/// Erases a person (a coordinator of one of their programmes; never
/// oneself), within the coordinator's organisation: what identifies them
/// there is deleted or anonymised, every count stays; the audit trail
/// keeps that it happened. Their account goes only when no other
/// organisation holds them.
#[server(endpoint = "privacy/erase", input = Json)]
pub async fn erase_person(person: PersonRef) -> Result<Erasure, AppError> {
    use super::context::*;
    respond("privacy/erase", async move {
        let (state, user) = (state()?, current_user()?);
        if person == PersonRef::User(user.id()) {
            return Err(AppError::Forbidden);
        }
        let programmes = person_access(&state, &user, person).await?;
        if programmes.is_empty() {
            return Err(AppError::Forbidden);
        }
        let Some(summary) = crate::store::privacy::summary(&state.db, person).await? else {
            return Err(AppError::NotFound);
        };
        if summary.erased {
            return Err(AppError::NotFound);
        }
        let scope = crate::store::privacy::Scope::of(&programmes);
        let mut tx = state.db.begin().await?;
        let erasure = crate::store::privacy::erase(&mut tx, person, &scope).await?;
        tx.commit().await?;
        // A public page may quote them.
        audit(&state, &user, AuditAction::Erased, [person.to_string()]).await?;
        tracing::info!(%person, ?erasure, "person erased");
        Ok(erasure)
    })
    .await
}

/// The retention period of each programme the reader manages or
/// coordinates.
#[server(endpoint = "privacy/retention", input = Json)]
pub async fn retention() -> Result<Vec<RetentionView>, AppError> {
    use super::context::*;
    respond("privacy/retention", async move {
        let (state, user) = (state()?, current_user()?);
        if !user.has_role(Role::Manager) && !user.has_role(Role::Coordinator) {
            return Err(AppError::Forbidden);
        }
        let (all, coordinated) = office_programmes(&state, &user).await?;
        Ok(crate::store::privacy::retention(&state.db, &all)
            .await?
            .into_iter()
            .map(|(programme, programme_name, months)| RetentionView {
                coordinates: coordinated.contains(&programme),
                programme,
                programme_name,
                months,
            })
            .collect())
    })
    .await
}

/// Sets how many months after a pair ended its personal data is
/// anonymised (the programme's coordinator).
#[server(endpoint = "privacy/set_retention", input = Json)]
pub async fn set_retention(programme: ProgrammeId, input: RetentionInput) -> Result<(), AppError> {
    use super::context::*;
    respond("privacy/set_retention", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        if !coordinates(&state, &user, view.organisation_id).await? {
            return Err(AppError::Forbidden);
        }
        let months = input.validate().map_err(invalid)?;
        let mut tx = state.db.begin().await?;
        crate::store::privacy::set_retention(&mut tx, programme, months).await?;
        tx.commit().await?;
        audit(
            &state,
            &user,
            AuditAction::RetentionChanged,
            [programme.to_string()],
        )
        .await?;
        Ok(())
    })
    .await
}

/// Searches the audit trail (coordinators): the records of the people of
/// the programmes they coordinate, and failed logins of no known account.
#[server(endpoint = "privacy/audit", input = Json)]
pub async fn audit_search(query: AuditQuery) -> Result<AuditPage, AppError> {
    use super::context::*;
    respond("privacy/audit", async move {
        let (state, user) = require(Role::Coordinator)?;
        let filter = query.validate().map_err(invalid)?;
        let (_, coordinated) = office_programmes(&state, &user).await?;
        let page = crate::store::audit::search(&state.db, &coordinated, &filter).await?;
        audit(
            &state,
            &user,
            AuditAction::SearchedAudit,
            [user.id().to_string()],
        )
        .await?;
        Ok(page)
    })
    .await
}

/// The person's own consents, oldest first (for *My account*).
#[server(endpoint = "privacy/my_consents", input = Json)]
pub async fn my_consents() -> Result<Vec<ConsentView>, AppError> {
    use super::context::*;
    respond("privacy/my_consents", async move {
        let (state, user) = (state()?, current_user()?);
        let me = PersonRef::User(user.id());
        Ok(crate::store::privacy::consents_of(&state.db, me).await?)
    })
    .await
}

/// The person gives or withdraws one of their own consents, in the app
/// (today, "in the app"). In the audit trail.
#[server(endpoint = "privacy/my_consent", input = Json)]
pub async fn set_my_consent(purpose: ConsentPurpose, given: bool) -> Result<(), AppError> {
    use super::context::*;
    respond("privacy/my_consent", async move {
        let (state, user) = (state()?, current_user()?);
        let me = PersonRef::User(user.id());
        let mut tx = state.db.begin().await?;
        crate::store::privacy::record_consent(
            &mut tx,
            me,
            purpose,
            given,
            Some(ConsentHow::InApp),
            today(),
            user.id(),
        )
        .await?;
        tx.commit().await?;
        let action = if given {
            AuditAction::ConsentRecorded
        } else {
            AuditAction::ConsentWithdrawn
        };
        audit(&state, &user, action, [me.to_string()]).await?;
        Ok(())
    })
    .await
}

/// What every programme holds about the person themselves (see
/// `store::privacy::export_own`), as a file (`download`) or to read: their
/// right of access, without asking anyone. In the audit trail.
#[server(endpoint = "privacy/my_data", input = GetUrl, output = Json)]
pub async fn export_mine(download: bool) -> Result<PersonExport, AppError> {
    use super::context::*;
    respond("privacy/my_data", async move {
        let (state, user) = (state()?, current_user()?);
        let me = PersonRef::User(user.id());
        let sections = crate::store::privacy::export_own(&state.db, user.id()).await?;
        audit(&state, &user, AuditAction::Exported, [me.to_string()]).await?;
        if download {
            append_header(
                http::header::CONTENT_DISPOSITION,
                &format!(
                    "attachment; filename=\"parent-bridge-my-data-{}.json\"",
                    today()
                ),
            );
        }
        Ok(PersonExport {
            person: me,
            name: user.identity.display_name.clone(),
            exported_at: chrono::Utc::now(),
            sections,
        })
    })
    .await
}
