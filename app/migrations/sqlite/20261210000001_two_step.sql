-- Two-step login: a time-based code from an authenticator app (TOTP,
-- RFC 6238) after the password. The app's secret is kept wrapped under the
-- server secret (a copy of the database does not give the codes);
-- confirmed_at is empty while the person has not yet typed a first code.
-- last_step: the time step of the last code accepted (a code works once).
CREATE TABLE two_step (
    user_id       TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    confirmed_at  TEXT,
    last_step     INTEGER NOT NULL DEFAULT 0
);

-- One-time recovery codes for a lost authenticator: only their hashes.
CREATE TABLE recovery_codes (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (user_id, code_hash)
);

-- A password typed right, waiting for its second step (a code, or the
-- setting up of two-step login the organisation requires): minutes long,
-- a few tries, only the hash of its token (in a cookie of its own).
CREATE TABLE login_challenges (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    tries       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX login_challenges_user ON login_challenges (user_id);

-- An organisation may require two-step login of its coordinators and managers.
ALTER TABLE organisations ADD COLUMN require_two_step INTEGER NOT NULL DEFAULT 0;

-- How often a person wants the digest of what to act on (a safeguarding
-- concern is told at once all the same).
ALTER TABLE users ADD COLUMN email_digest TEXT NOT NULL DEFAULT 'daily' CHECK (email_digest IN ('daily', 'weekly', 'off'));
