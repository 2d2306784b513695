-- When a training or a group meeting starts, how long it lasts and where
-- (issue 24, "Schedule"): each optional; a calendar file of the event is
-- made from them.
ALTER TABLE trainings ADD COLUMN starts_at TEXT;
ALTER TABLE trainings ADD COLUMN minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 15 AND 600);
ALTER TABLE trainings ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE group_meetings ADD COLUMN starts_at TEXT;
ALTER TABLE group_meetings ADD COLUMN minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 15 AND 600);
ALTER TABLE group_meetings ADD COLUMN place TEXT NOT NULL DEFAULT '';
