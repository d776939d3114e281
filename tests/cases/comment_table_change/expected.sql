COMMENT ON TABLE public.notes IS 'Private notes written by users';
