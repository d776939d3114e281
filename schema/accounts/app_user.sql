-- Rendered from templates/accounts/app_user.sql.j2 by `schematool render`. Edit the template, not this file.
CREATE TABLE audiobooks.app_user (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL CHECK (char_length(email) <= 320 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    email_verified_at timestamptz,
    display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 80 AND display_name = btrim(display_name)),
    avatar_key text CHECK (char_length(avatar_key) BETWEEN 1 AND 500),
    profile_visibility text NOT NULL DEFAULT 'private' CHECK (profile_visibility IN ('private', 'public')),
    default_list_visibility text NOT NULL DEFAULT 'private' CHECK (default_list_visibility IN ('private', 'public')),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deactivated')),
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    status_reason text CHECK (char_length(status_reason) BETWEEN 1 AND 500),
    last_login_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (status <> 'suspended' OR status_reason IS NOT NULL),
    CHECK (status_changed_at >= created_at)
);

-- One account per address whatever its case: Alice@Example.com is alice@example.com.
CREATE UNIQUE INDEX app_user_email_key ON audiobooks.app_user (lower(email));

COMMENT ON TABLE audiobooks.app_user IS
    'A platform account: the profile row. Credentials live in user_password and user_identity, never here. Deleting a user deletes everything they own, never catalog rows.';
COMMENT ON COLUMN audiobooks.app_user.email IS 'Login address as typed; unique regardless of case (index app_user_email_key on lower(email)).';
COMMENT ON COLUMN audiobooks.app_user.avatar_key IS 'Object-storage key of the avatar image, not the image itself.';
COMMENT ON COLUMN audiobooks.app_user.profile_visibility IS 'Privacy: whether the profile page (display name, avatar, public lists) is shown to others.';
COMMENT ON COLUMN audiobooks.app_user.default_list_visibility IS 'Privacy: visibility the app proposes for a new list.';
COMMENT ON COLUMN audiobooks.app_user.status IS 'active, suspended (by moderators; status_reason required) or deactivated (by the user).';
COMMENT ON COLUMN audiobooks.app_user.status_changed_at IS 'When status last changed; maintained by trigger app_user_track_status.';
COMMENT ON COLUMN audiobooks.app_user.status_reason IS 'Why the status was last changed (required for suspended).';
COMMENT ON COLUMN audiobooks.app_user.created_at IS 'When the row was inserted.';
COMMENT ON COLUMN audiobooks.app_user.updated_at IS 'Last change to the row; maintained by trigger app_user_set_updated_at.';

CREATE FUNCTION audiobooks.app_user_track_status() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.status_changed_at := now();
    RETURN NEW;
END;
$$;

COMMENT ON FUNCTION audiobooks.app_user_track_status() IS
    'Trigger function: stamps status_changed_at when app_user.status changes.';

CREATE TRIGGER app_user_track_status
    BEFORE UPDATE OF status ON audiobooks.app_user
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION audiobooks.app_user_track_status();

CREATE TRIGGER app_user_set_updated_at
    BEFORE UPDATE ON audiobooks.app_user
    FOR EACH ROW
    EXECUTE FUNCTION audiobooks.set_updated_at();

ALTER TABLE audiobooks.app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE audiobooks.app_user FORCE ROW LEVEL SECURITY;

-- A user sees and changes their own account. Before login the app names the address
-- being logged in or signed up (app.login_email) and sees that account only.
CREATE POLICY app_user_select ON audiobooks.app_user FOR SELECT
    USING (id = audiobooks.current_user_id() OR lower(email) = audiobooks.login_email());
CREATE POLICY app_user_insert ON audiobooks.app_user FOR INSERT
    WITH CHECK (lower(email) = audiobooks.login_email());
CREATE POLICY app_user_update ON audiobooks.app_user FOR UPDATE
    USING (id = audiobooks.current_user_id())
    WITH CHECK (id = audiobooks.current_user_id());
CREATE POLICY app_user_delete ON audiobooks.app_user FOR DELETE
    USING (id = audiobooks.current_user_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON audiobooks.app_user TO audiobooks_app;
