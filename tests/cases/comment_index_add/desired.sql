CREATE TABLE notes (
    id bigint PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    title text NOT NULL,
    body text,
    CONSTRAINT notes_title_check CHECK (title <> '')
);

CREATE INDEX notes_owner_idx ON notes (owner_name);

COMMENT ON INDEX notes_owner_idx IS 'Supports the RLS policy';
