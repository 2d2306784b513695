-- The wider networks of each login attempt's address (an IPv6 /48 and /32,
-- an IPv4 /24 and /16), each with a limit of its own.
ALTER TABLE login_attempts ADD COLUMN net_wide TEXT NOT NULL DEFAULT '';
ALTER TABLE login_attempts ADD COLUMN net_wider TEXT NOT NULL DEFAULT '';
CREATE INDEX login_attempts_net_wide ON login_attempts (net_wide, attempted_at);
CREATE INDEX login_attempts_net_wider ON login_attempts (net_wider, attempted_at);
CREATE INDEX login_attempts_email ON login_attempts (email, attempted_at);

-- The addresses each account logged in from: they are not slowed when
-- strangers spend the account's budget of attempts.
CREATE TABLE login_known_addresses (
    email    TEXT NOT NULL,
    address  TEXT NOT NULL,
    last_at  TEXT NOT NULL,
    PRIMARY KEY (email, address)
);
