-- Mentor screening (issue: references and background checks before a
-- mentor meets a family). A programme's required checks, chosen by its
-- coordinator: retired, never deleted, so their records stay readable.
CREATE TABLE screening_requirements (
    id               TEXT PRIMARY KEY,
    programme_id     TEXT NOT NULL REFERENCES programmes (id),
    kind             TEXT NOT NULL CHECK (kind IN ('interview', 'references', 'background_check',
                         'confidentiality', 'code_of_conduct', 'training', 'other')),
    label            TEXT NOT NULL,
    -- Months a passed check stays valid; 0: it does not expire.
    validity_months  INTEGER NOT NULL CHECK (validity_months BETWEEN 0 AND 120),
    created_by       TEXT NOT NULL REFERENCES users (id),
    created_at       TEXT NOT NULL,
    retired_at       TEXT,
    CHECK (kind <> 'other' OR label <> '')
);
CREATE INDEX screening_requirements_programme ON screening_requirements (programme_id);

-- Every record of a mentor candidate's check: who recorded it and when.
-- The latest counts. Never the content of a criminal record: only that it
-- was seen, its date and its reference number.
CREATE TABLE screening_checks (
    id                TEXT PRIMARY KEY,
    candidate_id      TEXT NOT NULL REFERENCES candidates (id),
    requirement_id    TEXT NOT NULL REFERENCES screening_requirements (id),
    state             TEXT NOT NULL CHECK (state IN ('not_started', 'requested', 'passed', 'failed', 'waived')),
    checked_on        TEXT,
    note              TEXT NOT NULL,
    reference_number  TEXT NOT NULL,
    waived_reason     TEXT,
    recorded_by       TEXT NOT NULL REFERENCES users (id),
    recorded_at       TEXT NOT NULL,
    CHECK (state = 'not_started' OR checked_on IS NOT NULL),
    CHECK (state <> 'waived' OR (waived_reason IS NOT NULL AND waived_reason <> ''))
);
CREATE INDEX screening_checks_candidate ON screening_checks (candidate_id, requirement_id);
