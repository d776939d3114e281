CREATE TYPE note_kind AS ENUM ('text', 'checklist');

REVOKE USAGE ON TYPE note_kind FROM PUBLIC;
GRANT USAGE ON TYPE note_kind TO case_reader;
