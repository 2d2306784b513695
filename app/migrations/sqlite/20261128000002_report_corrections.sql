-- A sent report can be corrected by whoever answered it: each change is
-- the report's next revision under the same id (the first is 1). `reports`
-- holds the latest; `report_revisions` every revision ever stored (the
-- earlier versions its manager reads). Nothing is deleted.
ALTER TABLE reports ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

CREATE TABLE report_revisions (
    report_id     TEXT NOT NULL REFERENCES reports (id),
    revision      INTEGER NOT NULL CHECK (revision >= 1),
    author_id     TEXT NOT NULL REFERENCES users (id),
    answered_on   TEXT NOT NULL,
    months        INTEGER NOT NULL,
    weeks         INTEGER NOT NULL,
    answers       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (report_id, revision)
);

-- The reports sent before corrections existed are their own first revision.
INSERT INTO report_revisions (report_id, revision, author_id, answered_on, months, weeks, answers,
    content_hash, created_at)
SELECT id, 1, author_id, answered_on, months, weeks, answers, content_hash, created_at FROM reports;
