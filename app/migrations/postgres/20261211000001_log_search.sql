-- Searching meeting logs by the words of their description, what went well
-- and the challenge (the office's log search): a text search column kept
-- by the database, that ignores case and diacritics ("sedinta" finds
-- "ședință") and stems no language (the logs are written in many).
-- `unaccent` ships with PostgreSQL (contrib) and is a trusted extension:
-- the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION pb_words (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION pb_words
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

ALTER TABLE meeting_logs ADD COLUMN words tsvector
    GENERATED ALWAYS AS (to_tsvector('pb_words'::regconfig,
        description || ' ' || went_well_next_steps || ' ' || COALESCE(challenge_text, ''))) STORED;
CREATE INDEX meeting_logs_words ON meeting_logs USING gin (words);

-- The office's log lists go newest first, a page at a time (keyset).
CREATE INDEX meeting_logs_newest ON meeting_logs (meeting_date DESC, created_at DESC, id DESC);
