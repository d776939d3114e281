CREATE TABLE listens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seconds integer NOT NULL
);

CREATE TABLE bookmarks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position_seconds integer NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER bookmarks_touch
    BEFORE UPDATE ON bookmarks
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
