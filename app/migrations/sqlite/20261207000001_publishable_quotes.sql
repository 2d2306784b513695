-- Answers the coordinator (or a manager of the programme) marked fit to
-- quote outside the organisation (in the PDF and Word report, on the public
-- page). The text marked is kept: a corrected answer is not publishable
-- until it is marked again.
CREATE TABLE publishable_quotes (
    report_id  TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    question   TEXT NOT NULL,
    text       TEXT NOT NULL,
    marked_at  TEXT NOT NULL,
    marked_by  TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (report_id, question)
);
