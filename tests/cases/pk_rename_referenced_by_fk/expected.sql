ALTER TABLE public.countries RENAME CONSTRAINT countries_pkey TO countries_pk;
