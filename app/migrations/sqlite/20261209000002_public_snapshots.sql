-- The public impact page as made for a month: what everyone sees all that
-- month (a page that changed with every new report could be compared from
-- one day to the next to learn one person's answer). Made again when the
-- month turns or the organisation publishes again; dropped whenever a
-- person is erased or anonymised (a quote of theirs may be on it).
CREATE TABLE public_snapshots (
    organisation_id  TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    lang             TEXT NOT NULL,
    month            TEXT NOT NULL,
    html             TEXT NOT NULL,
    made_at          TEXT NOT NULL,
    PRIMARY KEY (organisation_id, lang)
);
