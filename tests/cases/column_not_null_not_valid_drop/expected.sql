ALTER TABLE public.listeners DROP CONSTRAINT listeners_email_nn;
