-- The manager follows every pair (step 5 of the process map): each
-- programme's threshold for "no meeting logged", check-in calls to the
-- mentors, group meetings with their agenda, safeguarding concerns with
-- the actions taken, notifications kept until read, emails waiting to be
-- sent, the daily digests made, and an audit trail of sensitive reads.

ALTER TABLE programmes ADD COLUMN quiet_days INTEGER NOT NULL DEFAULT 14
    CHECK (quiet_days BETWEEN 7 AND 60);

CREATE TABLE check_ins (
    id            TEXT PRIMARY KEY NOT NULL,
    programme_id  TEXT NOT NULL REFERENCES programmes (id),
    mentor_id     TEXT NOT NULL REFERENCES users (id),
    held_on       TEXT NOT NULL,
    notes         TEXT NOT NULL CHECK (notes <> ''),
    follow_up     TEXT NOT NULL,
    recorded_by   TEXT NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL
);
CREATE INDEX check_ins_programme ON check_ins (programme_id, mentor_id);

CREATE TABLE group_meetings (
    id            TEXT PRIMARY KEY NOT NULL,
    programme_id  TEXT NOT NULL REFERENCES programmes (id),
    held_on       TEXT NOT NULL,
    notes         TEXT NOT NULL,
    created_by    TEXT NOT NULL REFERENCES users (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX group_meetings_programme ON group_meetings (programme_id, held_on);

CREATE TABLE group_meeting_attendees (
    meeting_id  TEXT NOT NULL REFERENCES group_meetings (id) ON DELETE CASCADE,
    mentor_id   TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (meeting_id, mentor_id)
);

-- An item of a group meeting's agenda: a challenge from a meeting log (its
-- mentor raised it), or a topic the manager added. A challenge is on one
-- agenda at most.
CREATE TABLE agenda_items (
    id            TEXT PRIMARY KEY NOT NULL,
    meeting_id    TEXT NOT NULL REFERENCES group_meetings (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    log_id        TEXT UNIQUE REFERENCES meeting_logs (id),
    raised_by     TEXT REFERENCES users (id),
    topic         TEXT NOT NULL CHECK (topic <> ''),
    discussed     BOOLEAN NOT NULL DEFAULT FALSE,
    outcome       TEXT NOT NULL DEFAULT '',
    discussed_at  TEXT,
    discussed_by  TEXT REFERENCES users (id),
    CHECK (NOT discussed OR (outcome <> '' AND discussed_at IS NOT NULL))
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);
CREATE INDEX agenda_items_raised_by ON agenda_items (raised_by);

-- A safeguarding concern, made on the mentor's phone (its id too): never
-- changed once stored. The log it came with may arrive after it.
CREATE TABLE concerns (
    id               TEXT PRIMARY KEY NOT NULL,
    pair_id          TEXT NOT NULL REFERENCES pairs (id),
    author_id        TEXT NOT NULL REFERENCES users (id),
    about            TEXT NOT NULL CHECK (about IN ('child', 'adult')),
    happened         TEXT NOT NULL CHECK (happened <> ''),
    done             TEXT NOT NULL CHECK (done <> ''),
    log_id           TEXT,
    content_hash     TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    acknowledged_at  TEXT,
    acknowledged_by  TEXT REFERENCES users (id),
    CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX concerns_pair ON concerns (pair_id, acknowledged_at);
CREATE INDEX concerns_author ON concerns (author_id);

CREATE TABLE concern_actions (
    id           TEXT PRIMARY KEY NOT NULL,
    concern_id   TEXT NOT NULL REFERENCES concerns (id),
    kind         TEXT NOT NULL CHECK (kind IN ('child_protection', 'police', 'school_lead',
                     'health_services', 'talked_with_mentor', 'other')),
    details      TEXT NOT NULL,
    taken_on     TEXT NOT NULL,
    recorded_by  TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    CHECK (kind <> 'other' OR details <> '')
);
CREATE INDEX concern_actions_concern ON concern_actions (concern_id, created_at);

-- Events kept for a person until read (what is worked out from the data
-- each time is not stored).
CREATE TABLE notifications (
    id          TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id),
    kind        TEXT NOT NULL CHECK (kind IN ('challenge_discussed', 'concern_acknowledged')),
    subject_id  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    read_at     TEXT,
    UNIQUE (user_id, kind, subject_id)
);
CREATE INDEX notifications_user ON notifications (user_id, read_at);

-- Emails waiting to be sent (and those sent, for a while): written in the
-- transaction that has something to say, sent by the server's mail task.
CREATE TABLE emails (
    id            TEXT PRIMARY KEY NOT NULL,
    user_id       TEXT REFERENCES users (id),
    to_address    TEXT NOT NULL,
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_try_at   TEXT NOT NULL,
    sent_at       TEXT,
    last_error    TEXT
);
CREATE INDEX emails_waiting ON emails (sent_at, next_try_at);

-- One daily digest per person and day, whichever server makes it.
CREATE TABLE digests (
    user_id     TEXT NOT NULL REFERENCES users (id),
    day         TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- Who read or did what that is confidential: never changed from the app.
CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    at           TEXT NOT NULL,
    user_id      TEXT,
    action       TEXT NOT NULL,
    object_kind  TEXT NOT NULL,
    object_id    TEXT NOT NULL,
    ip           TEXT NOT NULL
);
CREATE INDEX audit_events_object ON audit_events (object_kind, object_id, at);
CREATE INDEX audit_events_user ON audit_events (user_id, at);

-- The manager's home counts every pair's meetings at once: from an index
-- alone, of the logs that count (not withdrawn), and of their challenges.
CREATE INDEX meeting_logs_counted ON meeting_logs (pair_id, meeting_date, duration_minutes, withdrawn_reason)
    WHERE withdrawn_reason IS NULL;
CREATE INDEX meeting_logs_challenges ON meeting_logs (pair_id)
    WHERE has_challenge AND withdrawn_reason IS NULL;
