COMMENT ON VIEW public.note_titles IS 'Titles only';
