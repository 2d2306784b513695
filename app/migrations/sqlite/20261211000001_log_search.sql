-- Searching meeting logs by the words of their description, what went well
-- and the challenge (the office's log search). An FTS5 index, kept by
-- triggers, that ignores case and diacritics ("sedinta" finds "ședință").
--
-- Each log gets a number of its own in `meeting_log_words` (an INTEGER
-- PRIMARY KEY, which VACUUM and `VACUUM INTO` backups keep): the index's
-- rows are keyed by it, never by the logs' implicit rowid, which a VACUUM
-- may renumber.
CREATE TABLE meeting_log_words (
    n       INTEGER PRIMARY KEY,
    log_id  TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE meeting_logs_fts USING fts5 (
    description, went_well_next_steps, challenge_text,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO meeting_log_words (log_id) SELECT id FROM meeting_logs ORDER BY created_at, id;
INSERT INTO meeting_logs_fts (rowid, description, went_well_next_steps, challenge_text)
    SELECT w.n, l.description, l.went_well_next_steps, COALESCE(l.challenge_text, '')
    FROM meeting_logs l JOIN meeting_log_words w ON w.log_id = l.id;

CREATE TRIGGER meeting_logs_words_insert AFTER INSERT ON meeting_logs BEGIN
    INSERT INTO meeting_log_words (log_id) VALUES (new.id);
    INSERT INTO meeting_logs_fts (rowid, description, went_well_next_steps, challenge_text)
        VALUES ((SELECT n FROM meeting_log_words WHERE log_id = new.id),
                new.description, new.went_well_next_steps, COALESCE(new.challenge_text, ''));
END;

CREATE TRIGGER meeting_logs_words_update
AFTER UPDATE OF description, went_well_next_steps, challenge_text ON meeting_logs BEGIN
    DELETE FROM meeting_logs_fts WHERE rowid = (SELECT n FROM meeting_log_words WHERE log_id = old.id);
    INSERT INTO meeting_logs_fts (rowid, description, went_well_next_steps, challenge_text)
        VALUES ((SELECT n FROM meeting_log_words WHERE log_id = new.id),
                new.description, new.went_well_next_steps, COALESCE(new.challenge_text, ''));
END;

CREATE TRIGGER meeting_logs_words_delete AFTER DELETE ON meeting_logs BEGIN
    DELETE FROM meeting_logs_fts WHERE rowid = (SELECT n FROM meeting_log_words WHERE log_id = old.id);
    DELETE FROM meeting_log_words WHERE log_id = old.id;
END;

-- The office's log lists go newest first, a page at a time (keyset).
CREATE INDEX meeting_logs_newest ON meeting_logs (meeting_date DESC, created_at DESC, id DESC);
