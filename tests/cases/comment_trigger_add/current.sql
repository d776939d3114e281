CREATE TABLE notes (
    id bigint PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    title text NOT NULL,
    body text,
    CONSTRAINT notes_title_check CHECK (title <> '')
);

CREATE INDEX notes_owner_idx ON notes (owner_name);

CREATE FUNCTION notes_noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;

CREATE TRIGGER notes_noop BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION notes_noop();
