-- Tools 3 and 4: the mid-term and final reports, one of each kind by each
-- side of a pair. The id is made on the phone (the report travels through
-- the offline outbox); the answers are kept as the checked JSON the content
-- hash was computed over. The author is whoever sent it: the mentor for
-- their own report, the mentee, or the mentor's phone in mentee mode.
CREATE TABLE reports (
    id            UUID PRIMARY KEY,
    pair_id       UUID NOT NULL REFERENCES pairs (id),
    kind          TEXT NOT NULL CHECK (kind IN ('midterm', 'final')),
    respondent    TEXT NOT NULL CHECK (respondent IN ('mentor', 'mentee')),
    author_id     UUID NOT NULL REFERENCES users (id),
    answered_on   DATE NOT NULL,
    months        INTEGER NOT NULL CHECK (months >= 0),
    weeks         INTEGER NOT NULL CHECK (weeks >= 0),
    answers       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (pair_id, kind, respondent)
);
