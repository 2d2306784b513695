//! Demo data: one organisation and one programme at every stage of the
//! process map: candidates in each recruitment stage, a held training with
//! self-assessments before and after, the speed-meeting's choices, a pair
//! getting to know each other, three active pairs with their logs, part of
//! the school engagement plan, and the manager's supervision (a check-in, a
//! group meeting that discussed a challenge, a concern acknowledged and
//! acted on). Loaded only on request
//! (`parent-bridge demo`), never on its own.

use super::users::{add_membership, create_organisation, create_user, find_organisation};
use super::{
    concerns, engagement, goals, matching, meetings, notifications, pairs, programmes, recruitment,
    reports, supervision, training, users, New, StoreResult, Tx,
};
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

/// Loads the demo data in one transaction, dated relative to `today`: the
/// programme started four months ago, the mentors were trained twelve weeks
/// ago, the first pairs started ten weeks ago and their logs fall in the
/// weeks since. `password_hash` is the hash of [`PASSWORD`].
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
    let coordinator = create_user(
        &mut tx,
        "coordinator@example.org",
        "Carmen Dumitrescu",
        Some(password_hash),
    )
    .await?;
    let settings = ProgrammeSettings {
        name: PROGRAMME.into(),
        typology: Typology::Both,
        format: ProgrammeFormat::Blended,
        duration_months: 6,
        meetings: MeetingFrequency::Weekly,
        max_mentees: 2,
        child_age_limit: 12,
        starts_on: today - Days::new(120),
        country: "Romania".into(),
        language: "Romanian".into(),
        quiet_days: DEFAULT_QUIET_DAYS,
    };
    let programme = programmes::create(
        &mut tx,
        org,
        &settings,
        Some(coordinator),
        crate::i18n::Lang::En,
    )
    .await?;

    let mut person =
        async |email: &str, name: &str, can_log_in: bool, role: Role| -> StoreResult<UserId> {
            let hash = can_log_in.then_some(password_hash);
            let id = create_user(&mut tx, email, name, hash).await?;
            add_membership(&mut tx, id, programme, role).await?;
            Ok(id)
        };
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

    // Recruitment: everyone who came forward, at the stage they reached.
    let recruited = Recruited {
        programme,
        manager,
        today,
    };
    let c = recruited.candidates();
    let mut ids = Vec::new();
    for candidate in &c {
        let user = match candidate.name {
            "Elena Ionescu" => Some(mentor),
            "Andrei Stan" => Some(mentor2),
            "Ioana Marin" => Some(ioana),
            "Gabriela Radu" => Some(gabriela),
            "Florin Matei" => Some(florin),
            _ => None,
        };
        ids.push(recruited.register(&mut tx, candidate, user).await?);
    }
    let candidate = |name: &str| {
        c.iter()
            .zip(&ids)
            .find(|(candidate, _)| candidate.name == name)
            .map(|(_, ids)| *ids)
            .expect("a demo candidate")
    };
    let id_of = |name: &str| candidate(name).0;
    // An accepted candidate's id and account.
    let accepted = |name: &str| {
        let (id, user) = candidate(name);
        (id, user.expect("an accepted demo candidate has an account"))
    };

    // The mentors' training, held twelve weeks ago, and the next one.
    let held = training::create(
        &mut tx,
        programme,
        &TrainingSession {
            held_on: today - Days::new(84),
            format: TrainingFormat::FaceToFace,
            topic: "The mentor's role: listening, confidentiality, knowing the school".into(),
            schedule: Schedule {
                starts_at: chrono::NaiveTime::from_hms_opt(17, 0, 0),
                minutes: Some(180),
                place: "The school library".into(),
            },
        },
        manager,
    )
    .await?;
    let trained = ["Elena Ionescu", "Andrei Stan", "Sorina Vasile"];
    let attended: Vec<CandidateId> = trained.iter().map(|n| id_of(n)).collect();
    training::set_attendance(&mut tx, held, &attended).await?;
    training::create(
        &mut tx,
        programme,
        &TrainingSession {
            held_on: today + Days::new(10),
            format: TrainingFormat::Online,
            topic: "Supporting the mentee's own goals".into(),
            schedule: Schedule {
                starts_at: chrono::NaiveTime::from_hms_opt(18, 0, 0),
                minutes: Some(120),
                place: "Online (the link comes by email)".into(),
            },
        },
        manager,
    )
    .await?;
    let items = training::items_in(&mut tx, programme).await?;
    let scores: [(&str, [u32; 5], [u32; 5]); 3] = [
        ("Elena Ionescu", [3, 4, 2, 3, 2], [4, 5, 4, 4, 4]),
        ("Andrei Stan", [2, 3, 3, 2, 3], [4, 4, 4, 3, 4]),
        ("Sorina Vasile", [4, 3, 2, 3, 3], [5, 4, 3, 4, 4]),
    ];
    for (name, before, after) in scores {
        for (moment, values) in [(Moment::Before, before), (Moment::After, after)] {
            let list: Vec<(SelfAssessmentItemId, u32)> =
                items.iter().map(|i| i.id).zip(values).collect();
            training::save_self_assessment(&mut tx, id_of(name), moment, &list, manager).await?;
        }
    }

    // The speed-meeting: the two mentees waiting and the mentors with a
    // free place chose each other.
    let (cristina, vasile) = (id_of("Cristina Dobre"), id_of("Vasile Rusu"));
    let (andrei, sorina) = (id_of("Andrei Stan"), id_of("Sorina Vasile"));
    for (chooser, ranked) in [
        (cristina, [andrei, sorina]),
        (vasile, [sorina, andrei]),
        (andrei, [cristina, vasile]),
        (sorina, [cristina, vasile]),
    ] {
        matching::save_preferences(&mut tx, chooser, &ranked, manager).await?;
    }

    // Screening: the checks the coordinator chose, all done for the three
    // accepted mentors; Elena's background check (valid three years)
    // expires in three weeks, so it shows on the manager's home.
    let mut required = Vec::new();
    for (kind, months) in [
        (CheckKind::Interview, ""),
        (CheckKind::BackgroundCheck, "36"),
        (CheckKind::CodeOfConduct, ""),
    ] {
        let requirement = RequirementInput {
            kind: kind.key().into(),
            label: String::new(),
            validity_months: months.into(),
        }
        .validate()
        .expect("the demo's checks follow the rules");
        let id = super::screening::add_requirement(&mut tx, programme, &requirement, coordinator)
            .await?;
        required.push((kind, id));
    }
    for name in trained {
        for (kind, requirement) in &required {
            let passed_on = match (*kind, name) {
                (CheckKind::BackgroundCheck, "Elena Ionescu") => {
                    today - chrono::Months::new(36) + Days::new(21)
                }
                _ => today - Days::new(90),
            };
            let check = CheckInput {
                state: CheckState::Passed.key().into(),
                date: crate::model::dates::format_iso_date(passed_on),
                reference_number: if *kind == CheckKind::BackgroundCheck {
                    "CJ-2023-0412".into()
                } else {
                    String::new()
                },
                ..CheckInput::default()
            }
            .validate(today)
            .expect("the demo's checks follow the rules");
            super::screening::record(&mut tx, id_of(name), *requirement, &check, manager).await?;
        }
    }

    // Part of the school engagement plan.
    let plan = [
        (1, MeasureState::InPlace, "", "Head teacher", None),
        (4, MeasureState::InPlace, "", "Class tutors", None),
        (
            7,
            MeasureState::Planned,
            "",
            "Class tutors",
            Some(today + Days::new(30)),
        ),
        (
            8,
            MeasureState::Planned,
            "",
            "Deputy head",
            Some(today + Days::new(45)),
        ),
        (
            9,
            MeasureState::NotChosen,
            "No free room this year; the library is open to parents on Thursdays instead.",
            "",
            None,
        ),
    ];
    for (measure, state, reason, owner, due_on) in plan {
        engagement::save(
            &mut tx,
            programme,
            &MeasurePlan {
                measure,
                state,
                reason: reason.into(),
                owner: owner.into(),
                due_on,
            },
            coordinator,
        )
        .await?;
    }

    // The pairs: three active for ten weeks, one getting to know each other.
    let started_on = today - Days::new(70);
    let mut pair = async |mentor: (CandidateId, UserId),
                          mentee: (CandidateId, UserId),
                          started_on: NaiveDate,
                          confirmed: bool|
           -> StoreResult<PairId> {
        pairs::create(
            &mut tx,
            &pairs::NewPair {
                programme,
                mentor: mentor.1,
                mentee: mentee.1,
                manager,
                started_on,
                confirmed_on: confirmed.then(|| started_on + Days::new(14)),
                planned_end_on: started_on + chrono::Months::new(6),
                mentor_candidate: Some(mentor.0),
                mentee_candidate: Some(mentee.0),
            },
        )
        .await
    };
    let elena = accepted("Elena Ionescu");
    let elena_ioana = pair(elena, accepted("Ioana Marin"), started_on, true).await?;
    let elena_gabriela = pair(elena, accepted("Gabriela Radu"), started_on, true).await?;
    let andrei_florin = pair(
        accepted("Andrei Stan"),
        accepted("Florin Matei"),
        started_on,
        true,
    )
    .await?;
    pair(
        accepted("Sorina Vasile"),
        accepted("Larisa Nistor"),
        today - Days::new(5),
        false,
    )
    .await?;

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
    // A goal Ioana set with Elena after the first meeting; the parents'
    // evening worked on it.
    let homework_goal = GoalId::new();
    let goal = GoalInput {
        pair_id: elena_ioana.to_string(),
        what: "Follow the children's homework calendar every week".into(),
        why: "To know what the teachers ask and help the children in time.".into(),
        first_steps: "Log in to the school's parent portal together with Elena.".into(),
        target_date: crate::model::dates::format_iso_date(today + Days::new(60)),
        withdrawn_reason: String::new(),
    }
    .validate(&ValidationContext {
        latest_date: today,
        pair: Some(PairDates {
            started_on,
            ended_on: None,
        }),
    })
    .expect("the demo goal follows the rules");
    goals::insert(
        &mut tx,
        &[New {
            id: homework_goal.as_uuid(),
            revision: 1,
            author: mentor,
            record: &goal,
            content_hash: &goal.content_hash(),
        }],
    )
    .await?;

    let mut checked = Vec::new();
    for (pair_id, date, form, hours, minutes, description, went_well, challenge, challenge_text) in
        logs
    {
        let goals = if pair_id == elena_ioana && date == day(20) {
            vec![GoalWorkInput {
                goal_id: homework_goal.to_string(),
                progress: GoalProgress::UnderWay.key().to_string(),
            }]
        } else {
            Vec::new()
        };
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
            goals,
            withdrawn_reason: String::new(),
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
    let items: Vec<New<MeetingLog>> = checked
        .iter()
        .map(|(id, author, hash, log)| New {
            id: id.as_uuid(),
            revision: 1,
            author: *author,
            record: log,
            content_hash: hash,
        })
        .collect();
    meetings::insert(&mut tx, &items).await?;

    // Andrei and Florin answered their mid-term reports early (Florin on
    // Andrei's phone, in mentee mode), so the programme report has answers
    // from both sides.
    let midterm = |respondent: Respondent, changed: bool, voice: (&str, &str), influence: &str| {
        let answers = crate::model::items(ReportKind::Midterm, respondent)
            .into_iter()
            .map(|item| {
                let (choice, text) = match (item.question, item.scale) {
                    (Question::SVoice, _) => voice,
                    (Question::Change, _) if changed => (
                        "yes",
                        "Florin now reads the school's messages with his son.",
                    ),
                    (Question::Change, _) => ("no", "It is early; we have met only a few times."),
                    (Question::MentorInfluence, _) => ("", influence),
                    (Question::Comment, _) => ("", ""),
                    (_, Scale::Agreement) => ("agree", ""),
                    (_, Scale::YesNo) => ("yes", ""),
                    (_, Scale::Text) => ("", ""),
                };
                let answer = AnswerInput {
                    choice: choice.into(),
                    text: text.into(),
                };
                (item.question.key().to_string(), answer)
            })
            .collect();
        ReportInput {
            pair_id: andrei_florin.to_string(),
            kind: ReportKind::Midterm.key().into(),
            respondent: respondent.key().into(),
            date: day(3),
            months: "2".into(),
            weeks: "1".into(),
            answers,
            on_paper: false,
        }
        .validate(&ValidationContext {
            latest_date: today,
            pair: Some(PairDates {
                started_on,
                ended_on: None,
            }),
        })
        .expect("the demo reports follow the rules")
    };
    let answered = [
        (
            mentor2,
            midterm(
                Respondent::Mentor,
                false,
                (
                    "could_be_improved",
                    "Meetings at the school would help the parents speak up.",
                ),
                "I went with Florin to his first meeting with the teacher.",
            ),
        ),
        (
            mentor2,
            midterm(
                Respondent::Mentee,
                true,
                ("agree", ""),
                "Andrei showed me how to ask the teacher for a meeting.",
            ),
        ),
    ];
    let hashes: Vec<String> = answered.iter().map(|(_, r)| r.content_hash()).collect();
    let new_reports: Vec<New<Report>> = answered
        .iter()
        .zip(&hashes)
        .map(|((author, report), hash)| New {
            id: ReportId::new().as_uuid(),
            revision: 1,
            author: *author,
            record: report,
            content_hash: hash,
        })
        .collect();
    reports::insert(&mut tx, &new_reports).await?;

    // Supervision: Elena's check-in call in her first days (Andrei has had
    // none yet); a group meeting two weeks ago that discussed Gabriela's
    // worry; a concern about Gabriela's son, acknowledged and acted on.
    let (gabriela_log, _, _, _) = checked
        .iter()
        .find(|(_, _, _, log)| log.pair_id() == elena_gabriela)
        .expect("the demo has Gabriela's log");
    supervision::add_check_in(
        &mut tx,
        programme,
        &CheckIn {
            mentor,
            held_on: started_on + Days::new(3),
            notes: "Called Elena after her first meetings: both went well. She asked how to explain the school's letters.".into(),
            follow_up: "Bring the glossary of school words to the group meeting.".into(),
        },
        manager,
    )
    .await?;
    let meeting = supervision::create_meeting(
        &mut tx,
        programme,
        &GroupMeetingPlan {
            held_on: today - Days::new(14),
            attendees: vec![mentor, mentor2],
            notes: "Monthly group meeting at the community centre.".into(),
            schedule: Schedule {
                starts_at: chrono::NaiveTime::from_hms_opt(17, 30, 0),
                minutes: Some(90),
                place: "The community centre".into(),
            },
        },
        manager,
    )
    .await?;
    let agenda = supervision::add_to_agenda(
        &mut tx,
        meeting,
        programme,
        &[*gabriela_log],
        Some("Glossary of school words"),
    )
    .await?;
    for item in agenda.into_iter().take(1) {
        supervision::mark_discussed(
            &mut tx,
            item,
            "Reassure Gabriela that what she tells the school counsellor stays confidential; Elena offers to go with her.",
            manager,
        )
        .await?;
        notifications::add_event(
            &mut tx,
            mentor,
            EventKind::ChallengeDiscussed,
            item.as_uuid(),
        )
        .await?;
    }
    let concern = ConcernInput {
        pair_id: elena_gabriela.to_string(),
        about: ConcernAbout::Child.key().into(),
        happened: "Gabriela's son came to our meeting hungry and said there was no food at home for two days.".into(),
        done: "I bought him lunch and told Gabriela about the school's free meals.".into(),
        log_id: String::new(),
    }
    .validate()
    .expect("the demo concern follows the rules");
    let concern_id = ConcernId::new();
    concerns::insert(
        &mut tx,
        &[New {
            id: concern_id.as_uuid(),
            revision: 1,
            author: mentor,
            record: &concern,
            content_hash: &concern.content_hash(),
        }],
    )
    .await?;
    concerns::acknowledge(&mut tx, concern_id, manager).await?;
    notifications::add_event(
        &mut tx,
        mentor,
        EventKind::ConcernAcknowledged,
        concern_id.as_uuid(),
    )
    .await?;
    concerns::add_action(
        &mut tx,
        concern_id,
        &ConcernAction {
            kind: ConcernActionKind::SchoolLead,
            details: "The school's safeguarding lead arranged free meals and a visit from the social worker.".into(),
            taken_on: today - Days::new(8),
        },
        manager,
    )
    .await?;
    tx.commit().await?;
    Ok(DemoOutcome::Loaded)
}

