-- hazards: blocking-lock
ALTER TABLE ONLY public.kid2 ALTER COLUMN id SET NOT NULL;
ALTER TABLE ONLY public.kid2 ALTER COLUMN n SET DEFAULT 'kid2'::text;
ALTER TABLE public.kid INHERIT public.base;
ALTER TABLE public.kid2 INHERIT public.base;
