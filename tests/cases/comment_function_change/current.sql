CREATE TABLE notes (
    id bigint PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    title text NOT NULL,
    body text,
    CONSTRAINT notes_title_check CHECK (title <> '')
);

CREATE INDEX notes_owner_idx ON notes (owner_name);

CREATE FUNCTION note_count(p_owner text) RETURNS bigint
LANGUAGE sql STABLE
AS $$ SELECT count(*) FROM notes WHERE owner_name = p_owner $$;

COMMENT ON FUNCTION note_count(text) IS 'Number of notes per owner';
