ALTER TABLE public.listeners VALIDATE CONSTRAINT listeners_email_nn;
