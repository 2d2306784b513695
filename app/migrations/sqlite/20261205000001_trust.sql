-- Trust (issue 10). Login attempts replace login failures: an attempt is
-- recorded before its password is checked (so attempts made at the same
-- moment count each other), by account and by address (an IPv6 /64 as
-- one); a successful login forgets its account's attempts from that
-- address.

DROP TABLE login_failures;

CREATE TABLE login_attempts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL,
    address       TEXT NOT NULL,
    attempted_at  TEXT NOT NULL
);
CREATE INDEX login_attempts_account ON login_attempts (email, address, attempted_at);
CREATE INDEX login_attempts_address ON login_attempts (address, attempted_at);
