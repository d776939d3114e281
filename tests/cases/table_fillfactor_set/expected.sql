ALTER TABLE public.sessions SET (fillfactor='70');
