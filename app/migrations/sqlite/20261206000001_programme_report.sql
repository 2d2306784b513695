-- The programme report's narrative: the sections the coordinator (or a
-- manager of the programme) writes; every number beside them comes from
-- the data. One text per section, saved as typed.
CREATE TABLE report_narratives (
    programme_id  TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    section       TEXT NOT NULL CHECK (section IN ('introduction', 'context', 'results_summary',
                      'challenges', 'final_remarks')),
    text          TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (programme_id, section)
);
