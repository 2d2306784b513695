//! Invitations: made by a coordinator (managers) or a manager (mentors and
//! mentees), opened by the invited person without an account, accepted once.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Makes an invitation for `role` in a programme, possibly for a candidate.
#[server(endpoint = "invitations/create", input = Json)]
pub async fn create_invitation(
    programme: ProgrammeId,
    role: Role,
    candidate: Option<CandidateId>,
    name: Option<String>,
) -> Result<NewInvitation, AppError> {
    use super::context::*;
    respond("invitations/create", async move {
        let (state, user) = (state()?, current_user()?);
        let (view, _) = programme_access(&state, &user, programme).await?;
        let allowed = (user.manages(programme) && may_invite(Role::Manager, role))
            || (may_invite(Role::Coordinator, role)
                && coordinates(&state, &user, view.organisation_id).await?);
        if !allowed {
            return Err(AppError::Forbidden);
        }
        if let Some(candidate) = candidate {
            let kind = match role {
                Role::Mentor => CandidateKind::Mentor,
                Role::Mentee => CandidateKind::Mentee,
                _ => return Err(AppError::Forbidden),
            };
            match crate::store::recruitment::find(&state.db, candidate).await? {
                Some((p, c)) if p == programme && c.kind == kind => {}
                _ => return Err(AppError::Forbidden),
            }
        }
        let mut errors = FieldErrors::default();
        let name = name
            .map(|n| crate::model::short_text(&mut errors, Field::Name, &n, false))
            .filter(|n| !n.is_empty());
        if !errors.is_empty() {
            return Err(invalid(errors));
        }
        let token = super::auth::session::new_token();
        let hash = super::auth::session::hash_token(&token);
        let id = InvitationId::new();
        let expires_at = crate::store::now() + chrono::Duration::days(INVITATION_DAYS);
        crate::store::invitations::create(
            &state.db,
            &crate::store::invitations::NewInvitationRow {
                id,
                token_hash: &hash,
                programme,
                role,
                candidate,
                name: name.as_deref(),
                invited_by: user.id(),
                expires_at,
            },
        )
        .await?;
        let path = format!("/invite/{token}");
        let link = format!("{}{path}", site_origin(&state.settings));
        tracing::info!(invitation = %id, role = %role, "invitation made");
        Ok(NewInvitation {
            id,
            path,
            qr_svg: qr_svg(&link),
            expires_at,
        })
    })
    .await
}

/// The link as a QR code (SVG), for inviting face to face.
#[cfg(feature = "ssr")]
pub(crate) fn qr_svg(link: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(link.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        Err(error) => {
            tracing::warn!(%error, "no QR code for an invitation");
            String::new()
        }
    }
}

/// The roles of a programme's invitations the person may make, list and
/// withdraw.
#[cfg(feature = "ssr")]
async fn roles_invited_by(
    state: &super::context::AppState,
    user: &super::context::CurrentUser,
    programme: ProgrammeId,
) -> Result<Vec<Role>, AppError> {
    use super::context::{coordinates, programme_access};
    let (view, _) = programme_access(state, user, programme).await?;
    let mut roles = Vec::new();
    if coordinates(state, user, view.organisation_id).await? {
        roles.push(Role::Manager);
    }
    if user.manages(programme) {
        roles.extend([Role::Mentor, Role::Mentee]);
    }
    Ok(roles)
}

/// A programme's invitations the person may have made.
#[server(endpoint = "invitations/list")]
pub async fn invitations(programme: ProgrammeId) -> Result<Vec<InvitationView>, AppError> {
    use super::context::*;
    respond("invitations/list", async move {
        let (state, user) = (state()?, current_user()?);
        let roles = roles_invited_by(&state, &user, programme).await?;
        Ok(crate::store::invitations::of_programme(&state.db, programme, &roles).await?)
    })
    .await
}

