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
    phase text
);

-- a history table made before the online apply has no phase: added to it
ALTER TABLE schematool.history ADD COLUMN IF NOT EXISTS phase text;

COMMENT ON TABLE schematool.history IS 'One row per schematool apply (per phase of an online apply): what ran, by whom, and how it ended.';
COMMENT ON COLUMN schematool.history.phase IS 'transaction (an apply in one transaction); online-before, core, online-after or verify (a phase of an online apply).';
