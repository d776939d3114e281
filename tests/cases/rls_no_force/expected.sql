-- hazards: authz-change
ALTER TABLE public.notes NO FORCE ROW LEVEL SECURITY;
