-- Parent Bridge schema, SQLite flavour. Ids are UUIDs stored as text,
-- times are RFC 3339 text in UTC, dates are yyyy-mm-dd text.

CREATE TABLE organisations (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

CREATE TABLE programmes (
    id               TEXT PRIMARY KEY NOT NULL,
    organisation_id  TEXT NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL,
    typology         TEXT NOT NULL CHECK (typology IN ('peer', 'non_peer', 'both')),
    created_at       TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY NOT NULL,
    email          TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    -- NULL: the person cannot log in (a mentee without a device, say).
    password_hash  TEXT,
    created_at     TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    programme_id  TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'manager', 'mentor', 'mentee')),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (user_id, programme_id, role)
);
CREATE INDEX memberships_programme ON memberships (programme_id, role);

CREATE TABLE pairs (
    id            TEXT PRIMARY KEY NOT NULL,
    programme_id  TEXT NOT NULL REFERENCES programmes (id),
    mentor_id     TEXT NOT NULL REFERENCES users (id),
    mentee_id     TEXT NOT NULL REFERENCES users (id),
    manager_id    TEXT NOT NULL REFERENCES users (id),
    status        TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    started_on    TEXT NOT NULL,
    ended_on      TEXT,
    created_at    TEXT NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX pairs_mentor ON pairs (mentor_id);
CREATE INDEX pairs_mentee ON pairs (mentee_id);
CREATE INDEX pairs_programme ON pairs (programme_id);

-- Tool 2. The id is made on the mentor's phone; content_hash detects a
-- different log sent under an id that is already stored.
CREATE TABLE meeting_logs (
    id                    TEXT PRIMARY KEY NOT NULL,
    pair_id               TEXT NOT NULL REFERENCES pairs (id),
    author_id             TEXT NOT NULL REFERENCES users (id),
    meeting_date          TEXT NOT NULL,
    form                  TEXT NOT NULL CHECK (form IN ('face_to_face', 'telephone', 'email', 'video_call', 'other')),
    duration_minutes      INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 480),
    description           TEXT NOT NULL CHECK (description <> ''),
    went_well_next_steps  TEXT NOT NULL,
    has_challenge         BOOLEAN NOT NULL,
    challenge_text        TEXT,
    content_hash          TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK ((has_challenge AND challenge_text IS NOT NULL AND challenge_text <> '')
           OR (NOT has_challenge AND challenge_text IS NULL))
);
CREATE INDEX meeting_logs_pair ON meeting_logs (pair_id, meeting_date);

-- Only a hash of the session token is stored: a copy of the database does
-- not let anyone log in.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY NOT NULL,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    email      TEXT NOT NULL,
    ip         TEXT NOT NULL,
    failed_at  TEXT NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, failed_at);
CREATE INDEX login_failures_ip ON login_failures (ip, failed_at);
