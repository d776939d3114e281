-- Rendered from templates/sync/extension_session.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.extension_session (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES audiobooks.app_user (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    user_agent text CHECK (char_length(user_agent) BETWEEN 1 AND 500),
    extension_version text CHECK (char_length(extension_version) BETWEEN 1 AND 50),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '90 days',
    last_seen_at timestamptz,
    revoked_at timestamptz,
    CHECK (expires_at > created_at),
    CHECK (last_seen_at >= created_at),
    CHECK (revoked_at >= created_at)
);

CREATE INDEX extension_session_user_id_idx ON audiobooks.extension_session (user_id);

COMMENT ON TABLE audiobooks.extension_session IS
    'A browser extension signed in for a user (after consuming a connect token). The session secret is stored only as its SHA-256.';
COMMENT ON COLUMN audiobooks.extension_session.token_hash IS 'SHA-256 of the session secret (hash_token); the secret itself is never stored.';
COMMENT ON COLUMN audiobooks.extension_session.created_at IS 'When the session was opened.';
COMMENT ON COLUMN audiobooks.extension_session.expires_at IS 'The session is refused from this time on.';
COMMENT ON COLUMN audiobooks.extension_session.last_seen_at IS 'Last successful authenticate_extension_session().';
COMMENT ON COLUMN audiobooks.extension_session.revoked_at IS 'Set when the user or the platform ends the session; refused from then on.';

ALTER TABLE audiobooks.extension_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.extension_session FORCE ROW LEVEL SECURITY;

-- The owner sees their sessions; an extension presenting its secret sees that session only.
CREATE POLICY extension_session_select ON audiobooks.extension_session FOR SELECT
    USING (user_id = audiobooks.current_user_id() OR token_hash = audiobooks.presented_token_hash());
CREATE POLICY extension_session_insert ON audiobooks.extension_session FOR INSERT
    WITH CHECK (user_id = audiobooks.current_user_id());
CREATE POLICY extension_session_update ON audiobooks.extension_session FOR UPDATE
    USING (user_id = audiobooks.current_user_id() OR token_hash = audiobooks.presented_token_hash())
    WITH CHECK (user_id = audiobooks.current_user_id() OR token_hash = audiobooks.presented_token_hash());
CREATE POLICY extension_session_delete ON audiobooks.extension_session FOR DELETE
    USING (user_id = audiobooks.current_user_id());

GRANT SELECT, INSERT, DELETE, UPDATE (last_seen_at, revoked_at) ON audiobooks.extension_session TO audiobooks_app;

CREATE FUNCTION audiobooks.authenticate_extension_session(session_token text) RETURNS bigint
    LANGUAGE plpgsql
AS $$
DECLARE
    found_user_id bigint;
BEGIN
    PERFORM set_config('app.presented_token_hash', encode(audiobooks.hash_token(session_token), 'hex'), true);
    UPDATE audiobooks.extension_session
       SET last_seen_at = now()
     WHERE token_hash = audiobooks.hash_token(session_token)
       AND revoked_at IS NULL
       AND expires_at > now()
    RETURNING user_id INTO found_user_id;
    PERFORM set_config('app.presented_token_hash', '', true);
    RETURN found_user_id;
END;
$$;

COMMENT ON FUNCTION audiobooks.authenticate_extension_session(text) IS
    'The user of a live (unrevoked, unexpired) extension session, stamping last_seen_at; NULL for an unknown, revoked or expired secret.';
