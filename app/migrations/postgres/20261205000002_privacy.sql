-- The data controller's duties (issue 10): consent records, erasure and
-- retention.

-- Every consent given or withdrawn, by whom it was recorded and how: the
-- latest record of a purpose is where the person stands; none is ever
-- changed. A record is about an account, a candidate (a registration made
-- before any account), or both.
CREATE TABLE consents (
    id            UUID PRIMARY KEY,
    user_id       UUID REFERENCES users (id),
    candidate_id  UUID REFERENCES candidates (id),
    purpose       TEXT NOT NULL CHECK (purpose IN ('programme', 'email', 'anonymised_results')),
    given         BOOLEAN NOT NULL,
    how           TEXT CHECK (how IN ('in_app', 'paper', 'spoken')),
    on_date       DATE NOT NULL,
    recorded_by   UUID NOT NULL REFERENCES users (id),
    created_at    TIMESTAMPTZ NOT NULL,
    CHECK (user_id IS NOT NULL OR candidate_id IS NOT NULL)
);
CREATE INDEX consents_user ON consents (user_id, created_at);
CREATE INDEX consents_candidate ON consents (candidate_id, created_at);

-- The consents recorded with registrations so far.
INSERT INTO consents (id, user_id, candidate_id, purpose, given, how, on_date, recorded_by, created_at)
SELECT gen_random_uuid(), user_id, id, 'programme', TRUE, consent_how, consent_on,
       COALESCE(consent_recorded_by, created_by), created_at
FROM candidates WHERE consent_on IS NOT NULL;

-- An erased person keeps their row (counts and the audit trail name it)
-- with nothing that identifies them.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE candidates ADD COLUMN erased_at TIMESTAMPTZ;

-- Months after a pair ended when its personal data is anonymised.
ALTER TABLE programmes ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 24
    CHECK (retention_months BETWEEN 1 AND 120);
ALTER TABLE pairs ADD COLUMN anonymised_at TIMESTAMPTZ;
