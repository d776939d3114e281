-- hazards: authz-change
GRANT SELECT ON TABLE public.notes TO case_writer WITH GRANT OPTION;