/// Withdraws an invitation not used yet (its link stops working), by a
/// person who may make it. In the audit trail.
#[server(endpoint = "invitations/withdraw", input = Json)]
pub async fn withdraw_invitation(id: InvitationId) -> Result<(), AppError> {
    use super::context::*;
    respond("invitations/withdraw", async move {
        let (state, user) = (state()?, current_user()?);
        let (programme, role) = crate::store::invitations::find(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !roles_invited_by(&state, &user, programme)
            .await?
            .contains(&role)
        {
            return Err(AppError::Forbidden);
        }
        if !crate::store::invitations::withdraw(&state.db, id).await? {
            return Err(AppError::NotFound);
        }
        audit(
            &state,
            &user,
            AuditAction::InvitationWithdrawn,
            [id.to_string()],
        )
        .await?;
        Ok(())
    })
    .await
}

/// What an invitation link opens on, without an account. An unknown, used
/// or expired link is not found.
#[server(endpoint = "invitations/open")]
pub async fn invitation(token: String) -> Result<InvitationDetails, AppError> {
    use super::context::*;
    respond("invitations/open", async move {
        let state = state()?;
        let row = open(&state, &token).await?;
        Ok(InvitationDetails {
            programme_name: row.programme_name,
            organisation_name: row.organisation_name,
            role: row.role,
            name: row.name,
        })
    })
    .await
}

#[cfg(feature = "ssr")]
async fn open(
    state: &super::context::AppState,
    token: &str,
) -> Result<crate::store::invitations::InvitationRow, AppError> {
    let hash = super::auth::session::link_token_hash(token).ok_or(AppError::NotFound)?;
    match crate::store::invitations::find_by_token(&state.db, &hash).await? {
        Some(row)
            if row.used_at.is_none()
                && row.withdrawn_at.is_none()
                && row.expires_at > crate::store::now() =>
        {
            Ok(row)
        }
        _ => Err(AppError::NotFound),
    }
}

/// Accepts an invitation: with a new login (name, email, password,
/// language, the privacy notice read), or, when the person is logged in
/// already, for their account. Once: a second acceptance is not found.
/// Logs the person in.
#[server(endpoint = "invitations/accept", input = Json)]
pub async fn accept_invitation(token: String, input: AcceptInput) -> Result<Identity, AppError> {
    use super::context::*;
    use crate::store::{recruitment, users};
    respond("invitations/accept", async move {
        let state = state()?;
        let row = open(&state, &token).await?;
        let logged_in = current_user().ok();
        // Logged in: only the privacy notice is asked.
        let acceptance = match &logged_in {
            Some(_) if input.privacy_notice.trim() == "yes" => None,
            Some(_) => {
                return Err(invalid(FieldErrors::one(
                    Field::PrivacyNotice,
                    Problem::MustAccept,
                )))
            }
            None => Some(input.validate().map_err(invalid)?),
        };
        let hash = match &acceptance {
            Some(a) => Some(
                super::auth::session::hash_new_password(&state, &a.password, Field::Password)
                    .await?,
            ),
            None => None,
        };
        let today = today();
        let kind = match row.role {
            Role::Mentor => Some(CandidateKind::Mentor),
            Role::Mentee => Some(CandidateKind::Mentee),
            _ => None,
        };
        let candidate = match row.candidate_id {
            Some(id) => recruitment::find(&state.db, id).await?.map(|(_, c)| c),
            None => None,
        };
        let mut tx = state.db.begin().await?;
        // An invitation for a candidate with an account is that account's
        // only: accepted by it logged in, or, when it has no login yet,
        // giving it its login (never replacing one).
        let owner = candidate.as_ref().and_then(|c| c.user_id);
        let has_account = || invalid(FieldErrors::one(Field::Email, Problem::HasAccount));
        let user = match (&logged_in, owner) {
            (Some(user), Some(owner)) if user.id() != owner => return Err(has_account()),
            (Some(user), _) => user.id(),
            (None, Some(owner)) => owner,
            (None, None) => {
                let a = acceptance.as_ref().ok_or(AppError::Internal)?;
                users::create_user(&mut tx, &a.email, &a.name, None)
                    .await
                    .map_err(|e| match e {
                        crate::store::StoreError::Duplicate(_) => {
                            invalid(FieldErrors::one(Field::Email, Problem::AlreadyUsed))
                        }
                        other => other.into(),
                    })?
            }
        };
        if let (Some(a), Some(hash)) = (&acceptance, &hash) {
            let set = users::set_login(&mut tx, user, &a.email, &a.name, hash, a.language.code())
                .await
                .map_err(|e| match e {
                    crate::store::StoreError::Duplicate(_) => {
                        invalid(FieldErrors::one(Field::Email, Problem::AlreadyUsed))
                    }
                    other => other.into(),
                })?;
            if !set {
                return Err(has_account());
            }
        }
        users::ensure_membership(&mut tx, user, row.programme_id, row.role).await?;
        if let Some(kind) = kind {
            match &candidate {
                Some(c) if c.user_id.is_none() => {
                    recruitment::link_user(&mut tx, c.id, user).await?
                }
                Some(_) => {}
                None => {
                    // Joining from a link is an expression of interest, with
                    // consent given in the app (the privacy notice).
                    let existing =
                        recruitment::of_user(&state.db, row.programme_id, kind, user).await?;
                    if existing.is_none() {
                        let name = acceptance
                            .as_ref()
                            .map(|a| a.name.clone())
                            .or_else(|| logged_in.as_ref().map(|u| u.identity.display_name.clone()))
                            .unwrap_or_default();
                        let registration = Registration {
                            kind,
                            name,
                            consent: Some(Consent {
                                given_on: today,
                                how: ConsentHow::InApp,
                            }),
                            profile: Profile::default(),
                        };
                        recruitment::create(
                            &mut tx,
                            row.programme_id,
                            &registration,
                            Stage::Interest,
                            Some(user),
                            user,
                        )
                        .await?;
                    }
                }
            }
        }
        if !crate::store::invitations::use_once(&mut tx, row.id, user).await? {
            return Err(AppError::NotFound);
        }
        tx.commit().await?;
        if let Some(a) = &acceptance {
            append_header(
                http::header::SET_COOKIE,
                &format!(
                    "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                    crate::i18n::LANG_COOKIE,
                    a.language.code()
                ),
            );
        }
        crate::store::audit::record(
            &state.db,
            Some(user),
            AuditAction::RoleGranted,
            &user.to_string(),
            &client_ip(),
        )
        .await?;
        tracing::info!(invitation = %row.id, user = %user, "invitation accepted");
        // A new login into an organisation that requires two-step login:
        // set up before the person is logged in.
        if acceptance.is_some() {
            if let Some(step) = crate::store::two_step::second_step_of(&state.db, user).await? {
                super::auth::session::challenge(&state, user).await?;
                return Err(AppError::SecondStep { step });
            }
        }
        super::auth::session::start(
            &state,
            user,
            request_cookies().as_deref(),
            acceptance.is_some(),
        )
        .await
    })
    .await
}
