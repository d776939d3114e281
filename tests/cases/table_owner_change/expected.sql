-- hazards: authz-change
ALTER TABLE public.customers OWNER TO case_writer;
