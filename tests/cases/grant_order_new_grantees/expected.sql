-- hazards: authz-change
GRANT INSERT, SELECT, UPDATE ON TABLE public.notes TO case_writer;
-- hazards: authz-change
GRANT SELECT ON TABLE public.notes TO case_reader;
-- hazards: authz-change
GRANT SELECT ON TABLE public.notes TO PUBLIC;
-- hazards: authz-change
REVOKE EXECUTE ON FUNCTION public.note_count() FROM PUBLIC;
-- hazards: authz-change
GRANT EXECUTE ON FUNCTION public.note_count() TO case_writer;
-- hazards: authz-change
GRANT EXECUTE ON FUNCTION public.note_count() TO case_reader;
