-- Programmes from launch to matched pairs: the model's parameters, the
-- school engagement plan, invitations, recruitment (candidates and their
-- moves between stages), mentor training and self-assessments, preference
-- matching, and pairs that start by getting to know each other.

ALTER TABLE programmes ADD COLUMN format TEXT NOT NULL DEFAULT 'face_to_face'
    CHECK (format IN ('face_to_face', 'online', 'blended'));
ALTER TABLE programmes ADD COLUMN duration_months INTEGER NOT NULL DEFAULT 6
    CHECK (duration_months BETWEEN 6 AND 9);
ALTER TABLE programmes ADD COLUMN meetings TEXT NOT NULL DEFAULT 'weekly'
    CHECK (meetings IN ('weekly', 'fortnightly', 'monthly'));
ALTER TABLE programmes ADD COLUMN max_mentees INTEGER NOT NULL DEFAULT 2
    CHECK (max_mentees BETWEEN 1 AND 10);
ALTER TABLE programmes ADD COLUMN child_age_limit INTEGER NOT NULL DEFAULT 12
    CHECK (child_age_limit BETWEEN 1 AND 18);
ALTER TABLE programmes ADD COLUMN starts_on DATE;
ALTER TABLE programmes ADD COLUMN country TEXT NOT NULL DEFAULT '';
ALTER TABLE programmes ADD COLUMN language TEXT NOT NULL DEFAULT '';
UPDATE programmes SET starts_on = created_at::date;

-- The 15 "Parents as Partners" measures as the school adapts them.
CREATE TABLE school_measures (
    programme_id  UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    measure       INTEGER NOT NULL CHECK (measure BETWEEN 1 AND 15),
    state         TEXT NOT NULL CHECK (state IN ('planned', 'in_place', 'not_chosen')),
    reason        TEXT NOT NULL,
    owner         TEXT NOT NULL,
    due_on        DATE,
    updated_at    TIMESTAMPTZ NOT NULL,
    updated_by    UUID NOT NULL REFERENCES users (id),
    PRIMARY KEY (programme_id, measure),
    CHECK (state <> 'not_chosen' OR reason <> '')
);

-- Everyone in recruitment. Without consent only the name is kept (the
-- profile columns stay empty: the app refuses them).
CREATE TABLE candidates (
    id                   UUID PRIMARY KEY,
    programme_id         UUID NOT NULL REFERENCES programmes (id),
    kind                 TEXT NOT NULL CHECK (kind IN ('mentor', 'mentee')),
    name                 TEXT NOT NULL CHECK (name <> ''),
    stage                TEXT NOT NULL CHECK (stage IN ('disclosure', 'referral', 'interest',
                             'self_assessment', 'interview', 'pre_matching', 'accepted', 'dropped')),
    drop_reason          TEXT,
    consent_on           DATE,
    consent_how          TEXT CHECK (consent_how IN ('in_app', 'paper', 'spoken')),
    consent_recorded_by  UUID REFERENCES users (id),
    gender               TEXT,
    age                  INTEGER,
    role_with_child      TEXT,
    child_age            INTEGER,
    background           TEXT NOT NULL DEFAULT '',
    employment           TEXT,
    languages            TEXT NOT NULL DEFAULT '',
    area                 TEXT NOT NULL DEFAULT '',
    availability         TEXT NOT NULL DEFAULT '',
    school               TEXT NOT NULL DEFAULT '',
    class_name           TEXT NOT NULL DEFAULT '',
    heard_from           TEXT NOT NULL DEFAULT '',
    is_parent            BOOLEAN NOT NULL DEFAULT FALSE,
    max_mentees          INTEGER,
    user_id              UUID REFERENCES users (id),
    created_at           TIMESTAMPTZ NOT NULL,
    created_by           UUID NOT NULL REFERENCES users (id),
    CHECK ((consent_on IS NULL) = (consent_how IS NULL)),
    CHECK (stage <> 'dropped' OR drop_reason IS NOT NULL)
);
CREATE INDEX candidates_programme ON candidates (programme_id, kind, stage);
CREATE UNIQUE INDEX candidates_user ON candidates (programme_id, kind, user_id);

