COMMENT ON FUNCTION public.note_count(p_owner text) IS 'Number of notes per owner';
