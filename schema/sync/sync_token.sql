-- Rendered from templates/sync/sync_token.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.sync_token (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES audiobooks.app_user (id) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '10 minutes',
    consumed_at timestamptz,
    -- Short-lived: at most 15 minutes between issue and expiry.
    CHECK (expires_at > created_at AND expires_at - created_at <= interval '15 minutes'),
    CHECK (consumed_at >= created_at AND consumed_at <= expires_at)
);

CREATE INDEX sync_token_user_id_idx ON audiobooks.sync_token (user_id);

COMMENT ON TABLE audiobooks.sync_token IS
    'A connect token: shown once to the user, pasted into the browser extension, consumed once (consume_sync_token) to open an extension session. Stored only as its SHA-256.';
COMMENT ON COLUMN audiobooks.sync_token.token_hash IS 'SHA-256 of the token (hash_token); the token itself is never stored.';
COMMENT ON COLUMN audiobooks.sync_token.created_at IS 'When the token was issued.';
COMMENT ON COLUMN audiobooks.sync_token.expires_at IS 'The token is refused from this time on; at most 15 minutes after created_at.';
COMMENT ON COLUMN audiobooks.sync_token.consumed_at IS 'When the token was used; a consumed token is refused for ever.';

ALTER TABLE audiobooks.sync_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.sync_token FORCE ROW LEVEL SECURITY;

-- The owner sees their tokens; whoever presents a token sees (and may consume) that one only.
CREATE POLICY sync_token_select ON audiobooks.sync_token FOR SELECT
    USING (user_id = audiobooks.current_user_id() OR token_hash = audiobooks.presented_token_hash());
CREATE POLICY sync_token_insert ON audiobooks.sync_token FOR INSERT
    WITH CHECK (user_id = audiobooks.current_user_id());
CREATE POLICY sync_token_update ON audiobooks.sync_token FOR UPDATE
    USING (user_id = audiobooks.current_user_id() OR token_hash = audiobooks.presented_token_hash())
    WITH CHECK (user_id = audiobooks.current_user_id() OR token_hash = audiobooks.presented_token_hash());
CREATE POLICY sync_token_delete ON audiobooks.sync_token FOR DELETE
    USING (user_id = audiobooks.current_user_id());

GRANT SELECT, INSERT, DELETE, UPDATE (consumed_at) ON audiobooks.sync_token TO audiobooks_app;

CREATE FUNCTION audiobooks.issue_sync_token(for_user_id bigint, valid_for interval DEFAULT interval '10 minutes')
    RETURNS text
    LANGUAGE plpgsql
AS $$
DECLARE
    token text;
BEGIN
    -- 244 random bits from two version-4 UUIDs, URL-safe base64 without padding.
    token := translate(encode(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'), '+/=', '-_');
    INSERT INTO audiobooks.sync_token (user_id, token_hash, expires_at)
    VALUES (for_user_id, audiobooks.hash_token(token), now() + valid_for);
    RETURN token;
END;
$$;

COMMENT ON FUNCTION audiobooks.issue_sync_token(bigint, interval) IS
    'Issues a connect token for a user and returns it: the only time the token exists in the clear. Only its hash is stored.';

CREATE FUNCTION audiobooks.consume_sync_token(token text) RETURNS bigint
    LANGUAGE plpgsql
AS $$
DECLARE
    found_user_id bigint;
BEGIN
    PERFORM set_config('app.presented_token_hash', encode(audiobooks.hash_token(token), 'hex'), true);
    -- One statement: of two concurrent calls, the second waits for the first and then
    -- finds the token consumed.
    UPDATE audiobooks.sync_token
       SET consumed_at = now()
     WHERE token_hash = audiobooks.hash_token(token)
       AND consumed_at IS NULL
       AND expires_at > now()
    RETURNING user_id INTO found_user_id;
    PERFORM set_config('app.presented_token_hash', '', true);
    RETURN found_user_id;
END;
$$;

COMMENT ON FUNCTION audiobooks.consume_sync_token(text) IS
    'Consumes a connect token atomically and returns its user; NULL when the token is unknown, expired or already used.';
