-- References for a mentor candidate (screening): who gives one, how to
-- reach them, when they were asked and their answer in short. Recorded by
-- the programme's managers; a change keeps who made it last and when.
CREATE TABLE referees (
    id            UUID PRIMARY KEY,
    candidate_id  UUID NOT NULL REFERENCES candidates (id),
    name          TEXT NOT NULL CHECK (name <> ''),
    contact       TEXT NOT NULL CHECK (contact <> ''),
    asked_on      DATE,
    answer        TEXT NOT NULL,
    recorded_by   UUID NOT NULL REFERENCES users (id),
    recorded_at   TIMESTAMPTZ NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    CHECK (answer = '' OR asked_on IS NOT NULL)
);
CREATE INDEX referees_candidate ON referees (candidate_id);
