-- One-time links that act on an account: the reset of a forgotten password
-- (emailed to the person, or made by their manager for someone who reads no
-- email) and a new email address to confirm. Only a hash of each token is
-- kept; a link works once, until it expires.
CREATE TABLE account_links (
    token_hash  TEXT PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('reset', 'email')),
    new_email   TEXT,
    made_by     UUID REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX account_links_user ON account_links (user_id, purpose, created_at);

-- An invitation withdrawn by the person who may make it no longer opens.
ALTER TABLE invitations ADD COLUMN withdrawn_at TIMESTAMPTZ;
