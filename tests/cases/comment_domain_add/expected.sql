COMMENT ON DOMAIN public.note_title IS 'Non-empty title';
