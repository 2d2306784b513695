-- An organisation may publish its aggregated results on a public page
-- (/impact/<organisation>): off until a coordinator turns it on.
ALTER TABLE organisations ADD COLUMN public_impact INTEGER NOT NULL DEFAULT 0;
