COMMENT ON COLUMN public.notes.owner_name IS NULL;
