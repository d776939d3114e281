-- hazards: authz-change
ALTER TABLE public.notes FORCE ROW LEVEL SECURITY;
