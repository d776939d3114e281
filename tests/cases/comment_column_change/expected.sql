COMMENT ON COLUMN public.notes.owner_name IS 'Database role owning the note';
