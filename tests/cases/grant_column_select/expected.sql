-- hazards: authz-change
GRANT SELECT (id) ON TABLE public.notes TO case_reader;
-- hazards: authz-change
GRANT SELECT (title) ON TABLE public.notes TO case_reader;
