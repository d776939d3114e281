-- hazards: authz-change
GRANT UPDATE (body) ON TABLE public.notes TO case_writer;
-- hazards: authz-change
GRANT SELECT (body), UPDATE (body) ON TABLE public.notes TO case_reader;
-- hazards: authz-change
GRANT UPDATE (title) ON TABLE public.notes TO case_writer;