/// kind, name, stage, consent, gender, age, child's age, languages, area,
/// availability, employment, heard from.
type DemoRow = (
    &'static str,
    &'static str,
    Stage,
    bool,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
);

/// One demo candidate: the registration as typed, and the stage reached.
struct DemoCandidate {
    name: &'static str,
    stage: Stage,
    drop_reason: &'static str,
    input: RegistrationInput,
}

/// Registers the demo candidates, moving each one stage by stage.
struct Recruited {
    programme: ProgrammeId,
    manager: UserId,
    today: NaiveDate,
}

impl Recruited {
    fn candidates(&self) -> Vec<DemoCandidate> {
        let consent_on = crate::model::dates::format_iso_date(self.today - Days::new(100));
        #[rustfmt::skip]
        let rows: [DemoRow; 19] = [
            ("mentor", "Elena Ionescu", Stage::Accepted, true, "female", "41", "", "Romanian, Romani", "Mănăștur", &["weekday_afternoons", "weekends"], "employed", "The school newsletter"),
            ("mentor", "Andrei Stan", Stage::Accepted, true, "male", "38", "", "Romanian, Hungarian", "Gheorgheni", &["weekday_evenings", "weekends"], "self_employed", "The parents' association"),
            ("mentor", "Sorina Vasile", Stage::Accepted, true, "female", "45", "", "Romanian", "Zorilor", &["weekday_mornings", "weekday_afternoons"], "home_maker", "Her daughter's class tutor"),
            ("mentor", "Radu Georgescu", Stage::Interview, true, "male", "50", "", "Romanian, English", "Mărăști", &["weekends"], "employed", "A poster at the school gate"),
            ("mentor", "Maria Pop", Stage::SelfAssessment, true, "female", "36", "", "Romanian", "Mănăștur", &["weekday_evenings"], "employed", "Another mentor"),
            ("mentor", "Doina Lungu", Stage::Dropped, true, "female", "47", "", "Romanian", "Gheorgheni", &["weekday_mornings"], "retired", "The school newsletter"),
            ("mentor", "Teodora Ilie", Stage::Disclosure, false, "", "", "", "", "", &[], "", ""),
            ("mentee", "Ioana Marin", Stage::Accepted, true, "female", "34", "8", "Romanian, Romani", "Mănăștur", &["weekday_afternoons", "weekends"], "unemployed", "The class tutor"),
            ("mentee", "Gabriela Radu", Stage::Accepted, true, "female", "29", "10", "Romani, Romanian", "Mănăștur", &["weekends"], "home_maker", "The community centre"),
            ("mentee", "Florin Matei", Stage::Accepted, true, "male", "40", "7", "Romanian", "Gheorgheni", &["weekday_evenings"], "employed", "The school counsellor"),
            ("mentee", "Larisa Nistor", Stage::Accepted, true, "female", "31", "6", "Romanian", "Zorilor", &["weekday_mornings"], "unemployed", "The social worker"),
            ("mentee", "Cristina Dobre", Stage::Accepted, true, "female", "33", "9", "Hungarian, Romanian", "Gheorgheni", &["weekday_evenings", "weekends"], "employed", "The class tutor"),
            ("mentee", "Vasile Rusu", Stage::Accepted, true, "male", "44", "11", "Romanian", "Zorilor", &["weekday_mornings", "weekday_afternoons"], "unemployed", "Another parent"),
            ("mentee", "Lavinia Toma", Stage::PreMatching, true, "female", "27", "5", "Romanian", "Mărăști", &["weekday_afternoons"], "student", "The school's open day"),
            ("mentee", "Alina Ciobanu", Stage::SelfAssessment, true, "female", "38", "12", "Romanian", "Mănăștur", &["weekends"], "employed", "The class tutor"),
            ("mentee", "Simona Avram", Stage::Interest, true, "female", "30", "7", "Romanian, Romani", "Mănăștur", &["weekday_afternoons"], "home_maker", "A neighbour"),
            ("mentee", "Petru Cojocaru", Stage::Referral, true, "male", "42", "9", "Romanian", "Gheorgheni", &["weekday_evenings"], "employed", "The school counsellor"),
            ("mentee", "Bogdan Enache", Stage::Dropped, true, "male", "35", "8", "Romanian", "Zorilor", &["weekends"], "employed", "The class tutor"),
            ("mentee", "Ana Munteanu", Stage::Disclosure, false, "", "", "", "", "", &[], "", ""),
        ];
        rows.into_iter()
            .map(
                |(
                    kind,
                    name,
                    stage,
                    consent,
                    gender,
                    age,
                    child_age,
                    languages,
                    area,
                    slots,
                    employment,
                    heard,
                )| {
                    let mentor = kind == "mentor";
                    let given = |value: &str| {
                        if consent {
                            value.to_string()
                        } else {
                            String::new()
                        }
                    };
                    DemoCandidate {
                        name,
                        stage,
                        drop_reason: match (stage, mentor) {
                            (Stage::Dropped, true) => "Moved to another town.",
                            (Stage::Dropped, false) => "Changed his mind after the first talk.",
                            _ => "",
                        },
                        input: RegistrationInput {
                            kind: kind.into(),
                            name: name.into(),
                            consent: if consent { "yes".into() } else { String::new() },
                            consent_on: given(&consent_on),
                            consent_how: given("paper"),
                            gender: gender.into(),
                            age: age.into(),
                            role_with_child: if consent && !mentor {
                                if gender == "male" { "father" } else { "mother" }.into()
                            } else {
                                String::new()
                            },
                            child_age: child_age.into(),
                            employment: employment.into(),
                            languages: languages.into(),
                            area: area.into(),
                            availability: slots.iter().map(|s| s.to_string()).collect(),
                            school: given("Riverside Primary School"),
                            heard_from: heard.into(),
                            is_parent: if consent && mentor {
                                "yes".into()
                            } else {
                                String::new()
                            },
                            max_mentees: if consent && mentor {
                                "2".into()
                            } else {
                                String::new()
                            },
                            // Made-up numbers.
                            phone: given(&format!("+40 721 000 {:03}", name.len() * 37 % 1000)),
                            // The mentees without a device of their own
                            // are called; the others prefer WhatsApp.
                            contact_way: given(match name {
                                "Gabriela Radu" | "Florin Matei" => "call",
                                _ if mentor => "call",
                                _ => "whatsapp",
                            }),
                            ..RegistrationInput::default()
                        },
                    }
                },
            )
            .collect()
    }

