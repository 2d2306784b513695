-- An organisation may publish its aggregated results on a public page
-- (/impact/<organisation>): off until a coordinator turns it on.
ALTER TABLE organisations ADD COLUMN public_impact BOOLEAN NOT NULL DEFAULT FALSE;
