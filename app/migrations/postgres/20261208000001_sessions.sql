-- When the session's person last typed their password (NULL: the session
-- was started without it). A phone's storage key is handed only to a
-- session whose password login is minutes old.
ALTER TABLE sessions ADD COLUMN password_at TIMESTAMPTZ;
-- What the session was started on, as the person would recognise it
-- ("Android phone, Chrome"), for the list of their sessions.
ALTER TABLE sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';
