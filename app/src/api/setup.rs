//! The first run in the browser: on a server no organisation uses yet,
//! the first visitor who has the setup code (printed by the server when it
//! started, so nobody else on the network can take the server first)
//! creates the organisation, its first programme and its first
//! coordinator, and is logged in. The command line (`create-programme`,
//! `create-user`) does the same.

use super::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Whether the server waits for its first run's setup.
#[server(endpoint = "setup/needed")]
pub async fn setup_needed() -> Result<bool, AppError> {
    use super::context::*;
    respond("setup/needed", async move {
        let state = state()?;
        Ok(state.setup_code.is_open())
    })
    .await
}

/// Sets the server up: the organisation, its first programme, and the
/// person as its coordinator, logged in. Once: afterwards (or on a server
/// set up from the command line) not found.
#[server(endpoint = "setup/create", input = Json)]
pub async fn set_up(input: SetupInput) -> Result<Identity, AppError> {
    use super::context::*;
    use crate::store::{programmes, users};
    respond("setup/create", async move {
        let state = state()?;
        if !state.setup_code.is_open() {
            return Err(AppError::NotFound);
        }
        super::auth::session::take_address_bucket(
            &state,
            &super::auth::session::address_of(&client_ip()),
        )?;
        let setup = input.validate().map_err(invalid)?;
        if !state.setup_code.matches(&setup.code) {
            tracing::warn!(address = %client_ip(), "a wrong setup code");
            return Err(invalid(FieldErrors::one(
                Field::SetupCode,
                Problem::WrongSetupCode,
            )));
        }
        let hash =
            super::auth::session::hash_new_password(&state, &setup.password, Field::Password)
                .await?;
        let mut tx = state.db.begin().await?;
        if users::has_organisation(&mut tx).await? {
            state.setup_code.set(None);
            return Err(AppError::NotFound);
        }
        let organisation = users::create_organisation(&mut tx, &setup.organisation).await?;
        let settings = ProgrammeSettings::with_defaults(&setup.programme, Typology::Both, today());
        let programme =
            programmes::create(&mut tx, organisation, &settings, None, setup.language).await?;
        let user = users::create_user(&mut tx, &setup.email, &setup.name, None).await?;
        users::set_login(
            &mut tx,
            user,
            &setup.email,
            &setup.name,
            &hash,
            setup.language.code(),
        )
        .await?;
        users::add_membership(&mut tx, user, programme, Role::Coordinator).await?;
        tx.commit().await?;
        state.setup_code.set(None);
        crate::store::audit::record(
            &state.db,
            Some(user),
            AuditAction::SetUp,
            &organisation.to_string(),
            &client_ip(),
        )
        .await?;
        tracing::info!(%organisation, %user, "set up in the browser");
        super::auth::session::start(&state, user, request_cookies().as_deref(), true).await
    })
    .await
}
