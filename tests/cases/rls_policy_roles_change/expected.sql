-- hazards: authz-change
ALTER POLICY notes_owner ON public.notes TO case_reader;
