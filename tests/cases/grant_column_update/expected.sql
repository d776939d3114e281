-- hazards: authz-change
GRANT UPDATE (body) ON TABLE public.notes TO case_writer;
