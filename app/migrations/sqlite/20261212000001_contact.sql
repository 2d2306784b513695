-- How to reach a person (issue 24, "Reach"): a phone number as typed and
-- the way they prefer. Part of the profile kept with consent: shown to the
-- programme's managers and the pair's mentor only, exported with the
-- person and erased with them.
ALTER TABLE candidates ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE candidates ADD COLUMN contact_way TEXT
    CHECK (contact_way IN ('call', 'sms', 'whatsapp', 'email'));
