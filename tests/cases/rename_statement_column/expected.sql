-- hazards: rename
ALTER TABLE public.accounts RENAME COLUMN display_name TO nickname;
