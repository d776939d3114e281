COMMENT ON FUNCTION public.note_count(p_owner text) IS 'Counts notes of one owner';
