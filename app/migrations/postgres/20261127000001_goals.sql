-- The mentee's goals. A goal is made on the phone (its id too) and changed
-- by revisions: `goals` holds the latest revision, `goal_revisions` every
-- revision ever sent (the history the manager reads); nothing is deleted,
-- a withdrawn goal keeps its reason. Progress is recorded by the meeting
-- logs that worked on a goal (`meeting_log_goals`).
CREATE TABLE goals (
    id                UUID PRIMARY KEY,
    pair_id           UUID NOT NULL REFERENCES pairs (id),
    revision          INTEGER NOT NULL CHECK (revision >= 1),
    what              TEXT NOT NULL CHECK (what <> ''),
    why               TEXT NOT NULL,
    first_steps       TEXT NOT NULL,
    target_date       DATE NOT NULL,
    withdrawn_reason  TEXT CHECK (withdrawn_reason IS NULL OR withdrawn_reason <> ''),
    content_hash      TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX goals_pair ON goals (pair_id);

CREATE TABLE goal_revisions (
    goal_id           UUID NOT NULL REFERENCES goals (id),
    revision          INTEGER NOT NULL CHECK (revision >= 1),
    author_id         UUID NOT NULL REFERENCES users (id),
    what              TEXT NOT NULL,
    why               TEXT NOT NULL,
    first_steps       TEXT NOT NULL,
    target_date       DATE NOT NULL,
    withdrawn_reason  TEXT,
    content_hash      TEXT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (goal_id, revision)
);

CREATE TABLE meeting_log_goals (
    log_id    UUID NOT NULL REFERENCES meeting_logs (id),
    goal_id   UUID NOT NULL REFERENCES goals (id),
    progress  TEXT NOT NULL CHECK (progress IN ('not_started', 'under_way', 'reached')),
    PRIMARY KEY (log_id, goal_id)
);
CREATE INDEX meeting_log_goals_goal ON meeting_log_goals (goal_id);
