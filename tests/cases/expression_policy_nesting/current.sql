CREATE TABLE note (
    id bigint PRIMARY KEY,
    owner_id integer NOT NULL,
    editor_id integer,
    level integer NOT NULL
);
ALTER TABLE note ENABLE ROW LEVEL SECURITY;
CREATE POLICY note_visible ON note
    USING (level BETWEEN 1 AND 3 AND owner_id > 0)
    WITH CHECK (owner_id IN (editor_id, level) OR level > 5);
