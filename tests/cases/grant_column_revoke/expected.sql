-- hazards: authz-change
REVOKE SELECT (body) ON TABLE public.notes FROM case_reader;
