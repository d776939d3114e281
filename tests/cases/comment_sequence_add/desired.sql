CREATE SEQUENCE note_number_seq;

COMMENT ON SEQUENCE note_number_seq IS 'Human-facing note numbers';
