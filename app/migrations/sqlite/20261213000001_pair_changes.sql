-- A pair's manager changed or its planned end moved (issue 24, "Edit"):
-- what it was, what it became, why, by whom and when. The pair's row holds
-- the present; this keeps the history the office reads on the pair. The
-- reason is anonymised with the pair.
CREATE TABLE pair_changes (
    id                  TEXT PRIMARY KEY NOT NULL,
    pair_id             TEXT NOT NULL REFERENCES pairs (id),
    changed_at          TEXT NOT NULL,
    changed_by          TEXT NOT NULL REFERENCES users (id),
    old_manager_id      TEXT NOT NULL REFERENCES users (id),
    new_manager_id      TEXT NOT NULL REFERENCES users (id),
    old_planned_end_on  TEXT,
    new_planned_end_on  TEXT NOT NULL,
    reason              TEXT NOT NULL CHECK (reason <> '')
);
CREATE INDEX pair_changes_pair ON pair_changes (pair_id, changed_at);
