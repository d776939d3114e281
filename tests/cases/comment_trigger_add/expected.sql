COMMENT ON TRIGGER notes_noop ON public.notes IS 'Placeholder trigger';
