COMMENT ON COLUMN public.notes.owner_name IS 'Role that created the note';
