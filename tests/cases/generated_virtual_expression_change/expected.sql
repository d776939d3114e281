ALTER TABLE public.plays ALTER COLUMN minutes SET EXPRESSION AS ((seconds / 61));
