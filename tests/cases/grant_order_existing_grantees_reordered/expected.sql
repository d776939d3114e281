-- hazards: authz-change
GRANT UPDATE ON TABLE public.notes TO case_writer;
