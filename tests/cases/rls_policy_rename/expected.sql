-- hazards: authz-change
ALTER POLICY notes_owner ON public.notes RENAME TO notes_owner_only;
