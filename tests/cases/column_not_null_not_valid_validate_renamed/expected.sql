ALTER TABLE public.listeners VALIDATE CONSTRAINT listeners_email_nn;
ALTER TABLE public.listeners RENAME CONSTRAINT listeners_email_nn TO listeners_email_required;
