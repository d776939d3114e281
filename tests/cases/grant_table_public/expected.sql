-- hazards: authz-change
GRANT SELECT ON TABLE public.notes TO PUBLIC;
