-- hazards: authz-change
REVOKE SELECT ON TABLE public.notes FROM case_reader;
-- hazards: authz-change
REVOKE INSERT ON TABLE public.notes FROM case_writer;
