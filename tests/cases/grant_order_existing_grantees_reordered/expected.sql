-- hazards: authz-change
REVOKE SELECT ON TABLE public.notes FROM case_reader;
-- hazards: authz-change
GRANT UPDATE ON TABLE public.notes TO case_writer;
-- hazards: authz-change
GRANT SELECT ON TABLE public.notes TO case_reader;
