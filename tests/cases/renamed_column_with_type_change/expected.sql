-- hazards: rename
ALTER TABLE public.orders RENAME COLUMN quantity TO qty;
-- hazards: data-loss, table-rewrite, blocking-lock
ALTER TABLE public.orders ALTER COLUMN qty TYPE integer USING nullif(btrim(qty), '')::integer;
