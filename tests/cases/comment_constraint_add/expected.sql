COMMENT ON CONSTRAINT notes_title_check ON public.notes IS 'Titles may not be empty';
