-- A mentee asks to end the mentoring (issue 24, "Mentees"): the day they
-- asked and what they said, until the manager closes the pair. The
-- manager's home shows it as an alert; the reason is anonymised with the
-- pair.
ALTER TABLE pairs ADD COLUMN end_asked_on TEXT;
ALTER TABLE pairs ADD COLUMN end_asked_reason TEXT;
