ALTER TABLE public.item DROP COLUMN open;
-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.item ADD COLUMN open boolean GENERATED ALWAYS AS ((status IN ('new', 'held', 'late'))) STORED;
