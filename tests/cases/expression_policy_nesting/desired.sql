CREATE TABLE note (
    id bigint PRIMARY KEY,
    owner_id integer NOT NULL,
    editor_id integer,
    level integer NOT NULL
);
ALTER TABLE note ENABLE ROW LEVEL SECURITY;
CREATE POLICY note_visible ON note
    USING (level >= 1 AND level <= 3 AND owner_id > 0)
    WITH CHECK (owner_id = editor_id OR owner_id = level OR level > 5);
