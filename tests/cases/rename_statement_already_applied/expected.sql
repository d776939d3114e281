-- hazards: rename
ALTER TABLE public.accounts RENAME COLUMN email TO contact_email;
