CREATE TABLE notes (
    id bigint PRIMARY KEY,
    owner_name text NOT NULL DEFAULT current_user,
    title text NOT NULL,
    body text,
    CONSTRAINT notes_title_check CHECK (title <> '')
);

CREATE INDEX notes_owner_idx ON notes (owner_name);

ALTER TABLE notes ENABLE ROW LEVEL SECURITY;

CREATE POLICY notes_owner ON notes
    USING (owner_name = current_user);
