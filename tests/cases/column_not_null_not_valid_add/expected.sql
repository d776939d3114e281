ALTER TABLE public.listeners ADD CONSTRAINT listeners_email_nn NOT NULL email NOT VALID;
