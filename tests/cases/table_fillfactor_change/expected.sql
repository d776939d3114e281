ALTER TABLE public.sessions SET (fillfactor='90');
