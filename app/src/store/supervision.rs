//! Supervision: check-in calls to the mentors, group meetings with their
//! attendees and agenda, and the challenges from the meeting logs that no
//! agenda holds yet.

use super::{now, on_db, on_tx, StoreResult, Tx};
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};

/// The mentors of a programme (by membership), with their first pair's
/// start and their check-ins.
#[tracing::instrument(name = "store.supervision.mentors", skip_all, err(Display))]
pub async fn mentors(db: &super::Db, programme: ProgrammeId) -> StoreResult<Vec<MentorCheckIns>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: UserId,
        name: String,
        first_pair_on: Option<NaiveDate>,
        check_ins: i64,
        last_check_in: Option<NaiveDate>,
    }
    let rows = on_db!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT u.id, u.display_name AS name, \
         (SELECT MIN(p.started_on) FROM pairs p WHERE p.mentor_id = u.id AND p.programme_id = $1) AS first_pair_on, \
         (SELECT COUNT(*) FROM check_ins c WHERE c.mentor_id = u.id AND c.programme_id = $1) AS check_ins, \
         (SELECT MAX(c.held_on) FROM check_ins c WHERE c.mentor_id = u.id AND c.programme_id = $1) AS last_check_in \
         FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.programme_id = $1 AND m.role = 'mentor' ORDER BY u.display_name, u.id",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| MentorCheckIns {
            id: r.id,
            name: r.name,
            first_pair_on: r.first_pair_on,
            check_ins: u32::try_from(r.check_ins).unwrap_or(0),
            last_check_in: r.last_check_in,
        })
        .collect())
}

#[tracing::instrument(name = "store.supervision.add_check_in", skip_all, err(Display))]
pub async fn add_check_in(
    tx: &mut Tx,
    programme: ProgrammeId,
    check_in: &CheckIn,
    by: UserId,
) -> StoreResult<CheckInId> {
    let id = CheckInId::new();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO check_ins (id, programme_id, mentor_id, held_on, notes, follow_up, recorded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(programme)
    .bind(check_in.mentor)
    .bind(check_in.held_on)
    .bind(&check_in.notes)
    .bind(&check_in.follow_up)
    .bind(by)
    .bind(now())
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(id)
}

/// Corrects a check-in: its mentor, date, notes and follow-up.
#[tracing::instrument(name = "store.supervision.update_check_in", skip_all, err(Display))]
pub async fn update_check_in(tx: &mut Tx, id: CheckInId, check_in: &CheckIn) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE check_ins SET mentor_id = $2, held_on = $3, notes = $4, follow_up = $5 WHERE id = $1",
    )
    .bind(id)
    .bind(check_in.mentor)
    .bind(check_in.held_on)
    .bind(&check_in.notes)
    .bind(&check_in.follow_up)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// A programme's check-ins, newest first.
#[tracing::instrument(name = "store.supervision.check_ins", skip_all, err(Display))]
pub async fn check_ins(db: &super::Db, programme: ProgrammeId) -> StoreResult<Vec<CheckInView>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: CheckInId,
        mentor_id: UserId,
        mentor_name: String,
        held_on: NaiveDate,
        notes: String,
        follow_up: String,
        recorded_by: String,
    }
    let rows = on_db!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT c.id, c.mentor_id, mentor.display_name AS mentor_name, c.held_on, c.notes, c.follow_up, \
         by_whom.display_name AS recorded_by \
         FROM check_ins c JOIN users mentor ON mentor.id = c.mentor_id JOIN users by_whom ON by_whom.id = c.recorded_by \
         WHERE c.programme_id = $1 ORDER BY c.held_on DESC, c.created_at DESC",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| CheckInView {
            id: r.id,
            mentor_id: r.mentor_id,
            mentor_name: r.mentor_name,
            held_on: r.held_on,
            notes: r.notes,
            follow_up: r.follow_up,
            recorded_by: r.recorded_by,
        })
        .collect())
}

/// Creates a group meeting with its attendees.
#[tracing::instrument(name = "store.supervision.create_meeting", skip_all, err(Display))]
pub async fn create_meeting(
    tx: &mut Tx,
    programme: ProgrammeId,
    plan: &GroupMeetingPlan,
    by: UserId,
) -> StoreResult<GroupMeetingId> {
    let id = GroupMeetingId::new();
    let at = now();
    on_tx!(tx, conn => sqlx::query(
        "INSERT INTO group_meetings (id, programme_id, held_on, notes, created_by, created_at, updated_at, \
         starts_at, minutes, place) VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(programme)
    .bind(plan.held_on)
    .bind(&plan.notes)
    .bind(by)
    .bind(at)
    .bind(plan.schedule.starts_at)
    .bind(plan.schedule.minutes.map(|m| m as i32))
    .bind(&plan.schedule.place)
    .execute(conn)
    .await
    .map(|_| ()))?;
    set_attendees(tx, id, &plan.attendees).await?;
    Ok(id)
}

/// Changes a meeting's date, attendees and notes.
#[tracing::instrument(name = "store.supervision.update_meeting", skip_all, err(Display))]
pub async fn update_meeting(
    tx: &mut Tx,
    meeting: GroupMeetingId,
    plan: &GroupMeetingPlan,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE group_meetings SET held_on = $2, notes = $3, updated_at = $4, starts_at = $5, minutes = $6, \
         place = $7 WHERE id = $1",
    )
    .bind(meeting)
    .bind(plan.held_on)
    .bind(&plan.notes)
    .bind(now())
    .bind(plan.schedule.starts_at)
    .bind(plan.schedule.minutes.map(|m| m as i32))
    .bind(&plan.schedule.place)
    .execute(conn)
    .await
    .map(|_| ()))?;
    set_attendees(tx, meeting, &plan.attendees).await
}

