-- schematool's record of the custom steps an apply ran (steps/*.sql); made by the first
-- apply that runs one, in its transaction (a role that applies no step needs no CREATE);
-- one row per step run: its name and the sha256 of its text, when and by whom
CREATE TABLE IF NOT EXISTS schematool.custom_steps (
    name text PRIMARY KEY,
    hash text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    applied_by text NOT NULL DEFAULT current_user
);
