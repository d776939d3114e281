CREATE TYPE note_kind AS ENUM ('text', 'checklist');

COMMENT ON TYPE note_kind IS 'Kinds of note';