async fn set_attendees(
    tx: &mut Tx,
    meeting: GroupMeetingId,
    mentors: &[UserId],
) -> StoreResult<()> {
    on_tx!(tx, conn => {
        sqlx::query("DELETE FROM group_meeting_attendees WHERE meeting_id = $1")
            .bind(meeting)
            .execute(&mut *conn)
            .await?;
        for mentor in mentors {
            sqlx::query("INSERT INTO group_meeting_attendees (meeting_id, mentor_id) VALUES ($1, $2)")
                .bind(meeting)
                .bind(mentor)
                .execute(&mut *conn)
                .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(())
}

/// The programme of a group meeting.
#[tracing::instrument(name = "store.supervision.meeting_programme", skip_all, err(Display))]
pub async fn meeting_programme(
    db: &super::Db,
    meeting: GroupMeetingId,
) -> StoreResult<Option<ProgrammeId>> {
    let row = on_db!(db, pool => sqlx::query_scalar::<_, ProgrammeId>(
        "SELECT programme_id FROM group_meetings WHERE id = $1",
    )
    .bind(meeting)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// The meeting and programme of an agenda item.
#[tracing::instrument(name = "store.supervision.item_meeting", skip_all, err(Display))]
pub async fn item_meeting(
    db: &super::Db,
    item: AgendaItemId,
) -> StoreResult<Option<(GroupMeetingId, ProgrammeId, Option<UserId>)>> {
    let row = on_db!(db, pool => sqlx::query_as::<_, (GroupMeetingId, ProgrammeId, Option<UserId>)>(
        "SELECT m.id, m.programme_id, a.raised_by FROM agenda_items a JOIN group_meetings m ON m.id = a.meeting_id \
         WHERE a.id = $1",
    )
    .bind(item)
    .fetch_optional(pool)
    .await)?;
    Ok(row)
}

/// A programme's group meetings, newest first, with attendees and agenda.
#[tracing::instrument(name = "store.supervision.meetings", skip_all, err(Display))]
pub async fn meetings(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<Vec<GroupMeetingView>> {
    #[derive(sqlx::FromRow)]
    struct MeetingRow {
        id: GroupMeetingId,
        held_on: NaiveDate,
        notes: String,
        starts_at: Option<chrono::NaiveTime>,
        minutes: Option<i32>,
        place: String,
    }
    #[derive(sqlx::FromRow)]
    struct ItemRow {
        id: AgendaItemId,
        meeting_id: GroupMeetingId,
        topic: String,
        raised_by: Option<String>,
        discussed: bool,
        outcome: String,
    }
    let (meetings, attendees, items) = on_db!(db, pool => {
        let meetings = sqlx::query_as::<_, MeetingRow>(
            "SELECT id, held_on, notes, starts_at, minutes, place FROM group_meetings WHERE programme_id = $1 \
             ORDER BY held_on DESC, created_at DESC",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        let attendees = sqlx::query_as::<_, (GroupMeetingId, UserId)>(
            "SELECT a.meeting_id, a.mentor_id FROM group_meeting_attendees a \
             JOIN group_meetings m ON m.id = a.meeting_id WHERE m.programme_id = $1",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        let items = sqlx::query_as::<_, ItemRow>(
            "SELECT a.id, a.meeting_id, a.topic, u.display_name AS raised_by, a.discussed, a.outcome \
             FROM agenda_items a JOIN group_meetings m ON m.id = a.meeting_id \
             LEFT JOIN users u ON u.id = a.raised_by \
             WHERE m.programme_id = $1 ORDER BY a.position, a.id",
        )
        .bind(programme)
        .fetch_all(pool)
        .await?;
        Ok::<_, sqlx::Error>((meetings, attendees, items))
    })?;
    Ok(meetings
        .into_iter()
        .map(|m| GroupMeetingView {
            id: m.id,
            programme_id: programme,
            held_on: m.held_on,
            notes: m.notes,
            schedule: Schedule {
                starts_at: m.starts_at,
                minutes: m.minutes.map(|n| n.max(0) as u32),
                place: m.place,
            },
            attendees: attendees
                .iter()
                .filter(|(meeting, _)| *meeting == m.id)
                .map(|(_, mentor)| *mentor)
                .collect(),
            agenda: items
                .iter()
                .filter(|i| i.meeting_id == m.id)
                .map(|i| AgendaItemView {
                    id: i.id,
                    topic: i.topic.clone(),
                    raised_by: i.raised_by.clone(),
                    discussed: i.discussed,
                    outcome: i.outcome.clone(),
                })
                .collect(),
        })
        .collect())
}

/// The challenges in the programme's logs that no agenda holds yet (those
/// since the last group meeting, and any left over from before), oldest
/// first. The mentor's words and name, never the mentee's.
#[tracing::instrument(name = "store.supervision.proposed", skip_all, err(Display))]
pub async fn proposed(
    db: &super::Db,
    programme: ProgrammeId,
) -> StoreResult<Vec<ProposedChallenge>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        log_id: MeetingLogId,
        date: NaiveDate,
        raised_by: String,
        challenge: String,
    }
    let rows = on_db!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT l.id AS log_id, l.meeting_date AS date, mentor.display_name AS raised_by, \
         l.challenge_text AS challenge \
         FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id JOIN users mentor ON mentor.id = p.mentor_id \
         WHERE p.programme_id = $1 AND l.has_challenge AND l.withdrawn_reason IS NULL \
         AND NOT EXISTS (SELECT 1 FROM agenda_items a WHERE a.log_id = l.id) \
         ORDER BY l.meeting_date, l.created_at",
    )
    .bind(programme)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| ProposedChallenge {
            log_id: r.log_id,
            date: r.date,
            raised_by: r.raised_by,
            challenge: r.challenge,
        })
        .collect())
}

/// Adds challenges (of the programme's logs, not on an agenda yet) and a
/// topic to a meeting's agenda; the challenges that could not be added
/// (another programme's, or on an agenda already) are left out. The items
/// added, in order.
#[tracing::instrument(name = "store.supervision.add_to_agenda", skip_all, err(Display))]
pub async fn add_to_agenda(
    tx: &mut Tx,
    meeting: GroupMeetingId,
    programme: ProgrammeId,
    logs: &[MeetingLogId],
    topic: Option<&str>,
) -> StoreResult<Vec<AgendaItemId>> {
    let mut added = Vec::new();
    on_tx!(tx, conn => {
        let mut position: i32 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(position), 0) FROM agenda_items WHERE meeting_id = $1",
        )
        .bind(meeting)
        .fetch_one(&mut *conn)
        .await?;
        for log in logs {
            let found: Option<(UserId, String)> = sqlx::query_as(
                "SELECT p.mentor_id, l.challenge_text FROM meeting_logs l JOIN pairs p ON p.id = l.pair_id \
                 WHERE l.id = $1 AND p.programme_id = $2 AND l.has_challenge \
                 AND NOT EXISTS (SELECT 1 FROM agenda_items a WHERE a.log_id = l.id)",
            )
            .bind(log)
            .bind(programme)
            .fetch_optional(&mut *conn)
            .await?;
            let Some((mentor, challenge)) = found else { continue };
            position += 1;
            let id = AgendaItemId::new();
            sqlx::query(
                "INSERT INTO agenda_items (id, meeting_id, position, log_id, raised_by, topic) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(meeting)
            .bind(position)
            .bind(log)
            .bind(mentor)
            .bind(challenge)
            .execute(&mut *conn)
            .await?;
            added.push(id);
        }
        if let Some(topic) = topic {
            position += 1;
            let id = AgendaItemId::new();
            sqlx::query(
                "INSERT INTO agenda_items (id, meeting_id, position, topic) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(meeting)
            .bind(position)
            .bind(topic)
            .execute(&mut *conn)
            .await?;
            added.push(id);
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(added)
}

/// Marks an item discussed with its outcome (again: the outcome changes).
#[tracing::instrument(name = "store.supervision.discussed", skip_all, err(Display))]
pub async fn mark_discussed(
    tx: &mut Tx,
    item: AgendaItemId,
    outcome: &str,
    by: UserId,
) -> StoreResult<()> {
    on_tx!(tx, conn => sqlx::query(
        "UPDATE agenda_items SET discussed = TRUE, outcome = $2, discussed_at = $3, discussed_by = $4 \
         WHERE id = $1",
    )
    .bind(item)
    .bind(outcome)
    .bind(now())
    .bind(by)
    .execute(conn)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// The challenges `mentor` raised that a group meeting discussed, newest
/// first.
#[tracing::instrument(name = "store.supervision.discussed_of_mentor", skip_all, err(Display))]
pub async fn discussed_of_mentor(
    db: &super::Db,
    mentor: UserId,
) -> StoreResult<Vec<DiscussedChallenge>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        item: AgendaItemId,
        meeting_on: NaiveDate,
        challenge: String,
        outcome: String,
        discussed_at: DateTime<Utc>,
    }
    let rows = on_db!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT a.id AS item, m.held_on AS meeting_on, a.topic AS challenge, a.outcome, a.discussed_at \
         FROM agenda_items a JOIN group_meetings m ON m.id = a.meeting_id \
         WHERE a.raised_by = $1 AND a.discussed ORDER BY a.discussed_at DESC",
    )
    .bind(mentor)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| DiscussedChallenge {
            item: r.item,
            meeting_on: r.meeting_on,
            challenge: r.challenge,
            outcome: r.outcome,
            discussed_at: r.discussed_at,
        })
        .collect())
}
