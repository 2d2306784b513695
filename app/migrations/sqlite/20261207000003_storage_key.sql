-- The key a mentor's phone wraps its data key with, handed only to a
-- logged-in session (so an online login opens the phone's encrypted data
-- even after the app PIN was forgotten). Made on first use.
ALTER TABLE users ADD COLUMN storage_key TEXT;
