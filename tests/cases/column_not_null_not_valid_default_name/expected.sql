ALTER TABLE public.listeners ADD CONSTRAINT listeners_email_not_null NOT NULL email NOT VALID;
