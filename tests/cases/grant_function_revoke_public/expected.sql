-- hazards: authz-change
REVOKE EXECUTE ON FUNCTION public.note_count(text) FROM PUBLIC;
-- hazards: authz-change
GRANT EXECUTE ON FUNCTION public.note_count(text) TO case_reader;
