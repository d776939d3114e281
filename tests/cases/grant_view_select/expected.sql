-- hazards: authz-change
GRANT SELECT ON TABLE public.note_titles TO case_reader;
