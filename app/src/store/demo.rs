//! Demo data: one organisation, one programme, five accounts and a few logs.
//! Loaded only on request (`parent-bridge demo`), never on its own.

use super::users::{
    add_membership, create_organisation, create_programme, create_user, find_organisation,
};
use super::{meetings, pairs, StoreResult};
use crate::model::*;
use chrono::{Days, NaiveDate};

pub const ORGANISATION: &str = "Riverside School Network (demo)";
pub const PROGRAMME: &str = "Parent'R'Us pilot (demo)";
/// The password of every demo account.
pub const PASSWORD: &str = "parent-bridge-demo";

/// The accounts that can log in, with their roles, for printing.
pub const ACCOUNTS: &[(&str, &str)] = &[
    ("coordinator@example.org", "coordinator"),
    ("manager@example.org", "mentor manager"),
    ("mentor@example.org", "mentor (two mentees)"),
    ("mentor2@example.org", "mentor (one mentee)"),
    ("mentee@example.org", "mentee"),
];

pub enum DemoOutcome {
    Loaded,
    AlreadyThere,
}

/// Loads the demo data in one transaction, dated relative to `today` so that
/// the pairs started ten weeks ago and the logs fall in the weeks since.
/// `password_hash` is the hash of [`PASSWORD`].
#[tracing::instrument(name = "store.demo.load", skip_all, err(Display))]
pub async fn load(
    db: &super::Db,
    password_hash: &str,
    today: NaiveDate,
) -> StoreResult<DemoOutcome> {
    if find_organisation(db, ORGANISATION).await?.is_some() {
        return Ok(DemoOutcome::AlreadyThere);
    }
    let mut tx = db.begin().await?;
    let org = create_organisation(&mut tx, ORGANISATION).await?;
    let programme = create_programme(&mut tx, org, PROGRAMME, Typology::Both).await?;

    let mut person =
        async |email: &str, name: &str, can_log_in: bool, role: Role| -> StoreResult<UserId> {
            let hash = can_log_in.then_some(password_hash);
            let id = create_user(&mut tx, email, name, hash).await?;
            add_membership(&mut tx, id, programme, role).await?;
            Ok(id)
        };
    let _coordinator = person(
        "coordinator@example.org",
        "Carmen Dumitrescu",
        true,
        Role::Coordinator,
    )
    .await?;
    let manager = person("manager@example.org", "Mihai Popa", true, Role::Manager).await?;
    let mentor = person("mentor@example.org", "Elena Ionescu", true, Role::Mentor).await?;
    let mentor2 = person("mentor2@example.org", "Andrei Stan", true, Role::Mentor).await?;
    let ioana = person("mentee@example.org", "Ioana Marin", true, Role::Mentee).await?;
    // Mentees often have no device of their own: these two cannot log in.
    let gabriela = person(
        "gabriela.radu@example.org",
        "Gabriela Radu",
        false,
        Role::Mentee,
    )
    .await?;
    let florin = person(
        "florin.matei@example.org",
        "Florin Matei",
        false,
        Role::Mentee,
    )
    .await?;

    let started_on = today - Days::new(70);
    let mut pair = async |mentor: UserId, mentee: UserId| -> StoreResult<PairId> {
        pairs::create(
            &mut tx,
            &pairs::NewPair {
                programme,
                mentor,
                mentee,
                manager,
                started_on,
                confirmed_on: Some(started_on + Days::new(14)),
                planned_end_on: started_on + chrono::Months::new(6),
                mentor_candidate: None,
                mentee_candidate: None,
            },
        )
        .await
    };
    let elena_ioana = pair(mentor, ioana).await?;
    let elena_gabriela = pair(mentor, gabriela).await?;
    let andrei_florin = pair(mentor2, florin).await?;

    let day = |days_ago: u64| crate::model::dates::format_iso_date(today - Days::new(days_ago));
    let logs = [
        (elena_ioana, day(62), "face_to_face", "1", "30",
         "First meeting at the café next to the school. We got to know each other and talked about Ioana's two children and how school mornings go.",
         "It went well; Ioana was open. Next: she will look at the school's parent portal with me.", "no", ""),
        (elena_ioana, day(48), "telephone", "0", "40",
         "Phone call. We went through the parent portal together and found the homework calendar.",
         "Next: go to the parents' evening together.", "no", ""),
        (elena_ioana, day(20), "face_to_face", "2", "0",
         "We went to the parents' evening together and met the class teacher.",
         "Ioana spoke to the teacher herself. Next: agree a weekly homework routine.", "no", ""),
        (elena_gabriela, day(33), "video_call", "0", "50",
         "Video call from the community centre. Talked about her son's absences and the school's letters she did not understand.",
         "Partly. Next: read the letters together and call the school secretary.",
         "yes", "Gabriela is afraid that telling the school about the family's situation will be used against her."),
        (andrei_florin, day(27), "face_to_face", "1", "0",
         "Met at the library. Talked about after-school clubs for his daughter.",
         "Yes. Next: visit the chess club on Thursday.", "no", ""),
    ];
    let mut checked = Vec::new();
    for (pair_id, date, form, hours, minutes, description, went_well, challenge, challenge_text) in
        logs
    {
        let input = MeetingLogInput {
            pair_id: pair_id.to_string(),
            date,
            form: form.into(),
            hours: hours.into(),
            minutes: minutes.into(),
            description: description.into(),
            went_well_next_steps: went_well.into(),
            challenge: challenge.into(),
            challenge_text: challenge_text.into(),
        };
        let ctx = ValidationContext {
            latest_date: today,
            pair: Some(PairDates {
                started_on,
                ended_on: None,
            }),
        };
        let log = input
            .validate(&ctx)
            .expect("the demo logs follow the rules");
        let author = if pair_id == andrei_florin {
            mentor2
        } else {
            mentor
        };
        checked.push((MeetingLogId::new(), author, log.content_hash(), log));
    }
    let items: Vec<meetings::NewMeetingLog> = checked
        .iter()
        .map(|(id, author, hash, log)| meetings::NewMeetingLog {
            id: *id,
            author: *author,
            log,
            content_hash: hash,
        })
        .collect();
    meetings::insert(&mut tx, &items).await?;
    tx.commit().await?;
    Ok(DemoOutcome::Loaded)
}
