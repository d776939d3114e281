COMMENT ON TABLE public.notes IS 'User notes';
