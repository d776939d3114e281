-- hazards: rename
ALTER TABLE public.listens RENAME TO plays;
-- hazards: rename
ALTER TABLE public.plays RENAME COLUMN at TO played_at;
