-- A report answered on paper (issue 24, "Paper") by a mentee or mentor
-- without a device, typed in by a manager of the programme: its author is
-- the manager, its date the paper's, and this says it came from paper.
ALTER TABLE reports ADD COLUMN on_paper BOOLEAN NOT NULL DEFAULT FALSE;
