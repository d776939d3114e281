COMMENT ON CONSTRAINT chapters_length_check ON public.chapters IS 'a chapter is never empty';
