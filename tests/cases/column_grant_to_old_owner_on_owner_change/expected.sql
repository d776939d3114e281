-- hazards: authz-change
ALTER TABLE public.t OWNER TO case_writer;
