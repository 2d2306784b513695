-- The pair's journey after matching: each side's answer after getting to
-- know each other (the manager confirms the pair once both said yes), and
-- how a pair ended (completed, dropped out with a reason, or not
-- confirmed), whether the mentee goes on with a new mentor, and which pair
-- a new one continues.
CREATE TABLE pair_confirmations (
    pair_id      TEXT NOT NULL REFERENCES pairs (id),
    side         TEXT NOT NULL CHECK (side IN ('mentor', 'mentee')),
    go_on        INTEGER NOT NULL CHECK (go_on IN (0, 1)),
    reason       TEXT,
    answered_on  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (pair_id, side),
    CHECK (go_on = 1 OR reason IS NOT NULL)
);

ALTER TABLE pairs ADD COLUMN end_kind TEXT
    CHECK (end_kind IN ('completed', 'dropped_out', 'not_confirmed'));
ALTER TABLE pairs ADD COLUMN drop_reason TEXT;
ALTER TABLE pairs ADD COLUMN continues INTEGER NOT NULL DEFAULT 0 CHECK (continues IN (0, 1));
ALTER TABLE pairs ADD COLUMN previous_pair_id TEXT REFERENCES pairs (id);
UPDATE pairs SET end_kind = CASE WHEN confirmed_on IS NULL THEN 'not_confirmed' ELSE 'completed' END,
    continues = CASE WHEN confirmed_on IS NULL THEN 1 ELSE 0 END
    WHERE status = 'ended';

-- A mentee who completed, proposed as a mentor ("Parent Lead").
ALTER TABLE candidates ADD COLUMN from_pair_id TEXT REFERENCES pairs (id);
CREATE UNIQUE INDEX candidates_from_pair ON candidates (from_pair_id);
