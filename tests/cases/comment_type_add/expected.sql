COMMENT ON TYPE public.note_kind IS 'Kinds of note';
