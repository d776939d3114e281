-- Rendered from templates/accounts/user_identity.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.user_identity (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES audiobooks.app_user (id) ON DELETE CASCADE,
    provider text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_]{1,39}$'),
    subject text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 255),
    last_used_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (provider, subject),
    UNIQUE (user_id, provider)
);

COMMENT ON TABLE audiobooks.user_identity IS
    'An external login (OpenID Connect) of a user: the provider''s stable subject id, never a token.';
COMMENT ON COLUMN audiobooks.user_identity.provider IS 'Identity provider name (google, apple, ...): lower-case identifier.';
COMMENT ON COLUMN audiobooks.user_identity.subject IS 'The provider''s stable user id (OIDC sub claim); unique per provider.';
COMMENT ON COLUMN audiobooks.user_identity.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.user_identity.updated_at IS 'Last change to the row; maintained by trigger user_identity_set_updated_at.';

CREATE TRIGGER user_identity_set_updated_at
    BEFORE UPDATE ON audiobooks.user_identity
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

ALTER TABLE audiobooks.user_identity ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.user_identity FORCE ROW LEVEL SECURITY;

-- Own rows; before login, the one identity the app names with app.login_provider and
-- app.login_subject (from a verified ID token).
CREATE POLICY user_identity_select ON audiobooks.user_identity FOR SELECT
    USING (
        user_id = audiobooks.current_user_id()
        OR (provider = current_setting('app.login_provider', true)
            AND subject = current_setting('app.login_subject', true))
    );
CREATE POLICY user_identity_write ON audiobooks.user_identity FOR ALL
    USING (user_id = audiobooks.current_user_id())
    WITH CHECK (user_id = audiobooks.current_user_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.user_identity TO audiobooks_app;
