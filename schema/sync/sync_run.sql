-- Rendered from templates/sync/sync_run.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.sync_run (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES audiobooks.app_user (id) ON DELETE CASCADE,
    marketplace_id bigint NOT NULL REFERENCES audiobooks.marketplace (id),
    extension_session_id bigint REFERENCES audiobooks.extension_session (id) ON DELETE SET NULL,
    status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'partial', 'failed')),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    items_seen integer NOT NULL DEFAULT 0 CHECK (items_seen >= 0),
    items_added integer NOT NULL DEFAULT 0 CHECK (items_added >= 0),
    items_updated integer NOT NULL DEFAULT 0 CHECK (items_updated >= 0),
    items_marked_missing integer NOT NULL DEFAULT 0 CHECK (items_marked_missing >= 0),
    warning_count integer NOT NULL DEFAULT 0 CHECK (warning_count >= 0),
    error_message text CHECK (char_length(error_message) BETWEEN 1 AND 2000),
    -- Running exactly while unfinished; a failure says why.
    CHECK ((status = 'running') = (finished_at IS NULL)),
    CHECK (finished_at >= started_at),
    CHECK (status <> 'failed' OR error_message IS NOT NULL)
);

-- At most one running sync per user.
CREATE UNIQUE INDEX sync_run_one_running_per_user ON audiobooks.sync_run (user_id) WHERE status = 'running';
CREATE INDEX sync_run_user_id_started_at_idx ON audiobooks.sync_run (user_id, started_at DESC);
CREATE INDEX sync_run_marketplace_id_idx ON audiobooks.sync_run (marketplace_id);
CREATE INDEX sync_run_extension_session_id_idx ON audiobooks.sync_run (extension_session_id);

COMMENT ON TABLE audiobooks.sync_run IS
    'One import of a user''s Audible library by the browser extension, with its counters and outcome.';
COMMENT ON COLUMN audiobooks.sync_run.extension_session_id IS 'Session that ran the sync; NULL once that session is deleted.';
COMMENT ON COLUMN audiobooks.sync_run.status IS
    'running (finished_at NULL; one per user at most), succeeded, partial (finished with item issues) or failed (error_message set).';
COMMENT ON COLUMN audiobooks.sync_run.items_seen IS 'Library and wishlist items received from Audible.';
COMMENT ON COLUMN audiobooks.sync_run.items_added IS 'Library items created by this run.';
COMMENT ON COLUMN audiobooks.sync_run.items_updated IS 'Library items changed by this run.';
COMMENT ON COLUMN audiobooks.sync_run.items_marked_missing IS 'Library items absent from Audible''s answer, marked (missing_since), not deleted.';
COMMENT ON COLUMN audiobooks.sync_run.warning_count IS 'Warnings raised by the run (detailed in sync_run_issue).';
COMMENT ON COLUMN audiobooks.sync_run.error_message IS 'Why the run failed.';

ALTER TABLE audiobooks.sync_run ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.sync_run FORCE ROW LEVEL SECURITY;

CREATE POLICY sync_run_owner ON audiobooks.sync_run FOR ALL
    USING (user_id = audiobooks.current_user_id())
    WITH CHECK (user_id = audiobooks.current_user_id());

GRANT SELECT, INSERT, UPDATE ON audiobooks.sync_run TO audiobooks_app;
