-- Rendered from templates/00_base/schema.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE SCHEMA audiobooks;

COMMENT ON SCHEMA audiobooks IS 'The audiobook platform: catalog, accounts, libraries, lists and sync.';

-- The application role may look objects up in the schema, never create them.
GRANT USAGE ON SCHEMA audiobooks TO audiobooks_app;

CREATE FUNCTION audiobooks.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION audiobooks.set_updated_at() IS
    'Trigger function: stamps updated_at with the transaction time on every UPDATE.';

-- The per-transaction identity that row-level security reads. The application runs
-- SELECT set_config('app.user_id', '<id>', true) at the start of each transaction.
CREATE FUNCTION audiobooks.current_user_id() RETURNS bigint
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT nullif(current_setting('app.user_id', true), '')::bigint
$$;

COMMENT ON FUNCTION audiobooks.current_user_id() IS
    'The app_user id of the current transaction (setting app.user_id), or NULL when none is set: row-level security then shows no user-owned rows.';

-- Pre-authentication lookups (a browser extension presenting a secret token) see exactly
-- the row whose hash matches the presented token, and nothing else.
CREATE FUNCTION audiobooks.presented_token_hash() RETURNS bytea
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT decode(nullif(current_setting('app.presented_token_hash', true), ''), 'hex')
$$;

COMMENT ON FUNCTION audiobooks.presented_token_hash() IS
    'SHA-256 (setting app.presented_token_hash, hex) of the secret token presented in this transaction, or NULL. Set by consume_sync_token() and authenticate_extension_session().';

-- Password login: before a user is known, the app names the e-mail address being
-- logged in (or signed up) and may then see that account and its credentials only.
CREATE FUNCTION audiobooks.login_email() RETURNS text
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT lower(nullif(current_setting('app.login_email', true), ''))
$$;

COMMENT ON FUNCTION audiobooks.login_email() IS
    'Lower-cased e-mail address being logged in or signed up in this transaction (setting app.login_email), or NULL.';

-- Secret tokens (connect tokens, extension sessions) are stored as this hash only.
CREATE FUNCTION audiobooks.hash_token(token text) RETURNS bytea
    LANGUAGE sql
    STABLE
    PARALLEL SAFE
AS $$
    SELECT sha256(convert_to(token, 'UTF8'))
$$;

COMMENT ON FUNCTION audiobooks.hash_token(text) IS
    'SHA-256 of a secret token''s UTF-8 bytes: the only form in which tokens are stored or compared.';
