COMMENT ON SEQUENCE public.note_number_seq IS 'Human-facing note numbers';
