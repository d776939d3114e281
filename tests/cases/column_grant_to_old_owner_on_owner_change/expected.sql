-- hazards: authz-change
ALTER TABLE public.t OWNER TO case_writer;
-- hazards: authz-change
REVOKE SELECT (c1) ON TABLE public.t FROM case_writer;
-- hazards: authz-change
GRANT SELECT (c1) ON TABLE public.t TO case_reader;
