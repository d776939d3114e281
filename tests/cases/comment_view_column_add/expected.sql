COMMENT ON COLUMN public.note_titles.title IS 'Note title';
