//! The `parent-bridge` command: serve, migrate, demo, and the set-up
//! commands an administrator needs before the app has screens for them.

use crate::config::{DbArgs, ServeArgs};
use app::api::auth::session::hash_password;
use app::api::context::AppState;
use app::i18n::Lang;
use app::model::{ProgrammeSettings, Role, TextKey, Typology};
use app::store::demo::{self, DemoOutcome};
use app::store::{pairs, programmes, users, Db, StoreError};
use chrono::{NaiveDate, Utc};
use clap::{Parser, Subcommand};
use std::io::BufRead;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser, Debug)]
#[command(
    name = "parent-bridge",
    version,
    about = "Parent Bridge: parent-to-parent mentoring"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Apply migrations and serve the app.
    Serve(ServeArgs),
    /// Apply the database migrations and exit.
    Migrate(DbArgs),
    /// Load the demo organisation, programme, accounts and logs.
    Demo(DbArgs),
    /// Create a programme (and its organisation if new).
    CreateProgramme {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        name: String,
        /// peer, non_peer or both
        #[arg(long, default_value = "both")]
        typology: String,
    },
    /// Create a person (or give an existing one another role) in a programme.
    /// The password is read from the first line of standard input; a mentee
    /// may have none (`--no-login`).
    CreateUser {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// coordinator, manager, mentor or mentee
        #[arg(long)]
        role: String,
        /// The programme's name.
        #[arg(long)]
        programme: String,
        /// The person cannot log in (no password is read).
        #[arg(long)]
        no_login: bool,
    },
    /// Make the daily digests of a day now (today if left out) and send
    /// every email waiting (what the server does by itself each day).
    SendDigests {
        #[command(flatten)]
        db: DbArgs,
        #[command(flatten)]
        mail: crate::config::MailArgs,
        /// The address people use, for the links in the emails.
        #[arg(long, env = "PB_PUBLIC_URL", default_value = "http://127.0.0.1:3000")]
        public_url: String,
        /// yyyy-mm-dd; today if left out.
        #[arg(long)]
        date: Option<String>,
    },
    /// Copy the SQLite database, whole and consistent, into a new file
    /// while the app runs (PostgreSQL: use `pg_dump`, see the README).
    Backup {
        #[command(flatten)]
        db: DbArgs,
        /// The file to write; it must not exist yet.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Anonymise now the ended pairs whose programme's retention period has
    /// passed (what the server does by itself every hour).
    AnonymiseExpired {
        #[command(flatten)]
        db: DbArgs,
        /// yyyy-mm-dd; today if left out.
        #[arg(long)]
        date: Option<String>,
    },
    /// Turn off the two-step login of someone who lost their authenticator
    /// and their recovery codes (they set it up again at their next login
    /// when their organisation requires it). In the audit trail.
    TwoStepOff {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
    },
    /// Match a mentor with a mentee.
    CreatePair {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        programme: String,
        #[arg(long)]
        mentor: String,
        #[arg(long)]
        mentee: String,
        #[arg(long)]
        manager: String,
        /// yyyy-mm-dd; today if left out.
        #[arg(long)]
        started_on: Option<String>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("{0}")]
    Invalid(String),
    #[error("could not start the server: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Mail(#[from] crate::mail::MailError),
    #[error(transparent)]
    Secret(#[from] app::store::secret::SecretError),
}

fn invalid(message: impl Into<String>) -> CliError {
    CliError::Invalid(message.into())
}

pub async fn run(cli: Cli) -> ExitCode {
    match execute(cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn open(db: &DbArgs) -> Result<Db, CliError> {
    let db = Db::connect(&db.database_url).await?;
    db.migrate().await?;
    Ok(db)
}

async fn one_programme(db: &Db, name: &str) -> Result<app::model::ProgrammeId, CliError> {
    match users::find_programmes(db, name).await?.as_slice() {
        [one] => Ok(*one),
        [] => Err(invalid(format!("no programme is called {name:?}"))),
        _ => Err(invalid(format!("several programmes are called {name:?}"))),
    }
}

async fn person(db: &Db, email: &str) -> Result<app::model::UserId, CliError> {
    users::find_user_by_email(db, email)
        .await?
        .map(|u| u.id)
        .ok_or_else(|| invalid(format!("nobody has the email {email:?}")))
}

fn read_password() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn execute(command: Command) -> Result<(), CliError> {
    match command {
        Command::Serve(args) => crate::serve(args).await,
        Command::SendDigests {
            db,
            mail,
            public_url,
            date,
        } => {
            let Some(config) = mail.config() else {
                return Err(invalid(
                    "PB_SMTP_URL is not set: there is no way to send email",
                ));
            };
            let mailer = crate::mail::Mailer::new(&config)?;
            let day = match date.as_deref() {
                None => app::model::dates::local_today(),
                Some(text) => app::model::dates::parse_iso_date(text)
                    .ok_or_else(|| invalid(format!("--date must be yyyy-mm-dd, not {text:?}")))?,
            };
            let origin = crate::config::origin_of(&public_url).ok_or_else(|| {
                invalid(format!(
                    "PB_PUBLIC_URL must start with http:// or https://, not {public_url:?}"
                ))
            })?;
            let db = open(&db).await?;
            let queued = crate::mail::queue_digests(&db, &origin, day).await?;
            let sent = crate::mail::send_due(&db, &mailer, &Default::default()).await;
            println!("Digests of {day}: {queued} made, {sent} emails sent.");
            Ok(())
        }
        Command::Backup { db, to } => {
            if to.exists() {
                return Err(invalid(format!(
                    "{} exists already: a backup never overwrites a file",
                    to.display()
                )));
            }
            let db = open(&db).await?;
            let bytes = db.backup_into(&to).await.map_err(|e| match e {
                StoreError::UnsupportedUrl(_) => invalid(
                    "the database is PostgreSQL: back it up with pg_dump (see the README's data protection section)",
                ),
                other => other.into(),
            })?;
            println!("Backup written to {} ({bytes} bytes).", to.display());
            Ok(())
        }
        Command::TwoStepOff { db, email } => {
            let db = open(&db).await?;
            let user = app::store::users::find_user_by_email(&db, &email)
                .await?
                .ok_or_else(|| invalid(format!("no account has the email {email:?}")))?;
            let mut tx = db.begin().await?;
            app::store::two_step::remove(&mut tx, user.id).await?;
            tx.commit().await?;
            app::store::audit::record(
                &db,
                None,
                app::model::AuditAction::TwoStepOff,
                &user.id.to_string(),
                "command line",
            )
            .await?;
            println!("Two-step login is off for {email}: the password alone logs in (or, where the organisation requires it, sets it up again).");
            Ok(())
        }
        Command::AnonymiseExpired { db, date } => {
            let day = match date.as_deref() {
                None => app::model::dates::local_today(),
                Some(text) => app::model::dates::parse_iso_date(text)
                    .ok_or_else(|| invalid(format!("--date must be yyyy-mm-dd, not {text:?}")))?,
            };
            let db = open(&db).await?;
            let done = app::store::privacy::apply_retention(&db, day).await?;
            println!(
                "Retention on {day}: {} ended pairs anonymised, {} mentees erased, {} candidates never matched anonymised, {} audit addresses blanked.",
                done.pairs, done.mentees, done.candidates, done.addresses
            );
            Ok(())
        }
        Command::Migrate(args) => {
            let db = open(&args).await?;
            println!("Migrations applied ({}).", db.engine());
            Ok(())
        }
        Command::Demo(args) => {
            if std::env::var("PB_ENV").is_ok_and(|e| e == "production") {
                return Err(invalid("demo data is never loaded when PB_ENV=production"));
            }
            let db = open(&args).await?;
            let hash = hash_password(demo::PASSWORD)
                .await
                .map_err(|e| invalid(e.to_string()))?;
            let today = chrono::Local::now().date_naive();
            match demo::load(&db, &hash, today).await? {
                DemoOutcome::Loaded => println!("Demo data loaded."),
                DemoOutcome::AlreadyThere => println!("Demo data is already there."),
            }
            println!("Demo accounts (password: {}):", demo::PASSWORD);
            for (email, role) in demo::ACCOUNTS {
                println!("  {email:<26} {role}");
            }
            Ok(())
        }
        Command::CreateProgramme {
            db,
            organisation,
            name,
            typology,
        } => {
            let typology = Typology::from_key(&typology).ok_or_else(|| {
                invalid(format!(
                    "typology must be peer, non_peer or both, not {typology:?}"
                ))
            })?;
            if organisation.trim().is_empty() || name.trim().is_empty() {
                return Err(invalid("the organisation and the programme need names"));
            }
            let db = open(&db).await?;
            let mut tx = db.begin().await?;
            let org = match users::find_organisation(&db, &organisation).await? {
                Some(org) => org,
                None => users::create_organisation(&mut tx, &organisation).await?,
            };
            let settings =
                ProgrammeSettings::with_defaults(&name, typology, Utc::now().date_naive());
            let id = programmes::create(&mut tx, org, &settings, None, Lang::En).await?;
            tx.commit().await?;
            println!("Programme {name:?} created ({id}).");
            Ok(())
        }
        Command::CreateUser {
            db,
            email,
            name,
            role,
            programme,
            no_login,
        } => {
            let role = Role::from_key(&role).ok_or_else(|| {
                invalid(format!(
                    "role must be coordinator, manager, mentor or mentee, not {role:?}"
                ))
            })?;
            let email = users::normalise_email(&email);
            if !email.contains('@') || email.len() > 254 {
                return Err(invalid(format!("{email:?} is not an email address")));
            }
            if name.trim().is_empty() {
                return Err(invalid("the person needs a name"));
            }
            if no_login && role != Role::Mentee {
                return Err(invalid("only a mentee may have no login"));
            }
            let db = open(&db).await?;
            let programme = one_programme(&db, &programme).await?;
            let existing = users::find_user_by_email(&db, &email).await?;
            let hash = match (&existing, no_login) {
                (None, false) => {
                    let password = read_password()?;
                    Some(
                        hash_password(&password)
                            .await
                            .map_err(|e| invalid(e.to_string()))?,
                    )
                }
                _ => None,
            };
            let mut tx = db.begin().await?;
            let id = match existing {
                Some(user) => user.id,
                None => users::create_user(&mut tx, &email, &name, hash.as_deref()).await?,
            };
            users::add_membership(&mut tx, id, programme, role).await?;
            tx.commit().await?;
            println!("{email} is now {} in the programme ({id}).", role.key());
            Ok(())
        }
        Command::CreatePair {
            db,
            programme,
            mentor,
            mentee,
            manager,
            started_on,
        } => {
            let started_on = match started_on {
                Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .map_err(|_| invalid(format!("{text:?} is not a date (yyyy-mm-dd)")))?,
                None => chrono::Local::now().date_naive(),
            };
            let db = open(&db).await?;
            let programme = one_programme(&db, &programme).await?;
            let new = pairs::NewPair {
                programme,
                mentor: person(&db, &mentor).await?,
                mentee: person(&db, &mentee).await?,
                manager: person(&db, &manager).await?,
                started_on,
                // A pair made by an administrator is confirmed at once.
                confirmed_on: Some(started_on),
                planned_end_on: started_on + chrono::Months::new(6),
                mentor_candidate: None,
                mentee_candidate: None,
            };
            for (who, id, role) in [
                (&mentor, new.mentor, Role::Mentor),
                (&mentee, new.mentee, Role::Mentee),
                (&manager, new.manager, Role::Manager),
            ] {
                let holds = users::memberships(&db, id)
                    .await?
                    .iter()
                    .any(|m| m.programme_id == programme && m.role == role);
                if !holds {
                    return Err(invalid(format!(
                        "{who} is not {} in this programme",
                        role.key()
                    )));
                }
            }
            let mut tx = db.begin().await?;
            let id = pairs::create(&mut tx, &new).await?;
            tx.commit().await?;
            println!("Pair created ({id}).");
            Ok(())
        }
    }
}

/// The shared state of a running server.
pub fn state(db: Db, config: &crate::config::HttpConfig, addr: std::net::SocketAddr) -> AppState {
    let leptos_options = leptos::config::LeptosOptions::builder()
        .output_name("parent-bridge")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(crate::build::is_hashed())
        .build();
    AppState {
        db,
        settings: Arc::new(config.settings.clone()),
        leptos_options,
        // Filled in by `http::router` from the build it serves.
        assets: Arc::default(),
        hashing: Arc::new(tokio::sync::Semaphore::new(AppState::hashing_places())),
        stranger_hashing: Arc::new(tokio::sync::Semaphore::new(
            AppState::stranger_hashing_places(),
        )),
        mail_wakeup: Arc::new(tokio::sync::Notify::new()),
        notice_counts: Arc::default(),
        login_buckets: Arc::new(std::sync::Mutex::new(
            app::model::auth::AttemptBuckets::new(
                // Twice the database's limit per address: the database's rule
                // answers first; the bucket only cuts a flood short.
                2 * config.settings.login_limits.per_address,
                config.settings.login_limits.window_seconds * 1000,
            ),
        )),
        setup_code: Default::default(),
        metrics: Arc::default(),
        replica: None,
    }
}

/// On a server no organisation uses yet, opens the first run's setup in
/// the browser: makes its code and returns it (to be printed where only
/// who runs the server reads it).
pub async fn open_setup(state: &AppState) -> Result<Option<String>, CliError> {
    let mut tx = state.db.begin().await?;
    let set_up = app::store::users::has_organisation(&mut tx).await?;
    tx.commit().await?;
    if set_up {
        return Ok(None);
    }
    let code = app::model::auth::SetupCode::make();
    state.setup_code.set(Some(code.clone()));
    Ok(Some(code))
}
