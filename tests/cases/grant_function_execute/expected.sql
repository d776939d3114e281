-- hazards: authz-change
GRANT EXECUTE ON FUNCTION public.note_count(text) TO case_reader;
