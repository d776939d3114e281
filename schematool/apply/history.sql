-- schematool's own bookkeeping; the schema `schematool` is never diffed.
CREATE SCHEMA IF NOT EXISTS schematool;

CREATE TABLE IF NOT EXISTS schematool.history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    applied_by text NOT NULL DEFAULT current_user,
    client text NOT NULL,
    tool_version text NOT NULL,
    plan_hash text NOT NULL,
    statements jsonb NOT NULL,
    duration_ms integer NOT NULL CHECK (duration_ms >= 0),
    outcome text NOT NULL CHECK (outcome IN ('applied', 'failed')),
    error text,
    renames jsonb NOT NULL DEFAULT '[]',
    phase text,
    rollout text
);

-- a table made by a version before renames were recorded, or before the online apply
ALTER TABLE schematool.history ADD COLUMN IF NOT EXISTS renames jsonb NOT NULL DEFAULT '[]';
ALTER TABLE schematool.history ADD COLUMN IF NOT EXISTS phase text;
ALTER TABLE schematool.history ADD COLUMN IF NOT EXISTS rollout text;
COMMENT ON COLUMN schematool.history.renames IS
    'The renames the apply ran: kind, from, to, and because (the annotation''s file:line, or the rename it follows).';

COMMENT ON TABLE schematool.history IS 'One row per schematool apply (per phase of an online apply): what ran, by whom, and how it ended.';
COMMENT ON COLUMN schematool.history.phase IS 'transaction (an apply in one transaction); plan (an apply that gave up reading the target); online-before, core, online-after or verify (a phase of an online apply).';
COMMENT ON COLUMN schematool.history.rollout IS 'The fleet rollout (apply --targets or --fleet) the apply was part of; null for an apply of one database.';
