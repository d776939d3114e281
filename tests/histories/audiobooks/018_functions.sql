-- Helper functions and an updated_at trigger.
CREATE FUNCTION length_label(seconds bigint) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$ SELECT (seconds / 3600) || ' h ' || (seconds % 3600 / 60) || ' min' $$;

CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

ALTER TABLE accounts ADD COLUMN updated_at timestamptz;

CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