-- Every move between stages, stamped: the report counts each stage.
CREATE TABLE candidate_moves (
    id            BIGSERIAL PRIMARY KEY,
    candidate_id  UUID NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    from_stage    TEXT,
    to_stage      TEXT NOT NULL,
    reason        TEXT,
    moved_by      UUID NOT NULL REFERENCES users (id),
    moved_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX candidate_moves_candidate ON candidate_moves (candidate_id, moved_at);

-- Single-use links, valid 7 days. Only a hash of the token is stored.
CREATE TABLE invitations (
    id            UUID PRIMARY KEY,
    token_hash    TEXT NOT NULL UNIQUE,
    programme_id  UUID NOT NULL REFERENCES programmes (id),
    role          TEXT NOT NULL CHECK (role IN ('manager', 'mentor', 'mentee')),
    candidate_id  UUID REFERENCES candidates (id),
    name          TEXT,
    invited_by    UUID NOT NULL REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    used_at       TIMESTAMPTZ,
    used_by       UUID REFERENCES users (id)
);
CREATE INDEX invitations_programme ON invitations (programme_id, created_at);

CREATE TABLE trainings (
    id            UUID PRIMARY KEY,
    programme_id  UUID NOT NULL REFERENCES programmes (id),
    held_on       DATE NOT NULL,
    format        TEXT NOT NULL CHECK (format IN ('face_to_face', 'online')),
    topic         TEXT NOT NULL CHECK (topic <> ''),
    created_by    UUID NOT NULL REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX trainings_programme ON trainings (programme_id, held_on);

CREATE TABLE training_attendance (
    training_id   UUID NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
    candidate_id  UUID NOT NULL REFERENCES candidates (id),
    PRIMARY KEY (training_id, candidate_id)
);

-- The self-assessment questionnaire of a programme (the coordinator edits
-- it) and each mentor's answers before and after the training.
CREATE TABLE self_assessment_items (
    id            UUID PRIMARY KEY,
    programme_id  UUID NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL CHECK (text <> '')
);
CREATE INDEX self_assessment_items_programme ON self_assessment_items (programme_id, position);

CREATE TABLE self_assessments (
    candidate_id  UUID NOT NULL REFERENCES candidates (id),
    item_id       UUID NOT NULL REFERENCES self_assessment_items (id) ON DELETE CASCADE,
    moment        TEXT NOT NULL CHECK (moment IN ('before', 'after')),
    score         INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    recorded_by   UUID NOT NULL REFERENCES users (id),
    recorded_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (candidate_id, item_id, moment)
);

-- Programmes that existed before start from the default questionnaire
-- (in English; the coordinator edits it). New ones get it when created.
INSERT INTO self_assessment_items (id, programme_id, position, text)
SELECT gen_random_uuid(), pr.id, d.position, d.text
FROM programmes pr CROSS JOIN (
    SELECT 1 AS position, 'I listen to a parent without judging.' AS text
    UNION ALL SELECT 2, 'I keep what a parent tells me confidential.'
    UNION ALL SELECT 3, 'I know how the school works and whom to ask there.'
    UNION ALL SELECT 4, 'I support the mentee in reaching their own goals, not mine.'
    UNION ALL SELECT 5, 'I ask my mentor manager for help when I need it.'
) d;

-- The speed-meeting's choices: each person's ranking of the other side.
CREATE TABLE match_preferences (
    chooser_id    UUID NOT NULL REFERENCES candidates (id),
    chosen_id     UUID NOT NULL REFERENCES candidates (id),
    rank          INTEGER NOT NULL CHECK (rank >= 1),
    recorded_by   UUID NOT NULL REFERENCES users (id),
    recorded_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chooser_id, chosen_id),
    UNIQUE (chooser_id, rank)
);

-- A pair starts getting to know each other (confirmed_on NULL); once
-- confirmed it is active; its planned end is start + the duration.
ALTER TABLE pairs ADD COLUMN confirmed_on DATE;
ALTER TABLE pairs ADD COLUMN planned_end_on DATE;
ALTER TABLE pairs ADD COLUMN end_reason TEXT;
ALTER TABLE pairs ADD COLUMN mentor_candidate_id UUID REFERENCES candidates (id);
ALTER TABLE pairs ADD COLUMN mentee_candidate_id UUID REFERENCES candidates (id);
UPDATE pairs SET confirmed_on = started_on,
    planned_end_on = started_on + INTERVAL '6 months';

-- The language a person chose (emails and reminders are written in it).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
