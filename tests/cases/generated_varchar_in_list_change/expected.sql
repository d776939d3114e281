-- hazards: table-rewrite, blocking-lock
ALTER TABLE public.item ALTER COLUMN open SET EXPRESSION AS ((status IN ('new', 'held', 'late')));
