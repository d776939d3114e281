ALTER TABLE public.kid INHERIT public.base;