    /// Registers one candidate and moves them, stage by stage, to where they
    /// are; an accepted candidate without an account gets one without a
    /// login (as the app does). The candidate's id and account.
    async fn register(
        &self,
        tx: &mut Tx,
        candidate: &DemoCandidate,
        user: Option<UserId>,
    ) -> StoreResult<(CandidateId, Option<UserId>)> {
        let ctx = RegistrationContext {
            today: self.today,
            max_mentees: 2,
        };
        let registration = candidate
            .input
            .validate(&ctx)
            .expect("the demo candidates follow the rules");
        let id = recruitment::create(
            tx,
            self.programme,
            &registration,
            Stage::Disclosure,
            user,
            self.manager,
        )
        .await?;
        let mut at = Stage::Disclosure;
        let path: Vec<Stage> = match candidate.stage {
            Stage::Dropped => vec![Stage::Referral, Stage::Interest, Stage::Dropped],
            target => Stage::ALL
                .iter()
                .copied()
                .filter(|s| s.order() > at.order() && s.order() <= target.order())
                // Mentees are interviewed only when the manager asks.
                .filter(|s| *s != Stage::Interview || registration.kind == CandidateKind::Mentor)
                .collect(),
        };
        for to in path {
            let reason = (to == Stage::Dropped).then_some(candidate.drop_reason);
            recruitment::move_to(tx, id, at, to, reason, self.manager).await?;
            at = to;
        }
        let account = match user {
            Some(user) => Some(user),
            None if at == Stage::Accepted => {
                let role = match registration.kind {
                    CandidateKind::Mentor => Role::Mentor,
                    CandidateKind::Mentee => Role::Mentee,
                };
                let account =
                    users::create_without_login(tx, &registration.name, self.programme, role)
                        .await?;
                recruitment::link_user(tx, id, account).await?;
                Some(account)
            }
            None => None,
        };
        Ok((id, account))
    }
}
