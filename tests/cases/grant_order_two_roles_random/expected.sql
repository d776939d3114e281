-- hazards: authz-change
GRANT UPDATE ON TABLE public.t TO case_writer;
-- hazards: authz-change
GRANT INSERT ON TABLE public.t TO case_reader;
