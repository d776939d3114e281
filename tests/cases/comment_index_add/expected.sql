COMMENT ON INDEX public.notes_owner_idx IS 'Supports the RLS policy';
