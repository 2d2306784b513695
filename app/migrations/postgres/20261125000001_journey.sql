-- The pair's journey after matching: each side's answer after getting to
-- know each other (the manager confirms the pair once both said yes), and
-- how a pair ended (completed, dropped out with a reason, or not
-- confirmed), whether the mentee goes on with a new mentor, and which pair
-- a new one continues.
CREATE TABLE pair_confirmations (
    pair_id      UUID NOT NULL REFERENCES pairs (id),
    side         TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
    go_on        BOOLEAN NOT NULL,
    reason       TEXT,
    answered_on  DATE NOT NULL,
    recorded_by  UUID NOT NULL REFERENCES users (id),
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pair_id, side),
    CHECK (go_on OR reason IS NOT NULL)
);

ALTER TABLE pairs ADD COLUMN end_kind TEXT
    CHECK (end_kind IN ('completed', 'dropped_out', 'not_confirmed'));
ALTER TABLE pairs ADD COLUMN drop_reason TEXT;
ALTER TABLE pairs ADD COLUMN continues BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE pairs ADD COLUMN previous_pair_id UUID REFERENCES pairs (id);
UPDATE pairs SET end_kind = CASE WHEN confirmed_on IS NULL THEN 'not_confirmed' ELSE 'completed' END,
    continues = (confirmed_on IS NULL)
    WHERE status = 'ended';

-- A mentee who completed, proposed as a mentor ("Parent Lead").
ALTER TABLE candidates ADD COLUMN from_pair_id UUID REFERENCES pairs (id);
CREATE UNIQUE INDEX candidates_from_pair ON candidates (from_pair_id);
