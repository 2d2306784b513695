-- A meeting log can be corrected or withdrawn after it was sent: each
-- change is the log's next revision under the same id (the first is 1).
-- `meeting_logs` holds the latest revision; `meeting_log_revisions` every
-- revision ever stored (the history the manager reads), with the goals it
-- named as JSON (NULL for the logs stored before this table: their goals
-- stay in `meeting_log_goals`). Nothing is deleted: a withdrawn log keeps its content and
-- its reason, and no longer counts.
ALTER TABLE meeting_logs ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE meeting_logs ADD COLUMN withdrawn_reason TEXT CHECK (withdrawn_reason IS NULL OR withdrawn_reason <> '');

CREATE TABLE meeting_log_revisions (
    log_id                UUID NOT NULL REFERENCES meeting_logs (id),
    revision              INTEGER NOT NULL CHECK (revision >= 1),
    author_id             UUID NOT NULL REFERENCES users (id),
    meeting_date          DATE NOT NULL,
    form                  TEXT NOT NULL,
    duration_minutes      INTEGER NOT NULL,
    description           TEXT NOT NULL,
    went_well_next_steps  TEXT NOT NULL,
    challenge_text        TEXT,
    goals                 TEXT,
    withdrawn_reason      TEXT,
    content_hash          TEXT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (log_id, revision)
);

-- The logs sent before corrections existed are their own first revision.
INSERT INTO meeting_log_revisions (log_id, revision, author_id, meeting_date, form, duration_minutes,
    description, went_well_next_steps, challenge_text, goals, withdrawn_reason, content_hash, created_at)
SELECT l.id, 1, l.author_id, l.meeting_date, l.form, l.duration_minutes, l.description,
    l.went_well_next_steps, l.challenge_text, NULL, NULL, l.content_hash, l.created_at
FROM meeting_logs l;
