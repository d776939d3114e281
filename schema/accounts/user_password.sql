-- Rendered from templates/accounts/user_password.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.user_password (
    user_id bigint PRIMARY KEY REFERENCES audiobooks.app_user (id) ON DELETE CASCADE,
    password_hash text NOT NULL CHECK (
        char_length(password_hash) <= 255
        AND (password_hash ~ '^\$argon2id\$v=[0-9]+\$[^$]+\$[^$]+\$[^$]+$'
             OR password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$')
    ),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE audiobooks.user_password IS
    'A user''s password credential, kept out of the profile row. One per user at most.';
COMMENT ON COLUMN audiobooks.user_password.password_hash IS
    'Argon2id (PHC string) or bcrypt hash; the CHECK refuses anything that is not shaped like one, so a plain password cannot be stored.';
COMMENT ON COLUMN audiobooks.user_password.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.user_password.updated_at IS 'Last change to the row; maintained by trigger user_password_set_updated_at.';

CREATE TRIGGER user_password_set_updated_at
    BEFORE UPDATE ON audiobooks.user_password
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

ALTER TABLE audiobooks.user_password ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.user_password FORCE ROW LEVEL SECURITY;

-- Own row; before login, the row of the account named by app.login_email.
CREATE POLICY user_password_select ON audiobooks.user_password FOR SELECT
    USING (
        user_id = audiobooks.current_user_id()
        OR user_id IN (SELECT u.id FROM audiobooks.app_user u WHERE lower(u.email) = audiobooks.login_email())
    );
CREATE POLICY user_password_write ON audiobooks.user_password FOR ALL
    USING (user_id = audiobooks.current_user_id())
    WITH CHECK (user_id = audiobooks.current_user_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.user_password TO audiobooks_app;
