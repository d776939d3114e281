-- Rendered from templates/sync/sync_run_issue.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.sync_run_issue (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sync_run_id bigint NOT NULL REFERENCES audiobooks.sync_run (id) ON DELETE CASCADE,
    severity text NOT NULL CHECK (severity IN ('warning', 'error')),
    code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    asin text CHECK (char_length(asin) BETWEEN 1 AND 50),
    title_id bigint REFERENCES audiobooks.title (id) ON DELETE SET NULL,
    message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 2000),
    details jsonb CHECK (jsonb_typeof(details) = 'object'),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sync_run_issue_sync_run_id_idx ON audiobooks.sync_run_issue (sync_run_id);
CREATE INDEX sync_run_issue_title_id_idx ON audiobooks.sync_run_issue (title_id);

COMMENT ON TABLE audiobooks.sync_run_issue IS 'A problem with one item during a sync run (unparseable field, unknown series, ...).';
COMMENT ON COLUMN audiobooks.sync_run_issue.code IS 'Machine-readable issue kind (snake_case); new codes need no schema change.';
COMMENT ON COLUMN audiobooks.sync_run_issue.asin IS 'The item''s ASIN as Audible sent it: unchecked on purpose, since a malformed ASIN is itself an issue.';
COMMENT ON COLUMN audiobooks.sync_run_issue.title_id IS 'The catalog title concerned, when it could be identified.';
COMMENT ON COLUMN audiobooks.sync_run_issue.details IS 'Structured context (the offending field and value) as a JSON object.';
COMMENT ON COLUMN audiobooks.sync_run_issue.created_at IS 'When the issue was recorded.';

ALTER TABLE audiobooks.sync_run_issue ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.sync_run_issue FORCE ROW LEVEL SECURITY;

-- Issues are as private as their run.
CREATE POLICY sync_run_issue_owner ON audiobooks.sync_run_issue FOR ALL
    USING (EXISTS (
        SELECT FROM audiobooks.sync_run r
        WHERE r.id = sync_run_issue.sync_run_id AND r.user_id = audiobooks.current_user_id()
    ))
    WITH CHECK (EXISTS (
        SELECT FROM audiobooks.sync_run r
        WHERE r.id = sync_run_issue.sync_run_id AND r.user_id = audiobooks.current_user_id()
    ));

GRANT SELECT, INSERT ON audiobooks.sync_run_issue TO audiobooks_app;
