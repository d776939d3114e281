-- hazards: authz-change
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE public.notes TO case_writer;
