ALTER TABLE public.plays DROP COLUMN minutes;
ALTER TABLE public.plays ADD COLUMN minutes integer GENERATED ALWAYS AS ((seconds / 60)) VIRTUAL;
