-- Parent Bridge schema, PostgreSQL flavour: the same tables as the SQLite
-- migration, with native uuid, date, timestamptz and boolean types.

CREATE TABLE organisations (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE programmes (
    id               UUID PRIMARY KEY,
    organisation_id  UUID NOT NULL REFERENCES organisations (id),
    name             TEXT NOT NULL,
    typology         TEXT NOT NULL CHECK (typology IN ('peer', 'non_peer', 'both')),
    created_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE users (
    id             UUID PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    display_name   TEXT NOT NULL,
    password_hash  TEXT,
    created_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE memberships (
    user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    programme_id  UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'manager', 'mentor', 'mentee')),
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, programme_id, role)
);
CREATE INDEX memberships_programme ON memberships (programme_id, role);

CREATE TABLE pairs (
    id            UUID PRIMARY KEY,
    programme_id  UUID NOT NULL REFERENCES programmes (id),
    mentor_id     UUID NOT NULL REFERENCES users (id),
    mentee_id     UUID NOT NULL REFERENCES users (id),
    manager_id    UUID NOT NULL REFERENCES users (id),
    status        TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    started_on    DATE NOT NULL,
    ended_on      DATE,
    created_at    TIMESTAMPTZ NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX pairs_mentor ON pairs (mentor_id);
CREATE INDEX pairs_mentee ON pairs (mentee_id);
CREATE INDEX pairs_programme ON pairs (programme_id);

CREATE TABLE meeting_logs (
    id                    UUID PRIMARY KEY,
    pair_id               UUID NOT NULL REFERENCES pairs (id),
    author_id             UUID NOT NULL REFERENCES users (id),
    meeting_date          DATE NOT NULL,
    form                  TEXT NOT NULL CHECK (form IN ('face_to_face', 'telephone', 'email', 'video_call', 'other')),
    duration_minutes      INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 480),
    description           TEXT NOT NULL CHECK (description <> ''),
    went_well_next_steps  TEXT NOT NULL,
    has_challenge         BOOLEAN NOT NULL,
    challenge_text        TEXT,
    content_hash          TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    CHECK ((has_challenge AND challenge_text IS NOT NULL AND challenge_text <> '')
           OR (NOT has_challenge AND challenge_text IS NULL))
);
CREATE INDEX meeting_logs_pair ON meeting_logs (pair_id, meeting_date);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id         BIGSERIAL PRIMARY KEY,
    email      TEXT NOT NULL,
    ip         TEXT NOT NULL,
    failed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, failed_at);
CREATE INDEX login_failures_ip ON login_failures (ip, failed_at);
